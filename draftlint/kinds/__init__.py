"""Rule kinds: code that finds spans; KINDS maps each `type` name of a rule to its class."""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Protocol, Sequence

from ..model import Block, Document, Hit


@dataclass(frozen=True)
class LintContext:
    """Run-wide facts a kind may need: configured values and today's date."""

    today: date = field(default_factory=date.today)
    report_year: int | None = None
    authors: tuple[str, ...] = ()
    company: tuple[str, ...] = ()
    words: frozenset[str] = frozenset()


class Kind(Protocol):
    """A kind: validated options plus `check`, which yields hits and nothing else."""

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Kind":
        """Validate a rule's kind options; ValueError lists what is allowed."""

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield the hits of this rule in the given blocks."""


def check_options(kind: str, options: Mapping[str, Any], allowed: Mapping[str, type | tuple],
                  required: Iterable[str] = ()) -> None:
    """Raise ValueError for unknown, missing or mistyped kind options."""
    unknown = set(options) - set(allowed)
    if unknown:
        raise ValueError(f"unknown option(s) {', '.join(sorted(unknown))} for type {kind!r}; "
                         f"allowed: {', '.join(sorted(allowed)) or 'none'}")
    for key in required:
        if key not in options:
            raise ValueError(f"type {kind!r} needs option {key!r}")
    for key, value in options.items():
        if not isinstance(value, allowed[key]):
            raise ValueError(f"option {key!r} of type {kind!r} has the wrong type "
                             f"({type(value).__name__})")


@functools.lru_cache(maxsize=8)
def is_bundled(base_dir: Path) -> bool:
    """True when `base_dir` is draftlint's own rules folder (packs tested in CI).

    Kinds match the patterns of such packs without the per-block regex timeout
    (about 1.3 µs a call, on every block); packs from anywhere else keep it.
    """
    from ..rules import rules_dir

    try:
        return Path(base_dir).resolve() == rules_dir().resolve()
    except OSError:
        return False


# Each `type` name and "module:Class" of its kind. A kind's module is imported when a
# rule of that type is first compiled, so a run imports only what its rules use.
_KIND_PATHS: dict[str, str] = {
    "adblock": "adblock:AdBlock",
    "arithmetic": "arithmetic:Arithmetic",
    "consistency": "consistency:Consistency",
    "dates": "dates:Dates",
    "dictionary": "dictionary:Dictionary",
    "balance": "balance:Balance",
    "comments": "comments:Comments",
    "concealed": "concealed:Concealed",
    "existence": "existence:Existence",
    "linebreak": "linebreak:Linebreak",
    "presence": "presence:Presence",
    "properties": "properties:Properties",
    "repeated": "repeated:Repeated",
    "sequence": "sequence:SequenceKind",
    "substitution": "substitution:Substitution",
    "suspect": "suspect:Suspect",
}


class _Kinds(Mapping[str, type]):
    """The KINDS registry: a read-only mapping that imports a kind's module on lookup."""

    def __getitem__(self, name: str) -> type:
        module, cls = _KIND_PATHS[name].split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), cls)

    def __contains__(self, name: object) -> bool:  # a name check imports nothing
        return name in _KIND_PATHS

    def __iter__(self) -> Iterator[str]:
        return iter(_KIND_PATHS)

    def __len__(self) -> int:
        return len(_KIND_PATHS)


KINDS: Mapping[str, type] = _Kinds()
