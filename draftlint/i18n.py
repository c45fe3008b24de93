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


# --------------------------------------------------------------------------- error messages

# File errors (ReadError, FileError, WriteError, fix and annotate failures) and usage
# errors are raised in English, and the machine formats (json, sarif, github) print
# them as they are. The human formats pass them through localize_error(): each entry
# is a pattern for one message the code can produce (the whole message) and its
# Chinese template; the named groups carry paths, numbers and rule ids over. A group
# called `inner` is itself a message and is localized in turn ("the edited file would
# not re-open (malformed XML in …)"). OS texts (strerror), lxml and zipfile details
# stay as the library wrote them. A message no pattern matches is returned unchanged.
_ERROR_PATTERNS: tuple[tuple[str, str], ...] = (
    # readers/__init__.py, run.py
    (r"no such file or directory", "文件或文件夹不存在"),
    (r"no such file", "文件不存在"),
    (r"(?P<path>.+): no such file", "{path}：文件不存在"),
    (r"broken symbolic link", "符号链接已失效（指向的文件不存在）"),
    (r"is a directory", "这是文件夹，不是文件"),
    (r"permission denied", "没有读取权限"),
    (r"not a regular file \(a device, FIFO or socket\); not read",
     "不是普通文件（是设备、FIFO 或套接字），未读取"),
    # ✓ "unsupported file type '.pdf'; draftlint reads .docx, .md, .txt"
    # ✓ "unsupported file type '(no suffix)'" (fix.py's shorter form)
    (r"unsupported file type '\(no suffix\)'(?:; draftlint reads (?P<known>.+))?",
     "不支持的文件类型（文件没有扩展名）{known?；draftlint 可读取的类型：}"),
    (r"unsupported file type (?P<suffix>.+?)(?:; draftlint reads (?P<known>.+))?",
     "不支持的文件类型 {suffix}{known?；draftlint 可读取的类型：}"),
    (r"file too large to read into memory", "文件过大，无法读入内存"),
    (r"file too large \((?P<size>\d+) MiB; the limit is (?P<limit>\d+) MiB\)",
     "文件过大（{size} MiB，上限为 {limit} MiB）"),
    (r"file too large", "文件过大"),
    (r"cannot read file: (?P<why>.*)", "无法读取文件：{why}"),
    (r"cannot read folder: (?P<why>.*)", "无法读取文件夹：{why}"),
    (r"internal error reading file: (?P<exc>.*)", "读取文件时发生内部错误：{exc}"),
    # readers/text.py
    (r"binary file \(contains NUL bytes\); not a text document",
     "二进制文件（含 NUL 字节），不是文本文档"),
    (r"cannot decode: neither UTF-8 nor GB18030 text",
     "无法解码：既不是 UTF-8 文本，也不是 GB18030 文本"),
    (r"invalid (?P<enc>[A-Z0-9-]+) text", "不是有效的 {enc} 文本"),
    # readers/docx.py
    (r"encrypted or legacy \.doc file \(OLE compound document\); save it as \.docx",
     "加密文件或旧版 .doc 文件（OLE 复合文档）；请另存为 .docx 格式"),
    (r"refused: the archive would expand to (?P<size>\d+) MiB \(limit (?P<limit>\d+) MiB\)",
     "拒绝读取：压缩包解压后将达 {size} MiB（上限为 {limit} MiB）"),
    (r"refused: (?P<member>.+) would expand to (?P<size>\d+) MiB of XML "
     r"\(limit (?P<limit>\d+) MiB per part\)",
     "拒绝读取：{member} 解压后将有 {size} MiB 的 XML（每个部件上限为 {limit} MiB）"),
    (r"corrupt \.docx: cannot unpack (?P<member>.+?): (?P<exc>.*)",
     ".docx 文件已损坏：无法解压 {member}：{exc}"),
    (r"malformed XML in (?P<member>.+?): elements nested more than 256 levels deep",
     "{member} 中的 XML 格式错误：元素嵌套超过 256 层"),
    (r"malformed XML in (?P<member>.+?): entity expansion refused \(a DTD defines nested entities\)",
     "{member} 中的 XML 格式错误：拒绝展开实体（DTD 定义了嵌套实体）"),
    (r"malformed XML in (?P<member>.+?): (?P<msg>.*)", "{member} 中的 XML 格式错误：{msg}"),
    (r"Strict Open XML \.docx is not supported; save it as a Word Document",
     "不支持 Strict Open XML 格式的 .docx；请另存为“Word 文档”格式"),
    (r"not a Word document: no word/document\.xml",
     "不是 Word 文档：缺少 word/document.xml"),
    (r"not a Word document: file is not a zip archive",
     "不是 Word 文档：文件不是 zip 压缩包"),
    # engine.py
    (r"rule (?P<rule>\S+) timed out on this file \(a pattern is too slow\); other rules ran",
     "规则 {rule} 检查本文件超时（有模式运行过慢）；其他规则已正常运行"),
    (r"internal error in rule (?P<rule>\S+) on file (?P<path>.+?): (?P<exc>\w+: .*)",
     "规则 {rule} 检查文件 {path} 时发生内部错误：{exc}"),
    # fix.py
    (r"changed on disk while it was read", "读取期间文件在磁盘上被修改"),
    (r"the file does not re-encode to the same bytes; not written",
     "文件重新编码后与原字节不一致；未写入"),
    (r"the fix cannot be written in (?P<enc>\S+); not written",
     "修正后的内容无法用 {enc} 编码保存；未写入"),
    (r"a fix did not take \((?P<what>.*)\); file left unchanged",
     "有修正未生效（{what}）；文件未改动"),
    (r"a fix created a new finding \((?P<what>.*)\); file left unchanged",
     "修正引出了新的问题（{what}）；文件未改动"),
    (r"cannot rebuild the package: (?P<exc>.*); not written", "无法重新打包：{exc}；未写入"),
    (r"the edited file would not re-open \((?P<inner>.*)\); not written",
     "修改后的文件无法重新打开（{inner}）；未写入"),
    (r"internal error fixing file: (?P<exc>.*)", "修正文件时发生内部错误：{exc}"),
    # writers/__init__.py
    (r"cannot create a file in (?P<folder>.+): (?P<why>.*)", "无法在 {folder} 中创建文件：{why}"),
    (r"cannot write: (?P<why>.*)", "无法写入：{why}"),
    (r"changed on disk since it was read; not overwritten", "读取后文件在磁盘上已被修改；未覆盖"),
    (r"cannot replace the file: (?P<why>.*)", "无法替换文件：{why}"),
    (r"cannot write (?P<target>.+): (?P<why>.*)", "无法写入 {target}：{why}"),
    # annotate.py
    (r"the output would overwrite the input; choose another -o",
     "输出文件会覆盖输入文件；请用 -o 另选输出路径"),
    (r"annotate works on \.docx files only", "annotate 只能处理 .docx 文件"),
    (r"cannot build the annotated copy: (?P<exc>.*)", "无法生成批注副本：{exc}"),
    (r"the annotated copy would not re-open \((?P<inner>.*)\); not written",
     "批注副本无法重新打开（{inner}）；未写入"),
    # Usage errors: config.py, baseline.py, cli.py
    # ✓ "--select/--ignore: unknown rule or pack 'zzz'; packs: date, typo (see `draftlint rules`)"
    (r"(?P<where>.+?): unknown rule or pack (?P<sel>.+?); packs: (?P<packs>.+) "
     r"\(see `draftlint rules`\)",
     "{where}：未知的规则或规则包 {sel}；现有规则包：{packs}（可用 `draftlint rules` 查看全部规则）"),
    (r"--config and --isolated cannot be used together \(--isolated reads no configuration\)",
     "--config 与 --isolated 不能同时使用（--isolated 不读取任何配置）"),
    (r"fix does not read standard input; name the files to fix \(`(?P<cmd>.+)` checks it\)",
     "fix 不读取标准输入；请给出要修正的文件（`{cmd}` 可以检查标准输入）"),
    (r"(?P<path>.+): config file not found", "{path}：找不到配置文件"),
    (r"(?P<path>.+): cannot read config: (?P<why>.*)", "{path}：无法读取配置文件：{why}"),
    (r"(?P<path>.+): config is not UTF-8", "{path}：配置文件不是 UTF-8 编码"),
    (r"(?P<path>.+?): invalid TOML: (?P<why>.*)", "{path}：TOML 格式错误：{why}"),
    (r"baseline file (?P<path>.+) not found; create it with `(?P<cmd>.+)`",
     "找不到基线文件 {path}；请先用 `{cmd}` 生成"),
    (r"cannot read baseline file (?P<path>.+): (?P<why>.*)", "无法读取基线文件 {path}：{why}"),
    (r"baseline file (?P<path>.+) is not valid JSON: (?P<why>.*)",
     "基线文件 {path} 不是有效的 JSON：{why}"),
    (r"baseline file (?P<path>.+) is not a draftlint baseline \(expected version (?P<v>\d+) "
     r"with an `entries` list\)",
     "基线文件 {path} 不是 draftlint 基线文件（应为第 {v} 版，并含 `entries` 列表）"),
    (r"baseline file (?P<path>.+): entry (?P<i>\d+) needs path, rule, text, context and a "
     r"whole-number count",
     "基线文件 {path}：第 {i} 条记录须有 path、rule、text、context 和整数 count"),
    (r"format (?P<name>.+?) is not available; choose one of: (?P<names>.+)",
     "输出格式 {name} 不可用；可选：{names}"),
    (r"`-` \(stdin\) cannot be combined with other paths", "`-`（标准输入）不能与其他路径同时使用"),
    (r"--stdin-filename needs `-` as the path", "--stdin-filename 须与路径 `-` 一起使用"),
)

_COMPILED: list | None = None


def _compiled_errors() -> list:
    """The patterns of _ERROR_PATTERNS compiled (once, on the first error to localize)."""
    global _COMPILED
    if _COMPILED is None:
        import regex  # paths and members in the groups may be Chinese (报告.docx)
        _COMPILED = [(regex.compile(p, regex.S), zh) for p, zh in _ERROR_PATTERNS]
    return _COMPILED


def _fill(template: str, groups: dict[str, str | None], lang: str) -> str:
    """Fill `template`: {name} takes a group; {name?TEXT} gives TEXT + the group when it matched."""
    import regex

    def one(m) -> str:
        name, _, prefix = m.group(1).partition("?")
        value = groups.get(name)
        if value is None:
            return ""
        if name == "inner":
            value = localize_error(value, lang)
        return prefix + value

    # ✓ "{size}", "{known?；draftlint 可读取的类型：}"; ✗ "（{" is not a field without a name.
    return regex.sub(r"\{([a-z_]+(?:\?[^{}]*)?)\}", one, template)


def localize_error(message: str, lang: str) -> str:
    """A file or usage error message in `lang` (Chinese for zh); unknown messages unchanged."""
    if lang != "zh" or not message:
        return message
    for pattern, zh in _compiled_errors():
        m = pattern.fullmatch(message)
        if m:
            return _fill(zh, m.groupdict(), lang)
    return message


def error_line(path: str, message: str, lang: str) -> str:
    """`path: error: message` for stderr and plain output (`path：错误：消息` in Chinese)."""
    if lang == "zh":
        return f"{path}：错误：{localize_error(message, lang)}"
    return f"{path}: error: {message}"


def usage_error(message: str, lang: str) -> str:
    """The `draftlint: error: …` line of a usage error (`draftlint：错误：…` in Chinese)."""
    if lang == "zh":
        return f"draftlint：错误：{localize_error(message, lang)}"
    return f"draftlint: error: {message}"
