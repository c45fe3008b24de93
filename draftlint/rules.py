"""Load the rule packs (rules/*.toml) into validated Rule objects with compiled kinds."""

from __future__ import annotations

import functools
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .kinds import KINDS, Kind
from .model import CATEGORIES, PARTS, TEXT_PARTS, Severity


class RuleError(Exception):
    """A rule pack that is malformed; the message names the file and the rule."""


# Keys every rule may carry; anything else must be an option of its kind.
COMMON_KEYS = frozenset({
    "type", "severity", "category", "enabled", "parts", "exceptions", "message",
    "summary", "why", "fix", "fixable", "examples", "aliases",
})
EXAMPLE_KEYS = frozenset({"bad", "good", "fixed", "docx"})
# Documentation keys that take a string (English) or a table of zh and en, like `message`.
DOC_KEYS = ("summary", "why", "fix")
DOC_LANGS = ("zh", "en")


class _KindSpec:
    """What a rule's kind is built from; built on first use (see `_LazyKind`)."""

    __slots__ = ("kind_name", "options", "base_dir", "source", "name")

    def __init__(self, kind_name: str, options: Mapping[str, Any], base_dir: Path,
                 source: str, name: str) -> None:
        self.kind_name, self.options, self.base_dir = kind_name, options, base_dir
        self.source, self.name = source, name

    def build(self) -> Kind:
        """Import the kind's module and compile the options; RuleError names the rule."""
        try:
            return KINDS[self.kind_name].from_options(self.options, self.base_dir)
        except (ValueError, TypeError) as exc:
            raise _fail(self.source, self.name, str(exc)) from None


class _LazyKind:
    """`Rule.kind`: compiled on first access, so loading the packs parses TOML only.

    A run compiles just the rules it selected (`--select placeholder` compiles no
    typo tables). tests/test_rule_schema.py compiles every shipped rule, so a broken
    pattern still fails CI, and Runner.create compiles the selected rules before any
    file is read, so a broken pack is still a usage error (exit 2), not a rule crash.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot = "_" + name

    def __get__(self, obj: Any, objtype: type | None = None) -> Kind:
        if obj is None:
            raise AttributeError("kind")  # no class-level default for the dataclass field
        value = obj.__dict__[self.slot]
        if isinstance(value, _KindSpec):
            value = value.build()
            obj.__dict__[self.slot] = value  # the frozen dataclass's own cache slot
        return value

    def __set__(self, obj: Any, value: Any) -> None:
        obj.__dict__[self.slot] = value


@dataclass(frozen=True)
class Rule:
    """One rule instance from a pack: its metadata, docs, examples and compiled kind."""

    id: str
    pack: str
    kind_name: str
    kind: Kind = _LazyKind()  # type: ignore[assignment]  # a _KindSpec until first use
    category: str
    severity: Severity
    enabled: bool
    parts: tuple[str, ...]
    messages: Mapping[str, str]
    summary: str
    why: str = ""
    fix: str = ""
    # summary/why/fix by language ({"summary": {"en": …, "zh": …}, …}); the three
    # fields above keep the English (SARIF and the README's rule table use it).
    docs: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    fixable: bool = False
    exceptions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    examples: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    source: str = ""

    def message(self, lang: str) -> str:
        """The message template in `lang`, falling back to English then Chinese."""
        return self.messages.get(lang) or self.messages.get("en") or self.messages["zh"]

    def doc(self, key: str, lang: str) -> str:
        """The rule's `key` text ("summary", "why" or "fix") in `lang`, else English, else ""."""
        texts = self.docs.get(key) or {}
        return texts.get(lang) or texts.get("en") or getattr(self, key, "")

    def doc_in(self, key: str, lang: str) -> str | None:
        """The rule's `key` text written in exactly `lang`, or None (no fallback)."""
        return (self.docs.get(key) or {}).get(lang)

    def with_overrides(self, **changes: Any) -> "Rule":
        """A copy with some fields replaced (config overrides)."""
        import dataclasses
        return dataclasses.replace(self, **changes)


def rules_dir() -> Path:
    """Where the rule packs live: bundled in the wheel, or beside the package in a checkout."""
    here = Path(__file__).resolve().parent
    bundled = here / "rules"
    return bundled if bundled.is_dir() else here.parent / "rules"


def _fail(source: str, rule: str | None, msg: str) -> RuleError:
    where = f"{source}: [{rule}]" if rule else source
    return RuleError(f"{where}: {msg}")


def _str_tuple(value: Any, source: str, name: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(source, name, f"{key!r} must be a list of strings")
    return tuple(value)


def _doc_texts(table: Mapping[str, Any], key: str, source: str, name: str) -> dict[str, str]:
    """`summary`/`why`/`fix` by language: a plain string is English; a table needs zh and en.

    `summary = "…"` (a user's own pack) gives {"en": "…"}; `summary.zh = "…"` with
    `summary.en = "…"` (the bundled packs) gives both; an absent key gives {}.
    """
    value = table.get(key)
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value} if value else {}
    if not isinstance(value, Mapping):
        raise _fail(source, name, f"{key!r} must be a string or a table with "
                    f"{key}.zh and {key}.en")
    unknown = sorted(set(value) - set(DOC_LANGS))
    if unknown:
        raise _fail(source, name, f"unknown language(s) {', '.join(unknown)} in {key!r}; "
                    f"expected {key}.zh and {key}.en")
    missing = [lang for lang in DOC_LANGS if lang not in value]
    if missing:
        raise _fail(source, name, f"needs {key}.zh and {key}.en (missing {key}.{missing[0]})")
    for lang in DOC_LANGS:
        if not isinstance(value[lang], str) or not value[lang].strip():
            raise _fail(source, name, f"{key}.{lang} must be a non-empty string")
    return {lang: value[lang] for lang in DOC_LANGS}


def _english(texts: Mapping[str, str]) -> str:
    """The English of a doc text ("" when absent)."""
    return texts.get("en", "")


def parse_rule(pack: str, name: str, table: Mapping[str, Any], source: str,
               base_dir: Path) -> Rule:
    """Validate one TOML table and build its Rule (its kind is compiled on first use)."""
    if not isinstance(table, Mapping):
        raise _fail(source, name, "a rule must be a table")
    kind_name = table.get("type")
    if kind_name not in KINDS:
        raise _fail(source, name, f"unknown type {kind_name!r}; "
                    f"expected one of: {', '.join(sorted(KINDS))}")
    options = {k: v for k, v in table.items() if k not in COMMON_KEYS}
    kind = _KindSpec(kind_name, options, base_dir, source, name)
    try:
        severity = Severity.parse(table.get("severity", "warning"))
    except ValueError as exc:
        raise _fail(source, name, str(exc)) from None
    category = table.get("category", pack)
    if category not in CATEGORIES:
        raise _fail(source, name, f"unknown category {category!r}; "
                    f"expected one of: {', '.join(CATEGORIES)}")
    parts = _str_tuple(table.get("parts", list(TEXT_PARTS)), source, name, "parts")
    for p in parts:
        if p not in PARTS:
            raise _fail(source, name, f"unknown part {p!r}; expected one of: {', '.join(PARTS)}")
    messages = table.get("message")
    if not isinstance(messages, Mapping) or not {"zh", "en"} <= set(messages):
        raise _fail(source, name, "needs message.zh and message.en")
    docs = {key: _doc_texts(table, key, source, name) for key in DOC_KEYS}
    if not docs["summary"]:
        raise _fail(source, name, "needs a summary")
    examples_raw = table.get("examples", {})
    if not isinstance(examples_raw, Mapping):
        raise _fail(source, name, "'examples' must be a table")
    unknown = set(examples_raw) - EXAMPLE_KEYS
    if unknown:
        raise _fail(source, name, f"unknown examples key(s) {sorted(unknown)}; "
                    f"expected: {', '.join(sorted(EXAMPLE_KEYS))}")
    examples = {k: _str_tuple(v, source, name, f"examples.{k}") for k, v in examples_raw.items()}
    if "fixed" in examples and len(examples["fixed"]) != len(examples.get("bad", ())):
        raise _fail(source, name, "examples.fixed must be parallel to examples.bad")
    return Rule(
        id=f"{pack}.{name}",
        pack=pack,
        kind_name=kind_name,
        kind=kind,
        category=category,
        severity=severity,
        enabled=bool(table.get("enabled", True)),
        parts=parts,
        messages=dict(messages),
        summary=_english(docs["summary"]),
        why=_english(docs["why"]),
        fix=_english(docs["fix"]),
        docs={k: v for k, v in docs.items() if v},
        fixable=bool(table.get("fixable", False)),
        exceptions=_str_tuple(table.get("exceptions", []), source, name, "exceptions"),
        aliases=_str_tuple(table.get("aliases", []), source, name, "aliases"),
        examples=examples,
        options=options,
        source=source,
    )


def load_pack(path: Path) -> list[Rule]:
    """Parse one rules/<pack>.toml file."""
    pack = path.stem
    source = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{source}: invalid TOML: {exc}") from None
    return [parse_rule(pack, name, table, source, path.parent) for name, table in data.items()]


@functools.lru_cache(maxsize=4)
def load_rules(directory: Path | None = None) -> tuple[Rule, ...]:
    """Every rule of every pack in `directory` (default: rules_dir()), parsed once.

    A rule's kind compiles on first use of `rule.kind`; `compile_rules` forces it.
    """
    directory = directory or rules_dir()
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        for rule in load_pack(path):
            for name in (rule.id, *rule.aliases):
                if name in seen:
                    raise RuleError(f"{path.name}: rule id {name!r} also defined in {seen[name]}")
                seen[name] = path.name
            rules.append(rule)
    return tuple(rules)


def compile_rules(rules: Iterable[Rule]) -> None:
    """Compile the kinds of `rules` now; RuleError for the first broken one."""
    for rule in rules:
        rule.kind  # noqa: B018 - the lazy property compiles and caches


def rule_index(rules: tuple[Rule, ...]) -> dict[str, Rule]:
    """Map every id and alias to its rule."""
    index: dict[str, Rule] = {}
    for r in rules:
        index[r.id] = r
        for a in r.aliases:
            index[a] = r
    return index
