"""``jixiao score`` as a user runs it."""

import json
from pathlib import Path

import pytest

from jixiao.cli.main import main

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE = str(FIXTURES / "sample_project_form.json")


def test_score_prints_each_line_the_group_totals_the_total_and_the_grade(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["score", SAMPLE]) == 0
    out = capsys.readouterr().out
    assert "项目：2023年某区社区网格化服务项目（2023年度）" in out
    assert "评分规则：national@2020.1" in out
    assert "执行率 95.00%，得分 = 95.00% × 10 = 9.50" in out
    assert "得分 = 1.5 ÷ 1.6 × 10 = 9.38" in out
    assert "产出指标        47.88 / 50.00" in out
    assert "总分：94.38" in out
    assert "评价等级：优" in out
    assert "不一致" not in out


def test_score_json_prints_the_card_with_decimals_as_strings(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["score", "--json", SAMPLE]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == "94.38"
    assert data["grade"] == "优"
    assert data["ruleset"] == "national@2020.1"
    assert [line["score"] for line in data["lines"]][:3] == ["9.50", "15.00", "13.50"]


def test_score_with_another_rule_set_names_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", "--ruleset", "guangzhou", "--json", SAMPLE]) == 0
    assert json.loads(capsys.readouterr().out)["ruleset"].startswith("guangzhou@")


def test_score_warns_when_the_printed_total_differs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(Path(SAMPLE).read_text(encoding="utf-8"))
    data["total_score"] = "96.00"
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert main(["score", str(path)]) == 0
    assert "表内填报总分 96.00，与计算结果不一致" in capsys.readouterr().out


def _fails(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_a_missing_file_is_one_line_and_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert "找不到文件" in _fails(["score", "/nonexistent/form.json"], capsys)


def test_a_file_that_is_not_json_is_one_line_and_exit_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    assert "不是有效的 JSON 文件" in _fails(["score", str(path)], capsys)


def test_a_department_form_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    message = _fails(["score", str(FIXTURES / "seed_form.json")], capsys)
    assert "不是项目支出绩效自评表" in message


def test_an_unknown_rule_set_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    message = _fails(["score", "--ruleset", "atlantis", SAMPLE], capsys)
    assert "未知的规则集：atlantis" in message


def test_english_labels_with_lang_en(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # main() sets the language globally; monkeypatch restores it for the other tests.
    monkeypatch.setattr("jixiao.cli.i18n._lang", "zh")
    assert main(["--lang", "en", "score", SAMPLE]) == 0
    out = capsys.readouterr().out
    assert "Total: 94.38" in out
    assert "Grade: 优" in out
