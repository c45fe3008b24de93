"""The `adblock` kind: lines a template site left behind (ads, notices, promotional contacts).

A block is cut into sentences (and at hidden/invisible spans); a sentence is an ad when
it holds a strong cue (禁止外传, 会员专享, 一键下载, Go Pro …), two weak cues, or a
contact token (QQ, WeChat id, phone, e-mail, URL) in promotional context. Then, over the
whole document: a line between two ad lines in the top or bottom block of the body is an
ad too, and a short line holding a site name learnt from an ad line (“墨香斋整理” →
墨香斋) is one. Mode `line` yields one hit per ad line or ad span; mode `contact`
yields the contact tokens inside those spans.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Mapping, Sequence

import regex

from .. import literals
from ..model import Block, Document, Hit
from ..regexcache import cached_compile
from . import LintContext, check_options, is_bundled

_F = regex.VERSION1
# Per-block time limit of the user-extensible `strong` pattern (see existence.py).
PATTERN_TIMEOUT_S = 2.0

# ---------------------------------------------------------------- cues

# Strong cues: one is enough. Each alternative: one string it flags ✓ / one it leaves ✗.
STRONG = [
    # 仅供学习 禁止外传 ✓ / 以上数据仅供参考 ✗ (weak cue only)
    r"仅供(?:个人)?(?:学习|研究|欣赏)(?:交流|使用|之用|参考)?",
    r"仅供(?:内部)?交流(?:学习|使用)",
    # 会员专享资料 ✓, 开通会员 ✓ / 发展工会会员120名 ✗, 为会员免费体检 ✗ (weak cue only)
    r"会员(?:专享|专属|独享|特权)",
    r"(?:开通|升级|充值|续费|购买)(?:VIP|超级|年费)?会员",
    r"VIP(?:会员|群|专享|资料|下载|免费|用户)",
    # 现在订阅立享 ✓ / 立足本职 ✗
    r"立享|(?:现在|立即|马上|点击)(?:订阅|购买|开通|下载|注册|领取|获取)",
    # 下载后可编辑 ✓, 下载后可自由编辑 ✓ / 下载安装学习强国 ✗
    # (一键下载/免费下载 are in DOWNLOAD: an official site offering a form is legitimate)
    r"下载后(?:即|就)?可(?:直接|自由|随意|任意)?(?:编辑|修改|使用)",
    # 请浏览后下载 ✓ (a document site's stock line) / 浏览相关资料 ✗
    r"浏览后(?:再)?下载",
    # 扫码获取完整版 ✓, 购买后可查看全文 ✓ / 全文详见附件 ✗, 下载安装APP ✗
    r"(?:获取|领取|下载|解锁)(?:完整版|完整文档|全文)|购买后(?:即|就)?可(?:查看|阅读|下载)",
    # 获取更多模板 ✓, 领取更多范文 ✓ / 获取更多政务信息 ✗, 获取更多资金支持 ✗
    r"(?:获取|领取)更多(?:精品|优质)?(?:模板|范文|素材|文档|公文资料|写作资料)",
    # A WeChat id in sellers' slang: 加V：wenmi888 ✓, 加薇 ✓ / 加Vlog ✗ (a Latin word goes on)
    r"加(?:[Vv]|薇|威)(?![A-Za-z])信?[：:]?\s*[A-Za-z0-9_-]{5,}",
    # A shop: 淘宝店铺：… ✓, 微店：… ✓ / 淘宝网购物节 ✗ (no shop named)
    r"(?:淘宝|天猫|拼多多|闲鱼|微店)(?:店铺|小店)?[：:]\s*\S",
    r"本(?:文|文档|资料|范文|篇)(?:为|是|系)(?:付费|会员|VIP|收费)",
    # 本文系会员上传 ✓, 本文档由网友分享 ✓ / 本方案由县局负责解释 ✗
    r"本(?:文|文档|资料|范文|篇|稿)(?:系|为|是|由)?(?:会员|网友|用户)(?:上传|分享|投稿|提供)",
    # 如有侵权请联系删除 ✓, 若有侵权，请告知删除 ✓,
    # 如有不当或者侵权，请联系本人改正或者删除 ✓ / 依法查处侵权行为 ✗, 督促平台删除侵权内容 ✗
    r"(?:如|若)(?:有|涉及|存在)(?:不当(?:之处)?(?:或者?|和|及))?侵权[，,]?\s*请(?:及时)?"
    r"(?:联系|告知|通知)[^。；！\n]{0,12}?删除",
    # 收藏本站 ✓, 本站所有资料 ✓ / 高铁站本站旅客发送量 ✗, 本站资料整编 ✗ (a hydrological station)
    r"(?:收藏|访问|登录|关注)本(?:站|网)(?!点|台|房)|本(?:站|网)(?:所有|全部)(?:资料|文章|文档|范文|内容|资源)",
    # 以上就是小编为大家整理的 ✓, 小编推荐 ✓ / 新媒体编辑 ✗
    r"小编(?:为|给)(?:大家|您|你)|小编(?:精心)?(?:整理|收集|推荐|分享)",
    # word版本可编辑 ✓, 本资料为word版本，可以直接编辑和打印 ✓, 此文档为word格式，可任意修改编辑 ✓ /
    # 请提交word格式的电子版 ✗ (no editing offered)
    r"(?i:word)(?:版本?|格式|文档)[，,]?\s*(?:可以?|能)(?:直接|任意|随意|自由)?(?:编辑|修改)"
    r"|可编辑(?:修改)?的?(?i:word)",
    # 精品资料，欢迎下载 ✓, 欢迎下载支持 ✓, 感谢您的下载 ✓ / 欢迎下载使用“皖事通”APP ✗
    r"(?:资料|文档|范文|材料)[，,]?\s*欢迎下载|欢迎下载支持|感谢您的下载",
    # 海量精品公文 ✓, 精品文档 ✓, 范文网 ✓ / 建立宣传素材库 ✗, 制作精品课件 ✗,
    # 提供合同模板下载 ✗ (weak cue only)
    r"精品(?:文档|范文|公文|模板)|海量(?:精品)?(?:公文|范文|文档|资料|模板|素材)",
    r"(?:范文|公文|文档|素材|模板|课件|资料)(?:大全|网|站)|范文(?:库|下载)",
    r"(?:公文|写作|范文|材料)素材",
    # 本文由“材料小园地”整理发布 ✓, 本方案由笔杆文苑原创首发 ✓ / 本方案由县局负责解释 ✗
    r"本(?:文|文档|资料|范文|篇|稿)由[^。；！\n]{1,20}?(?:整理|提供|原创|首发|发布|编辑|分享|上传|收集|搜集)",
    r"本(?:方案|报告|总结|材料|讲话|计划|稿件)由[^。；！\n]{1,20}?(?:原创|首发|整理发布|提供下载|分享|上传)",
    # 回复“总结”免费领取 ✓ / 回复群众关切 ✗
    r"回复[“\"「]?[^”\"」，。\s]{1,10}[”\"」]?(?:即可)?(?:免费)?(?:领取|获取|下载)",
    # 更多资料请访问 ✓, 更多精彩请关注 ✓ / 更多内容详见附件 ✗
    r"更多(?:精彩|资料|范文|文档|模板|干货|素材|公文|好文)[^。；！\n]{0,12}?(?:关注|访问|登录|搜索|下载|点击|扫码|进入|加入|请到|尽在)",
    # The kind of text named first, a site's stock or a genre it sells: 更多调研报告范文尽在 ✓,
    # 更多优质公文写作资料，尽在 ✓, 更多述职报告请访问文秘之家 ✓ /
    # 更多政策解读详见县政府网站 ✗ (解读, 详见 not listed), 更多信息请访问市政府网站 ✗
    r"更多[^。；！\n]{0,8}?(?:范文|资料|模板|文档|素材|公文|好文|文章|述职报告|述职述廉|工作总结|"
    r"心得体会|讲话稿|发言稿|演讲稿|思想汇报)[^。；！\n]{0,12}?(?:请(?:关注|访问|登录|搜索)|尽在"
    # …心得体会，点击主页查看合集 ✓ (an account's pointer to its own page) / 点击进入办事大厅 ✗
    r"|点击(?:主页|头像|合集|专栏)|(?:主页|专栏)查看|查看合集)",
    # A reposted article's tail: 请点赞、在看、转发三连吧 ✓, 一键三连 ✓ /
    # 累计获得点赞、收藏、转发2万余次 ✗ (a publicity report's figures; 在看 is WeChat's button)
    r"点赞[、，,]?\s*在看|点个?\s*[“\"]?在看|一键三连|三连(?:吧|走起|支持)",
    # 版权归原作者所有 ✓, 如需删除请私信我们 ✓ / 版权归本单位所有 ✗ (weak cue only),
    # 平台数据如需删除，请联系信息中心 ✗ (联系 is any office's word; 私信/留言 are a platform's)
    r"版权(?:归|属于)原作者|如需删除[，,]?\s*请(?:私信|留言|后台)",
    # 加群 ✓, 免费QQ群 ✓, 咨询QQ ✓ / 微信群转发信息 ✗, 增加群体分类 ✗, 走进群众 ✗
    r"(?<![增参追附施添叠])加(?:QQ|qq)?群(?![体众落岛组])|(?<!走)进群(?![众体])"
    r"|免费(?:QQ|qq|微信)群|咨询(?:QQ|qq|微信|VX|vx)",
    # 转载请注明出处 ✓, 转载请保留原文链接 ✓, 未经授权严禁转载 ✓ / 未经允许不得使用公车 ✗
    r"转载(?:请|须|需|务必)?(?:注明|保留|标明|附上)(?:原文)?(?:出处|来源|链接|作者)",
    r"未经(?:本站|本网|作者|授权|许可|允许|同意)[^。；！\n]{0,10}?(?:转载|复制|商用|摘编)",
    # English banners: Free business templates ✓, Go Pro ✓ / go pro bono ✗, free trade ✗
    r"(?i:\bfree (?:business |word |ppt |resume |report |office )?templates?\b)",
    r"(?i:\bdo not (?:redistribute|resell|re-?sell|share or sell)\b)",
    r"(?i:\bnot for (?:resale|redistribution|commercial use)\b)",
    r"(?i:\bunlimited downloads?\b)",
    r"\bGo Pro\b(?!\s+bono)",
    r"(?i:\bupgrade to (?:pro|premium|plus)\b)",
    r"(?i:\bpersonal[- ]use (?:only|licen[cs]e)\b|\bfor personal use only\b)",
    r"(?i:\b(?:free )?download (?:more|the full|this template|free)\b)",
    r"(?i:\bpremium (?:members?|templates?|downloads?)\b|\bsubscribe (?:now|today)\b)",
    # For educational purposes only ✓ / used for educational purposes ✗ (no "only")
    r"(?i:\bfor (?:educational|study|personal study) (?:purposes|use) only\b)",
    # A template's credit line: Newsletter template designed by X Studio ✓, This minutes template is
    # provided free by X ✓ / the template was designed by our HR team ✗ (was), templates by hand ✗
    r"\b[Tt]emplates? (?:is |are )?(?:designed|created|made|provided)(?: free| for free)? by\b",
    # A converter's or editor's trial stamp: Document created with a free trial of DocMaker ✓,
    # Evaluation Warning: ✓ / we offered a free trial of the app ✗
    r"(?i:\b(?:created|generated|produced|converted) (?:with|by|using) (?:an? |the )?"
    r"(?:free trial|trial version|evaluation (?:version|copy)|unregistered (?:version|copy)|unlicensed (?:version|copy))\b)",
    r"(?i:\bevaluation warning\b)",
]

# Restrictions a site stamps on its files: strong, unless the sentence is about secrecy
# work (涉密文件严禁外传 in a 保密 report ✗) or the unit's own internal marking
# (本报告仅供内部参考，请勿外传 ✗). 用后删除 ✓, 严禁外传及用于商业用途 ✓.
RESTRICT = [
    # 严禁倒卖车票 ✗ (倒卖 is a weak cue), 资金不得用于商业用途 ✗ (不得 is too common)
    r"(?:禁止|严禁|不得|请勿|切勿|谢绝)(?:外传|转载)|(?:禁止|严禁|请勿)(?:商用|用于商业(?:用途|目的))",
    # A resale ban is the seller's: 未经许可禁止二次售卖 ✓ / 严禁销售过期食品 ✗, 禁止转售保障房 ✗,
    # 严禁二次销售回收食品 ✗ (销售 is market supervision's word), 数据禁止二次分发 ✗
    r"(?:禁止|严禁|不得|请勿|谢绝)(?:任何形式的)?二次(?:售卖|出售|贩卖|转售)",
    r"用后(?:请)?(?:立即|及时)?删除|下载后[^。；！\n]{0,8}?删除|\d+小时内(?:自行)?删除",
]
NEGATIVE = r"涉密|保密|秘密|机密|密级|内部参考|内部使用|内部掌握"

# Download offers: strong, unless an official site offers the file (表格可在县政府门户网站
# （www.qingshan.gov.cn）免费下载 ✗). 一键下载 ✓, 下载地址：http://… ✓, 点击下载完整版 ✓.
DOWNLOAD = [r"一键下载|点击下载|免费下载|下载(?:更多|全文|完整版|地址|链接|原文)"]
OFFICIAL = (r"政府|门户网站|官方网站|官网|人民政府|(?i:\.gov\b|\.gov\.cn|\.edu\.cn)"
            r"|应用商店|应用市场|App\s*Store")

# Weak cues: two distinct ones make an ad; one with a promotional contact does too.
MEDIUM = [
    # 以上仅供参考 ✓(weak) / 参考文献 ✗
    r"仅供参考",
    # 资料仅限学习使用 ✓(weak), 不得用于任何商业目的 ✓(weak): together an ad /
    # 自习室仅限学习使用 ✗ (alone), 专项资金不得用于任何商业目的 ✗ (alone)
    r"仅(?:限|作|用于)(?:个人)?(?:学习|研究)(?:交流|参考)?(?:使用|之用)?",
    r"不得用于(?:任何)?商业(?:用途|目的)",
    # 会员资料 ✓(weak), 会员群 ✓(weak) / 工会会员 ✗
    r"会员(?:资料|材料|文档|群|交流群|权益|福利|下载|价|免费)",
    # 免费领取 ✓(weak): 居民免费领取口罩 alone is legitimate
    r"免费(?:领取|获取|赠送|送|分享|试用|阅读|咨询)",
    r"倒卖|盗卖",
    r"全套(?:模板|资料|范文|课件)?|(?:模板|范文|课件|源文件|PPT)(?:下载)?|(?:文档|资料|素材)下载",
    r"(?<![红色])文库|范文",
    r"(?:关注|搜索|添加|加入|扫码|扫描)(?:我们的)?(?:微信)?(?:公众号|微信号|订阅号|服务号)",
    r"扫码(?:关注|加群|领取|获取|下载|进群|添加)|扫描(?:下方|上方|左侧|右侧|以下)?二维码|长按(?:识别)?二维码",
    # 精品材料 ✓(weak), 文章来源： ✓(weak: with a site URL it is an ad) / 打造精品工程 ✗
    r"精品(?:材料|资料)|(?:文章|本文|文档|范文)(?:来源|出处)[：:]",
    # 本文来源于网络 ✓(weak) / 数据来源于国家统计局 ✗
    r"(?:来自|来源于|源于|转自|摘自|整理自|选自|收集自)(?:网络|互联网)",
    # QQ群 ✓(weak), 加入微信群 ✓(weak) / 微信群 ✗ (a channel the report used)
    r"(?:QQ|qq)群|加入(?:QQ|qq|微信)群|交流群|粉丝群|福利群",
    r"客服(?:QQ|qq|微信|VX)|代写|代笔|写作服务",
    r"限时(?:优惠|特惠|免费|折扣)|优惠价|原价|特价|低至|买一送一",
    r"违者(?:后果自负|必究)|侵权必究|版权所有|版权归[^。；！\n]{1,12}?所有",
    # Case spelt out: a scoped (?i:) makes the whole alternation slow on Chinese text.
    # Downloads of the app grew ✗, copyright income ✗: only these pair up.
    r"\b[Aa]ll [Rr]ights [Rr]eserved\b|\b[Tt]emplates?\b|©",
]

# Words that make a contact token promotional: 咨询QQ ✓, 加群 ✓ / 联系电话 ✗ (not listed).
PROMO = (r"咨询|整理|加群|进群|入群|加微信|加好友|关注|下载|会员|VIP|免费|领取|获取|购买|订阅"
         r"|代写|客服|资料|范文|模板|素材|文库|更多|访问|扫码|添加|私信|交流群|优惠|开通"
         r"|精品|海量|专注|(?i:template|download|subscribe|premium|\bpro\b|licen[cs]e)")
# Promotion strong enough to make a phone number an ad (咨询电话 in a 通知 is legitimate).
PHONE_PROMO = r"会员|VIP|开通|购买|下载|代写|客服|订阅|领取|范文|模板|素材|文库|加群|优惠"
# What makes a 公众号 name an ad: the account sells writing material. A government or school
# account is followed for news and services: 更多干货→公众号：公文笔记本 ✓ /
# 请关注微信公众号“莲都发布”，及时了解防汛信息 ✗, 关注公众号“莲都发布”领取消费券 ✗
ACCOUNT_PROMO = (r"范文|模板|素材|文库|干货|文档|写作|材料|会员|VIP|代写|资料下载|免费下载"
                 r"|整理|原创|精品|海量")
# The weak cue “关注…公众号” names the very account; it is no evidence against it.
_FOLLOW_ACCOUNT = cached_compile(r"公众号|微信号|订阅号|服务号", _F)

# A labelled contact field of the issuing office or an IR desk: 联系人：林海 ✓(legit).
LEGIT = (r"联系人|联系电话|联系方式|办公电话|电话[：:]|手机[：:]|传真|邮编|邮政编码|地址[：:]|电子邮箱"
         r"|投资者关系|董事会秘书|董秘|证券事务|举报电话|监督电话|(?i:\btel\b|\bfax\b|investor relations)")

# A copyright notice is one cue however many marks it carries (©2026 青山县人民医院 版权所有), and
# alone it is an ad only when its holder is named nowhere else in the document: the hospital's
# own footer “©2026 青山县人民医院 版权所有” ✗ (named in the body) / “© 2024 FreeDocHub. All rights
# reserved.” under a template's ad lines ✓ (FreeDocHub appears nowhere else).
_COPYRIGHT_CUE = cached_compile(r"^(?:©|版权所有|侵权必究|版权归.*所有|[Aa]ll [Rr]ights [Rr]eserved)$", _F)
_COPYRIGHT_LINE = cached_compile(r"©|\([Cc]\)|\b[Cc]opyright\b|版权所有|\b[Aa]ll [Rr]ights [Rr]eserved\b", _F)
# What is left of a copyright line without its marks and years is the holder:
# “© 2025 Northwind Outdoor Ltd. All rights reserved.” → “Northwind Outdoor Ltd”.
_HOLDER_NOISE = cached_compile(
    r"©|\([Cc]\)|\b[Cc]opyright\b|版权所有|侵权必究|翻印必究|违者必究|版权归|所有"
    r"|\b[Aa]ll [Rr]ights [Rr]eserved\b|(?<![0-9])(?:19|20)[0-9]{2}(?:\s*[-–—~]\s*(?:19|20)[0-9]{2})?(?![0-9])", _F)
_HOLDER_CUT = cached_compile(r"[,.，。:：;；|·、（）()]+|\s{2,}", _F)
COPYRIGHT_LINE_LEN = 80


def _cue_key(cue: str) -> str:
    """The marks of one copyright notice count as a single weak cue."""
    return "©" if _COPYRIGHT_CUE.match(cue) else cue


def _holder(text: str) -> str:
    """The longest name left on a copyright line once marks and years are gone."""
    parts = [p.strip() for p in _HOLDER_CUT.split(_HOLDER_NOISE.sub("  ", text))]
    return max(parts, key=len, default="") if parts else ""


def _holder_elsewhere(blocks: Sequence[Block], i: int, whole: str) -> bool:
    """Is the copyright line's holder named in another block (the unit's own notice)?
    `whole` is every block's text joined by newlines (built once per document).
    An empty holder (“All rights reserved.” alone) names no site: treated as the unit's."""
    name = _holder(blocks[i].text)
    if len(name) < 2:
        return True
    return whole.count(name) > blocks[i].text.count(name)


# ---------------------------------------------------------------- contact tokens

CONTACT = {
    # 咨询QQ81234567 ✓, QQ群：123456789 ✓ / QQ音乐 ✗
    # 群号：735289146 ✓ (a group number is a QQ group's) / 群众12345人 ✗
    "qq": r"(?:(?:QQ|qq|ＱＱ|扣扣)\s*(?:群号|群|号)?|群号)码?\s*[：:]?\s*[1-9]\d{4,10}(?!\d)",
    # 微信：wgyz_vip ✓ / 微信公众号 ✗, 微信20余条 ✗
    "wechat": r"(?:微信号?|(?i:wechat|weixin)|VX|vx|V信)\s*[：:]?\s*"
              r"(?:[A-Za-z][-_A-Za-z0-9]{5,19}|\d{6,11})(?![-_A-Za-z0-9])",
    # 公众号“笔杆小站” ✓, 公众号：公文笔记本 ✓ / 关注“XX发布”公众号 ✗ (name before, an
    # ordinary mention), 公众号等渠道 ✗ (no colon, no quotes)
    "account": r"公众号\s*[：:]?\s*[“\"「『][^”\"」』\n]{1,20}[”\"」』]"
               r"|公众号\s*[：:]\s*[\p{Han}A-Za-z][\p{Han}A-Za-z0-9_]{1,15}",
    # 400-807-3319 ✓, 13812345678 ✓, 0736-5821466 ✓ / 2025-12-29 ✗
    "phone": r"(?<![\d-])(?:1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}|[48]00[-\s]?\d{3}[-\s]?\d{4}"
             r"|0\d{2,3}-\d{7,8})(?![\d-])",
    "email": r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
    # www.example.cn ✓, templates-hub.example.com/pro ✓ / Node.js ✗, e.g. ✗, 12.6亿 ✗
    "url": r"(?:https?://|www\.)[^\s\p{Han}\u3000-\u303F\uFF00-\uFFEF“”‘’<>()]+"
           r"|(?<![A-Za-z0-9@._-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
           r"(?i:com|cn|net|org|cc|top|vip|xyz|site|club|wang|ink|biz|info|io)"
           r"(?![A-Za-z0-9-])(?:/[^\s\p{Han}\u3000-\u303F\uFF00-\uFFEF“”‘’<>()]*)?",
}
# Government and school sites are never template sites: www.gov.cn ✓(legit).
GOV_URL = cached_compile(r"(?i)\.(?:gov|edu|mil)(?:\.[a-z]{2})?(?:[/:]|$)")

# Sentence ends: 。！？； and ASCII !?; or ". " (English), plus line breaks inside a paragraph.
_SENT_END = cached_compile(r"[。！？；\n]+[”’」』）)]*|[!?;]+(?=\s|$)|\.(?=\s+[A-Z“\"]|\s*$)", _F)

# A heading marker or a title: never pulled into an ad block by position alone.
_HEADING = cached_compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条部分篇])", _F)
_TITLE = cached_compile(
    r"(?:报告|总结|方案|通知|意见|讲话|汇报|计划|规划|决定|办法|细则|纪要|请示|批复|通报|公告"
    r"|述职|发言|发言稿|材料|情况|要点|制度|规定|说明|函|(?i:report|summary|plan))[）)]?\s*$", _F)
# Prose: a sentence end inside the line, or a long line; it closes the top zone.
PROSE_LEN = 50
# Lines pulled into an ad block by position, and lines holding a learnt site name, stay short.
SHORT_LINE = 40

# A site name learnt from an ad line: 墨香斋整理 ✓ → 墨香斋; 本文由“材料小园地”整理 ✓.
_NAME = cached_compile(
    r"^[\s【\[（(]*(?P<n>[\p{Han}A-Za-z0-9]{2,10}?)(?:整理|出品|提供|原创|首发|独家)"
    r"|本(?:文|文档|资料|方案|报告|篇)由[“\"「]?(?P<n>[^”\"」，,。\s]{2,12}?)[”\"」]?(?:整理|提供|原创|首发|发布)"
    r"|公众号\s*[：:]?\s*[“\"「『](?P<n>[^”\"」』]{2,12})[”\"」』]"
    r"|^\s*(?P<n>\p{Han}{2,8})\s*[（(]\s*(?:https?://)?(?:www\.)?[A-Za-z0-9-]+\.", _F)
_NAME_STOP = frozenset({"本文", "资料", "材料", "本人", "我们", "以上", "内容", "文档", "会员",
                        "免费", "更多", "相关", "信息", "网络", "整理", "办公室"})


def _alt(patterns: Sequence[str]) -> Any:
    return cached_compile("|".join(f"(?:{p})" for p in patterns), _F)


@functools.lru_cache(maxsize=8)
def _compiled(extra: tuple[str, ...]) -> tuple[Any, ...]:
    """The cue and contact patterns, compiled once per process for the `ad` and
    `contact` rules alike (about 12 ms each time)."""
    contacts = cached_compile("|".join(f"(?P<{k}>{p})" for k, p in CONTACT.items()), _F)
    return (_alt(STRONG + list(extra)), _alt(RESTRICT), cached_compile(NEGATIVE, _F), _alt(MEDIUM),
            cached_compile(PROMO, _F), cached_compile(PHONE_PROMO, _F),
            cached_compile(LEGIT, _F), contacts, _alt(DOWNLOAD), cached_compile(OFFICIAL, _F),
            cached_compile(ACCOUNT_PROMO, _F))


@dataclass(frozen=True)
class _Ad:
    """One ad span of a block and why."""

    start: int
    end: int
    cue_zh: str
    cue_en: str
    contacts: tuple[tuple[int, int], ...] = ()
    # Only a copyright notice made it an ad: kept when its holder is no name of the document.
    copyright: bool = False


@dataclass(frozen=True)
class AdBlock:
    """Options: `mode` ("line": whole ad lines/spans; "contact": contact tokens inside them)."""

    mode: str
    extra: tuple[str, ...]
    strong: Any
    restrict: Any
    negative: Any
    medium: Any
    promo: Any
    phone_promo: Any
    legit: Any
    contacts: Any
    download: Any
    official: Any
    account_promo: Any
    # Built from draftlint's own (tested) rule packs: no per-block regex timeout.
    trusted: bool = False

    @classmethod
    def from_options(cls, options: Mapping[str, Any], base_dir: Path) -> "AdBlock":
        """Validate `mode` and `extra_strong` (more strong-cue patterns); compile once."""
        check_options("adblock", options, {"mode": str, "extra_strong": list})
        mode = options.get("mode", "line")
        if mode not in ("line", "contact"):
            raise ValueError(f"option 'mode' of type 'adblock' must be one of: line, contact "
                             f"(got {mode!r})")
        extra = list(options.get("extra_strong", []))
        if not all(isinstance(p, str) and p for p in extra):
            raise ValueError("'extra_strong' must be a list of non-empty patterns")
        try:
            patterns = _compiled(tuple(extra))
        except regex.error as exc:
            raise ValueError(f"invalid pattern in extra_strong: {exc}") from None
        return cls(mode, tuple(extra), *patterns, trusted=is_bundled(base_dir))

    # ------------------------------------------------------------ one block

    def _sentences(self, block: Block) -> list[tuple[int, int]]:
        """Sentence spans, also cut at the edges of hidden and invisible text."""
        text = block.text
        cuts = {0, len(text)}
        for m in _SENT_END.finditer(text):
            cuts.add(m.end())
        for mark in block.marks:
            if mark.kind in ("hidden", "invisible") and mark.end > mark.start:
                cuts.add(mark.start)
                cuts.add(mark.end)
        points = sorted(c for c in cuts if 0 <= c <= len(text))
        return [(a, b) for a, b in zip(points, points[1:]) if text[a:b].strip()]

    def _classify(self, block: Block, may: Sequence[bool] = (True,) * 5) -> list[_Ad]:
        """The ad spans of one block (merged, whitespace-trimmed).

        `may` says, per pattern (strong, restrict, download, medium, contacts), whether
        it can match this block at all (see literals.py); a False one is not run.
        """
        text = block.text
        if not text.strip():
            return []
        # `strong` may hold extra_strong patterns from a pack outside draftlint's own
        # rules: a catastrophic one must time out (a rule error) rather than hang, e.g.
        # "(a|aa)+$" on "aaa…a!". Shipped packs are tested and run without the timeout
        # (even timeout=None costs about 0.4 µs a call).
        strong_m = restrict_m = download_m = medium_m = contacts_m = ()
        if may[0]:
            found = (self.strong.finditer(text) if self.trusted
                     else self.strong.finditer(text, timeout=PATTERN_TIMEOUT_S))
            strong_m = [(m.start(), m.end(), m.group()) for m in found]
        if may[1]:
            restrict_m = [(m.start(), m.end(), m.group()) for m in self.restrict.finditer(text)]
        if may[2]:
            download_m = [(m.start(), m.end(), m.group()) for m in self.download.finditer(text)]
        if may[3]:
            medium_m = [(m.start(), m.end(), m.group()) for m in self.medium.finditer(text)]
        if may[4]:
            contacts_m = [(m.start(), m.end(), m.lastgroup) for m in self.contacts.finditer(text)
                          if not (m.lastgroup == "url" and GOV_URL.search(m.group()))]
        links = [(m.start, m.end) for m in block.marks
                 if m.kind == "link" and not GOV_URL.search(str(m.data.get("url", "")))
                 and regex.search(CONTACT["url"], str(m.data.get("url", "")))]
        # Most blocks hold no cue, contact or link at all: no sentence can be an ad.
        if not (strong_m or restrict_m or download_m or medium_m or contacts_m or links):
            return []
        sentences = self._sentences(block)
        starts = [s for s, _ in sentences]

        def bucket(matches: list[tuple[int, int, Any]]) -> dict[int, list]:
            out: dict[int, list] = {}
            for item in matches:
                i = bisect.bisect_right(starts, item[0]) - 1
                if i >= 0:
                    out.setdefault(i, []).append(item)
            return out

        strong = bucket(strong_m)
        restrict = bucket(restrict_m)
        download = bucket(download_m)
        medium = bucket(medium_m)
        contacts = bucket(contacts_m)
        concealed = [(m.start, m.end) for m in block.marks
                     if m.kind in ("hidden", "invisible") and m.end > m.start]
        furniture = block.part in ("header", "footer", "textbox") or block.style == "watermark"

        verdict: list[tuple[int, int, str, str, tuple]] = []
        for i, (a, b) in enumerate(sentences):
            if not (links or i in strong or i in restrict or i in download or i in medium
                    or i in contacts):
                continue  # nothing in this sentence can make it an ad
            sent = text[a:b]
            cues = [s for s in strong.get(i, ())]
            if i in restrict and not self.negative.search(sent):
                cues += restrict[i]
            if i in download and not self.official.search(sent):
                cues += download[i]
            weak = medium.get(i, [])
            toks = contacts.get(i, [])
            link_here = [(s, e) for s, e in links if s < b and e > a]
            hidden = any(s <= a and b <= e for s, e in concealed)
            cue_zh = cue_en = ""
            only_copyright = False
            if cues:
                cue_zh = cue_en = cues[0][2]
            elif len({_cue_key(w[2]) for w in weak}) >= 2:
                cue_zh = cue_en = "、".join(dict.fromkeys(w[2] for w in weak))
            else:
                legit = promo = None
                if toks or link_here:
                    legit = self.legit.search(sent)
                    promo = self.promo.search(sent)
                for s, e, kind in toks:
                    if kind == "phone":
                        ok = self.phone_promo.search(sent) and not legit
                    elif kind in ("qq", "wechat"):
                        ok = (promo or furniture or hidden) and not legit
                    elif kind == "email":
                        ok = (promo and not legit) or (furniture and weak)
                    elif kind == "account":
                        other = [w for w in weak if not _FOLLOW_ACCOUNT.search(w[2])]
                        ok = other or (self.account_promo.search(sent) and not legit) or hidden
                    else:  # url
                        ok = (weak or (promo and not legit)) or hidden
                    if ok:
                        cue_zh = cue_en = text[s:e]
                        break
                if not cue_zh and link_here and (weak or promo):
                    cue_zh = cue_en = text[link_here[0][0]:link_here[0][1]]
                if not cue_zh and weak and (furniture or hidden):
                    cue_zh = cue_en = weak[0][2]
                    only_copyright = not hidden and all(_cue_key(w[2]) == "©" for w in weak)
            if cue_zh:
                tok_spans = tuple((s, e) for s, e, _ in toks)
                span = self._narrow(text, a, b, cues or weak, len(sentences))
                verdict.append((span[0], span[1], cue_zh, cue_en, tok_spans, only_copyright))
        return self._merge(text, verdict, sentences)

    @staticmethod
    def _narrow(text: str, a: int, b: int, cues: list, n_sentences: int) -> tuple[int, int]:
        """Inside a longer sentence, keep only the bracketed aside that holds every cue.

        “……工作（更多范文请关注本站）” → the bracket; a whole bracketed line stays whole.
        """
        if not cues:
            return a, b
        opens, closes = "（(【[", "）)】]"
        depth, group_start, groups = 0, -1, []
        for i in range(a, b):
            ch = text[i]
            if ch in opens:
                if depth == 0:
                    group_start = i
                depth += 1
            elif ch in closes and depth:
                depth -= 1
                if depth == 0:
                    groups.append((group_start, i + 1))
        for gs, ge in groups:
            if all(gs < s and e < ge for s, e, _ in cues):
                outside = text[a:gs] + text[ge:b]
                if len(regex.findall(r"\p{Han}|[A-Za-z]", outside)) >= 8:
                    return gs, ge
                break
        return a, b

    @staticmethod
    def _merge(text: str, verdict: list, sentences: list) -> list[_Ad]:
        """Join adjacent ad sentences; a block that is all ad is one span."""
        if not verdict:
            return []
        merged: list[list] = []
        for s, e, cz, ce, toks, only_c in verdict:
            if merged and not text[merged[-1][1]:s].strip():
                merged[-1][1] = e
                merged[-1][4] += toks
                merged[-1][5] = merged[-1][5] and only_c
            else:
                merged.append([s, e, cz, ce, toks, only_c])
        out = []
        for s, e, cz, ce, toks, only_c in merged:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append(_Ad(s, e, cz, ce, tuple(toks), only_c))
        return out

    # ------------------------------------------------------------ whole document

    def _ads(self, blocks: Sequence[Block], doc: Document | None = None) -> dict[int, list[_Ad]]:
        """Ad spans per block index, with the document-level passes applied."""
        ads: dict[int, list[_Ad]] = {}
        # Per pattern, the blocks it can match at all (None: every block); on a long
        # draft most blocks hold no cue and skip the five scans.
        masks = [literals.candidates(p, doc, blocks) if doc is not None else None
                 for p in (self.strong, self.restrict, self.download, self.medium, self.contacts)]
        everywhere = b"\x01" * len(blocks)
        masks = [everywhere if m is None else m for m in masks]
        joined: list[str] = []

        def whole() -> str:
            """Every block's text, joined on first need (only copyright lines ask)."""
            if not joined:
                joined.append("\n".join(b.text for b in blocks))
            return joined[0]

        for i, (block, *may) in enumerate(zip(blocks, *masks)):
            found = self._classify(block, may)
            if (found and all(ad.copyright for ad in found)
                    and _holder_elsewhere(blocks, i, whole())):
                found = []  # the unit's own copyright notice in its header or footer
            if found:
                ads[i] = found
        body = [i for i, b in enumerate(blocks) if b.part == "body"]
        self._copyright_neighbours(blocks, body, ads, whole)
        self._sandwich(blocks, body, ads)
        self._learnt_names(blocks, ads)
        return ads

    @staticmethod
    def _is_prose(block: Block) -> bool:
        text = block.text.strip()
        return len(text) >= PROSE_LEN or bool(_SENT_END.search(text.rstrip("。.!！?？")))

    @staticmethod
    def _positional_ok(block: Block) -> bool:
        """A line that may be pulled into an ad block by position: short, not a heading/title."""
        text = block.text.strip()
        return (0 < len(text) <= SHORT_LINE and not _HEADING.match(text)
                and not _TITLE.search(text) and not block.style.startswith(("heading", "Title"))
                and "。" not in text)

    def _sandwich(self, blocks: Sequence[Block], body: list[int], ads: dict) -> None:
        """In the top and bottom zones of the body, lines between two ad lines are ads."""
        prose = [i for i in body if i not in ads and self._is_prose(blocks[i])]
        if not prose:
            zones = [body]
        else:
            first, last = prose[0], prose[-1]
            zones = [[i for i in body if i < first], [i for i in body if i > last]]
        for z, zone in enumerate(zones):
            self._bare_contacts(blocks, zone, ads)
            run: list[int] = []
            for i in zone + [None]:
                if i is not None and blocks[i].text.strip():
                    run.append(i)
                    continue
                ad_pos = [k for k, j in enumerate(run) if j in ads]
                if len(ad_pos) >= 2:
                    for j in run[ad_pos[0] + 1:ad_pos[-1]]:
                        if j not in ads and self._positional_ok(blocks[j]):
                            text = blocks[j].text
                            s = len(text) - len(text.lstrip())
                            where_zh, where_en = ("文末", "bottom") if z == 1 else ("文首", "top")
                            ads[j] = [_Ad(s, len(text.rstrip()), f"夹在{where_zh}广告行之间",
                                          f"between ad lines at the {where_en}")]
                run = []

    @staticmethod
    def _copyright_neighbours(blocks: Sequence[Block], body: list[int], ads: dict,
                              whole: Callable[[], str]) -> None:
        """A copyright line next to an ad line, naming no one of the document, is the site's:
        “Downloaded from …” then “© 2024 FreeDocHub. All rights reserved.” ✓ /
        “© 2026 Maple Street Clinic. All rights reserved.” under the clinic's news ✗."""
        lines = [i for i in body if blocks[i].text.strip()]
        for k, i in enumerate(lines):
            text = blocks[i].text
            if (i in ads or len(text.strip()) > COPYRIGHT_LINE_LEN
                    or not _COPYRIGHT_LINE.search(text)):
                continue
            near = lines[max(k - 1, 0):k] + lines[k + 1:k + 2]
            if not any(j in ads and not all(ad.copyright for ad in ads[j]) for j in near):
                continue
            if not _holder_elsewhere(blocks, i, whole()):
                s = len(text) - len(text.lstrip())
                ads[i] = [_Ad(s, len(text.rstrip()), "©", "©")]

    def _bare_contacts(self, blocks: Sequence[Block], zone: list[int], ads: dict) -> None:
        """Above the title or below the signature, a short line with a site's URL, QQ or
        WeChat id is the site's: “www.example-fw.com” ✓ / 联系电话：0512-66012345 ✗."""
        for i in zone:
            block = blocks[i]
            text = block.text
            if i in ads or not self._positional_ok(block) or self.legit.search(text):
                continue
            for m in self.contacts.finditer(text):
                if m.lastgroup in ("url", "qq", "wechat") and not GOV_URL.search(m.group()):
                    s = len(text) - len(text.lstrip())
                    ads[i] = [_Ad(s, len(text.rstrip()), m.group(), m.group(), (m.span(),))]
                    break

    def _learnt_names(self, blocks: Sequence[Block], ads: dict) -> None:
        """Short lines that hold a site name learnt from an ad line are ads too."""
        names = set()
        for i, spans in ads.items():
            text = blocks[i].text
            for ad in spans:
                for m in _NAME.finditer(text[ad.start:ad.end]):
                    name = m.group("n")
                    if name and name not in _NAME_STOP and len(name) >= 3:
                        names.add(name)
        if not names:
            return
        for i, block in enumerate(blocks):
            if i in ads:
                continue
            text = block.text.strip()
            if not text or len(text) > SHORT_LINE or _HEADING.match(text):
                continue
            for name in names:
                if name in text and len(text) <= len(name) + 12:
                    s = len(block.text) - len(block.text.lstrip())
                    ads[i] = [_Ad(s, len(block.text.rstrip()), name, name)]
                    break

    def check(self, doc: Document, blocks: Sequence[Block], ctx: LintContext) -> Iterator[Hit]:
        """Yield ad lines/spans (mode line) or the contact tokens inside them (mode contact)."""
        # The line and contact rules classify the same blocks: do it once per document
        # (the engine hands every rule with the same parts the same list object).
        # The memo is checked against the very block texts, so an edited document re-runs.
        memo = doc.meta.setdefault("_adblock", {})
        stamp = tuple(id(b.text) for b in blocks)
        cached = memo.get(self.extra)
        if cached is not None and cached[0] is blocks and cached[1] == stamp:
            ads = cached[2]
        else:
            ads = self._ads(blocks, doc)
            memo[self.extra] = (blocks, stamp, ads)
        for i in sorted(ads):
            block = blocks[i]
            for ad in ads[i]:
                if self.mode == "line":
                    yield Hit(block, ad.start, ad.end,
                              fields={"cue_zh": ad.cue_zh, "cue_en": ad.cue_en})
                else:
                    for s, e in ad.contacts:
                        if ad.start <= s and e <= ad.end:
                            yield Hit(block, s, e)
