#!/usr/bin/env python3
"""Benchmark `draftlint check -j 1` against `-j 2` over 1,000 small drafts.

Usage:
    python3 bench/bench_jobs.py [--files 1000] [--runs 5] [--jobs 2] [--out bench/out/jobs]

The drafts come from /work/shared/bench/make_scale.py when it exists (its `small/`
folder: .md and .txt, some GB18030, CRLF or BOM), else they are generated here.
Each configuration runs --runs times as a fresh `python -m draftlint` process (start-up
and rule loading included, as a user sees it); the medians are printed and the JSON
outputs of every run must be byte-identical.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

MAKE_SCALE = Path("/work/shared/bench/make_scale.py")

# Own generator: short report drafts with a few template leftovers each.
OPENINGS = ["一、工作开展情况", "二、主要成效", "三、存在的问题", "四、下一步打算"]
SENTENCES = [
    "全年共召开专题会议{n}次，研究解决重点问题{m}个。",
    "深入基层走访企业{n}家，帮助解决实际困难{m}件。",
    "组织干部培训{n}期，参训人员{m}人次。",
    "完成固定资产投资{n}亿元，同比增长{m}%。",
    "扎实推进老旧小区改造，惠及群众{n}户。",
    "坚持以人民为中心，持续改善营商环境。",
]
LEFTOVERS = ["撰写调研文章X篇。", "完成项目XX个。", "牵头单位：【待填写】", "坚持严于律已，廉沽自律。"]


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """Write `count` small drafts (.md and .txt alternating) into `folder`."""
    r = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        lines = ["# 2025年度工作总结" if i % 2 else "2025年度工作总结"]
        for head in OPENINGS:
            lines.append(head)
            for _ in range(r.randint(2, 5)):
                lines.append(r.choice(SENTENCES).format(n=r.randint(2, 90), m=r.randint(2, 90)))
            if r.random() < 0.3:
                lines.append(r.choice(LEFTOVERS))
        suffix = ".md" if i % 2 else ".txt"
        (folder / f"draft_{i:04d}{suffix}").write_text("\n".join(lines) + "\n", encoding="utf-8")


def prepare(out: Path, files: int, own: bool = False) -> Path:
    """The folder of small drafts, from make_scale.py when available (unless `own`)."""
    small = out / "small"
    if small.is_dir() and sum(1 for _ in small.iterdir()) == files:
        return small
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    if MAKE_SCALE.exists() and not own:
        subprocess.run([sys.executable, str(MAKE_SCALE), str(out), "--small", str(files),
                        "--pages", "1", "--txt-mb", "0.01"], check=True, stdout=subprocess.DEVNULL)
        for big in ("scale_large.docx", "scale_large.txt"):
            (out / big).unlink(missing_ok=True)
    else:
        generate(small, files)
    return small


def time_run(folder: Path, jobs: int) -> tuple[float, bytes]:
    """Seconds for one `draftlint check FOLDER --format json -j JOBS`, and its stdout."""
    cmd = [sys.executable, "-m", "draftlint", "check", str(folder), "--format", "json",
           "--isolated", "--lang", "en", "-j", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"draftlint failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed, proc.stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="the parallel configuration to compare")
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "out" / "jobs")
    ap.add_argument("--own-drafts", action="store_true",
                    help="generate the drafts here even when make_scale.py exists")
    args = ap.parse_args()

    folder = prepare(args.out, args.files, args.own_drafts)
    n = sum(1 for _ in folder.iterdir())
    source = "generated" if args.own_drafts or not MAKE_SCALE.exists() else "make_scale.py"
    print(f"{n} drafts in {folder} ({source}); "
          f"{os.cpu_count()} CPUs; {args.runs} runs each")
    times: dict[int, list[float]] = {1: [], args.jobs: []}
    outputs: set[bytes] = set()
    # Interleave the configurations so a slow moment of the machine hits both.
    for _ in range(args.runs):
        for jobs in times:
            t, out = time_run(folder, jobs)
            times[jobs].append(t)
            outputs.add(out)
    for jobs, ts in times.items():
        print(f"-j {jobs}: median {statistics.median(ts):.2f} s  "
              f"(min {min(ts):.2f}, max {max(ts):.2f})")
    speedup = statistics.median(times[1]) / statistics.median(times[args.jobs])
    print(f"speed-up -j {args.jobs} vs -j 1: {speedup:.2f}x")
    same = len(outputs) == 1
    print(f"JSON identical across all runs: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
