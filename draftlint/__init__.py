"""draftlint: find what a report draft still carries from its template.

Public API: `lint_text()` for a string, `lint_paths()` for files and folders.
"""

from __future__ import annotations

__version__ = "0.1.0"

from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

__all__ = ["__version__", "lint_text", "lint_paths"]


def _config(config: Any):
    from . import config as config_mod
    from .rules import load_rules, rule_index

    if config is None or isinstance(config, config_mod.Config):
        return config or config_mod.Config()
    if isinstance(config, (str, Path)):
        return config_mod.load(set(rule_index(load_rules())), explicit=Path(config))
    if isinstance(config, Mapping):
        config_mod.validate_mapping(config, set(rule_index(load_rules())))
        return config_mod.from_mapping(config)
    raise TypeError("config must be None, a Config, a path or a mapping of config keys")


def lint_text(text: str, *, format: str = "txt", path: str = "<text>",
              config: Any = None, select: Sequence[str] = (), ignore: Sequence[str] = (),
              lang: str | None = None) -> list:
    """Lint a string as a .txt or .md document; return its findings (draftlint.model.Finding).

    `config` is a Config, a path to a config file, or a mapping with the config keys.
    """
    from .readers.markdown import document_from_markdown
    from .readers.text import document_from_text
    from .run import Runner

    runner = Runner.create(_config(config), select, ignore, lang, debug=True)
    if format == "md":
        doc = document_from_markdown(text, path)
    elif format == "txt":
        doc = document_from_text(text, path)
    else:
        raise ValueError(f"format must be 'txt' or 'md', not {format!r}")
    findings, _ = runner.lint_document(doc)
    return findings


def lint_paths(paths: Iterable[str | Path], *, config: Any = None,
               select: Sequence[str] = (), ignore: Sequence[str] = (),
               lang: str | None = None):
    """Lint files and folders; return a draftlint.model.Report (findings, errors, summary)."""
    from .run import Runner

    return Runner.create(_config(config), select, ignore, lang).run(paths)
