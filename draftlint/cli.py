"""Command-line interface (typer). Thin: parse options, call the runner, pick a reporter."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Find what a report draft still carries from its template: unfilled slots, "
         "site ads, typos, numbers that do not add up, Word residue.",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    """Output formats of `check`."""

    auto = "auto"
    rich = "rich"
    plain = "plain"
    json = "json"
    sarif = "sarif"
    github = "github"


class Level(str, Enum):
    """Severities accepted by --fail-on."""

    error = "error"
    warning = "warning"
    info = "info"


class Lang(str, Enum):
    """Message languages."""

    zh = "zh"
    en = "en"


def _fail(message: str) -> "typer.Exit":
    sys.stderr.write(f"draftlint: error: {message}\n")
    return typer.Exit(2)


def _split(values: Optional[List[str]]) -> list[str]:
    """--select a,b --select c -> [a, b, c]."""
    out: list[str] = []
    for v in values or []:
        out.extend(s.strip() for s in v.split(",") if s.strip())
    return out


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"draftlint {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(version: bool = typer.Option(False, "--version", "-V", callback=_version,
                                       is_eager=True, help="Show the version and exit.")) -> None:
    """draftlint: a linter for report drafts."""


def _load_config(config: Optional[Path], isolated: bool):
    from . import config as config_mod
    from .rules import RuleError, load_rules, rule_index

    try:
        ids = set(rule_index(load_rules()))
    except RuleError as exc:
        raise _fail(f"rule pack: {exc}") from None
    if isolated:
        return config_mod.Config()
    try:
        return config_mod.load(ids, explicit=config)
    except config_mod.ConfigError as exc:
        raise _fail(str(exc)) from None


def resolve_format(fmt: Format, stream=None) -> str:
    """`auto`: github under GitHub Actions, rich on a terminal, plain otherwise."""
    if fmt is not Format.auto:
        return fmt.value
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return "github"
    stream = stream or sys.stdout
    return "rich" if stream.isatty() else "plain"


@app.command()
def check(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: the current folder)."),
    fmt: Format = typer.Option(Format.auto, "--format", "-f", help="Output format."),
    fail_on: Optional[Level] = typer.Option(None, "--fail-on",
                                            help="Lowest severity that makes the exit status 1 (default: error)."),
    select: Optional[List[str]] = typer.Option(None, "--select", "-s",
                                               help="Only these rules or packs (comma-separated id prefixes)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", "-i",
                                               help="Skip these rules or packs (comma-separated id prefixes)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Use this config file."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore all config files."),
    debug: bool = typer.Option(False, "--debug", help="Re-raise internal errors (for bug reports)."),
) -> None:
    """Check documents (.docx, .md, .txt) and report what is left to fix."""
    from .config import ConfigError
    from .report import REPORTERS
    from .run import Runner

    cfg = _load_config(config, isolated)
    try:
        runner = Runner.create(cfg, _split(select), _split(ignore),
                               lang.value if lang else None,
                               fail_on.value if fail_on else None, debug)
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    name = resolve_format(fmt)
    if name not in REPORTERS:
        raise _fail(f"format {name!r} is not available; choose one of: {', '.join(REPORTERS)}")
    targets = [str(p) for p in paths] if paths else ["."]
    progress = None
    if name in ("rich",) and sys.stderr.isatty():
        from .report import progress as progress_mod
        progress = progress_mod.bar(sys.stderr)
    report = runner.run(targets, progress=progress)
    REPORTERS[name](report, sys.stdout)
    sys.stdout.flush()
    raise typer.Exit(report.exit_code())


@app.command("rules")
def list_rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the listing."),
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="Use this config file."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore all config files."),
    as_json: bool = typer.Option(False, "--json", help="Print the rules as JSON."),
) -> None:
    """List every rule: id, category, severity, on/off and summary."""
    from .report.rules_doc import render_rule_list
    from .run import Runner

    cfg = _load_config(config, isolated)
    runner = Runner.create(cfg, lang=lang.value if lang else None)
    enabled = {r.id: r for r in runner.rules}
    render_rule_list(runner.all_rules, enabled, runner.lang, sys.stdout, as_json)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule id, e.g. placeholder.unfilled."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the text."),
) -> None:
    """Show a rule's documentation and examples."""
    from .config import default_locale
    from .i18n import t
    from .report.rules_doc import render_explain
    from .rules import load_rules, rule_index

    language = lang.value if lang else default_locale()
    found = rule_index(load_rules()).get(rule)
    if found is None:
        raise _fail(t("unknown_rule", language, rule=rule))
    render_explain(found, language, sys.stdout)


def main(argv: Optional[list[str]] = None) -> int:
    """Run the CLI with `argv` and return the exit status (pre-commit style)."""
    import click

    # typer >= 0.20 vendors its own click: its usage errors (a bad --format, no
    # arguments) derive from typer.exceptions.TyperException, not click's classes.
    usage_errors = (click.ClickException,
                    getattr(getattr(typer, "exceptions", None), "TyperException",
                            click.ClickException))
    exits = (click.exceptions.Exit, typer.Exit)
    aborts = (click.exceptions.Abort, typer.Abort)
    try:
        # Outside standalone mode click returns a raised typer.Exit's code instead
        # of raising it: `explain no.such` must still exit 2, not 0.
        rv = app(args=argv, prog_name="draftlint", standalone_mode=False)
    except exits as exc:
        return exc.exit_code
    except usage_errors as exc:
        if hasattr(exc, "show"):
            exc.show()
        else:
            sys.stderr.write(f"draftlint: error: {exc}\n")
        return 2
    except aborts:
        return 130
    except BrokenPipeError:
        return 1
    return rv if isinstance(rv, int) else 0


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
