"""The cross-run table of compiled patterns: served from disk, equal to a fresh compile, safe when damaged."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import regex

# A child process with its own cache folder: it compiles (or loads) the patterns given
# as JSON [pattern, flags] pairs, runs each on the probe strings and reports the matches
# and whether any pattern had to be compiled from source.
CHILD = r"""
import json, sys
from draftlint import regexcache
pairs = json.loads(sys.argv[1])
probes = json.loads(sys.argv[2])
out = []
for pattern, flags in pairs:
    p = regexcache.cached_compile(pattern, flags)
    out.append([[m.span(), m.groupdict()] for s in probes for m in p.finditer(s)])
print(json.dumps({"matches": out, "compiled": regexcache._dirty}))
regexcache.save()
"""

PAIRS = [
    # A CJK class with a lookbehind: 撰写文章X篇 ✓ / X光 ✗
    [r"(?<![A-Za-z])X(?=篇|个|项)", int(regex.VERSION1)],
    # Named groups and MULTILINE anchors
    [r"^(?P<year>20\d{2})年(?P<month>\d{1,2})月", int(regex.VERSION1 | regex.MULTILINE)],
    # A case-insensitive English cue
    [r"(?i:\bfree templates?\b)", 0],
]
PROBES = ["撰写文章X篇，拍X光片", "2024年3月\n2025年12月召开", "Free Templates here"]


def _run(cache: Path, pairs=PAIRS) -> dict:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", CHILD, json.dumps(pairs), json.dumps(PROBES)],
                          capture_output=True, text=True, env=env, check=True)
    return json.loads(done.stdout)


def _table_files(cache: Path) -> list[Path]:
    return sorted((cache / "draftlint").glob("patterns*.pickle"))


def test_second_run_loads_compiled_patterns_with_the_same_matches(tmp_path):
    first = _run(tmp_path)
    assert first["compiled"] is True
    assert len(_table_files(tmp_path)) == 1
    second = _run(tmp_path)
    assert second["compiled"] is False  # every pattern came from the table
    assert second["matches"] == first["matches"]
    # and both equal what regex itself gives, span by span
    expected = [[[m.span(), m.groupdict()] for s in PROBES for m in regex.finditer(p, s, f)]
                for p, f in PAIRS]
    assert json.loads(json.dumps(expected)) == second["matches"]
    assert second["matches"][0] == [[[4, 5], {}]]  # X篇, not X光


def test_an_edited_pattern_is_a_new_entry(tmp_path):
    _run(tmp_path)
    edited = [[PAIRS[0][0].replace("篇", "次"), PAIRS[0][1]]]
    result = _run(tmp_path, edited)
    assert result["compiled"] is True
    assert result["matches"] == [[]]  # 撰写文章X篇 no longer matches X(?=次…)


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N.", b"\x80\x05]\x94."])
def test_a_damaged_table_is_rebuilt_not_fatal(tmp_path, damage):
    _run(tmp_path)
    (table,) = _table_files(tmp_path)
    table.write_bytes(damage)  # truncated, garbage, None, an empty list
    result = _run(tmp_path)
    assert result["compiled"] is True
    assert _run(tmp_path)["compiled"] is False  # the rebuilt table serves the next run


def test_an_unwritable_cache_folder_costs_only_the_compile(tmp_path):
    (tmp_path / "draftlint").write_text("a file where the folder should be")  # even root cannot mkdir
    assert _run(tmp_path)["compiled"] is True
    assert _run(tmp_path)["compiled"] is True  # nothing stored, nothing broken


def test_invalid_pattern_raises_regex_error():
    from draftlint.regexcache import cached_compile

    with pytest.raises(regex.error):
        cached_compile(r"(?P<open")
