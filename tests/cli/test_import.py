"""``jixiao import`` as a user runs it: one file to stdout, bad files with one line and exit 2,
and a folder in bulk with worker processes and a summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli.main import main
from tests.conftest import SEED_JSON, SEED_TEXT


def seed_data() -> object:
    return json.loads(SEED_JSON.read_text(encoding="utf-8"))


def test_the_seed_prints_as_json_with_the_report_on_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(SEED_TEXT), "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == seed_data()
    assert "已读取" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "文件为空"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog", "PDF 文件已损坏"),
        ("noise.pdf", bytes(range(256)) * 3, "已损坏"),
        ("letter.txt", "尊敬的各位领导：\n现将有关情况报告如下。\n".encode(), "没有找到绩效自评表"),
    ],
)
def test_an_unreadable_file_exits_2_with_one_chinese_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["import", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert reason in lines[0] and name in lines[0]


def test_the_other_files_still_import_when_one_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    assert main(["import", str(empty), str(SEED_TEXT), "--out", str(out)]) == 2
    assert json.loads((out / f"{SEED_TEXT.stem}.json").read_text(encoding="utf-8")) == seed_data()
    err = capsys.readouterr().err
    assert "文件为空" in err


def test_a_folder_imports_in_parallel_with_a_summary(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    (source / "2022").mkdir(parents=True)
    for name in ("a.txt", "2022/b.txt"):
        (source / name).write_bytes(SEED_TEXT.read_bytes())
    (source / "2022" / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    out = tmp_path / "out"
    assert main(["import", str(source), "--out", str(out), "--jobs", "2"]) == 2
    assert json.loads((out / "a.json").read_text(encoding="utf-8")) == seed_data()
    assert json.loads((out / "2022" / "b.json").read_text(encoding="utf-8")) == seed_data()
    err = capsys.readouterr().err
    summary = err[err.index("导入汇总") :].splitlines()
    assert summary[1].split() == ["文件", "表单", "读取警告", "核验问题", "失败"]
    # The seed's own four warnings (three unmeasurable indicators, the adjustment reason) twice.
    assert summary[2].split() == ["3", "2", "0", "8", "1"]
    assert "broken.pdf" in err


def test_forms_of_the_same_name_in_different_formats_each_get_their_own_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "form.txt").write_bytes(SEED_TEXT.read_bytes())
    (source / "form.json").write_bytes(SEED_JSON.read_bytes())
    (source / "other.txt").write_bytes(SEED_TEXT.read_bytes())
    out = tmp_path / "out"
    assert main(["import", str(source), "--out", str(out), "--jobs", "1"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "form.json.json",
        "form.txt.json",
        "other.json",
    ]
    for path in out.iterdir():
        assert json.loads(path.read_text(encoding="utf-8")) == seed_data()


def test_a_form_json_file_imports_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "form.data"
    path.write_bytes(SEED_JSON.read_bytes())
    assert main(["import", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == seed_data()


def test_a_target_declarations_printed_text_imports_as_a_declaration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The plain text of jixiao's own declaration PDF (as ``pdftotext -layout`` gives it)."""
    import subprocess

    from tests.conftest import FIXTURES

    declaration = json.loads(
        (FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8")
    )
    form_pdf = tmp_path / "申报表.pdf"
    sample = str(FIXTURES / "sample_target_declaration.json")
    assert main(["export", sample, "-f", "pdf", "-o", str(tmp_path), "-q"]) == 0
    pdf = next(tmp_path.glob("*.pdf"))
    pdf.rename(form_pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(form_pdf), "-"], capture_output=True, check=True
    ).stdout
    source = tmp_path / "申报表.txt"
    source.write_bytes(text)
    capsys.readouterr()
    assert main(["import", str(source), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == declaration
