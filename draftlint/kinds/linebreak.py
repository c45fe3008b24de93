"""The `linebreak` kind: a sentence broken across two lines or two .docx paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from ..typo_data import lexicon
from . import LintContext, check_options

# The last character of a line that ends mid-sentence: a Han character, a comma or
# enumeration comma, or an opening mark. "…新建厂" ✓ / "…投产。" ✗, "…如下：" ✗
_OPEN_END = cached_compile(r"[\p{Han}，、“‘（《「『【〔]$")

# The first character of a line that continues one: Han text, a digit, or the
# punctuation that would have followed. "房项目已投产" ✓, "。" ✓ / "　　新段落" ✗
_CONTINUES = cached_compile(r"^[\p{Han}0-9，。、；：！？”’）》」』】〕]")

# A mark that never opens a line in Chinese: a line starting with one continues the line
# before it, however short that is. "，明确整改时限。" ✓ / "“三服务”活动" ✗, "（一）" ✗
_PUNCT_HEAD = cached_compile(r"^[，。、；：！？]")

# The end of a line that such a mark may follow: text, a figure or a closing mark.
# "逐条建立台账" ✓, "增长12%" ✓ / "如下：" ✗ (already punctuated), "" ✗
_TEXT_END = cached_compile(r"[\p{Han}A-Za-z0-9%”’）》」』】〕]$")

# Where a continued sentence finally ends: the rest of a wrapped paragraph closes it.
# "房项目已顺利投产。" ✓ / "加入会员群QQ：123456789" ✗ (an unrelated second line)
_CLOSED = cached_compile(r"[。！？；…”’）》」』】.!?]$")

# A line that ends a sentence somewhere inside: long lines without any of these are
# titles or labels, not sentences. "完成改造，新建厂" ✓ / "关于开展专项整治的实施方案" ✗
_SENTENCE_MARK = cached_compile(r"[，。；、！？]")

# Running text, not a heading: a sentence already ended inside the line.
# "（四）城建工作。完成X条道路提" ✓ / "坚持立德树人，提高政治素养" ✗ (an unnumbered heading)
_SENTENCE_END = cached_compile(r"[。；！？]")

# Headings and list items, at line start: 一、 （一） 第一章 1. 1、 (1) ① 一是 # - •.
# "（一）加强学习" ✓, "1.总体要求" ✓, "一是加强学习" ✓ / "一年来" ✗, "12.6亿元" ✗
_ITEM = cached_compile(
    r"^[ \t\u3000]*(?:[一二三四五六七八九十百]+[、．.]"
    r"|[（(][一二三四五六七八九十百0-9]+[)）]"
    r"|第[一二三四五六七八九十百零〇0-9]+[章节条编部分篇款项]"
    r"|[0-9]{1,3}(?:[.．][0-9]{1,3})*(?:[、)）]|[.．](?![0-9]))"
    r"|[①-⑳]|[一二三四五六七八九十]+是"
    r"|[#＃>*•·●○■□◆▪-]"
    r"|附件|附表|注[：:])")

# A date line (a signature's second line): "2025年12月29日" ✓, "二〇二五年一月" ✓ /
# "2025年全年完成投资" ✗
_DATE_LINE = cached_compile(
    r"^[ \t\u3000]*(?:[0-9]{4}|[〇零一二三四五六七八九○]{4})[ \t]*年"
    r"(?:[ \t]*[0-9一二三四五六七八九十]{1,3}[ \t]*月(?:[ \t]*[0-9一二三四五六七八九十]{1,3}[ \t]*日)?)?"
    r"[ \t\u3000]*$")

# Words that open a new sentence, so a line starting with them is a new paragraph
# whose predecessor merely lacks its full stop: "2026年，我们将…" ✓ / "房项目已投产" ✗
_SENTENCE_START = cached_compile(
    r"^(?:[0-9]{4}年|今年|去年|明年|同时|此外|另外|下一步|今后|我们|一年来|总之|综上|总的来看)")

# Indentation opens a new paragraph in Chinese plain text: "　　2025年，…" ✓ / "2025年" ✗
_INDENT = cached_compile(r"^(?:[ \u3000]{2,}|\t)")

# One CJK ideograph: 强 ✓ / 1 ✗, 。✗
_HAN = cached_compile(r"\p{Han}")

# Block styles that are never running text broken by a wrap.
_NOT_PROSE = ("heading", "Heading", "Title", "Subtitle", "title", "table", "list-item",
              "List", "Caption", "caption",
              "code", "front-matter", "comment", "markup", "directive", "watermark",
              "property", "toc", "TOC")


@dataclass(frozen=True)
class Linebreak:
    """Options: `min_length` (a broken line is at least this long, default 16),
    `long_line` (a shorter line must hold a finished sentence to count as running
    text, default 40), `md_wrap_limit` (a Markdown file with this many wraps or
    more is wrapped on purpose and yields nothing, default 3).

    A hit is zero-width at the end of the line (paragraph) that ends too early.
    """

    min_length: int
    md_wrap_limit: int
    long_line: int

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Linebreak":
        """Validate the thresholds."""
        check_options("linebreak", options,
                      {"min_length": int, "md_wrap_limit": int, "long_line": int})
        min_length = options.get("min_length", 16)
        limit = options.get("md_wrap_limit", 3)
        long_line = options.get("long_line", 40)
        if min_length < 1 or limit < 1 or long_line < 1:
            raise ValueError("'min_length', 'long_line' and 'md_wrap_limit' must be positive")
        return cls(min_length, limit, long_line)

    @staticmethod
    def _prose(block: Block) -> bool:
        return not block.style.startswith(_NOT_PROSE) \
            and not any(m.kind == "numbering" for m in block.marks)

    def _ends_early(self, block: Block, nxt: Block | None = None) -> bool:
        text = block.text.rstrip()
        src = block.source
        hard_break = src is not None and (src.endswith("  ") or src.rstrip().endswith("\\"))
        if nxt is not None and _PUNCT_HEAD.match(nxt.text) and _TEXT_END.search(text):
            # "…逐条建立台账" / "，明确整改时限。": the comma proves the break, even on a
            # line too short to judge by its own shape.
            return not hard_break
        if len(text) < self.min_length or not _OPEN_END.search(text):
            return False
        if not _SENTENCE_MARK.search(text):
            return False
        # Short and without a finished sentence: a heading or an item, not running text,
        # unless the break cuts a word in two ("…切实加" / "强组织领导").
        if len(text) < self.long_line and not _SENTENCE_END.search(text) and \
                not (nxt is not None and _splits_a_word(text, nxt.text)):
            return False
        # Markdown's hard breaks (two trailing blanks, a backslash) are wanted.
        return not hard_break

    @staticmethod
    def _continues(block: Block) -> bool:
        text = block.text
        if not _CONTINUES.match(text) or _INDENT.match(text) or _ITEM.match(text):
            return False
        if _DATE_LINE.match(text) or _SENTENCE_START.match(text):
            return False
        # A short line with no punctuation is a signature or a label, not the rest
        # of a sentence: "松溪镇人民政府办公室" ✓ (skipped) / "围。" ✗ (continues)
        return bool(_SENTENCE_MARK.search(text)) or len(text.strip()) >= 20

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield a zero-width hit at the end of each line that the next line continues."""
        hits: list[Hit] = []
        for prev, nxt in zip(blocks, blocks[1:]):
            if prev.part != nxt.part or nxt.line != prev.line + 1:
                continue
            if not (self._prose(prev) and self._prose(nxt)):
                continue
            if self._ends_early(prev, nxt) and self._continues(nxt) \
                    and (_CLOSED.search(nxt.text.rstrip()) or self._ends_early(nxt)):
                end = len(prev.text.rstrip())
                hits.append(Hit(prev, end, end, fields={
                    "tail": prev.text[max(0, end - 8):end], "head": nxt.text[:8].strip()}))
        if doc.format == "md" and len(hits) >= self.md_wrap_limit:
            return  # a Markdown file wrapped on purpose: its renderer joins the lines
        if len(hits) > 2 and len(hits) * 2 > self._prose_lines(blocks):
            # Most lines end open: a list of unpunctuated items, or a whole file
            # wrapped at a fixed width. That is the file's style, not a slip.
            return
        yield from hits

    def _prose_lines(self, blocks: Sequence[Block]) -> int:
        """How many blocks are sentence-bearing running text (the ratio's base)."""
        return sum(1 for b in blocks if len(b.text) >= self.min_length
                   and self._prose(b) and _SENTENCE_MARK.search(b.text))


# A word cut by the break is frequent; the next line does not open with a word of its own.
SPLIT_WORD_COUNT = 2000
OWN_WORD_COUNT = 100


def _splits_a_word(text: str, following: str) -> bool:
    """The line's last character and the next line's first make a frequent word that the
    next line's own start does not: "切实加" + "强组织" (加强; 强组 is no word) ✓ /
    "提高政治素养" + "全面贯彻" ✗, "推进全面" + "面对困难" ✗ (面对 is a word)."""
    if not following or not _HAN.match(following):
        return False
    lex = lexicon()
    if lex is None:
        return False
    tail, head = text[-1], following[0]
    return lex.count(tail + head) >= SPLIT_WORD_COUNT and \
        lex.count(following[:2]) < OWN_WORD_COUNT
