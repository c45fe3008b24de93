"""Packaging: the wheel and sdist build, install from PyPI into a clean venv, and work.

One module-scoped build (`python -m build`: the sdist, then the wheel built from the
sdist, so the sdist is proven complete) and one fresh venv: the wheel is installed
normally (its dependencies from the index), checked, then the sdist is installed over
it and checked again.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

import draftlint

pytest.importorskip("build")

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", ".pytest_cache",
                                ".hypothesis", ".benchmarks", "dist", "build", "out",
                                "*.egg-info", "*.pyc")

pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace")
    return proc


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> dict[str, Path]:
    """Build the sdist and the wheel from a copy of the working tree."""
    src = tmp_path_factory.mktemp("src") / "draftlint"
    shutil.copytree(ROOT, src, ignore=IGNORE)
    out = tmp_path_factory.mktemp("dist")
    proc = sh(sys.executable, "-m", "build", "--outdir", out, src, cwd=src)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1 and len(sdists) == 1, list(out.iterdir())
    return {"wheel": wheels[0], "sdist": sdists[0]}


@pytest.fixture(scope="module")
def clean_env(tmp_path_factory) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items()
         if k not in ("PYTHONPATH", "VIRTUAL_ENV", "GITHUB_ACTIONS", "LANGUAGE")}
    e.update({"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return e


def test_version_comes_from_one_place(dist):
    """The package's __version__ names the built files and the metadata."""
    v = draftlint.__version__
    assert dist["wheel"].name.startswith(f"draftlint-{v}-")
    assert dist["sdist"].name == f"draftlint-{v}.tar.gz"
    with zipfile.ZipFile(dist["wheel"]) as zf:
        meta = zf.read(f"draftlint-{v}.dist-info/METADATA").decode("utf-8")
    assert f"\nVersion: {v}\n" in meta
    assert "Requires-Python: >=3.10" in meta
    # tomllib is 3.11+: on 3.10 the tomli backport is a dependency.
    tomli = [ln for ln in meta.splitlines() if ln.startswith("Requires-Dist: tomli")]
    assert len(tomli) == 1 and "python_version < '3.11'" in tomli[0].replace('"', "'")


def test_wheel_holds_the_rule_packs_and_dictionaries(dist):
    with zipfile.ZipFile(dist["wheel"]) as zf:
        names = set(zf.namelist())
    packs = {p.name for p in (ROOT / "rules").glob("*.toml")}
    assert packs and {f"draftlint/rules/{p}" for p in packs} <= names
    typo = {p.relative_to(ROOT).as_posix() for p in (ROOT / "rules" / "typo").rglob("*") if p.is_file()}
    assert typo, "rules/typo/ is empty"
    assert {"draftlint/" + t for t in typo} <= names
    assert "draftlint/__main__.py" in names and "draftlint/cli.py" in names
    assert not any(n.startswith(("tests/", "draftlint/tests/")) for n in names)


def test_sdist_holds_sources_rules_tests_and_hooks(dist):
    with tarfile.open(dist["sdist"]) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    for needed in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml",
                   "draftlint/__init__.py", "draftlint/cli.py", "rules/placeholder.toml",
                   "tests/test_packaging.py", "tools/rule_table.py", "bench/bench_jobs.py"):
        assert needed in names, needed
    assert any(n.startswith("rules/typo/") for n in names)
    assert not any(n.startswith("bench/out/") for n in names)  # benchmark inputs stay out


def _check_installed(py: Path, bin_dir: Path, work: Path, env: dict[str, str]) -> None:
    """The installed command works from a folder outside the source tree."""
    exe = bin_dir / ("draftlint.exe" if os.name == "nt" else "draftlint")
    proc = sh(exe, "--version", cwd=work, env=env)
    assert proc.returncode == 0 and proc.stdout.strip() == f"draftlint {draftlint.__version__}", \
        proc.stdout + proc.stderr
    proc = sh(py, "-m", "draftlint", "rules", "--json", cwd=work, env=env)
    assert proc.returncode == 0, proc.stderr
    assert "placeholder.unfilled" in proc.stdout
    proc = sh(py, "-c", "import draftlint, pathlib; print(pathlib.Path(draftlint.__file__).parent)",
              cwd=work, env=env)
    assert Path(proc.stdout.strip()).resolve() != (ROOT / "draftlint").resolve()
    proc = sh(exe, "check", "草稿.md", "--format", "json", cwd=work, env=env)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert "placeholder.unfilled" in rules, report
    proc = sh(exe, "check", "clean.txt", cwd=work, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_wheel_and_sdist_install_into_a_clean_venv(dist, clean_env, tmp_path):
    venv_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    bin_dir = venv_dir / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / ("python.exe" if os.name == "nt" else "python")
    work = tmp_path / "work"
    work.mkdir()
    (work / "草稿.md").write_text("# 述职报告\n\n本年度撰写调研文章X篇。\n", encoding="utf-8")
    (work / "clean.txt").write_text("全年共完成调研报告三篇。\n", encoding="utf-8")

    proc = sh(py, "-m", "pip", "install", "-q", dist["wheel"], cwd=work, env=clean_env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    _check_installed(py, bin_dir, work, clean_env)

    proc = sh(py, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", dist["sdist"],
              cwd=work, env=clean_env)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    _check_installed(py, bin_dir, work, clean_env)
