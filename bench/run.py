#!/usr/bin/env python3
"""The draftlint benchmark: build inputs, install the peers, time every case, write RESULTS.md.

Usage:
    python bench/run.py [--quick] [--runs N] [--no-peers] [--out bench/out/run]

Inputs: `../shared/bench/make_scale.py` (a ~300-page .docx, a 5 MB .txt, 1,000 small
drafts) when it exists, else an equivalent built here; the seed template repeated 200
times (≈3.2 MB) when `../shared/seeds/` has it, else a synthetic report of that size;
and the same text at 1×, 4× and 16× to show linear growth.

Peers come from PyPI into `bench/.venv` (created on first use, gitignored):
AutoCorrect (`autocorrect-py`, Rust, CJK spacing/punctuation) and codespell (an
English misspelling dictionary). Every case runs once as a warm-up and then `--runs`
times (default 5; `--quick`: 3 runs and smaller inputs); wall time is the median, CPU
time (user + system) the median, peak memory the largest resident set of the child.
hyperfine is used for the wall times when installed. The table goes to
bench/RESULTS.md (and bench/out/run/results.json), with the date and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
SHARED = REPO.parent / "shared"
MAKE_SCALE = SHARED / "bench" / "make_scale.py"
SEEDS = SHARED / "seeds"
VENV = BENCH / ".venv"
PEERS = ("autocorrect-py", "codespell")

# What each peer checks, for the table: all of it is less than draftlint's 10 packs.
PEER_NOTES = {
    "autocorrect": "AutoCorrect (Rust, via autocorrect-py): CJK–Latin spacing, full-/half-width "
                   "punctuation and a few spellings; .txt/.md only, no .docx, no placeholders, "
                   "typos, figures, dates, numbering or template residue.",
    "codespell": "codespell: a dictionary of common English misspellings; no Chinese at all, "
                 "no .docx.",
}


# ------------------------------------------------------------------ inputs

SUBJECTS = ["全县上下", "局党组", "各乡镇", "领导班子", "机关各科室", "全体干部职工"]
VERBS = ["认真贯彻落实", "扎实推进", "统筹做好", "持续深化", "全面加强", "稳步推进"]
OBJECTS = ["城乡环境整治工作", "营商环境优化提升行动", "重点项目建设", "安全生产隐患排查整治",
           "公共文化服务体系建设", "数字政府建设", "老旧小区改造", "干部作风建设"]
MEASURES = ["召开专题会议{n}次", "开展督导检查{n}次", "完成投资{f}亿元", "新建项目{n}个",
            "培训干部{n}人次", "排查整改问题{n}个", "走访企业{n}家"]
LEFTOVERS = ["撰写调研文章X篇。", "完成项目XX个。", "牵头单位：【待填写】", "坚持严于律已，廉沽自律。",
             "本文由某某范文网整理，更多范文请访问 www.fanwen-example.com"]


def _sentence(r: random.Random) -> str:
    m1, m2 = r.sample(MEASURES, 2)
    fill = lambda m: m.format(n=r.randint(2, 900), f=f"{r.uniform(0.5, 60):.1f}")  # noqa: E731
    s = f"{r.choice(SUBJECTS)}{r.choice(VERBS)}{r.choice(OBJECTS)}，{fill(m1)}，{fill(m2)}。"
    return s + (r.choice(LEFTOVERS) if r.random() < 0.05 else "")


def synthetic_report(r: random.Random, paragraphs: int) -> str:
    """A report-shaped text: headings, paragraphs of figures, a few template leftovers."""
    lines = ["2025年度工作总结"]
    for i in range(paragraphs):
        if i % 12 == 0:
            lines.append(f"{'一二三四五六七八九十'[(i // 12) % 10]}、{r.choice(VERBS)}{r.choice(OBJECTS)}")
        lines.append("".join(_sentence(r) for _ in range(r.randint(2, 4))))
    return "\n".join(lines) + "\n"


def own_scale(out: Path, small: int, pages: int, txt_mb: float) -> None:
    """Inputs equivalent to make_scale.py's, for a clone without ../shared."""
    r = random.Random(7)
    out.mkdir(parents=True, exist_ok=True)
    import docx  # python-docx: a draftlint dependency

    d = docx.Document()
    d.add_heading("2025年度重点工作推进情况汇编", 0)
    for page in range(pages):
        if page % 2 == 0:
            d.add_heading(f"{page // 2 + 1}、{r.choice(VERBS)}{r.choice(OBJECTS)}", 1)
        for _ in range(3):
            d.add_paragraph("".join(_sentence(r) for _ in range(3)))
        if page % 3 == 2:
            t = d.add_table(rows=6, cols=4)
            for i, row in enumerate(t.rows):
                for j, cell in enumerate(row.cells):
                    cell.text = ("序号", "工作任务", "责任单位", "完成情况")[j] if i == 0 else (
                        str(i) if j == 0 else r.choice(OBJECTS))
    d.sections[0].header.paragraphs[0].text = "某某范文网 优质材料共享"
    d.save(out / "scale_large.docx")
    text, size = [], 0
    while size < txt_mb * 1024 * 1024:
        chunk = synthetic_report(r, 60)
        text.append(chunk)
        size += len(chunk.encode("utf-8"))
    (out / "scale_large.txt").write_text("".join(text), encoding="utf-8")
    folder = out / "small"
    folder.mkdir(exist_ok=True)
    for i in range(1, small + 1):
        ext = "md" if i % 3 == 0 else "txt"
        body = synthetic_report(r, r.randint(4, 10))
        if ext == "md":
            body = "# " + body
        (folder / f"draft_{i:04d}.{ext}").write_text(body, encoding="utf-8")


def build_inputs(out: Path, quick: bool) -> dict[str, Path]:
    """Write every input once (kept between runs); return them by name."""
    out.mkdir(parents=True, exist_ok=True)
    scale = out / ("scale_quick" if quick else "scale")
    small, pages, txt_mb = (200, 60, 1.0) if quick else (1000, 300, 5.0)
    if not (scale / "scale_large.docx").exists():
        if MAKE_SCALE.exists():
            subprocess.run([sys.executable, str(MAKE_SCALE), str(scale), "--small", str(small),
                            "--pages", str(pages), "--txt-mb", str(txt_mb)],
                           check=True, stdout=subprocess.DEVNULL)
        else:
            own_scale(scale, small, pages, txt_mb)
    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if seeds:
        unit, origin = seeds[0].read_text(encoding="utf-8"), f"seed {seeds[0].name}"
    else:
        unit, origin = synthetic_report(random.Random(11), 40), "synthetic report"
    times = 200
    inputs = {"docx": scale / "scale_large.docx", "txt5": scale / "scale_large.txt",
              "small": scale / "small"}
    # Linear growth: 1x, 4x, 16x of the same text (16x = the x200 file when not quick).
    base = 3 if quick else 12.5
    for label, factor in (("grow1", 1), ("grow4", 4), ("grow16", 16)):
        n = max(1, round(base * factor))
        p = out / f"seed_x{n}.txt"
        if not p.exists():
            p.write_text(unit * n, encoding="utf-8")
        inputs[label] = p
    p = out / f"seed_x{times}.txt"
    if not p.exists():
        p.write_text(unit * times, encoding="utf-8")
    inputs["seed200"] = p
    tiny = out / "small_one.txt"
    if not tiny.exists():
        tiny.write_text(unit[:1500], encoding="utf-8")
    inputs["tiny"] = tiny
    inputs["_origin"] = Path(origin)
    return inputs


# ------------------------------------------------------------------ peers

def ensure_peers(skip: bool) -> dict[str, list[str]]:
    """Create bench/.venv with the peers from PyPI and draftlint itself (editable, so it
    always runs this tree), once; the peers' command prefixes.

    draftlint runs from the same clean venv as the peers: the interpreter's own
    site-packages may hold .pth files that import modules at every start (a sandbox's
    certifi hook costs 15 ms), which a user's fresh install would not pay.
    """
    if skip:
        return {}
    py = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    script = py.parent / ("draftlint.exe" if os.name == "nt" else "draftlint")
    ok = script.exists() and subprocess.run(
        [str(py), "-c", "import autocorrect_py, codespell_lib"], capture_output=True).returncode == 0
    if not ok:
        subprocess.run([str(py), "-m", "pip", "install", "-q", *PEERS, "-e", str(REPO)],
                       check=True)
    codespell = py.parent / ("codespell.exe" if os.name == "nt" else "codespell")
    return {"autocorrect": [str(py), str(BENCH / "peer_autocorrect.py")],
            "codespell": [str(codespell)]}


def draftlint_cmd() -> list[str]:
    """The console script in bench/.venv (see ensure_peers), else the one beside this
    interpreter, else `python -m draftlint`."""
    name = "draftlint.exe" if os.name == "nt" else "draftlint"
    for script in (VENV / ("Scripts" if os.name == "nt" else "bin") / name,
                   Path(sys.executable).parent / name):
        if script.exists():
            return [str(script)]
    return [sys.executable, "-m", "draftlint"]


def _shown(cmd: list[str]) -> str:
    """A command for the report, with paths inside the repository made relative to it."""
    out = []
    for part in cmd:
        try:
            out.append(Path(part).resolve().relative_to(REPO).as_posix())
        except ValueError:
            out.append(part)
    return " ".join(out)


# ------------------------------------------------------------------ timing

_MEASURE = r"""
import resource, subprocess, sys, time, json
t = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
wall = time.perf_counter() - t
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": u.ru_utime + u.ru_stime, "rss_kb": u.ru_maxrss}))
"""


def bench_env() -> dict[str, str]:
    """The environment of every timed command: as a user's, with bytecode caching on.

    pip compiles a wheel's modules to .pyc at install; a PYTHONDONTWRITEBYTECODE=1
    left in the benchmark's shell (CI images and sandboxes set it) would make every
    run of an editable checkout recompile draftlint's ~40 modules (~0.04 s of start-up)
    and the peers' too. The warm-up run writes the bytecode.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure_once(cmd: list[str], cwd: Path) -> dict:
    """One run in a fresh wrapper process, so RUSAGE_CHILDREN holds this child alone."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], cwd=cwd,
                         capture_output=True, text=True, check=True, env=bench_env())
    return json.loads(out.stdout)


def hyperfine_wall(cmd: list[str], cwd: Path, runs: int) -> float | None:
    """Median wall seconds from hyperfine (no shell), or None when it is not installed."""
    exe = shutil.which("hyperfine")
    if not exe:
        return None
    import shlex
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "h.json"
        r = subprocess.run([exe, "-N", "-i", "-w", "1", "-r", str(runs), "--export-json",
                            str(export), "--style", "none", shlex.join(cmd)],
                           cwd=cwd, capture_output=True, text=True, env=bench_env())
        if r.returncode != 0 or not export.exists():
            return None
        return json.loads(export.read_text())["results"][0]["median"]


def measure(cmd: list[str], cwd: Path, runs: int) -> dict:
    """Warm-up, then `runs` runs: median wall and CPU, largest peak RSS (MiB)."""
    measure_once(cmd, cwd)  # warm-up: page cache, the lexicon cache in ~/.cache
    samples = [measure_once(cmd, cwd) for _ in range(runs)]
    wall = statistics.median(s["wall"] for s in samples)
    hf = hyperfine_wall(cmd, cwd, runs)
    rss_kb = max(s["rss_kb"] for s in samples)
    rss = rss_kb / 1024 if sys.platform != "darwin" else rss_kb / 1024 / 1024
    return {"wall": hf if hf is not None else wall, "wall_own": wall,
            "cpu": statistics.median(s["cpu"] for s in samples), "rss_mib": rss,
            "timer": "hyperfine" if hf is not None else "own loop"}


# ------------------------------------------------------------------ cases

def cases(inputs: dict[str, Path], peers: dict[str, list[str]]) -> list[dict]:
    """Every (case, tool, command, target) row of the table."""
    dl = draftlint_cmd()
    check = [*dl, "check", "--isolated", "--format", "json"]
    mb = lambda p: p.stat().st_size / 1e6  # noqa: E731
    rows = []

    def add(case, tool, cmd, target=None, limit=None, mem=None, peer_of=None):
        rows.append({"case": case, "tool": tool, "cmd": cmd, "target": target,
                     "limit": limit, "mem_limit": mem, "peer_of": peer_of})

    s200 = inputs["seed200"]
    c1 = f"{s200.name} ({mb(s200):.1f} MB), all default rules"
    add(c1, "draftlint", [*check, str(s200)], "≤ 2 s, ≤ 200 MiB", 2.0, 200)
    # One big file: by default its rules are split over two processes (rulefork.py);
    # the -j 1 rows show the single-process figure beside it.
    add(c1, "draftlint -j 1", [*check, "-j", "1", str(s200)])
    c2 = f"{s200.name}, --select placeholder,watermark,punctuation"
    sel = ["--select", "placeholder,watermark,punctuation", str(s200)]
    add(c2, "draftlint", [*check, *sel], "≤ AutoCorrect (ratio ≤ 1.0)", None, None)
    add(c2, "draftlint -j 1", [*check, "-j", "1", *sel])
    for name, cmd in peers.items():
        add(c2, name, [*cmd, str(s200)], peer_of=c2)
    small = inputs["small"]
    n_small = sum(1 for _ in small.iterdir())
    c3 = f"{n_small} small drafts, default -j"
    add(c3, "draftlint", [*check, str(small)], "≤ 2 s", 2.0)
    add(c3, "draftlint -j 1", [*check, "-j", "1", str(small)])
    for name, cmd in peers.items():
        add(c3, name, [*cmd, str(small)], peer_of=c3)
    docx = inputs["docx"]
    add(f"{docx.name} (~300 pages), all default rules", "draftlint", [*check, str(docx)],
        "≤ 1.5 s", 1.5)
    txt5 = inputs["txt5"]
    c5 = f"{txt5.name} ({mb(txt5):.1f} MB), all default rules"
    add(c5, "draftlint", [*check, str(txt5)])
    for name, cmd in peers.items():
        add(c5, name, [*cmd, str(txt5)], peer_of=c5)
    for label in ("grow1", "grow4", "grow16"):
        # One process (-j 1): the two bigger inputs would otherwise split their rules
        # over two processes and the smallest not, which is not a measure of growth.
        p = inputs[label]
        add(f"growth {label[4:]}×: {p.name} ({mb(p):.2f} MB)", "draftlint -j 1",
            [*check, "-j", "1", str(p)], "linear")
    tiny = inputs["tiny"]
    add(f"cold start: one small .txt ({tiny.stat().st_size} bytes)", "draftlint",
        [*dl, "check", "--isolated", str(tiny)], "≤ 0.25 s", 0.25)
    add("draftlint --version", "draftlint", [*dl, "--version"], "≤ 0.1 s", 0.1)
    return rows


def machine() -> str:
    """CPU model and core count, for the table's header."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return f"{model}, {usable} usable cores, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def render(rows: list[dict], args, inputs: dict[str, Path]) -> str:
    """The Markdown table with verdicts and peer ratios."""
    by_case = {}
    for r in rows:
        by_case.setdefault(r["case"], []).append(r)
    lines = [
        "# draftlint benchmark",
        "",
        f"- Date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}",
        f"- Machine: {machine()}",
        f"- Command: `python bench/run.py{' --quick' if args.quick else ''}` — {args.runs} runs "
        f"after a warm-up; wall = median ({rows[0]['result']['timer']}), CPU = median user+system, "
        f"peak = largest RSS of the process tree's biggest process.",
        f"- draftlint: `{_shown(draftlint_cmd())}` (the peers' clean venv when it exists).",
        f"- Seed text: {inputs['_origin']}; inputs from "
        f"{'../shared/bench/make_scale.py' if MAKE_SCALE.exists() else 'bench/run.py own generator'}.",
        "",
        "| Case | Tool | Wall (s) | CPU (s) | Peak (MiB) | vs AutoCorrect | vs codespell | Target | Holds |",
        "|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    growth = []
    for case, group in by_case.items():
        peers = {r["tool"]: r["result"] for r in group if r["peer_of"]}
        for r in group:
            res = r["result"]
            ratio = {}
            if not r["peer_of"]:
                for name in ("autocorrect", "codespell"):
                    if name in peers:
                        ratio[name] = f"{res['wall'] / peers[name]['wall']:.2f}×"
            verdict = ""
            if r["limit"] is not None:
                ok = res["wall"] <= r["limit"] and (r["mem_limit"] is None
                                                    or res["rss_mib"] <= r["mem_limit"])
                verdict = "yes" if ok else "**no**"
            elif r["target"] and r["target"].startswith("≤ AutoCorrect") and "autocorrect" in peers:
                verdict = "yes" if res["wall"] <= peers["autocorrect"]["wall"] else "**no**"
            if r["case"].startswith("growth"):
                growth.append(res["wall"])
            lines.append(f"| {case if r is group[0] else ''} | {r['tool']} | {res['wall']:.3f} | "
                         f"{res['cpu']:.3f} | {res['rss_mib']:.0f} | {ratio.get('autocorrect', '')} | "
                         f"{ratio.get('codespell', '')} | {r['target'] or ''} | {verdict} |")
    if len(growth) == 3:
        lines += ["", f"Growth: 4× input → {growth[1] / growth[0]:.2f}× time, 16× input → "
                      f"{growth[2] / growth[0]:.2f}× time (start-up included, so below 4×/16× "
                      f"means linear or better)."]
    lines += ["", "What the peers do (each does less than draftlint):", ""]
    lines += [f"- {note}" for note in PEER_NOTES.values()]
    return "\n".join(lines) + "\n"


def main() -> int:
    """Build, install, measure, write."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="3 runs, smaller scale inputs")
    ap.add_argument("--runs", type=int, default=None)
    ap.add_argument("--no-peers", action="store_true", help="skip AutoCorrect and codespell")
    ap.add_argument("--out", type=Path, default=BENCH / "out" / "run")
    ap.add_argument("--results", type=Path, default=BENCH / "RESULTS.md")
    args = ap.parse_args()
    args.runs = args.runs or (3 if args.quick else 5)
    inputs = build_inputs(args.out, args.quick)
    peers = ensure_peers(args.no_peers)
    rows = cases(inputs, peers)
    for r in rows:
        r["result"] = measure(r["cmd"], REPO, args.runs)
        res = r["result"]
        print(f"{r['case'][:60]:<60} {r['tool']:<16} wall {res['wall']:.3f}s "
              f"cpu {res['cpu']:.3f}s peak {res['rss_mib']:.0f} MiB", flush=True)
    text = render(rows, args, inputs)
    # Hand-written "## Notes" sections (what changed, where the time went) survive a re-run.
    if args.results.exists():
        previous = args.results.read_text(encoding="utf-8")
        notes = previous.find("\n## Notes")
        if notes != -1:
            text = text.rstrip("\n") + "\n" + previous[notes:]
    args.results.write_text(text, encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps(
        [{k: v for k, v in r.items()} for r in rows], ensure_ascii=False, indent=2),
        encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
