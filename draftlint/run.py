"""One run: expand paths, read each file, lint it, and collect a Report."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import config as config_mod
from .config import Config
from .engine import context_for, lint, select_rules
from .kinds import LintContext
from .model import Document, FileError, Finding, Report, Severity
from .readers import ReadError, SUFFIXES, format_of, read_document
from .rules import Rule, compile_rules, load_rules, rule_index


def _display(path: Path | str) -> str:
    """The path as the user gave it, `/`-separated, without a leading "./"."""
    s = str(path).replace(os.sep, "/")
    while s.startswith("./") and len(s) > 2:
        s = s[2:]
    return s


def is_lock_file(name: str) -> bool:
    """Word's owner lock files (~$报告.docx) are not documents."""
    return name.startswith("~$")


def expand_paths(paths: Iterable[str | Path], config: Config) -> Iterator[tuple[Path, str] | FileError]:
    """Files to check, in a stable order: given files as they are, folders walked.

    Folders are walked for the suffixes draftlint reads, skipping hidden folders,
    Word lock files and `exclude`; a path that does not exist is an error entry. A file
    reached twice (`check a.md a.md`, or `check docs docs/a.md`) is checked once.
    """
    seen: set[str] = set()
    for given in paths:
        path = Path(given)
        display = _display(given)
        if path.is_dir():
            items = _walk(path, display, config)
        elif path.exists() or path.is_symlink():
            items = iter([] if config.excluded(display) else [(path, display)])
        else:
            items = iter([FileError(display, "no such file or directory")])
        for item in items:
            key = item.path if isinstance(item, FileError) else item[1]
            if key not in seen:
                seen.add(key)
                yield item


def _walk(root: Path, display_root: str, config: Config) -> Iterator[tuple[Path, str] | FileError]:
    def onerror(exc: OSError) -> None:
        errors.append(FileError(_display(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    errors: list[FileError] = []
    found: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=False):
        rel_folder = Path(folder).relative_to(root).as_posix()
        prefix = display_root.rstrip("/") + "/" + ("" if rel_folder == "." else rel_folder + "/")
        if display_root in (".", "./"):
            prefix = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                         and not config.excluded(prefix + d))
        for name in sorted(files):
            if is_lock_file(name) or Path(name).suffix.lower() not in SUFFIXES:
                continue
            display = prefix + name
            if not config.excluded(display):
                found.append((Path(folder) / name, display))
    yield from errors
    yield from found


@dataclass
class Runner:
    """Everything resolved once per run: rules, config, context and language."""

    config: Config
    rules: list[Rule]
    all_rules: tuple[Rule, ...]
    ctx: LintContext
    lang: str
    debug: bool = False
    # What Runner.create was given, so a worker process can build the same runner.
    selection: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())

    @classmethod
    def create(cls, config: Config | None = None, select: Sequence[str] = (),
               ignore: Sequence[str] = (), lang: str | None = None,
               fail_on: str | None = None, debug: bool = False,
               ctx: LintContext | None = None) -> "Runner":
        """Load the rule packs and apply the config and command-line choices."""
        all_rules = load_rules()
        config = config or Config()
        ids = set(rule_index(all_rules))
        for sel in (*select, *ignore):
            config_mod.check_selector(sel, ids, "--select/--ignore")
        if fail_on is not None:
            import dataclasses
            config = dataclasses.replace(config, fail_on=Severity.parse(fail_on))
        rules = select_rules(all_rules, config, select, ignore)
        # Only the selected rules are compiled; a broken one is a RuleError before any file.
        compile_rules(rules)
        lang = lang or config.locale or config_mod.default_locale()
        return cls(config, rules, all_rules, ctx or context_for(config), lang, debug,
                   (tuple(select), tuple(ignore)))

    def lint_document(self, doc: Document, jobs: int = 1) -> tuple[list[Finding], list[FileError]]:
        """Lint one read document; `jobs` > 1 may split a big one's rules over two processes."""
        return lint(doc, self.rules, self.config, self.ctx, self.lang, self.debug, jobs)

    def check_file(self, path: Path, display: str, jobs: int = 1
                   ) -> tuple[list[Finding], list[FileError]]:
        """Read and lint one file; a read error becomes an error entry."""
        try:
            doc = read_document(path, display)
        except ReadError as exc:
            return [], [FileError(display, str(exc))]
        except Exception as exc:  # a reader bug must not stop the other files
            if self.debug:
                raise
            return [], [FileError(display, f"internal error reading file: "
                                           f"{type(exc).__name__}: {exc}")]
        return self.lint_document(doc, jobs)

    def check_bytes(self, data: bytes, display: str) -> tuple[list[Finding], list[FileError]]:
        """Lint a document given as bytes (stdin); its format comes from `display`'s suffix.

        A name without a known suffix is read as .txt; a .docx is written to a
        temporary file, because the docx reader works on a zip file.
        """
        fmt = format_of(Path(display)) or "txt"
        try:
            if fmt == "docx":
                import tempfile
                with tempfile.TemporaryDirectory(prefix="draftlint-stdin-") as tmp:
                    path = Path(tmp) / "stdin.docx"
                    path.write_bytes(data)
                    doc = read_document(path, display, "docx")
                    return self.lint_document(doc)
            from .readers.text import decode_bytes
            text, handle = decode_bytes(data)
            if fmt == "md":
                from .readers.markdown import document_from_markdown
                doc = document_from_markdown(text, display, handle)
            else:
                from .readers.text import document_from_text
                doc = document_from_text(text, display, handle)
        except ReadError as exc:
            return [], [FileError(display, str(exc))]
        return self.lint_document(doc)

    def run_stdin(self, data: bytes, display: str) -> Report:
        """Check one document read from stdin; `exclude` in the config still applies to its name."""
        findings: list[Finding] = []
        errors: list[FileError] = []
        if not self.config.excluded(display):
            findings, errors = self.check_bytes(data, display)
        return Report(findings, errors, [display], self.config.fail_on, self.lang,
                      {r.id: r for r in self.all_rules})

    def run(self, paths: Iterable[str | Path],
            progress: Callable[[int, int, str], None] | None = None,
            jobs: int = 1) -> Report:
        """Check every path and return the Report.

        `jobs` > 1 checks the files in that many worker processes when there are at
        least PARALLEL_MIN_FILES of them; the Report is identical to a serial run's.
        """
        findings: list[Finding] = []
        errors: list[FileError] = []
        targets: list[tuple[Path, str]] = []
        for item in expand_paths(paths, self.config):
            if isinstance(item, FileError):
                errors.append(item)
            else:
                targets.append(item)
        files: list[str] = []
        for i, (display, (f, e)) in enumerate(self._check_all(targets, jobs)):
            if progress:
                progress(i, len(targets), display)
            findings.extend(f)
            errors.extend(e)
            files.append(display)
        if progress:
            progress(len(targets), len(targets), "")
        return Report(findings, errors, files, self.config.fail_on, self.lang,
                      {r.id: r for r in self.all_rules})

    def _check_all(self, targets: list[tuple[Path, str]], jobs: int
                   ) -> Iterator[tuple[str, tuple[list[Finding], list[FileError]]]]:
        """(display, result) for every target, in input order, serially or in a process pool.

        Too few files for a pool: each is checked here, and a big one may still use
        a second process for half of its rules (rulefork.py).
        """
        doc_jobs = jobs
        jobs = min(jobs, len(targets) // PARALLEL_MIN_FILES_PER_JOB or 1)
        if jobs <= 1 or len(targets) < PARALLEL_MIN_FILES:
            for path, display in targets:
                yield display, self.check_file(path, display, doc_jobs)
            return
        from concurrent.futures import ProcessPoolExecutor

        # Chunks amortise the pickling round trip; several per worker keep them all
        # busy when one chunk holds a big .docx. map() returns them in input order.
        size = max(1, min(CHUNK_MAX, len(targets) // (jobs * 4)))
        chunks = [targets[i:i + size] for i in range(0, len(targets), size)]
        args = (self.config, self.selection, self.lang, self.debug, self.ctx)
        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                 initargs=args) as pool:
            for chunk, results in zip(chunks, pool.map(_check_chunk, chunks)):
                for (_, display), result in zip(chunk, results):
                    yield display, result


# Below this many files a process pool costs more than it saves (start-up, rule loading).
PARALLEL_MIN_FILES = 8
# Each worker should get at least this many files, else use fewer workers.
PARALLEL_MIN_FILES_PER_JOB = 4
CHUNK_MAX = 32

_WORKER: Runner | None = None


def default_jobs() -> int:
    """The number of CPUs this process may use (the `--jobs` default)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _init_worker(config: Config, selection: tuple[tuple[str, ...], tuple[str, ...]],
                 lang: str, debug: bool, ctx: LintContext) -> None:
    """Build the worker's Runner once: the rule packs are loaded per process, not per file."""
    global _WORKER
    select, ignore = selection
    _WORKER = Runner.create(config, select, ignore, lang, None, debug, ctx)


def _check_chunk(chunk: list[tuple[Path, str]]) -> list[tuple[list[Finding], list[FileError]]]:
    """Check a chunk of files in a worker; results in chunk order."""
    assert _WORKER is not None, "worker not initialised"
    return [_WORKER.check_file(path, display) for path, display in chunk]
