"""Run one big document's rules in two processes: this one and one forked child.

A 3 MB draft spends most of its time in the rules' own scans, one rule after the
other; on two cores the rules can share the work. The child is forked after the
document is read and the rules compiled, so it starts with everything in place
and sends back only its rules' hits, as (block index, start, end, suggestion,
fields) tuples. Both processes take rule groups from one queue (a pipe holding
their numbers) until it is empty, so the one that finishes early takes more.

The result is the serial run's: hits are put back per rule and the engine reads
them in rule order. Anything unusual (no fork on this platform, a thread
running, the child failing, a hit on a block outside the document's list) leaves
those rules to the serial path in the engine.

It pays only when a second core is free: on a machine already busy the split
costs a little more wall time than it saves (measured 0.63 s -> 0.73 s on a
3 MB draft with the other core taken). `--jobs 1` keeps everything in one process.
"""

from __future__ import annotations

import os
import struct
import sys
import threading
from typing import Iterator, Mapping, Sequence

from .config import Config
from .kinds import LintContext
from .model import Block, Document, FileError, Hit
from .rules import Rule

# Below this much text a fork and the hits' round trip cost about what they save
# (all default rules, two idle cores: 16,000 characters 0.35 s either way; 66,000
# characters 0.38 s -> 0.34 s; 274,000 characters 0.62 s -> 0.47 s).
MIN_CHARS = 100_000

# Kinds whose rules share work that each process would otherwise do again stay
# together in one process: adblock's line and contact rules classify a document
# once; the typo kinds load one lexicon (about 0.04 s) on first use.
FAMILIES = {"adblock": "adblock", "dictionary": "typo", "suspect": "typo"}

# The families that take the longest on big documents, started first so
# the two processes finish at about the same time (longest jobs first).
SLOW_FAMILIES = ("typo", "adblock")

_TOKEN = struct.Struct("<H")

Result = tuple[list[Hit], "FileError | None"]


def can_split(doc: Document, rules: Sequence[Rule]) -> bool:
    """True when forking is safe here and the document is big enough to gain from it."""
    if not (hasattr(os, "fork") and sys.platform.startswith("linux")):
        return False  # macOS's system libraries are not fork-safe; Windows has no fork
    if threading.active_count() > 1:
        return False  # a fork copies one thread only: locks held by others stay held
    if len(rules) < 2:
        return False
    return sum(len(b.text) for b in doc.blocks) >= MIN_CHARS


def _groups(rules: Sequence[Rule], blocks: Sequence[list[Block]]) -> list[list[int]]:
    """Rule indices in groups that each run in one process, the slow families first."""
    groups: list[list[int]] = []
    families: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        if not blocks[i]:
            continue  # the engine skips a rule with nothing to read
        family = FAMILIES.get(rule.kind_name)
        if family is None:
            groups.append([i])
        elif family in families:
            families[family].append(i)
        else:
            families[family] = [i]
            groups.append(families[family])

    def slowness(group: list[int]) -> int:
        family = FAMILIES.get(rules[group[0]].kind_name, "")
        return SLOW_FAMILIES.index(family) if family in SLOW_FAMILIES else len(SLOW_FAMILIES)

    return sorted(groups, key=slowness)  # stable: rule order within each class


def _take(queue: int, groups: list[list[int]]) -> Iterator[list[int]]:
    """The groups this process takes from the shared queue, until it is empty.

    Every token was written before the fork in one write of fewer than PIPE_BUF
    bytes, so each 2-byte read returns one whole token, never half of one.
    """
    while True:
        token = os.read(queue, _TOKEN.size)
        if len(token) < _TOKEN.size:
            return
        yield groups[_TOKEN.unpack(token)[0]]


def _encode(doc: Document, results: Mapping[int, Result]) -> bytes:
    """The child's results as plain data; a rule whose hits cannot be sent is left out.

    Per rule: the block indices, starts and ends as three int arrays (23,000 hits
    pickle in a millisecond that way), and the suggestion and fields of the hits
    that have any, by position.
    """
    import pickle  # here, not at the top: a small document never needs it (~1.5 ms)
    from array import array

    index = {id(b): i for i, b in enumerate(doc.blocks)}
    out: dict[int, tuple] = {}
    for i, (hits, error) in results.items():
        try:
            where = array("q", [index[id(h.block)] for h in hits])
        except KeyError:  # a hit on a block the document does not list: the parent reruns it
            continue
        extra = {n: (h.suggestion, h.fields) for n, h in enumerate(hits)
                 if h.suggestion is not None or h.fields}
        out[i] = (where, array("q", [h.start for h in hits]), array("q", [h.end for h in hits]),
                  extra, error)
    return pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)


def _decode(doc: Document, data: bytes) -> dict[int, Result]:
    """The child's results with its rows turned back into hits on the parent's blocks."""
    import pickle

    blocks = doc.blocks
    decoded: dict[int, Result] = {}
    for i, (where, starts, ends, extra, error) in pickle.loads(data).items():
        hits = [Hit(blocks[b], s, e) for b, s, e in zip(where, starts, ends)]
        for n, (suggestion, fields) in extra.items():
            hits[n] = Hit(hits[n].block, hits[n].start, hits[n].end, suggestion, fields)
        decoded[i] = (hits, error)
    return decoded


def run_split(doc: Document, rules: Sequence[Rule], blocks: Sequence[list[Block]],
              config: Config, ctx: LintContext, word_directives: Mapping
              ) -> list[Result | None]:
    """Each rule's (hits, error) from two processes; None where the engine must run it."""
    from .engine import rule_hits

    results: list[Result | None] = [None] * len(rules)
    groups = _groups(rules, blocks)
    if len(groups) < 2 or not can_split(doc, rules) \
            or len(groups) * _TOKEN.size >= 512:  # 512 <= PIPE_BUF on every POSIX system
        return results
    # Buffered output would be written twice, once by each process.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):  # closed or absent: nothing to repeat
            pass
    queue_r, queue_w = os.pipe()
    os.write(queue_w, b"".join(_TOKEN.pack(g) for g in range(len(groups))))
    os.close(queue_w)
    out_r, out_w = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # out of processes or memory: the engine runs every rule here
        for fd in (queue_r, out_r, out_w):
            os.close(fd)
        return results
    if pid == 0:  # the child: its groups, then its results down the pipe, then exit
        code = 1
        try:
            os.close(out_r)
            mine = {i: rule_hits(doc, rules[i], blocks[i], config, ctx, word_directives)
                    for group in _take(queue_r, groups) for i in group}
            with os.fdopen(out_w, "wb") as out:
                out.write(_encode(doc, mine))
            code = 0
        finally:
            os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
    os.close(out_w)
    pipe = os.fdopen(out_r, "rb")
    status = None
    try:
        for group in _take(queue_r, groups):
            for i in group:
                results[i] = rule_hits(doc, rules[i], blocks[i], config, ctx, word_directives)
        data = pipe.read()
        _, status = os.waitpid(pid, 0)
    finally:
        pipe.close()
        os.close(queue_r)
        if status is None:  # interrupted: do not leave the child behind
            _stop(pid)
    if os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        try:
            for i, result in _decode(doc, data).items():
                results[i] = result
        except Exception:  # a garbled answer: the engine runs those rules itself
            pass
    return results


def _stop(pid: int) -> None:
    """End the child (after an interrupt in the parent) and reap it."""
    import signal

    try:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)
    except OSError:
        pass
