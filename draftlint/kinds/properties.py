"""The `properties` kind: document metadata (author, company …) that belongs to someone else.

Three checks, one per rule (option `check`):

* `site`: a property naming a template site (笔杆派, 范文网, a domain);
* `config`: author/last-modified-by or company unlike the configured `authors`/`company`;
* `unit`: a company that is another unit than the one the document is issued by
  (白水市…局 in the properties of a 青山县 plan), decided only on clear evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from . import LintContext, check_options

_F = regex.VERSION1
PEOPLE = ("property:author", "property:last_modified_by")
COMPANY = ("property:company",)
# Every text property a site may stamp.
ALL_FIELDS = ("title", "subject", "author", "last_modified_by", "company", "manager",
              "keywords", "comments", "category")

# Site-like words in a property: 笔杆派 ✓, 范文网 ✓, 某某文库 ✓, bigan-pai.cn ✓ /
# 国家电网有限公司 ✗, 院办公室 ✗, 公文处理中心 ✗ (公文 must not be followed by 处理/科/室).
_SITE = cached_compile(
    r"文库|范文|素材|模板|下载|资料(?:网|站|库|大全)|公文(?!处理|管理|办理|运转|交换|科|室|组)"
    r"|(?<!电|管|气|水|路|光|渔|铁|互联|物联|局域|广域|电力)网$|网(?:站|址)"
    r"|(?i:www\.|https?://|\.(?:com|cn|net|org|cc|top|vip|xyz)\b|template|download)", _F)

# The same for the places a person rarely looks (custom properties, document variables, the
# attached template's path), without the words a unit's own template carries there too:
# D:\下载\第一范文网\述职模板.dotx ✓, 来源 = www.example.com ✓ /
# C:\Users\a\AppData\Roaming\Microsoft\Templates\Normal.dotm ✗, 公司公文模板.dotx ✗,
# D:\宣传素材\红头.dotx ✗, http://oa.corp.local/templates/红头.dotx ✗ (the unit's own server).
_SITE_STRICT = cached_compile(r"文库|范文|资料(?:网|站|库|大全)|(?i:www\.)", _F)
# Property styles the strict pattern applies to (their names follow a second colon).
_HIDDEN_PLACES = ("custom", "template", "variable")

# The place a unit belongs to, at the start of its name: 白水市食品药品监督管理局 → 白水市 ✓,
# 青山县市场监督管理局关于… → 青山县 ✓ / 市场监督管理局 ✗ (no place), 城市管理局 ✗ (城市 is no place).
_PLACE = cached_compile(r"^\s*(?P<p>\p{Han}{2,6}?(?:自治区|自治州|自治县|省|市|县|区|州|盟|旗))"
                       r"(?=\p{Han}{2,})", _F)
_NOT_PLACE = frozenset({"城市", "全市", "本市", "全县", "本县", "全区", "本区", "全省", "本省",
                        "地区", "社区", "园区", "景区", "城区", "市区", "辖区", "街区", "校区",
                        "片区", "新区", "开发区", "示范区", "超市"})
# A unit name: ends like an office or an organisation (…局 …委员会 …公司 …医院).
_UNIT = cached_compile(r"(?:局|厅|委|办|院|所|处|科|中心|政府|委员会|办公室|公司|集团|学校|"
                      r"学院|大学|医院|街道|办事处|站|队|会|部)$", _F)


def _place(text: str) -> str | None:
    m = _PLACE.match(text)
    if m is None:
        return None
    place = m.group("p")
    return None if place in _NOT_PLACE or place[-2:] in _NOT_PLACE else place


@dataclass(frozen=True)
class Properties:
    """Option `check`: "site", "config" or "unit" (see the module docstring)."""

    check_name: str

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "Properties":
        """Validate `check`."""
        check_options("properties", options, {"check": str}, required=("check",))
        name = options["check"]
        if name not in ("site", "config", "unit"):
            raise ValueError(f"option 'check' of type 'properties' must be one of: "
                             f"site, config, unit (got {name!r})")
        return cls(name)

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield whole property values that fail this rule's check."""
        props = [b for b in blocks if b.part == "properties" and b.text.strip()]
        if not props:
            return
        if self.check_name == "site":
            yield from self._site(props)
        elif self.check_name == "config":
            yield from self._config(props, ctx)
        else:
            yield from self._unit(doc, props, ctx)

    @staticmethod
    def _whole(block: Block, **fields: Any) -> Hit:
        text = block.text
        start = len(text) - len(text.lstrip())
        return Hit(block, start, len(text.rstrip()), fields=fields)

    def _site(self, props: list[Block]) -> Iterator[Hit]:
        for b in props:
            field = b.style.removeprefix("property:")
            if field in ALL_FIELDS and _SITE.search(b.text.strip()):
                yield self._whole(b, field=field)
            elif field.partition(":")[0] in _HIDDEN_PLACES and _SITE_STRICT.search(b.text):
                yield self._whole(b, field=field)

    def _config(self, props: list[Block], ctx: LintContext) -> Iterator[Hit]:
        authors = {a.strip().casefold() for a in ctx.authors}
        companies = {c.strip().casefold() for c in ctx.company}
        for b in props:
            value = b.text.strip().casefold()
            if authors and b.style in PEOPLE and value not in authors:
                yield self._whole(b, field=b.style.removeprefix("property:"),
                                  expected="、".join(ctx.authors))
            elif companies and b.style in COMPANY and value not in companies:
                yield self._whole(b, field="company", expected="、".join(ctx.company))

    def _unit(self, doc: Document, props: list[Block], ctx: LintContext) -> Iterator[Hit]:
        """A company whose place is nowhere in a document that names its own, other place."""
        configured = {c.strip() for c in ctx.company}
        own = [b for b in doc.blocks if b.part in ("body", "header", "footer") and b.text.strip()]
        if not own:
            return
        text = "\n".join(b.text for b in own)
        body = [b for b in own if b.part == "body"]
        # Where the issuing unit names itself: the title, the headers, the signature lines.
        places = set()
        for b in body[:2] + body[-6:] + [b for b in own if b.part != "body"]:
            p = _place(b.text)
            if p:
                places.add(p)
        for b in props:
            if b.style not in COMPANY:
                continue
            company = b.text.strip()
            if company in configured or company in text or not _UNIT.search(company):
                continue
            theirs = _place(company)
            if theirs is None or theirs in text or not places:
                continue
            yield self._whole(b, own="、".join(sorted(places)), place=theirs)
