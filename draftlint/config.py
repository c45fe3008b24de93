"""Find, load, merge and validate configuration (.draftlint.toml or [tool.draftlint])."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

from .globs import glob_match
from .model import PARTS, Severity

CONFIG_NAME = ".draftlint.toml"

# Every key a config file may hold, with the Python type its value must have.
KEYS: dict[str, type | tuple[type, ...]] = {
    "extends": str,
    "locale": str,
    "fail-on": str,
    "select": list,
    "ignore": list,
    "exclude": list,
    "accept": list,
    "rules": dict,
    "per-file-ignores": dict,
    "report-year": int,
    "authors": list,
    "company": list,
    "words": list,
}
# What a [rules."id"] table may change.
RULE_OVERRIDE_KEYS: dict[str, type | tuple[type, ...]] = {
    "severity": str,
    "enabled": bool,
    "exceptions": list,
    "parts": list,
}
LOCALES = ("zh", "en")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and what is allowed."""


@dataclass(frozen=True)
class Config:
    """Resolved settings for one run."""

    locale: str | None = None
    fail_on: Severity = Severity.ERROR
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    report_year: int | None = None
    authors: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    root: Path | None = None  # folder of the config file; globs are relative to it
    sources: tuple[Path, ...] = ()

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rule selectors that per-file-ignores silence for this path."""
        rel = self.relative(path)
        out: list[str] = []
        for pattern, ids in self.per_file_ignores.items():
            if glob_match(pattern, rel) or glob_match(pattern, path):
                out.extend(ids)
        return tuple(out)

    def excluded(self, path: str) -> bool:
        """True when an `exclude` glob matches the path."""
        rel = self.relative(path)
        return any(glob_match(p, rel) or glob_match(p, path) for p in self.exclude)

    def relative(self, path: str) -> str:
        """The path relative to the config's folder when it lies below it, `/`-separated."""
        if self.root is not None:
            try:
                return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
            except (ValueError, OSError):
                pass
        return Path(path).as_posix()


def default_locale(environ: Mapping[str, str] = os.environ) -> str:
    """zh when the locale environment names Chinese (LANG=zh_CN.UTF-8), else en."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def find_config(start: Path) -> tuple[Path, bool] | None:
    """The nearest .draftlint.toml, or pyproject.toml with [tool.draftlint], walking up.

    Returns (path, is_pyproject) or None.
    """
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate, False
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError):
                continue
            if isinstance(data.get("tool"), dict) and "draftlint" in data["tool"]:
                return pyproject, True
    return None


def _read_table(path: Path, is_pyproject: bool) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: config is not UTF-8") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib's message already ends with "(at line L, column C)".
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if is_pyproject:
        data = data.get("tool", {}).get("draftlint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.draftlint] must be a table")
    return data


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; lists and scalars replace."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _load_chain(path: Path, is_pyproject: bool, seen: tuple[Path, ...]) -> tuple[dict[str, Any], tuple[Path, ...]]:
    resolved = path.resolve()
    if resolved in seen:
        chain = " -> ".join(str(p) for p in (*seen, resolved))
        raise ConfigError(f"{path}: 'extends' cycle: {chain}")
    data = _read_table(path, is_pyproject)
    sources = (*seen, resolved)
    parent = data.pop("extends", None)
    if parent is None:
        return data, sources
    if not isinstance(parent, str):
        raise ConfigError(f"{path}: 'extends' must be a path string")
    parent_path = (path.parent / parent)
    if not parent_path.is_file():
        raise ConfigError(f"{path}: 'extends' names a missing file: {parent}")
    base, sources = _load_chain(parent_path, parent_path.name == "pyproject.toml", sources)
    return _merge(base, data), sources


def _validate(data: Mapping[str, Any], where: str, rule_ids: set[str]) -> None:
    unknown = sorted(set(data) - set(KEYS))
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; "
                          f"allowed: {', '.join(sorted(KEYS))}")
    for key, value in data.items():
        if not isinstance(value, KEYS[key]) or isinstance(value, bool) and KEYS[key] is int:
            raise ConfigError(f"{where}: {key!r} must be a {KEYS[key].__name__}")
        if isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: {key!r} must be a list of strings")
    if "locale" in data and data["locale"] not in LOCALES:
        raise ConfigError(f"{where}: locale {data['locale']!r} is not one of: {', '.join(LOCALES)}")
    if "fail-on" in data:
        try:
            Severity.parse(data["fail-on"])
        except ValueError as exc:
            raise ConfigError(f"{where}: fail-on: {exc}") from None
    for key in ("select", "ignore"):
        for sel in data.get(key, []):
            check_selector(sel, rule_ids, f"{where}: {key}")
    for rid, table in data.get("rules", {}).items():
        if rid not in rule_ids:
            raise ConfigError(f"{where}: [rules.{rid!r}]: unknown rule id; "
                              f"see `draftlint rules` for the list")
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [rules.{rid!r}] must be a table")
        bad = sorted(set(table) - set(RULE_OVERRIDE_KEYS))
        if bad:
            raise ConfigError(f"{where}: [rules.{rid!r}]: unknown key(s) {', '.join(bad)}; "
                              f"allowed: {', '.join(sorted(RULE_OVERRIDE_KEYS))}")
        for key, value in table.items():
            if not isinstance(value, RULE_OVERRIDE_KEYS[key]):
                raise ConfigError(f"{where}: [rules.{rid!r}].{key} has the wrong type")
        if "severity" in table:
            try:
                Severity.parse(table["severity"])
            except ValueError as exc:
                raise ConfigError(f"{where}: [rules.{rid!r}]: {exc}") from None
        # parts = ["footnotes"] (the plural `explain` prints) would match no block and
        # silently switch the rule off: only the model's part names are accepted.
        for part in table.get("parts", []):
            if part not in PARTS:
                raise ConfigError(f"{where}: [rules.{rid!r}].parts: unknown part {part!r}; "
                                  f"expected one of: {', '.join(PARTS)}")
    for pattern, ids in data.get("per-file-ignores", {}).items():
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise ConfigError(f"{where}: per-file-ignores[{pattern!r}] must be a list of rule ids")
        for sel in ids:
            check_selector(sel, rule_ids, f"{where}: per-file-ignores[{pattern!r}]")


def check_selector(selector: str, rule_ids: set[str], where: str) -> None:
    """Raise ConfigError unless `selector` is "all", a rule id, or a prefix of one."""
    if selector in ("all", "ALL") or selector in rule_ids:
        return
    if any(r.startswith(selector + ".") for r in rule_ids):
        return
    packs = sorted({r.split(".")[0] for r in rule_ids})
    raise ConfigError(f"{where}: unknown rule or pack {selector!r}; "
                      f"packs: {', '.join(packs)} (see `draftlint rules`)")


def load(rule_ids: set[str], explicit: Path | None = None, start: Path | None = None) -> Config:
    """Resolve the config for a run: --config, else the nearest file, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError(f"{explicit}: config file not found")
        found: tuple[Path, bool] | None = (explicit, explicit.name == "pyproject.toml")
    else:
        found = find_config(start or Path.cwd())
    if found is None:
        return Config()
    path, is_pyproject = found
    data, sources = _load_chain(path, is_pyproject, ())
    _validate(data, str(path), rule_ids)
    return from_mapping(data, root=path.parent.resolve(), sources=sources)


def from_mapping(data: Mapping[str, Any], root: Path | None = None,
                 sources: tuple[Path, ...] = ()) -> Config:
    """Build a Config from an already validated table (also used by the Python API)."""
    return Config(
        locale=data.get("locale"),
        fail_on=Severity.parse(data.get("fail-on", "error")),
        select=tuple(data.get("select", ())),
        ignore=tuple(data.get("ignore", ())),
        exclude=tuple(data.get("exclude", ())),
        accept=tuple(data.get("accept", ())),
        rules={k: dict(v) for k, v in data.get("rules", {}).items()},
        per_file_ignores={k: tuple(v) for k, v in data.get("per-file-ignores", {}).items()},
        report_year=data.get("report-year"),
        authors=tuple(data.get("authors", ())),
        company=tuple(data.get("company", ())),
        words=tuple(data.get("words", ())),
        root=root,
        sources=sources,
    )


def validate_mapping(data: Mapping[str, Any], rule_ids: set[str], where: str = "config") -> None:
    """Validate a config table given in code (the Python API's `config=` argument)."""
    _validate(data, where, rule_ids)
