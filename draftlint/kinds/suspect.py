"""The `suspect` kind: a "broken word" detector (a lone character that a same-sound or
look-alike swap turns into a frequent word), with no model weights."""

from __future__ import annotations

import math
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from ..typo_data import (_cache_dir, lexicon, pack_set, pack_strings, source_key, unpack_set,
                         unpack_strings, write_cache)
from . import LintContext, check_options

TABLE = Path(__file__).resolve().parent.parent / "typo_data" / "confusion.txt"
# Lengths of the words a swap may complete (廉_ → 廉洁, 全心全_ → 全心全意).
SPAN_LENGTHS = (2, 3, 4)


@dataclass(frozen=True)
class Tables:
    """Confusion groups per character and the wildcard index of frequent words."""

    groups: Mapping[str, frozenset[int]]
    masked: Mapping[str, str]  # "廉\0" -> chars that complete a frequent word: "洁政…"
    # Character pairs seen inside a longer word but neither a word nor a word's prefix
    # ("控机" of 工控机): with the lexicon's words and prefixes, the pairs jieba attests.
    inner: frozenset[str] = frozenset()


def _load_groups() -> dict[str, frozenset[int]]:
    groups: dict[str, set[int]] = {}
    with open(TABLE, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if line.startswith("#"):
                continue
            kind, _, chars = line.rstrip("\n").split("\t")
            # The low two bits say what ties the group's characters: same sound (p),
            # shared phonetic part (s), hand-made look-alike (l) or a char and its own
            # component (c: 悦/兑, 岚/山, a weaker tie).
            gid = n * 4 + TIE_CODES.get(kind, TIE_P)
            for ch in chars:
                groups.setdefault(ch, set()).add(gid)
    return {c: frozenset(g) for c, g in groups.items()}


TIE_P, TIE_S, TIE_L, TIE_C = 0, 1, 2, 3
# A wide shape group (w: the 40 chars holding 艮) is as weak a tie as a component.
TIE_CODES = {"p": TIE_P, "s": TIE_S, "l": TIE_L, "c": TIE_C, "w": TIE_C}

# Tie strength of a candidate: only a shared component, one tie, or two ties (same
# sound and a shared part: 测/侧, 辨/辩) or a hand-made look-alike (己/已).
WEAK, SINGLE, STRONG = 0, 1, 2


def tie_strength(shared: frozenset[int]) -> int:
    """WEAK, SINGLE or STRONG for the ids of the groups two characters share."""
    codes = {g & 3 for g in shared}
    if TIE_L in codes or len(codes) >= 2:
        return STRONG
    return WEAK if codes == {TIE_C} else SINGLE


NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两廿卅")


def min_counts(min_count: int) -> dict[int, int]:
    """The corpus count a completed word needs, by length: a four-character 成语 is
    specific even when rare (关怀备至 has 16), a two-character word must be common."""
    return {2: min_count, 3: max(10, min_count // 10), 4: 10}


def _build_inner(lex) -> frozenset[str]:
    """Pairs of adjacent characters inside a word (past its first character) that the
    lexicon holds neither as a word nor as a word's prefix: 控机 of 工控机, 清气 of 海清气朗."""
    logp, prefixes = lex.logp, lex.prefixes
    out = set()
    for word in logp:
        for k in range(1, len(word) - 1):
            pair = word[k:k + 2]
            if pair not in logp and pair not in prefixes:
                out.add(pair)
    return frozenset(out)


def attested(pair: str, lex, tab: Tables) -> bool:
    """True when the lexicon holds `pair` as a word, a word's start or inside a word:
    "风清" (风清弊绝) ✓, "以案" (以案说法) ✓, "效律" ✗, "管里" ✗."""
    return pair in lex.logp or pair in lex.prefixes or pair in tab.inner


def _build_masked(lex, min_count: int) -> dict[str, str]:
    masked: dict[str, set[str]] = {}
    needed = {n: math.log(c - 0.5) - lex.log_total for n, c in min_counts(min_count).items()}
    for word, logp in lex.logp.items():
        if len(word) not in SPAN_LENGTHS or logp < needed[len(word)]:
            continue
        # Numbers and dates are not words to repair: 十二期 must not become 十二月.
        if sum(ch in NUMERALS for ch in word) >= 2:
            continue
        for j, ch in enumerate(word):
            masked.setdefault(word[:j] + "\0" + word[j + 1:], set()).add(ch)
    return {k: "".join(v) for k, v in masked.items()}


_LOCK = threading.Lock()
_TABLES: dict[int, Tables | None] = {}


def tables(min_count: int) -> Tables | None:
    """The tables for a minimum word count, built once and cached on disk (pickle)."""
    if min_count in _TABLES:
        return _TABLES[min_count]
    with _LOCK:
        if min_count in _TABLES:
            return _TABLES[min_count]
        lex = lexicon()
        if lex is None:
            _TABLES[min_count] = None
            return None
        # The lexicon enters the key through its size and total, TABLE by its content.
        cache = _cache_dir() / (f"suspect8-{min_count}-{len(lex.logp)}-{lex.log_total:.6f}-"
                                f"{source_key((TABLE,))}.pickle")
        try:
            with open(cache, "rb") as f:
                groups, masked_keys, masked_chars, inner = pickle.load(f)
            masked, inner = unpack_strings(masked_keys, masked_chars), unpack_set(inner)
        except (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError):
            groups = _load_groups()
            masked = _build_masked(lex, min_count)
            inner = _build_inner(lex)
            write_cache(cache, (groups, *pack_strings(masked), pack_set(inner)))
        _TABLES[min_count] = Tables(groups, masked, inner)
        return _TABLES[min_count]


# Runs of two or more CJK ideographs (the ranges of typo_data._is_han):
# "市场竞争" in "1.市场竞争" ✓ / "X" ✗, "，" ✗, a single "市" ✗.
_HAN_RUN = cached_compile(r"[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]{2,}")


def _han_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of at least two CJK ideographs."""
    for m in _HAN_RUN.finditer(text):
        yield m.span()


def lone_positions(run: str, lex, rare: float = -99.0) -> list[int]:
    """Offsets of the characters the best segmentation leaves as one-character tokens,
    or puts in a two-character word rarer than `rare` (log-probability)."""
    _, back = lex.best_path(run)
    logp = lex.logp
    lone = []
    k = len(run)
    while k > 0:
        length = back[k]
        if length == 1:
            lone.append(k - 1)
        elif length == 2 and logp[run[k - 2:k]] < rare:
            lone.extend((k - 1, k - 2))
        k -= length
    lone.reverse()
    return lone


# Common surnames: a given name after one of them (王立新, 李建伟) is a run of lone
# characters that a swap would happily "repair"; names are not typos.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")


# Question and pointing words: 哪种 reads 哪/种 (jieba lacks 哪种) and 那种 is a frequent
# word, yet both are right. Which of 哪/那/这 a sentence needs is a matter of meaning a
# word-frequency model cannot judge, so one is never suggested for another ("你喜欢哪种
# 水果" ✓ silent); a swap to a content character stays possible.
POINTERS = frozenset("哪那这")

# Sentence-final particles (and interjections used as such): at the end of a clause they
# are grammar, not broken words ("走咯，" must not become 走路); elsewhere in a run of
# text they are tried as usual, so "要过嗨关检查" (嗨 → 海) is still found.
PARTICLES = frozenset("咯喽呗嘛啦呢吧哦呀啊哟嘞咧喔噢哇呐呵嗯哼嘿唉哎咦诶哈呦喏嘘")

# Prefixes of a familiar name (小宇, 阿杰, 老吴): at the start of a clause, a lone
# character after one of them is a name, not a broken word ("小宇一看到" ✓, kept by the
# guard; "看望单位的老干部" is untouched, 老 does not start the clause there).
NAME_PREFIX = frozenset("小阿老")

# A lone character right before one of these is part of a place name (青岚市, 岱岳区).
PLACE_SUFFIX = frozenset("省市县区镇乡村州旗盟")


def _in_name(run: str, i: int, lonely: frozenset[int], logp: Mapping[str, float],
             common: float) -> bool:
    """True when a lone surname one or two characters before `i` starts a lone run:
    "王立新" ✓ (新 is the name's), "监督管里" ✗; when `i` is such a surname itself, at the
    start of a clause and followed by two lone characters that are not function words
    (more frequent than `common`): "郑丽华是" ✓ (郑 is no broken 邰), "肖除在班上" ✗
    (在 is a function word: 肖 → 消 is the repair); or when `i` follows a familiar-name
    prefix opening the clause: "小宇一看到" ✓, "看望单位的老干部" ✗."""
    for back in (1, 2):
        j = i - back
        if j >= 0 and run[j] in SURNAMES and j in lonely and all(
                k in lonely for k in range(j, i)):
            return True
    if i == 0 and run[0] in SURNAMES and 1 in lonely and 2 in lonely and \
            logp.get(run[1], -99.0) <= common and logp.get(run[2:3], -99.0) <= common:
        return True
    return i == 1 and run[0] in NAME_PREFIX and 0 in lonely


def _strongest(hits: list[Hit]) -> list[Hit]:
    """Of hits two or fewer characters apart keep the one with the larger gain.

    In "工业和言息化部" both 言 (→信) and 化 look broken; only the better swap is the typo.
    """
    kept = []
    for h in hits:
        rivals = [o for o in hits if o is not h and abs(o.start - h.start) <= 2]
        if all(h.fields["gain"] > o.fields["gain"] or
               (h.fields["gain"] == o.fields["gain"] and h.start < o.start) for o in rivals):
            kept.append(h)
    return kept


def _in_place(run: str, i: int, lonely: frozenset[int], logp: Mapping[str, float]) -> bool:
    """True when lone characters, or a word ending in a place suffix, lead from `i` to
    that suffix: "桐湾区" (桐, 湾 lone, then 区) and "桐港区" (港区 a word) are district
    names ✓; "监督管里" ✗."""
    for j in (i + 2, i + 3):
        if j < len(run) and run[j] in PLACE_SUFFIX and (
                all(k in lonely for k in range(i, j)) or run[i + 1:j + 1] in logp):
            return True
    return False


@dataclass(frozen=True)
class Suspect:
    """Options (tuned on shared/csc/dev only):

    - `threshold`: nats a swap completing a two-character word must gain in the best
      segmentation of a ±`window` window (default 9.5);
    - `threshold_long`: the same for a three- or four-character word (default 7: a
      rare three-character word is weak evidence, 抬不起头 must not become 吃不起);
    - `min_count`: jieba count a completed two-character word needs (default 100);
    - `rare`: log-probability under which a two-character word counts as broken too
      (default -13, about count 130 of jieba's 60 million);
    - `window`: context characters on each side (default 5);
    - `weak_extra`: nats added to the threshold when the only tie between the two
      characters is a shared component (悦/兑), not sound or shape (default 3);
    - `strong_bonus`: nats taken off `threshold` when two characters are tied twice
      (same sound and a shared part, 测/侧) or are a hand-made look-alike pair (己/已):
      on shared/csc/dev such swaps are almost never wrong (default 3);
    - `common`: log-probability above which a lone character (的, 了, 是, 个 — about 30
      of them) is taken as a function word and not tried (default -6.2: 吃个饭 must not
      become 吃干饭);
    - `joined_bonus`: nats taken off the threshold when a look-alike swap (a shape or
      double tie) turns two odd lone characters into one word: 日昌 → 日常 (default 1.5);
    - `joined_single`: the same for a sound-only swap (default 0, off: jieba lacks
      many modern words whose characters then look lone, 微博 would become 微波 —
      words.txt adds the common ones); a numeral (感染六科) never gets either bonus;
    - `neighbour_doubt`: drop a hit that passed only thanks to a joined bonus when the
      lone neighbour it joins has a swap of its own gaining `threshold_long` (default on);
    - `joined_max`: the swapped-in character must be rarer than this log-probability
      for that bonus: a frequent one (有, 人) completes some word almost anywhere;
    - `neighbour_check`: drop a hit when a lone neighbour's own best swap gains more
      ("成郊" → 成效, not 城郊) (default on).
    - `attested_extra`: nats added to the threshold of a two-character completion when
      the pair it breaks occurs in the lexicon (as a word, a word's start or inside a
      word): "风清气正" with 清 → 情 breaks 风清 (风清弊绝), a pair jieba attests, while
      "效律" attests nothing (default 2);
    - `doubt_below`: a hit gaining less than this is dropped when a lone neighbour has a
      swap of its own gaining `threshold_long`: when both of two lone neighbours have a
      fair repair, the typo is as likely the other one (default 10, so only hits that
      the old threshold of 10 would have missed are doubted);
    - `no_copy`: never suggest the character next to the suspect, which reads a
      reduplication into plain text ("太大的" is not 大大的) (default on);
    - `min_need`: the least gain any two-character completion needs, whatever its
      bonuses (default 6.5).
    """

    threshold: float = 9.5
    min_count: int = 100
    window: int = 5
    rare: float = -13.0
    threshold_long: float = 7.0
    weak_extra: float = 3.0
    common: float = -6.2  # a lone char more frequent than this (log-probability) is left alone
    strong_bonus: float = 3.0
    joined_bonus: float = 1.5
    joined_max: float = -7.5
    neighbour_check: bool = True
    joined_single: float = 0.0
    neighbour_doubt: bool = True
    attested_extra: float = 2.0
    doubt_below: float = 10.0
    no_copy: bool = True
    min_need: float = 6.5

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Suspect":
        """Validate the thresholds."""
        check_options("suspect", options,
                      {"threshold": (int, float), "threshold_long": (int, float),
                       "min_count": int, "window": int, "rare": (int, float),
                       "weak_extra": (int, float), "common": (int, float),
                       "strong_bonus": (int, float), "joined_bonus": (int, float),
                       "joined_max": (int, float), "neighbour_check": bool,
                       "joined_single": (int, float), "neighbour_doubt": bool,
                       "attested_extra": (int, float), "doubt_below": (int, float),
                       "no_copy": bool, "min_need": (int, float)})
        d = cls()
        return cls(float(options.get("threshold", d.threshold)),
                   int(options.get("min_count", d.min_count)),
                   int(options.get("window", d.window)),
                   float(options.get("rare", d.rare)),
                   float(options.get("threshold_long", d.threshold_long)),
                   float(options.get("weak_extra", d.weak_extra)),
                   float(options.get("common", d.common)),
                   float(options.get("strong_bonus", d.strong_bonus)),
                   float(options.get("joined_bonus", d.joined_bonus)),
                   float(options.get("joined_max", d.joined_max)),
                   bool(options.get("neighbour_check", d.neighbour_check)),
                   float(options.get("joined_single", d.joined_single)),
                   bool(options.get("neighbour_doubt", d.neighbour_doubt)),
                   float(options.get("attested_extra", d.attested_extra)),
                   float(options.get("doubt_below", d.doubt_below)),
                   bool(options.get("no_copy", d.no_copy)),
                   float(options.get("min_need", d.min_need)))

    def candidates(self, run: str, i: int, tab: Tables) -> dict[str, tuple[int, int]]:
        """Characters that, put at `i`, complete a frequent word and sound or look alike,
        each with the length of the longest word it completes and its tie strength."""
        ch = run[i]
        mine = tab.groups.get(ch)
        if not mine:
            return {}
        pointer = ch in POINTERS
        out: dict[str, tuple[int, int]] = {}
        masked = tab.masked
        groups = tab.groups
        left = run[max(0, i - 3):i]
        right = run[i + 1:i + 4]
        nl, nr = len(left), len(right)
        for length in SPAN_LENGTHS:
            # a characters of the word before the swapped one, length - 1 - a after it.
            for a in range(length):
                b = length - 1 - a
                if a > nl or b > nr:
                    continue
                hits = masked.get(left[nl - a:] + "\0" + right[:b])
                if hits:
                    for c in hits:
                        if c != ch and not (pointer and c in POINTERS):
                            g = groups.get(c)
                            if g:
                                shared = mine & g
                                if shared:
                                    out[c] = (length, tie_strength(shared))
        return out

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield a hit per lone character whose best swap gains `threshold` nats."""
        lex = None
        memo = _MEMO.get(self)
        if memo is None:
            memo = _MEMO.setdefault(self, {})
        for block in blocks:
            text = block.text
            if not text:
                continue
            for start, end in _han_runs(text):
                if lex is None:
                    lex = lexicon()
                    tab = tables(self.min_count)
                    if lex is None or tab is None:
                        return
                run = text[start:end]
                # The verdict on a run depends on the run alone: a paragraph repeated in a
                # document (headers, boilerplate) or across drafts is scored once.
                found = memo.get(run)
                if found is None:
                    found = self._scan(run, lex, tab)
                    if len(memo) >= MEMO_MAX:
                        memo.clear()
                    memo[run] = found
                if not found:
                    continue
                hits = [Hit(block, start + i, start + i + 1, c, {"fixable": False, "gain": gain})
                        for i, c, gain in found if self._allowed(block, start + i, ctx)]
                yield from _strongest(hits)

    def _scan(self, run: str, lex, tab: Tables) -> tuple[tuple[int, str, float], ...]:
        """(offset, suggestion, gain) of every lone character of `run` worth a hit,
        before the block's own filters (noproof marks, configured words)."""
        order = lone_positions(run, lex, self.rare)
        lonely = frozenset(order)
        # odd[k]: how many of run[:k] are lone characters that are not function words.
        # Prose around a typo is mostly words ("监督管里": only 管, 里 are odd); where most
        # neighbours are odd too (random or garbled text, lists of names) there is no
        # sentence to repair, and skipping keeps the cost per character bounded.
        logp = lex.logp
        common = self.common
        odd = [0]
        for k in range(len(run)):
            odd.append(odd[-1] + (k in lonely and logp.get(run[k], -99.0) <= common))
        w = self.window
        n = len(run)
        found = []
        for i in order:
            if odd[min(n, i + 1 + w)] - odd[max(0, i - w)] - 1 > MAX_ODD:
                continue
            best = self._try(run, i, lex, tab, lonely)
            if best is not None:
                found.append((i, *best))
        return tuple(found)

    def _try(self, run: str, i: int, lex, tab: Tables,
             lonely: frozenset[int] = frozenset()) -> tuple[str, float] | None:
        if lex.logp.get(run[i], -99.0) > self.common or \
                (run[i] in PARTICLES and i == len(run) - 1) or \
                _in_name(run, i, lonely, lex.logp, self.common):
            return None
        # Before a place suffix a lone character is most likely part of a name (青岚市),
        # unless the swap completes a word that takes the suffix in: 自冶区 → 自治区,
        # 成市群 → 城市群, 综合报税区 → 保税区.
        suffix = -1
        if run[i + 1:i + 2] in PLACE_SUFFIX:
            suffix = i + 1
        elif _in_place(run, i, lonely, lex.logp):
            suffix = next(j for j in (i + 2, i + 3) if run[j:j + 1] in PLACE_SUFFIX)
        best_gain, best_char, relaxed = 0.0, None, False
        for c, gain, need, bonus in self._gains(run, i, lex, tab):
            if gain >= need and gain > best_gain and (
                    suffix < 0 or self._covers(run, i, c, suffix, lex)):
                best_gain, best_char, relaxed = gain, c, bonus
        if best_char is None:
            return None
        # The typo may be the neighbour: in "成郊明显" 成→城 makes 城郊, but 郊→效 makes
        # the likelier 成效. A lone neighbour whose own best swap gains more wins.
        if self.neighbour_check:
            for j in (i - 1, i + 1):
                if 0 <= j < len(run) and j in lonely and \
                        lex.logp.get(run[j], -99.0) <= self.common:
                    gains = [g for _, g, _, _ in self._gains(run, j, lex, tab)]
                    if any(g > best_gain for g in gains):
                        return None
                    # A swap that passed only thanks to the joined bonus is dropped when
                    # the neighbour it joins could be the typo itself: in "规范休系" 系 →
                    # 息 joins 休息, but 休 → 体 (体系) is the repair.
                    if (relaxed and self.neighbour_doubt or best_gain < self.doubt_below) \
                            and any(g >= self.threshold_long for g in gains):
                        return None
        return best_char, round(best_gain, 1)

    def _covers(self, run: str, i: int, c: str, j: int, lex) -> bool:
        """True when `c` put at `i` completes a frequent word reaching position `j`:
        "自冶区" with 治 at 1 gives 自治区, which holds the 区 at 2."""
        needed = min_counts(self.min_count)
        for s in range(max(0, i - 3), i + 1):
            for e in range(j + 1, min(len(run), s + 4) + 1):
                if e - s in needed and lex.count(run[s:i] + c + run[i + 1:e]) >= needed[e - s]:
                    return True
        return False

    def _gains(self, run: str, i: int, lex,
               tab: Tables) -> list[tuple[str, float, float, bool]]:
        """(candidate, gain in nats, gain needed, whether the joined bonus lowered the
        need) for every candidate swap at `i`."""
        cands = self.candidates(run, i, tab)
        if not cands:
            return []
        lo = max(0, i - self.window)
        hi = min(len(run), i + 1 + self.window)
        left, right = run[lo:i], run[i + 1:hi]
        before = left + run[i] + right
        base = lex.score(before)
        out = []
        for c, (length, tie) in cands.items():
            # A swap copying a neighbour reads a reduplication into plain text: "太大的"
            # must not become 大大的.
            if self.no_copy and (c == run[i - 1:i] or c == run[i + 1:i + 2]):
                continue
            after = left + c + right
            gain = lex.score(after) - base
            # A three- or four-character word (全心全意) is specific enough to need less;
            # a tie through a shared component only needs more.
            need = self.threshold if length == 2 else self.threshold_long
            if tie == WEAK:
                need += self.weak_extra
            elif tie == STRONG and length == 2:
                need -= self.strong_bonus
            # The pair the swap would break may be a real one: in "风清气正" 清 → 情
            # makes 风情, but 风清 occurs in words (风清弊绝), so the text may well be right.
            if length == 2 and self.attested_extra and self._breaks_pair(run, i, c, lex, tab):
                need += self.attested_extra
            # A swap that joins two odd lone characters into one word ("日昌工作" → 日常)
            # needs less, unless the new character is a frequent one (有, 人) that
            # completes some word almost anywhere.
            # A numeral is left out: in "感染六科" (a ward's number) 六 → 文 joins 文科.
            bonus = self.joined_single if tie == SINGLE else self.joined_bonus
            joined = bonus > 0 and need - bonus <= gain < need and run[i] not in NUMERALS \
                and lex.logp.get(c, -99.0) <= self.joined_max and \
                self._odd_lone(before, lex) - self._odd_lone(after, lex) >= 2
            if joined:
                need -= bonus
            # However tied and joined, a two-character word needs `min_need`: "正式开园"
            # must not become 开元 (园/元 share sound and part, and 开 is lone too).
            if length == 2 and need < self.min_need:
                need = self.min_need
            out.append((c, gain, need, joined))
        return out

    def _breaks_pair(self, run: str, i: int, c: str, lex, tab: Tables) -> bool:
        """True when a neighbour that `c` forms a frequent word with already forms a pair
        the lexicon attests with the original character: "工控机" with 控 → 手 (手机) ✓,
        since 控机 occurs in 工控机; "效律" with 律 → 率 ✗."""
        needed = self.min_count
        if i > 0 and lex.count(run[i - 1] + c) >= needed and \
                attested(run[i - 1:i + 1], lex, tab):
            return True
        return i + 1 < len(run) and lex.count(c + run[i + 1]) >= needed and \
            attested(run[i:i + 2], lex, tab)

    def _odd_lone(self, text: str, lex) -> int:
        """How many characters of `text` the best segmentation leaves alone that are not
        function words (的, 了 are not counted)."""
        _, back = lex.best_path(text)
        logp = lex.logp
        k, n = len(text), 0
        while k > 0:
            if back[k] == 1 and logp.get(text[k - 1], -99.0) <= self.common:
                n += 1
            k -= back[k]
        return n

    @staticmethod
    def _allowed(block: Block, pos: int, ctx: LintContext) -> bool:
        """False when the character is marked noproof or inside a configured word."""
        if any(m.kind == "noproof" and m.start <= pos < m.end for m in block.marks):
            return False
        if ctx.words:
            text = block.text
            for w in ctx.words:
                p = text.find(w, max(0, pos - len(w) + 1))
                if 0 <= p <= pos < p + len(w):
                    return False
        return True


# At most this many other odd lone characters in the ±window of a suspect (tuned on
# shared/csc/dev: no true detection there has more than 6; random text has 7 to 10).
MAX_ODD = 6

# Verdicts per run of CJK text, per rule instance; cleared when it grows past MEMO_MAX
# runs so memory stays bounded on huge inputs.
MEMO_MAX = 100_000
_MEMO: dict[Suspect, dict[str, tuple[tuple[int, str, float], ...]]] = {}
