"""Hostile and broken input end to end through `draftlint check`: one clear error line, exit 2, the other files still checked, nothing written."""

from __future__ import annotations

import dataclasses
import http.server
import json
import os
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from docx_build import cell, make_docx, para, read_members, run, sdt, table, write_zip
from draftlint.cli import main
from draftlint.config import Config
from draftlint.engine import context_for, lint
from draftlint.kinds.adblock import AdBlock
from draftlint.kinds.substitution import Substitution
from draftlint.readers.docx import MAX_XML_PART_BYTES
from draftlint.readers.text import MAX_TEXT_BYTES, document_from_text
from draftlint.rules import load_rules, rule_index

MiB = 1024 * 1024
GOOD = "撰写调研文章X篇\n"  # one placeholder finding: proves the good file was checked
NOT_ZIP = "not a Word document: file is not a zip archive"
OLE = "encrypted or legacy .doc file (OLE compound document); save it as .docx"
NOT_REGULAR = "not a regular file (a device, FIFO or socket); not read"


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch) -> Path:
    """Run inside tmp_path, with a good file next to the bad ones."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    return tmp_path


def check(capsys, *args: str, isolated: bool = True) -> tuple[int, dict, str]:
    """Run `draftlint check --format json` and return (exit status, JSON, stderr)."""
    argv = ["check", "--format", "json", *(["--isolated"] if isolated else []), *args]
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, (json.loads(out) if out.strip() else {}), err


def errors_of(data: dict) -> dict[str, str]:
    return {e["path"]: e["message"] for e in data["errors"]}


def assert_one_error(capsys, bad: str, message: str, *extra: str) -> dict:
    """`check good.txt bad` exits 2 with exactly `message` for `bad`, and good.txt still has its finding."""
    rc, data, _ = check(capsys, "good.txt", bad, *extra)
    assert rc == 2
    assert errors_of(data) == {bad: message}
    assert "\n" not in message
    assert [(f["path"], f["text"]) for f in data["findings"]
            if f["rule"] == "placeholder.unfilled"] == [("good.txt", "X")]
    return data


# ------------------------------------------------------------------ .docx

def test_docx_not_a_zip(cwd, capsys):
    (cwd / "a.docx").write_text("这不是压缩包", encoding="utf-8")
    assert_one_error(capsys, "a.docx", NOT_ZIP)


def test_docx_truncated_zip(cwd, capsys):
    data = make_docx(cwd, para("正文"), name="full.docx").read_bytes()
    (cwd / "cut.docx").write_bytes(data[: len(data) // 2])  # the central directory is gone
    (cwd / "full.docx").unlink()
    assert_one_error(capsys, "cut.docx", NOT_ZIP)


def test_docx_zip_with_a_corrupt_member(cwd, capsys):
    path = make_docx(cwd, para("正文"), name="crc.docx")
    data = bytearray(path.read_bytes())
    # Flip bytes inside document.xml's compressed data (found through its local header).
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    rc, data_, _ = check(capsys, "good.txt", "crc.docx")
    assert rc == 2
    assert errors_of(data_)["crc.docx"].startswith(
        "corrupt .docx: cannot unpack word/document.xml: ")


def test_docx_zip_without_document_xml(cwd, capsys):
    write_zip(cwd / "x.docx", {"[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>"})
    assert_one_error(capsys, "x.docx", "not a Word document: no word/document.xml")


def test_docx_password_protected_ole(cwd, capsys):
    # An encrypted .docx is an OLE container holding EncryptionInfo + EncryptedPackage.
    (cwd / "secret.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
                                      + b"\x3e\x00\x03\x00\xfe\xff" + os.urandom(4000))
    assert_one_error(capsys, "secret.docx", OLE)


def test_legacy_doc_renamed_docx(cwd, capsys):
    (cwd / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
                                   + b"\x3e\x00\x03\x00" + "WordDocument".encode("utf-16-le")
                                   + b"\x00" * 500)
    assert_one_error(capsys, "old.docx", OLE)


def test_macro_enabled_docm_named_docx_is_read(cwd, capsys):
    src = make_docx(cwd, para("撰写调研文章X篇"), name="src.docx")
    members = read_members(src)
    src.unlink()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")
    members["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 200
    write_zip(cwd / "macro.docx", members)
    rc, data, _ = check(capsys, "macro.docx")
    assert rc == 1 and data["errors"] == []
    assert [(f["path"], f["part"], f["line"], f["column"], f["text"])
            for f in data["findings"] if f["rule"] == "placeholder.unfilled"] == \
        [("macro.docx", "body", 1, 7, "X")]


def test_docx_malformed_xml(cwd, capsys):
    src = make_docx(cwd, para("正文"), name="src.docx")
    members = read_members(src)
    src.unlink()
    members["word/document.xml"] = members["word/document.xml"][:-25]  # cut mid-element
    write_zip(cwd / "bad.docx", members)
    rc, data, _ = check(capsys, "good.txt", "bad.docx")
    assert rc == 2
    message = errors_of(data)["bad.docx"]
    assert message.startswith("malformed XML in word/document.xml: ")
    assert "\n" not in message
    assert [f["path"] for f in data["findings"] if f["rule"] == "placeholder.unfilled"] == ["good.txt"]


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"<!ENTITY leaked 'FETCHED'>FETCHED")

    def log_message(self, *args):
        pass


def _with_dtd(cwd: Path, name: str, dtd: str, refs: str) -> Path:
    """A .docx whose document.xml and core.xml carry `dtd` and use `refs` after 前X篇 / 标题."""
    src = make_docx(cwd, para("前X篇"), name="src.docx", core={"title": "标题"})
    members = read_members(src)
    src.unlink()
    head, rest = members["word/document.xml"].decode().split("\n", 1)
    members["word/document.xml"] = (head + "\n" + dtd.replace("ROOT", "w:document")
                                    + rest.replace("前X篇", "前X篇" + refs))
    head, rest = members["docProps/core.xml"].decode().split("\n", 1)
    members["docProps/core.xml"] = (head + "\n" + dtd.replace("ROOT", "cp:coreProperties")
                                    + rest.replace("标题", "标题" + refs))
    return write_zip(cwd / name, members)


def test_docx_external_entities_neither_resolved_nor_fetched(cwd, capsys):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    secret = cwd / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    try:
        _with_dtd(cwd, "xxe.docx",
                  f'<!DOCTYPE ROOT [<!ENTITY xxe SYSTEM "{secret.as_uri()}">'
                  f'<!ENTITY web SYSTEM "{url}/entity">'
                  f'<!ENTITY % remote SYSTEM "{url}/dtd"> %remote;]>', "&xxe;&web;")
        rc, data, _ = check(capsys, "xxe.docx")
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []
    assert data["errors"] == []
    texts = json.dumps(data, ensure_ascii=False)
    assert "TOPSECRET" not in texts and "FETCHED" not in texts
    assert [(f["line"], f["column"], f["text"]) for f in data["findings"]
            if f["rule"] == "placeholder.unfilled"] == [(1, 2, "X")]


def test_docx_billion_laughs_is_not_expanded(cwd, capsys):
    laughs = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    _with_dtd(cwd, "laughs.docx", f"<!DOCTYPE ROOT [{laughs}]>", "&lol9;")
    rc, data, _ = check(capsys, "good.txt", "laughs.docx")
    assert "lollol" not in json.dumps(data)
    if data["errors"]:  # libxml2 >= 2.13 refuses the DTD outright
        assert_one_error(capsys, "laughs.docx", "malformed XML in word/document.xml: "
                                                "entity expansion refused (a DTD defines nested entities)")
    else:  # older libxml2: the reference is left unexpanded
        assert [(f["path"], f["text"]) for f in data["findings"]
                if f["rule"] == "placeholder.unfilled"] == [("good.txt", "X"), ("laughs.docx", "X")]


def test_docx_zip_bomb_refused_without_inflating(cwd, capsys):
    src = make_docx(cwd, para("正文"), name="src.docx")
    members = read_members(src)
    src.unlink()
    path = cwd / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        with zf.open("word/media/image1.png", "w", force_zip64=True) as fh:
            chunk = b"\x00" * MiB
            for _ in range(300):  # 300 MiB of zeros deflate to ~300 KiB
                fh.write(chunk)
    assert path.stat().st_size < 2 * MiB
    with zipfile.ZipFile(path) as zf:
        total = sum(i.file_size for i in zf.infolist())
    assert_one_error(capsys, "bomb.docx",
                     f"refused: the archive would expand to {-(-total // MiB)} MiB (limit 256 MiB)")


def test_docx_xml_part_over_the_part_limit(cwd, capsys):
    # Stored (not deflated), so neither the total nor the ratio check refuses it:
    # the per-part XML limit does, before parsing.
    src = make_docx(cwd, para("正文"), name="src.docx")
    members = read_members(src)
    src.unlink()
    filler = "字" * ((MAX_XML_PART_BYTES // 3) + 1000)
    members["word/document.xml"] = members["word/document.xml"].replace(
        "正文".encode(), filler.encode())
    path = cwd / "huge.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    size = len(members["word/document.xml"])
    assert_one_error(capsys, "huge.docx",
                     f"refused: word/document.xml would expand to {-(-size // MiB)} MiB of XML "
                     f"(limit {MAX_XML_PART_BYTES // MiB} MiB per part)")


def test_docx_two_hundred_thousand_runs(cwd, capsys):
    # One paragraph of 200,000 one-character runs, then the placeholder split over runs.
    # (Measured by hand: ~3 s and ~320 MiB peak for the whole `check`.)
    runs = run("字") * 200_000 + run("X") + run("篇")
    make_docx(cwd, para(runs), name="runs.docx")
    rc, data, _ = check(capsys, "runs.docx", "--select", "placeholder")
    assert data["errors"] == []
    assert [(f["line"], f["column"], f["text"]) for f in data["findings"]] == [(1, 200_001, "X")]
    assert rc == 1


def nested_tables(levels: int, inner: str) -> str:
    for _ in range(levels):
        inner = table([cell(inner)])
    return inner


def test_docx_deeply_nested_tables(cwd, capsys):
    # 80 tables deep is 240 XML levels: read, no RecursionError.
    make_docx(cwd, nested_tables(80, para("撰写调研文章X篇")) + para("后文"), name="deep.docx")
    rc, data, _ = check(capsys, "deep.docx", "--select", "placeholder")
    assert data["errors"] == []
    assert [(f["line"], f["text"]) for f in data["findings"]] == [(1, "X")]
    # 200 tables deep is 600 XML levels: over libxml2's 256, a clear error.
    make_docx(cwd, nested_tables(200, para("最深")), name="deeper.docx")
    assert_one_error(capsys, "deeper.docx", "malformed XML in word/document.xml: "
                                            "elements nested more than 256 levels deep")


def test_docx_deeply_nested_content_controls(cwd, capsys):
    inner = para("撰写调研文章X篇")
    for i in range(120):  # w:sdt/w:sdtContent: 240 XML levels
        inner = sdt(inner, placeholder=False, sid=i)
    make_docx(cwd, inner, name="sdt.docx")
    rc, data, _ = check(capsys, "sdt.docx", "--select", "placeholder")
    assert data["errors"] == []
    assert [(f["line"], f["text"]) for f in data["findings"]] == [(1, "X")]


def test_docx_zero_bytes(cwd, capsys):
    (cwd / "empty.docx").write_bytes(b"")
    assert_one_error(capsys, "empty.docx", NOT_ZIP)


# ------------------------------------------------------------------ text

def test_text_neither_utf8_nor_gb18030(cwd, capsys):
    (cwd / "bad.txt").write_bytes(b"abc\x80\xff\xfe\xfd def")
    assert_one_error(capsys, "bad.txt", "cannot decode: neither UTF-8 nor GB18030 text")


def test_text_utf16_with_bom_is_read(cwd, capsys):
    (cwd / "u16.txt").write_bytes("\ufeff撰写调研文章X篇\r\n第二行\r\n".encode("utf-16-le"))
    (cwd / "u16be.md").write_bytes("\ufeff# 标题\n\n撰写X篇\n".encode("utf-16-be"))
    rc, data, _ = check(capsys, "u16.txt", "u16be.md", "--select", "placeholder")
    assert rc == 1 and data["errors"] == []
    assert [(f["path"], f["line"], f["column"], f["text"]) for f in data["findings"]] == \
        [("u16.txt", 1, 7, "X"), ("u16be.md", 3, 3, "X")]


def test_text_utf16_without_bom_is_refused(cwd, capsys):
    # Decision: UTF-16 needs its BOM. Without one, any ASCII (a newline is enough)
    # puts NUL bytes in the file, and it is refused as binary.
    (cwd / "u16.txt").write_bytes("撰写调研文章X篇\n".encode("utf-16-le"))
    assert_one_error(capsys, "u16.txt", "binary file (contains NUL bytes); not a text document")


def test_binary_data_named_txt(cwd, capsys):
    (cwd / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert_one_error(capsys, "image.txt", "binary file (contains NUL bytes); not a text document")


def test_nul_bytes_in_text_and_markdown(cwd, capsys):
    (cwd / "nul.md").write_bytes("标题\x00正文\n".encode())
    assert_one_error(capsys, "nul.md", "binary file (contains NUL bytes); not a text document")


def test_one_huge_line_is_refused_by_the_size_limit(cwd, capsys):
    # Decision: a 100 MB line is refused by MAX_TEXT_BYTES before it is read.
    with (cwd / "line.txt").open("wb") as fh:
        chunk = b"a" * MiB
        for _ in range(100):
            fh.write(chunk)
    assert_one_error(capsys, "line.txt",
                     f"file too large (100 MiB; the limit is {MAX_TEXT_BYTES // MiB} MiB)")


def test_empty_text_files_give_nothing(cwd, capsys):
    (cwd / "empty.txt").write_bytes(b"")
    (cwd / "empty.md").write_bytes(b"")
    (cwd / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    rc, data, _ = check(capsys, "empty.txt", "empty.md", "bom.txt")
    assert (rc, data["findings"], data["errors"], data["summary"]["files"]) == (0, [], [], 3)


def test_mixed_newlines_count_one_line_each(cwd, capsys):
    (cwd / "mixed.txt").write_bytes("第一行\r\n撰写X篇\r第三行\n调研X次\n\n".encode())
    rc, data, _ = check(capsys, "mixed.txt", "--select", "placeholder")
    assert rc == 1
    assert [(f["line"], f["column"], f["text"]) for f in data["findings"]] == [(2, 3, "X"), (4, 3, "X")]


# ------------------------------------------------------------------ paths

def test_missing_files(cwd, capsys):
    assert_one_error(capsys, "nowhere.docx", "no such file or directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads folders and files whatever their mode")
def test_folder_and_file_without_permission(cwd, capsys):
    locked = cwd / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text(GOOD, encoding="utf-8")
    (cwd / "secret.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    (cwd / "secret.txt").chmod(0)
    try:
        rc, data, _ = check(capsys, "good.txt", "locked", "secret.txt")
    finally:
        locked.chmod(stat.S_IRWXU)
        (cwd / "secret.txt").chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert rc == 2
    assert errors_of(data) == {"locked": "cannot read folder: Permission denied",
                               "secret.txt": "permission denied"}


def test_dangling_symlinks_in_a_folder_and_given(cwd, capsys):
    (cwd / "d").mkdir()
    (cwd / "d" / "gone.txt").symlink_to(cwd / "deleted.txt")
    (cwd / "gone.md").symlink_to("deleted.md")
    rc, data, _ = check(capsys, "good.txt", "d", "gone.md")
    assert rc == 2
    assert errors_of(data) == {"d/gone.txt": "broken symbolic link", "gone.md": "broken symbolic link"}


def test_symlink_loops_terminate(cwd, capsys):
    d = cwd / "d"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(GOOD, encoding="utf-8")
    (d / "self").symlink_to(".", target_is_directory=True)
    (d / "sub" / "up").symlink_to("..", target_is_directory=True)
    (d / "sub" / "also.txt").symlink_to("../a.txt")  # a file link is read as the file
    rc, data, _ = check(capsys, "d", "d/self")
    assert rc == 1 and data["errors"] == []
    assert sorted({f["path"] for f in data["findings"]}) == ["d/a.txt", "d/self/a.txt",
                                                             "d/self/sub/also.txt",
                                                             "d/sub/also.txt"]


def test_fifo_and_device_are_refused_not_read_forever(cwd, capsys):
    d = cwd / "d"
    d.mkdir()
    os.mkfifo(d / "pipe.txt")
    (d / "zero.md").symlink_to("/dev/zero")
    rc, data, _ = check(capsys, "good.txt", "d")
    assert rc == 2
    assert errors_of(data) == {"d/pipe.txt": NOT_REGULAR, "d/zero.md": NOT_REGULAR}
    assert_one_error(capsys, "d/pipe.txt", NOT_REGULAR)


@pytest.mark.parametrize("name", ["有 空格 的 报告.txt", "中文名称报告.md", "-报告.txt",
                                  "--select=nothing.txt", "new\nline.txt", " lead.txt"])
def test_awkward_names(cwd, capsys, name):
    (cwd / name).write_text(GOOD, encoding="utf-8")
    rc, data, _ = check(capsys, "--select", "placeholder", "--", name)
    assert rc == 1 and data["errors"] == []
    assert [(f["path"], f["text"]) for f in data["findings"]] == [(name, "X")]
    # Found the same way when walking the folder.
    (cwd / "good.txt").unlink()
    rc, data, _ = check(capsys, "--select", "placeholder", ".")
    assert [(f["path"], f["text"]) for f in data["findings"]] == [(name, "X")]


def test_word_lock_files_skipped_in_folders_but_checked_when_given(cwd, capsys):
    # Decision: `~$报告.docx` (Word's owner file: the user's name, not a zip) is skipped
    # when walking folders; named explicitly it is checked as given, like any path.
    d = cwd / "d"
    d.mkdir()
    (d / "~$报告.docx").write_bytes("\x06张三".encode("utf-16-le").ljust(162, b"\x00"))
    (d / "~$记录.txt").write_text(GOOD, encoding="utf-8")
    rc, data, _ = check(capsys, "d")
    assert (rc, data["errors"], data["summary"]["files"]) == (0, [], 0)
    assert_one_error(capsys, "d/~$报告.docx", NOT_ZIP)


@pytest.mark.slow  # ~15 s, mostly creating the entries
def test_a_folder_with_100000_entries(cwd, capsys):
    big = cwd / "big"
    big.mkdir()
    for i in range(100_000):
        (big / f"f{i:06d}.txt").touch()
    (big / "z.txt").write_text(GOOD, encoding="utf-8")
    rc, data, _ = check(capsys, "big", "--select", "placeholder")
    assert (rc, data["errors"], data["summary"]["files"]) == (1, [], 100_001)
    assert [f["path"] for f in data["findings"]] == ["big/z.txt"]


# ------------------------------------------------------------------ config and rules

def test_malformed_toml_names_file_line_and_column(cwd, capsys):
    (cwd / ".draftlint.toml").write_text('locale = "zh"\nselect = ["a" "b"]\n', encoding="utf-8")
    rc, data, err = check(capsys, "good.txt", isolated=False)
    assert rc == 2 and data == {}
    assert err.count("\n") == 1
    assert err.startswith(f"draftlint: error: {cwd / '.draftlint.toml'}: invalid TOML: ")
    assert err.rstrip().endswith("(at line 2, column 15)")


def test_config_unknown_keys(cwd, capsys):
    (cwd / ".draftlint.toml").write_text('colour = "red"\n[rules."placeholder.unfilled"]\n'
                                         'enabled = true\n', encoding="utf-8")
    rc, data, err = check(capsys, "good.txt", isolated=False)
    assert rc == 2 and data == {}
    assert err.startswith(f"draftlint: error: {cwd / '.draftlint.toml'}: unknown key(s) colour; "
                          "allowed: accept, ")
    (cwd / ".draftlint.toml").write_text('[rules."placeholder.unfilled"]\nlevel = "x"\n',
                                         encoding="utf-8")
    rc, data, err = check(capsys, "good.txt", isolated=False)
    assert rc == 2
    assert err == (f"draftlint: error: {cwd / '.draftlint.toml'}: [rules.'placeholder.unfilled']: "
                   "unknown key(s) level; allowed: enabled, exceptions, parts, severity\n")


def test_config_not_utf8(cwd, capsys):
    (cwd / ".draftlint.toml").write_bytes(b"\xff\xfe\x00")
    rc, _, err = check(capsys, "good.txt", isolated=False)
    assert rc == 2
    assert err == f"draftlint: error: {cwd / '.draftlint.toml'}: config is not UTF-8\n"


CATASTROPHIC = "(a|aa)+$"  # exponential on "aaa…a!"
SLOW_TEXT = "a" * 40 + "!"


def _timed_out(kind, monkeypatch, module: str) -> list:
    monkeypatch.setattr(f"{module}.PATTERN_TIMEOUT_S", 0.2)
    base = rule_index(load_rules())["placeholder.unfilled"]
    rule = dataclasses.replace(base, id="custom.slow", kind=kind, exceptions=())
    doc = document_from_text(SLOW_TEXT + "\n撰写X篇", "a.txt")
    findings, errors = lint(doc, [rule, base], Config(), context_for(Config()))
    assert [f.text for f in findings] == ["X"]  # the other rule still ran
    return [e.message for e in errors]


def test_catastrophic_substitution_patterns_time_out(monkeypatch):
    # tests/test_engine.py covers `existence`; these kinds also run pack-supplied patterns.
    for options in ({"patterns": [CATASTROPHIC]},
                    {"patterns": ["!"], "protect": [CATASTROPHIC]},
                    {"patterns": ["!"], "skip_lines": [CATASTROPHIC]}):
        kind = Substitution.from_options(options, Path("."))
        assert _timed_out(kind, monkeypatch, "draftlint.kinds.substitution") == [
            "rule custom.slow timed out on this file (a pattern is too slow); other rules ran"]


def test_catastrophic_adblock_extra_pattern_times_out(monkeypatch):
    kind = AdBlock.from_options({"extra_strong": [CATASTROPHIC]}, Path("."))
    assert _timed_out(kind, monkeypatch, "draftlint.kinds.adblock") == [
        "rule custom.slow timed out on this file (a pattern is too slow); other rules ran"]


# ------------------------------------------------------------------ check never writes

def test_check_never_writes(cwd, capsys):
    folder = cwd / "folder"
    folder.mkdir()
    (folder / "a.md").write_text("# 标题\n\n撰写X篇，详见XX网。\n", encoding="utf-8")
    (folder / "b.txt").write_bytes("某某单位\r\n撰写X篇\r\n".encode("gb18030"))
    make_docx(folder, para("撰写调研文章X篇") + table(["合计", "X"]), name="c.docx",
              headers=[para("内部资料")], comments=[(0, "张三", para("待改"))],
              core={"title": "某某报告", "creator": "作者"})
    (folder / "broken.docx").write_bytes(b"PK\x03\x04broken")
    (cwd / "top.txt").write_text(GOOD, encoding="utf-8")

    def snapshot() -> dict:
        return {p.relative_to(cwd).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
                for p in sorted(cwd.rglob("*")) if p.is_file()}

    before = snapshot()
    for fmt in ("json", "plain", "sarif"):
        rc = main(["check", "--isolated", "--format", fmt, "top.txt", "folder"])
        capsys.readouterr()
        assert rc == 2
    assert snapshot() == before
