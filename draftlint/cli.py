"""Command-line interface (typer). Thin: parse options, call the runner, pick a reporter."""

from __future__ import annotations

import atexit
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import __version__
from .i18n import error_line, t, usage_error

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
    html = "html"


class Level(str, Enum):
    """Severities accepted by --fail-on."""

    error = "error"
    warning = "warning"
    info = "info"


class Lang(str, Enum):
    """Message languages."""

    zh = "zh"
    en = "en"


# Options several commands share: one definition, one help text.
SELECT = typer.Option(None, "--select", "-s",
                      help="Only these rules or packs (comma-separated id prefixes).")
IGNORE = typer.Option(None, "--ignore", "-i",
                      help="Skip these rules or packs (comma-separated id prefixes).")
CONFIG = typer.Option(None, "--config", "-c", help="Use this config file.")
ISOLATED = typer.Option(False, "--isolated", help="Ignore all config files.")
DEBUG = typer.Option(False, "--debug", help="Re-raise internal errors (for bug reports).")


def _fail(message: str, lang: Optional[str] = None) -> "typer.Exit":
    """Print `draftlint: error: message` (in `lang`, else the locale's language); exit 2."""
    if lang is None:
        # Raised before --lang and the config are resolved: the locale decides.
        from .config import default_locale
        lang = default_locale()
    sys.stderr.write(usage_error(message, lang) + "\n")
    return typer.Exit(2)


def _lang_of(lang: Optional["Lang"], cfg=None) -> str:
    """The run's language before the Runner exists: --lang, else the config's locale, else LANG."""
    from .config import default_locale
    if lang is not None:
        return lang.value
    return (cfg.locale if cfg is not None else None) or default_locale()


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


def _load_config(config: Optional[Path], isolated: bool, lang: Optional["Lang"] = None):
    from . import config as config_mod
    from .rules import RuleError, load_rules, rule_index

    try:
        ids = set(rule_index(load_rules()))
    except RuleError as exc:
        raise _fail(f"rule pack: {exc}", _lang_of(lang)) from None
    if isolated:
        if config is not None:  # silently dropping an explicit --config would surprise
            raise _fail("--config and --isolated cannot be used together "
                        "(--isolated reads no configuration)", _lang_of(lang))
        return config_mod.Config()
    try:
        return config_mod.load(ids, explicit=config)
    except config_mod.ConfigError as exc:
        raise _fail(str(exc), _lang_of(lang)) from None


def _runner(config: Optional[Path], isolated: bool, select: Optional[List[str]] = None,
            ignore: Optional[List[str]] = None, lang: Optional[Lang] = None,
            fail_on: Optional[Level] = None, debug: bool = False):
    """Load the config and build the Runner every command shares; exit 2 on a bad config or pack."""
    from .config import ConfigError
    from .rules import RuleError
    from .run import Runner

    cfg = _load_config(config, isolated, lang)
    try:
        return Runner.create(cfg, _split(select), _split(ignore),
                             lang.value if lang else None,
                             fail_on.value if fail_on else None, debug)
    except ConfigError as exc:  # --select zzz: "unknown rule or pack 'zzz'"
        raise _fail(str(exc), _lang_of(lang, cfg)) from None
    except RuleError as exc:  # a selected rule whose kind does not compile
        raise _fail(f"rule pack: {exc}", _lang_of(lang, cfg)) from None


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
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    config: Optional[Path] = CONFIG,
    isolated: bool = ISOLATED,
    debug: bool = DEBUG,
    baseline: Optional[Path] = typer.Option(None, "--baseline", "-b",
                                            help="Report only findings not recorded in this baseline "
                                                 "file (see `draftlint baseline`)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename",
                                                 help="With `-` as the path: the name of the document "
                                                      "read from stdin (its suffix picks the format)."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes (default: the number of CPUs; 1 = serial)."),
) -> None:
    """Check documents (.docx, .md, .txt) and report what is left to fix."""
    from .report import REPORTERS

    runner = _runner(config, isolated, select, ignore, lang, fail_on, debug)
    name = resolve_format(fmt)
    if name not in REPORTERS:
        raise _fail(f"format {name!r} is not available; choose one of: {', '.join(REPORTERS)}",
                    runner.lang)
    targets = [str(p) for p in paths] if paths else ["."]
    accepted_counts = _load_baseline(baseline, runner)
    if "-" in targets:
        if targets != ["-"]:
            raise _fail("`-` (stdin) cannot be combined with other paths", runner.lang)
        report = runner.run_stdin(sys.stdin.buffer.read(), stdin_filename or "<stdin>")
    else:
        if stdin_filename is not None:
            raise _fail("--stdin-filename needs `-` as the path", runner.lang)
        progress = None
        if name in ("rich",) and sys.stderr.isatty():
            from .report import progress as progress_mod
            progress = progress_mod.bar(sys.stderr)
        report = runner.run(targets, progress=progress, jobs=_jobs(jobs))
    if accepted_counts is not None:
        from . import baseline as baseline_mod
        report, accepted = baseline_mod.apply(report, accepted_counts)
        if accepted and name in ("rich", "plain", "github"):
            sys.stderr.write(t("baseline_accepted", runner.lang, n=accepted, path=baseline) + "\n")
    REPORTERS[name](report, sys.stdout)
    sys.stdout.flush()
    raise typer.Exit(report.exit_code())


def _jobs(jobs: Optional[int]) -> int:
    from .run import default_jobs
    return jobs if jobs is not None else default_jobs()


def _load_baseline(path: Optional[Path], runner):
    """The baseline's key counts, or None without --baseline; exit 2 when it is unusable."""
    if path is None:
        return None
    from . import baseline as baseline_mod
    from .rules import rule_index
    try:
        return baseline_mod.load(path, rule_index(runner.all_rules))
    except baseline_mod.BaselineError as exc:
        raise _fail(str(exc), runner.lang) from None


@app.command("baseline")
def make_baseline(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: the current folder)."),
    output: Path = typer.Option(Path(".draftlint-baseline.json"), "--output", "-o",
                                help="The baseline file to write."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    config: Optional[Path] = CONFIG,
    isolated: bool = ISOLATED,
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1,
                                       help="Worker processes (default: the number of CPUs; 1 = serial)."),
) -> None:
    """Record today's findings in a baseline file; `check --baseline FILE` then reports only new ones."""
    from . import baseline as baseline_mod

    runner = _runner(config, isolated, select, ignore)
    targets = [str(p) for p in paths] if paths else ["."]
    report = runner.run(targets, jobs=_jobs(jobs))
    for e in report.errors:
        sys.stderr.write(error_line(e.path, e.message, runner.lang) + "\n")
    if report.errors:
        # A mistyped path (`baseline doc/` for docs/) or an unreadable file must not
        # replace a good baseline by one that silently lacks those files' findings.
        sys.stderr.write(t("baseline_not_written", runner.lang, path=output,
                           n=len(report.errors)) + "\n")
        raise typer.Exit(2)
    from .writers import WriteError

    try:
        data = baseline_mod.write(report.findings, output)
    except WriteError as exc:
        from .i18n import localize_error
        raise _fail(f"{output}{t('colon', runner.lang)}{localize_error(str(exc), runner.lang)}",
                    runner.lang) from None
    sys.stderr.write(t("baseline_written", runner.lang, path=output, n=data["findings"],
                       entries=len(data["entries"]), files=len(report.files)) + "\n")
    raise typer.Exit(0)


@app.command("rules")
def list_rules(
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the listing."),
    config: Optional[Path] = CONFIG,
    isolated: bool = ISOLATED,
    as_json: bool = typer.Option(False, "--json", help="Print the rules as JSON."),
) -> None:
    """List every rule: id, category, severity, on/off and summary."""
    from .report.rules_doc import render_rule_list

    runner = _runner(config, isolated, lang=lang)
    enabled = {r.id: r for r in runner.rules}
    render_rule_list(runner.all_rules, enabled, runner.lang, sys.stdout, as_json)


@app.command()
def explain(
    rule: str = typer.Argument(..., help="A rule id, e.g. placeholder.unfilled."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Language of the text."),
) -> None:
    """Show a rule's documentation and examples."""
    from .config import default_locale
    from .report.rules_doc import render_explain
    from .rules import load_rules, rule_index

    language = lang.value if lang else default_locale()
    found = rule_index(load_rules()).get(rule)
    if found is None:
        raise _fail(t("unknown_rule", language, rule=rule), language)
    render_explain(found, language, sys.stdout)


@app.command()
def fix(
    paths: List[Path] = typer.Argument(None, help="Files or folders (default: the current folder)."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    diff: bool = typer.Option(False, "--diff", help="Show a unified diff of the fixes; write nothing."),
    check_only: bool = typer.Option(False, "--check",
                                    help="Write nothing; exit 1 when a file would change."),
    backup: bool = typer.Option(False, "--backup", help="Keep the original beside it as NAME.bak."),
    strip_watermarks: bool = typer.Option(False, "--strip-watermarks",
                                          help="Also delete ad/watermark lines and watermark shapes."),
    strip_residue: bool = typer.Option(False, "--strip-residue",
                                       help="Also delete comments, hidden text and foreign metadata (.docx)."),
    accept_revisions: bool = typer.Option(False, "--accept-revisions",
                                          help="Also accept tracked changes (.docx)."),
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Message language (default: from the locale)."),
    config: Optional[Path] = CONFIG,
    isolated: bool = ISOLATED,
    debug: bool = DEBUG,
) -> None:
    """Apply the safe fixes in place (atomically); exit 1 when a file changed or would change."""
    from .fix import StripOptions, describe, fix_file
    from .model import FileError
    from .run import expand_paths

    runner = _runner(config, isolated, select, ignore, lang, debug=debug)
    if any(str(p) == "-" for p in paths or ()):
        # Fixing means rewriting a file in place; standard input has none.
        raise _fail("fix does not read standard input; name the files to fix "
                    "(`draftlint check -` checks it)", runner.lang)
    mode = "diff" if diff else "check" if check_only else "write"
    strip = StripOptions(strip_watermarks, strip_residue, accept_revisions)
    changed = errors = files = 0
    for item in expand_paths([str(p) for p in paths] if paths else ["."], runner.config):
        if isinstance(item, FileError):
            sys.stderr.write(error_line(item.path, item.message, runner.lang) + "\n")
            errors += 1
            continue
        path, display = item
        files += 1
        result = fix_file(runner, path, display, write=mode == "write", backup=backup, strip=strip)
        describe(result, mode, sys.stdout, sys.stderr, runner.lang)
        changed += result.changed
        errors += result.error is not None
    key = "fix_summary" if mode == "write" else "fix_summary_dry"
    sys.stderr.write(t(key, runner.lang, files=files, changed=changed, errors=errors) + "\n")
    sys.stdout.flush()
    raise typer.Exit(2 if errors else 1 if changed else 0)


@app.command()
def annotate(
    path: Path = typer.Argument(..., help="The .docx to annotate (it is never changed)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o",
                                          help="Where to write the copy (default: NAME.draftlint.docx)."),
    select: Optional[List[str]] = SELECT,
    ignore: Optional[List[str]] = IGNORE,
    lang: Optional[Lang] = typer.Option(None, "--lang", help="Comment language (default: from the locale)."),
    config: Optional[Path] = CONFIG,
    isolated: bool = ISOLATED,
    debug: bool = DEBUG,
) -> None:
    """Write a copy of a .docx with every finding as a Word comment on its text."""
    from .annotate import annotate_file

    runner = _runner(config, isolated, select, ignore, lang, debug=debug)
    if not path.exists():
        raise _fail(f"{path}: no such file", runner.lang)
    result = annotate_file(runner, path, str(path), output)
    if result.error:
        sys.stderr.write(error_line(result.path, result.error, runner.lang) + "\n")
        raise typer.Exit(2)
    n = len(result.anchored) + (1 if result.gathered else 0)
    sys.stdout.write(t("annotate_done", runner.lang, out=result.out, n=n,
                       anchored=len(result.anchored), gathered=len(result.gathered)) + "\n")
    raise typer.Exit(0)


def main(argv: Optional[list[str]] = None) -> int:
    """Run the CLI with `argv` and return the exit status (pre-commit style)."""
    # typer >= 0.20 vendors its own click: its usage errors (a bad --format, no
    # arguments) derive from typer.exceptions.TyperException, not click's classes,
    # and a fresh `pip install draftlint` has no click at all (proven by
    # tests/test_packaging.py), so click is optional here. A typer built on click
    # imports it with `import typer`; when it is not loaded by now, nothing can raise
    # its exceptions, and importing it anyway would cost ~10 ms of every start-up.
    click = sys.modules.get("click")
    typer_usage = getattr(getattr(typer, "exceptions", None), "TyperException", None)
    usage_errors = tuple(c for c in (click and click.ClickException, typer_usage) if c)
    exits = tuple(c for c in (click and click.exceptions.Exit, typer.Exit) if c)
    aborts = tuple(c for c in (click and click.exceptions.Abort, typer.Abort) if c)
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
    """Console-script entry point: run, flush, and exit without the interpreter's teardown."""
    code = main()
    # The interpreter's own exit frees every object one by one: with the typo lexicon
    # and suspect tables loaded (~300,000 strings) and the compiled rules, that is
    # ~0.03-0.05 s of a 0.25 s cold start spent after the last line is printed. So
    # flush, run the atexit handlers (multiprocessing's pool cleanup, logging), and
    # leave with os._exit, as nothing else remains to be written.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # `draftlint check | head`: stdout is gone
        code = code or 1
    run_exitfuncs = getattr(atexit, "_run_exitfuncs", None)
    if run_exitfuncs is None:  # pragma: no cover - not CPython
        sys.exit(code)
    run_exitfuncs()
    os._exit(code)
