"""``jixiao export``: files in the official layouts, one Chinese line per bad file, exit 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli.main import main
from tests.conftest import SEED_JSON


def test_the_seed_exports_to_xlsx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", str(SEED_JSON), "--format", "xlsx", "--out", str(tmp_path), "-q"])
    assert code == 0
    sheet = load_workbook(tmp_path / "seed_form.xlsx").active
    assert sheet is not None and sheet["A1"].value == "附件2"
    assert "已导出 1 个文件" in capsys.readouterr().out


def test_a_folder_in_parallel_with_a_progress_bar(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(SEED_JSON, folder / f"{name}.json")
    code = main(["export", str(folder), "-f", "html", "-o", str(tmp_path / "out"), "-j", "2"])
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.html", "b.html", "c.html"]
    assert "导出" in capsys.readouterr().err  # tqdm's bar


def test_bad_files_get_one_line_each_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    args = [str(SEED_JSON), str(bad), str(empty), str(tmp_path / "missing.json")]
    code = main(["export", *args, "-f", "csv", "-o", str(tmp_path / "out"), "-q"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert f"{bad}：不是有效的 JSON 文件" in lines[0]
    assert f"{empty}：文件为空" in lines[1]
    assert "找不到文件或目录" in lines[2]
    assert (tmp_path / "out" / "seed_form.csv").exists()


def test_an_unknown_format_is_refused_by_the_parser(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["export", str(SEED_JSON), "-f", "docx", "-o", str(tmp_path)])
    assert exit_info.value.code == 2


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED_JSON), "-f", "json", "-o", str(tmp_path), "-j", "0"]) == 2
    assert "--jobs" in capsys.readouterr().err
