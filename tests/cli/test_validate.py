"""``jixiao validate`` as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli.main import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = FIXTURES / "seed_form.json"


def seed_copy(tmp_path: Path, **funds: str) -> str:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["funds"].update(funds)
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_the_seed_passes_with_its_warnings_in_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["级别", "位置", "说明"]
    assert out.count("警告  ") == 4
    assert "tasks[1].indicators[5].actual" in out
    assert not [line for line in out.splitlines() if line.startswith("错误")]
    assert out.rstrip().endswith("校验通过：没有错误，4 个警告请核对。")
    assert "\033[" not in out  # no colour when not writing to a terminal


def test_a_wrong_completion_rate_fails_with_exactly_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = seed_copy(tmp_path, completion_rate="97.00")
    assert main(["validate", "--json", path]) == 1
    findings = json.loads(capsys.readouterr().out)
    errors = [f for f in findings if f["severity"] == "error"]
    assert len(errors) == 1
    assert errors[0]["path"] == "funds.completion_rate"
    assert errors[0]["code"] == "completion_rate_mismatch"
    assert "98.82%" in errors[0]["message"]


def test_the_table_names_the_error_and_the_summary_counts_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", seed_copy(tmp_path, completion_rate="97.00")]) == 1
    out = capsys.readouterr().out
    error_lines = [line for line in out.splitlines() if line.startswith("错误")]
    assert len(error_lines) == 1 and "funds.completion_rate" in error_lines[0]
    assert "校验未通过：1 个错误、4 个警告" in out


def test_json_output_is_a_list_of_plain_findings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--json", str(SEED)]) == 0
    findings = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in findings} == {"warning"}
    assert set(findings[0]) == {"code", "severity", "path", "message"}


def test_another_rule_set_can_be_chosen(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The national set has no different funds formula, so the seed stays free of errors.
    assert main(["validate", "--ruleset", "national", str(SEED)]) == 0
    capsys.readouterr()
    assert main(["validate", "--ruleset", "nowhere", str(SEED)]) == 2
    assert "未知的规则集：nowhere" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.json", b"", "文件为空"),
        ("broken.json", b'{"department": ', "不是有效的 JSON"),
        ("binary.json", bytes(range(256)) * 4, "不是有效的 JSON"),
        ("list.json", b"[1, 2]", "表单内容不符合格式要求"),
    ],
)
def test_unreadable_input_gives_one_line_and_exit_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes,
    expected: str,
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["validate", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert expected in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("target", ["directory", "missing.json"])
def test_a_directory_or_missing_file_gives_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    (tmp_path / "directory").mkdir()
    assert main(["validate", str(tmp_path / target)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jixiao: ") and len(err.strip().splitlines()) == 1
