"""User-interface strings in Chinese and English (rule messages live in the rule packs)."""

from __future__ import annotations

_STRINGS: dict[str, dict[str, str]] = {
    "summary_line": {
        "en": "{files} file(s) checked: {findings} finding(s), {errors} file error(s)",
        "zh": "共检查 {files} 个文件：发现 {findings} 处问题，{errors} 个文件出错",
    },
    "no_findings": {"en": "No problems found.", "zh": "未发现问题。"},
    "placeholders_left": {
        "en": "{n} placeholder(s) still to fill",
        "zh": "还有 {n} 处占位符待填写",
    },
    "by_category": {"en": "Findings by category", "zh": "按类别统计"},
    "category": {"en": "category", "zh": "类别"},
    "count": {"en": "count", "zh": "数量"},
    "file": {"en": "file", "zh": "文件"},
    "errors": {"en": "Errors", "zh": "错误"},
    "suggestion": {"en": "suggestion", "zh": "建议"},
    "checking": {"en": "Checking", "zh": "正在检查"},
    "rules_header": {"en": "rule", "zh": "规则"},
    "severity": {"en": "severity", "zh": "级别"},
    "enabled": {"en": "on", "zh": "启用"},
    "summary": {"en": "summary", "zh": "说明"},
    "why": {"en": "Why", "zh": "原因"},
    "examples_bad": {"en": "Flagged", "zh": "会报告"},
    "examples_good": {"en": "Not flagged", "zh": "不报告"},
    "examples_fixed": {"en": "After fix", "zh": "修复后"},
    "suggest_prefix": {"en": "suggestion: ", "zh": "建议："},
    "suggest_delete": {"en": "suggestion: delete it", "zh": "建议：删除"},
    "fixable_note": {"en": "  (draftlint fix applies it)", "zh": "（draftlint fix 可自动修正）"},
    "lines_count": {"en": "({n} findings on {lines} lines)", "zh": "（连续 {lines} 行，共 {n} 处）"},
    "more_lines": {"en": "… and {n} more line(s)", "zh": "… 另有 {n} 行"},
    "more_files": {"en": "… and {files} more file(s) with {n} placeholder(s)",
                   "zh": "… 另有 {files} 个文件共 {n} 处占位符待填写"},
    "severity_count": {"en": "{n} {name}(s)", "zh": "{n} 处{name}"},
    "findings_in_file": {"en": "{n} finding(s)", "zh": "{n} 处问题"},
    "total": {"en": "total", "zh": "合计"},
    "colon": {"en": ": ", "zh": "："},
    "explain_hint": {
        "en": "Run `draftlint explain RULE` to see why a rule fires and how to fix it.",
        "zh": "运行 `draftlint explain 规则名` 查看规则的原因、修改方法和示例。",
    },
    "placeholders_heading": {"en": "Placeholders still to fill", "zh": "待填写的占位符"},
    "rule_id": {"en": "id", "zh": "规则"},
    "state": {"en": "state", "zh": "状态"},
    "on": {"en": "on", "zh": "开"},
    "off": {"en": "off", "zh": "关"},
    "default_state": {"en": "Default", "zh": "默认"},
    "default_on": {"en": "on by default", "zh": "默认启用"},
    "default_off": {"en": "off by default (turn on with --select)", "zh": "默认关闭（可用 --select 启用）"},
    "how_to_fix": {"en": "How to fix", "zh": "修改方法"},
    "message_template": {"en": "Message", "zh": "提示信息"},
    "parts": {"en": "Parts", "zh": "检查范围"},
    "aliases": {"en": "Also known as", "zh": "别名"},
    "fixable_yes": {"en": "draftlint fix can apply the suggestion", "zh": "draftlint fix 可自动修正"},
    "rules_count": {"en": "{n} rule(s), {on} on", "zh": "共 {n} 条规则，启用 {on} 条"},
    "unknown_rule": {
        "en": "unknown rule {rule!r}; see `draftlint rules` for the list",
        "zh": "未知规则 {rule!r}；可用 `draftlint rules` 查看全部规则",
    },
    # fix, annotate and baseline status lines
    "fix_summary": {"en": "{files} file(s) checked, {changed} fixed, {errors} file error(s)",
                    "zh": "共检查 {files} 个文件，已修正 {changed} 个，{errors} 个文件出错"},
    "fix_summary_dry": {"en": "{files} file(s) checked, {changed} would fix, {errors} file error(s)",
                        "zh": "共检查 {files} 个文件，{changed} 个可修正，{errors} 个文件出错"},
    "fix_file": {"en": "{path}: fixed {n} finding(s)", "zh": "{path}：已修正 {n} 处"},
    "fix_file_dry": {"en": "{path}: would fix {n} finding(s)", "zh": "{path}：可修正 {n} 处"},
    "fix_removed": {"en": ", removed {n} item(s)", "zh": "，删除 {n} 项"},
    "fix_removed_item": {"en": "  removed {item}", "zh": "  已删除 {item}"},
    "fix_not_fixed": {"en": "not fixed", "zh": "未修正"},
    "overlaps another fix": {"en": "overlaps another fix", "zh": "与另一处修正重叠"},
    "the finding does not match the text": {"en": "the finding does not match the text",
                                            "zh": "原文已改变，与发现的内容不符"},
    "the span crosses Markdown markup": {"en": "the span crosses Markdown markup",
                                         "zh": "范围跨越 Markdown 标记"},
    "annotate_done": {
        "en": "{out}: {n} comment(s) ({anchored} in the text, {gathered} finding(s) gathered on "
              "the first paragraph)",
        "zh": "{out}：写入 {n} 条批注（{anchored} 条在正文对应位置，{gathered} 处问题汇总在第一段）",
    },
    "baseline_accepted": {"en": "draftlint: {n} finding(s) accepted by the baseline {path}",
                          "zh": "draftlint：基线 {path} 已接受 {n} 处问题"},
    "baseline_written": {
        "en": "draftlint: wrote {path}: {n} finding(s) in {entries} entr(y/ies) from {files} file(s)",
        "zh": "draftlint：已写入 {path}：{files} 个文件的 {n} 处问题，共 {entries} 条记录",
    },
    "baseline_not_written": {
        "en": "draftlint: {path} not written: {n} file(s) could not be checked (fix the paths, "
              "or leave those files out with `exclude` in the config)",
        "zh": "draftlint：未写入 {path}：{n} 个文件无法检查（请更正路径，或在配置的 exclude 中排除这些文件）",
    },
}

PART_NAMES: dict[str, dict[str, str]] = {
    "body": {"zh": "正文", "en": "body"},
    "header": {"zh": "页眉", "en": "header"},
    "footer": {"zh": "页脚", "en": "footer"},
    "footnote": {"zh": "脚注", "en": "footnotes"},
    "endnote": {"zh": "尾注", "en": "endnotes"},
    "textbox": {"zh": "文本框", "en": "text boxes"},
    "comment": {"zh": "批注", "en": "comments"},
    "revision": {"zh": "修订", "en": "tracked changes"},
    "properties": {"zh": "文档属性", "en": "document properties"},
    "file": {"zh": "文件", "en": "file"},
}

CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "placeholder": {"zh": "占位符", "en": "placeholder"},
    "typo": {"zh": "错别字", "en": "typo"},
    "number": {"zh": "数字", "en": "number"},
    "numbering": {"zh": "序号", "en": "numbering"},
    "date": {"zh": "日期", "en": "date"},
    "watermark": {"zh": "水印广告", "en": "watermark"},
    "punctuation": {"zh": "标点", "en": "punctuation"},
    "layout": {"zh": "排版", "en": "layout"},
    "residue": {"zh": "残留信息", "en": "residue"},
}

SEVERITY_NAMES: dict[str, dict[str, str]] = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "info": {"zh": "提示", "en": "info"},
}


def t(key: str, lang: str, **fields) -> str:
    """The UI string `key` in `lang` (English when missing), formatted with `fields`."""
    entry = _STRINGS[key]
    return (entry.get(lang) or entry["en"]).format(**fields)


def t_or_same(text: str, lang: str) -> str:
    """`text` translated when it is itself a key (a fix's reason), else unchanged."""
    entry = _STRINGS.get(text)
    return (entry.get(lang) or text) if entry else text


def part_name(part: str, lang: str) -> str:
    """A part's display name (正文/页眉/… in Chinese)."""
    return PART_NAMES.get(part, {}).get(lang, part)


def category_name(category: str, lang: str) -> str:
    """A category's display name."""
    return CATEGORY_NAMES.get(category, {}).get(lang, category)


def severity_name(severity: str, lang: str) -> str:
    """A severity's display name."""
    return SEVERITY_NAMES.get(severity, {}).get(lang, severity)
