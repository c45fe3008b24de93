"""`--lang zh` is complete: rule documentation in Chinese, file and usage errors in Chinese.

The human formats (plain, rich, html, stderr lines of fix/annotate/baseline) localize
file errors; json, sarif and github keep them in English.
"""

from __future__ import annotations

import ast
import json
import zipfile
from pathlib import Path

import pytest
import regex

from draftlint.cli import main
from draftlint.i18n import error_line, localize_error
from draftlint.rules import load_rules
from tests.docx_build import make_docx, para, run as wrun

RULES = load_rules()
ROOT = Path(__file__).resolve().parent.parent
# ✓ "发现", "（含 NUL 字节）"; ✗ "NUL", "error"
HAN = regex.compile(r"\p{Han}")
# An English sentence fragment: three Latin words in a row. ✓ "the limit is"; ✗ "iPhone X"
ENGLISH_RUN = regex.compile(r"[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def squash(text: str) -> str:
    """Text without whitespace: rich wraps long paragraphs at the console width."""
    return "".join(text.split())


# ------------------------------------------------------------------ rule documentation

@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_bundled_rule_documents_itself_in_chinese(rule):
    for key in ("summary", "why", "fix"):
        zh = rule.doc_in(key, "zh")
        assert zh and HAN.search(zh), f"{rule.id}: {key}.zh"
        assert zh != rule.doc_in(key, "en")
        assert rule.doc(key, "zh") == zh and rule.doc(key, "en") == getattr(rule, key)


def test_rules_listing_in_chinese(cwd: Path, capsys):
    code, out, _ = run(capsys, "rules", "--isolated", "--lang", "zh")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["规则", "类别", "级别", "状态", "说明"]
    rows = {line.split()[0]: line for line in lines[1:-1]}
    assert set(rows) == {r.id for r in RULES}
    for rule in RULES:
        row = rows[rule.id]
        assert rule.doc_in("summary", "zh") in row
        assert rule.summary not in row
        assert row.split()[2] in ("错误", "警告", "提示")
    assert lines[-1].startswith("共 ")


def test_rules_listing_in_english_is_unchanged(cwd: Path, capsys):
    code, out, _ = run(capsys, "rules", "--isolated", "--lang", "en")
    rows = {line.split()[0]: line for line in out.splitlines()[1:-1]}
    for rule in RULES:
        assert rule.summary in rows[rule.id]
        assert rows[rule.id].split()[2] == str(rule.severity)


def test_rules_json_keeps_english_and_adds_chinese(cwd: Path, capsys):
    code, out, _ = run(capsys, "rules", "--isolated", "--lang", "zh", "--json")
    data = {d["id"]: d for d in json.loads(out)}
    for rule in RULES:
        assert data[rule.id]["summary"] == rule.summary
        assert data[rule.id]["summary_zh"] == rule.doc_in("summary", "zh")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_explain_in_chinese(cwd: Path, capsys, rule):
    code, out, _ = run(capsys, "explain", rule.id, "--lang", "zh")
    assert code == 0
    flat = squash(out)
    for key in ("summary", "why", "fix"):
        assert squash(rule.doc_in(key, "zh")) in flat
        assert squash(getattr(rule, key)) not in flat
    assert "原因" in out and "修改方法" in out


def test_explain_in_english_keeps_the_english(cwd: Path, capsys):
    rule = next(r for r in RULES if r.id == "number.total")
    code, out, _ = run(capsys, "explain", rule.id, "--lang", "en")
    flat = squash(out)
    for key in ("summary", "why", "fix"):
        assert squash(getattr(rule, key)) in flat
        assert squash(rule.doc_in(key, "zh")) not in flat


def test_explain_of_a_users_english_only_pack_falls_back_to_english(tmp_path):
    from draftlint.report.rules_doc import render_explain
    import io
    (tmp_path / "placeholder.toml").write_text(
        '[mine]\ntype = "existence"\nsummary = "My summary."\nwhy = "My reason."\n'
        'message.zh = "z"\nmessage.en = "e"\npatterns = ["X"]\n', encoding="utf-8")
    [rule] = load_rules(tmp_path)
    buf = io.StringIO()
    render_explain(rule, "zh", buf)
    assert "My summary." in buf.getvalue() and "My reason." in buf.getvalue()
    assert rule.doc_in("summary", "zh") is None


# ------------------------------------------------------------------ file errors

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _corrupt_member(path: Path, marker: bytes) -> Path:
    """Flip one byte of a stored member's data, so its CRC no longer matches."""
    data = bytearray(path.read_bytes())
    at = data.index(marker)
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    return path


def _stored_docx(path: Path, document: str) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("word/document.xml", document)
    return path


def _inputs(cwd: Path) -> dict[str, tuple[str, str]]:
    """Real files that cannot be read: name -> (English message or prefix, Chinese expected)."""
    (cwd / "nul.txt").write_bytes("标题\x00正文".encode("utf-8"))
    (cwd / "legacy.docx").write_bytes(OLE_MAGIC + b"\x00" * 504)
    (cwd / "notzip.docx").write_bytes(b"plain text, not a zip")
    (cwd / "bytes.txt").write_bytes(b"ok \xff\xff end")  # 0xFF starts no UTF-8 or GB18030 char
    (cwd / "odd16.txt").write_bytes(b"\xff\xfe" + "正文".encode("utf-16-le") + b"\x00")
    (cwd / "report.pdf").write_bytes(b"%PDF-1.4")
    make_docx(cwd, para(wrun("正文")), name="broken.docx", extra={"word/document.xml": "<w:document"})
    with zipfile.ZipFile(cwd / "nodoc.docx", "w") as zf:
        zf.writestr("readme.txt", "not a document")
    _stored_docx(cwd / "strict.docx",
                 '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>')
    _corrupt_member(_stored_docx(cwd / "crc.docx", "<w:document>MARKER</w:document>"), b"MARKER")
    return {
        "missing.txt": ("no such file or directory", "文件或文件夹不存在"),
        "nul.txt": ("binary file (contains NUL bytes); not a text document",
                    "二进制文件（含 NUL 字节），不是文本文档"),
        "legacy.docx": ("encrypted or legacy .doc file (OLE compound document); save it as .docx",
                        "加密文件或旧版 .doc 文件（OLE 复合文档）；请另存为 .docx 格式"),
        "notzip.docx": ("not a Word document: file is not a zip archive",
                        "不是 Word 文档：文件不是 zip 压缩包"),
        "bytes.txt": ("cannot decode: neither UTF-8 nor GB18030 text",
                      "无法解码：既不是 UTF-8 文本，也不是 GB18030 文本"),
        "odd16.txt": ("invalid UTF-16-LE text", "不是有效的 UTF-16-LE 文本"),
        "report.pdf": ("unsupported file type '.pdf'; draftlint reads ",
                       "不支持的文件类型 '.pdf'；draftlint 可读取的类型："),
        "broken.docx": ("malformed XML in word/document.xml: ", "word/document.xml 中的 XML 格式错误："),
        "nodoc.docx": ("not a Word document: no word/document.xml",
                       "不是 Word 文档：缺少 word/document.xml"),
        "strict.docx": ("Strict Open XML .docx is not supported; save it as a Word Document",
                        "不支持 Strict Open XML 格式的 .docx；请另存为“Word 文档”格式"),
        "crc.docx": ("corrupt .docx: cannot unpack word/document.xml: ",
                     ".docx 文件已损坏：无法解压 word/document.xml："),
    }


def _check(capsys, fmt: str, lang: str, *names: str) -> tuple[int, str, str]:
    return run(capsys, "check", "--isolated", "-j", "1", "--format", fmt, "--lang", lang, *names)


def test_file_errors_are_chinese_in_plain_and_english_in_json(cwd: Path, capsys):
    cases = _inputs(cwd)
    code, out, _ = _check(capsys, "plain", "zh", *cases)
    assert code == 2
    lines = {line.split("：错误：")[0]: line for line in out.splitlines() if "：错误：" in line}
    assert set(lines) == set(cases)
    for name, (_, zh) in cases.items():
        message = lines[name].split("：错误：", 1)[1]
        assert message.startswith(zh), (name, message)
    assert ": error:" not in out
    code, out, _ = _check(capsys, "json", "zh", *cases)
    errors = {e["path"]: e["message"] for e in json.loads(out)["errors"]}
    for name, (en, _) in cases.items():
        assert errors[name].startswith(en), (name, errors[name])
        assert not HAN.search(errors[name].replace("word/document.xml", ""))


def test_file_errors_stay_english_in_english_plain(cwd: Path, capsys):
    cases = _inputs(cwd)
    _, out, _ = _check(capsys, "plain", "en", *cases)
    for name, (en, _) in cases.items():
        assert f"{name}: error: {en}" in out


def test_file_errors_in_rich_and_html(cwd: Path, capsys):
    (cwd / "nul.txt").write_bytes(b"a\x00b")
    _, out, _ = _check(capsys, "rich", "zh", "nul.txt", "missing.txt")
    assert "二进制文件（含 NUL 字节），不是文本文档" in out and "文件或文件夹不存在" in out
    assert "binary file" not in out
    _, out, _ = _check(capsys, "html", "zh", "nul.txt")
    assert "nul.txt：二进制文件（含 NUL 字节），不是文本文档" in out
    _, out, _ = _check(capsys, "github", "zh", "nul.txt")
    assert "binary file (contains NUL bytes)" in out
    _, out, _ = _check(capsys, "sarif", "zh", "nul.txt")
    assert "binary file (contains NUL bytes)" in out and "二进制" not in out


def test_oversize_files_within_patched_limits(cwd: Path, capsys, monkeypatch):
    from draftlint.readers import docx as docx_reader
    from draftlint.readers import text as text_reader
    mib = 1024 * 1024
    monkeypatch.setattr(text_reader, "MAX_TEXT_BYTES", 1 * mib)
    (cwd / "big.txt").write_bytes(b"a" * (2 * mib + 10))
    make_docx(cwd, para(wrun("正文")), name="big.docx")
    monkeypatch.setattr(docx_reader, "MAX_FILE_BYTES", 0)
    _, out, _ = _check(capsys, "plain", "zh", "big.txt", "big.docx")
    assert "big.txt：错误：文件过大（2 MiB，上限为 1 MiB）" in out
    assert "big.docx：错误：文件过大（0 MiB，上限为 0 MiB）" in out
    _, out, _ = _check(capsys, "json", "zh", "big.txt")
    assert json.loads(out)["errors"][0]["message"] == "file too large (2 MiB; the limit is 1 MiB)"
    monkeypatch.setattr(docx_reader, "MAX_FILE_BYTES", 200 * mib)
    monkeypatch.setattr(docx_reader, "MAX_EXPANDED_BYTES", 0)
    _, out, _ = _check(capsys, "plain", "zh", "big.docx")
    assert "big.docx：错误：拒绝读取：压缩包解压后将达 1 MiB（上限为 0 MiB）" in out
    monkeypatch.setattr(docx_reader, "MAX_EXPANDED_BYTES", 256 * mib)
    monkeypatch.setattr(docx_reader, "MAX_XML_PART_BYTES", 0)
    _, out, _ = _check(capsys, "plain", "zh", "big.docx")
    assert regex.search(r"big\.docx：错误：拒绝读取：\S+ 解压后将有 1 MiB 的 XML（每个部件上限为 0 MiB）", out)


def test_fix_annotate_and_baseline_errors_in_chinese(cwd: Path, capsys, monkeypatch):
    (cwd / "nul.txt").write_bytes(b"a\x00b")
    make_docx(cwd, para(wrun("正文")), name="broken.docx", extra={"word/document.xml": "<w:document"})
    code, _, err = run(capsys, "fix", "--isolated", "--lang", "zh", "nul.txt", "missing.txt")
    assert code == 2
    assert "nul.txt：错误：二进制文件（含 NUL 字节），不是文本文档" in err
    assert "missing.txt：错误：文件或文件夹不存在" in err
    code, _, err = run(capsys, "annotate", "--isolated", "--lang", "zh", "broken.docx")
    assert code == 2 and err.startswith("broken.docx：错误：word/document.xml 中的 XML 格式错误：")
    code, _, err = run(capsys, "annotate", "--isolated", "--lang", "zh", "none.docx")
    assert code == 2 and "draftlint：错误：none.docx：文件不存在" in err
    # `baseline` has no --lang: the locale decides.
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(capsys, "baseline", "--isolated", "nul.txt")
    assert code == 2 and "nul.txt：错误：二进制文件（含 NUL 字节），不是文本文档" in err
    monkeypatch.setenv("LANG", "C.UTF-8")
    code, _, err = run(capsys, "baseline", "--isolated", "nul.txt")
    assert "nul.txt: error: binary file (contains NUL bytes); not a text document" in err


def test_usage_errors_follow_lang_config_and_locale(cwd: Path, capsys, monkeypatch):
    (cwd / "a.txt").write_text("正文。\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--isolated", "--lang", "zh", "--select", "zzz", "a.txt")
    assert code == 2
    assert err.startswith("draftlint：错误：--select/--ignore：未知的规则或规则包 'zzz'；现有规则包：")
    code, _, err = run(capsys, "check", "--isolated", "--lang", "en", "--select", "zzz", "a.txt")
    assert err.startswith("draftlint: error: --select/--ignore: unknown rule or pack 'zzz'")
    code, _, err = run(capsys, "check", "--isolated", "--lang", "zh", "--baseline", "b.json", "a.txt")
    assert code == 2 and err.startswith("draftlint：错误：找不到基线文件 b.json；请先用 `draftlint baseline")
    code, _, err = run(capsys, "explain", "no.such", "--lang", "zh")
    assert code == 2 and err.startswith("draftlint：错误：未知规则 'no.such'")
    # The config's locale, then the environment's, when --lang is not given.
    (cwd / ".draftlint.toml").write_text('locale = "zh"\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "--select", "zzz", "a.txt")
    assert code == 2 and "未知的规则或规则包 'zzz'" in err
    (cwd / ".draftlint.toml").write_text('locale = "zh"\nselect = ["zzz"]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "a.txt")  # the config is broken: the locale decides
    assert code == 2 and err.startswith("draftlint: error: ") and "unknown rule or pack 'zzz'" in err
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    code, _, err = run(capsys, "check", "a.txt")
    assert code == 2 and err.startswith("draftlint：错误：") and "未知的规则或规则包 'zzz'" in err
    code, _, err = run(capsys, "check", "--config", "nope.toml", "a.txt")
    assert code == 2 and "nope.toml：找不到配置文件" in err


# ------------------------------------------------------------------ every message the code raises

ERROR_CLASSES = {"ReadError", "WriteError", "BaselineError", "_Undo"}
SAMPLE = "7"  # stands for every {field}: a number, a path, a rule id, an exception text


def _text_of(node: ast.AST) -> list[str]:
    """The message(s) a string expression can produce, its {fields} filled with SAMPLE."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        return ["".join(v.value if isinstance(v, ast.Constant) else SAMPLE for v in node.values)]
    if isinstance(node, ast.IfExp):
        return _text_of(node.body) + _text_of(node.orelse)
    return []


def _raised_messages() -> set[str]:
    """Every literal file-error message in draftlint: ReadError/WriteError/… arguments,
    FileError messages, fix and annotate `error` texts and verify()'s reasons."""
    found: set[str] = set()
    for path in (ROOT / "draftlint").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in ERROR_CLASSES and node.args:
                    found.update(_text_of(node.args[0]))
                elif name == "FileError" and len(node.args) > 1:
                    found.update(_text_of(node.args[1]))
                for kw in node.keywords:
                    if name == "FixResult" and kw.arg == "error":
                        found.update(_text_of(kw.value))
            elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "error" for t in node.targets):
                found.update(_text_of(node.value))
        if path.name == "fix.py":
            verify = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "verify")
            for node in ast.walk(verify):
                if isinstance(node, ast.Return) and node.value is not None:
                    found.update(_text_of(node.value))
    return found


def test_the_scan_finds_the_known_messages():
    found = _raised_messages()
    assert "binary file (contains NUL bytes); not a text document" in found
    assert "rule 7 timed out on this file (a pattern is too slow); other rules ran" in found
    assert "a fix did not take (77); file left unchanged" in found
    assert len(found) > 35


@pytest.mark.parametrize("message", sorted(_raised_messages()))
def test_every_file_error_message_has_a_chinese_form(message):
    zh = localize_error(message, "zh")
    assert zh != message and HAN.search(zh), message
    # No English sentence is left; a format's name and a `command` are not ones.
    assert not ENGLISH_RUN.search(regex.sub(r"`[^`]*`", "", zh.replace("Strict Open XML", ""))), zh
    assert localize_error(message, "en") == message


@pytest.mark.parametrize("message, zh", [
    ("--select/--ignore: unknown rule or pack 'zzz'; packs: date, typo (see `draftlint rules`)",
     "--select/--ignore：未知的规则或规则包 'zzz'；现有规则包：date, typo（可用 `draftlint rules` 查看全部规则）"),
    (".draftlint.toml: select: unknown rule or pack 'x'; packs: date (see `draftlint rules`)",
     ".draftlint.toml: select：未知的规则或规则包 'x'；现有规则包：date（可用 `draftlint rules` 查看全部规则）"),
    ("baseline file b.json not found; create it with `draftlint baseline PATH... -o b.json`",
     "找不到基线文件 b.json；请先用 `draftlint baseline PATH... -o b.json` 生成"),
    ("the edited file would not re-open (malformed XML in word/document.xml: boom); not written",
     "修改后的文件无法重新打开（word/document.xml 中的 XML 格式错误：boom）；未写入"),
    ("unsupported file type '(no suffix)'", "不支持的文件类型（文件没有扩展名）"),
    ("malformed XML in word/document.xml: elements nested more than 256 levels deep",
     "word/document.xml 中的 XML 格式错误：元素嵌套超过 256 层"),
    ("malformed XML in word/styles.xml: entity expansion refused (a DTD defines nested entities)",
     "word/styles.xml 中的 XML 格式错误：拒绝展开实体（DTD 定义了嵌套实体）"),
    ("cannot write 报告.docx: No space left on device", "无法写入 报告.docx：No space left on device"),
    ("some message no table knows", "some message no table knows"),
])
def test_localize_error_carries_names_and_numbers(message, zh):
    assert localize_error(message, "zh") == zh


def test_error_line():
    assert error_line("a.txt", "no such file or directory", "zh") == "a.txt：错误：文件或文件夹不存在"
    assert error_line("a.txt", "no such file or directory", "en") == "a.txt: error: no such file or directory"
