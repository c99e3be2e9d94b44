"""``jixiao show`` prints a form as a person reads it, with printed and computed figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli.commands.show import describe_value
from jixiao.cli.main import main
from jixiao.cli.terminal import text_width
from jixiao.core.indicators import parse_value
from jixiao.core.model import ProjectForm
from jixiao.core.printed import project_checks
from jixiao.core.rulesets import default_ruleset_id, load_ruleset
from jixiao.core.scoring import score_project
from jixiao.core.serialization import form_from_json

FIXTURES = Path(__file__).parents[1] / "fixtures"
SEED = FIXTURES / "seed_form.json"
PROJECT = FIXTURES / "sample_project_form.json"


def shown(capsys: pytest.CaptureFixture[str], path: Path | str) -> list[str]:
    assert main(["show", str(path)]) == 0
    return capsys.readouterr().out.splitlines()


def line_with(lines: list[str], text: str) -> str:
    matching = [line for line in lines if text in line]
    assert matching, text
    return matching[0]


def test_the_seed_header_and_sections_are_shown(capsys: pytest.CaptureFixture[str]) -> None:
    lines = shown(capsys, SEED)
    assert lines[0] == "附件2"
    assert (
        lines[1].strip() == "2022年度中国共产党广州市天河区委员会政法委员会部门整体支出绩效自评表"
    )
    assert "部门名称（汇总）：中国共产党广州市天河区委员会政法委员会" in lines
    for section in (
        "部门资金情况",
        "年度目标",
        "主要任务",
        "重点项目绩效情况",
        "存在问题",
        "校验结果",
    ):
        assert any(section in line and "、" in line for line in lines), section


def test_each_derived_figure_stands_beside_the_computed_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = shown(capsys, SEED)
    assert line_with(lines, "年度预算调整数").split() == ["年度预算调整数", "818.17", "818.17", "✓"]
    assert line_with(lines, "预算完成率").split() == ["预算完成率", "98.82%", "98.82%", "✓"]
    # Printed without decimals; the exact 818.17 / 2803.45 = 29.18% is shown too.
    assert line_with(lines, "预算调整率").split() == ["预算调整率", "29%", "29%（29.18%）", "✓"]
    # 1961.88 from the one source, 一般公共预算
    assert line_with(lines, "实际支出数").split() == ["实际支出数", "1961.88", "1961.88", "✓"]


def test_a_wrong_printed_figure_is_marked_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data["funds"]["completion_rate"] = "97.00"
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = shown(capsys, path)
    assert line_with(lines, "预算完成率  ").split() == ["预算完成率", "97.00%", "98.82%", "✗"]
    assert "校验未通过：1 个错误、4 个警告；请改正错误后再提交。" in line_with(lines, "校验未通过")


def test_indicators_show_how_they_parse(capsys: pytest.CaptureFixture[str]) -> None:
    lines = shown(capsys, SEED)
    assert line_with(lines, "社会矛盾纠纷化解处置率").split()[-2:] == ["定量", "99.10%"]
    assert line_with(lines, "天河维护政治安全").rstrip().endswith("定性")
    assert line_with(lines, "1300次以上").rstrip().endswith("定量 ≥1300次")
    assert line_with(lines, "同比下降6.29%").rstrip().endswith("定量 下降6.29%")


def test_tasks_and_key_projects_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    lines = shown(capsys, SEED)
    assert "主要任务（3项，涉及资金合计156.51万元）" in line_with(lines, "主要任务")
    assert line_with(lines, "任务2").split() == ["任务2", "涉及资金：113.12万元"]
    assert "天河区城市社区网格化服务管理信息系统运行维护项目" in line_with(lines, "项目名称")


def test_the_output_fits_the_terminal_and_has_no_colour_when_piped(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = shown(capsys, SEED)
    assert max(text_width(line) for line in lines) <= 80
    assert not any("\033[" in line for line in lines)


def test_a_project_form_shows_funds_indicators_total_and_grade(
    capsys: pytest.CaptureFixture[str],
) -> None:
    lines = shown(capsys, PROJECT)
    assert "项目名称：2023年某区社区网格化服务项目" in lines
    # 190 / 200 = 95.00%
    assert line_with(lines, "执行率").split() == ["执行率（B/A）", "95.00%", "95.00%", "✓"]
    assert line_with(lines, "年度资金总额").split() == [
        "年度资金总额",
        "200.00",
        "200.00",
        "190.00",
    ]
    assert line_with(lines, "网格员入户走访户次").split()[-2:] == ["定量", "27000户次"]
    assert "评价：部分达成" in line_with(lines, "网格化服务长效机制")
    assert line_with(lines, "总分  ").split() == ["总分", "94.38", "94.38", "✓"]
    assert line_with(lines, "评价等级  ").split() == ["评价等级", "优", "优", "✓"]
    assert "校验通过" in lines[-1]


def test_each_printed_score_stands_beside_the_score_cards(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(PROJECT.read_text(encoding="utf-8"))
    data["indicators"][1]["score"] = "15"
    path = tmp_path / "form.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = shown(capsys, path)
    # 27000 / 30000 × 15 = 13.5, not the 15 now printed
    assert line_with(lines, "网格员入户走访户次").split()[3:7] == ["15", "15", "13.50", "✗"]
    # The funds row scores 190 / 200 = 95% of its 10 points.
    assert line_with(lines, "得分  ").split() == ["得分", "9.50", "9.50", "✓"]
    # The card's total is unchanged; the printed 94.38 still agrees with it.
    assert line_with(lines, "总分  ").split() == ["总分", "94.38", "94.38", "✓"]


def test_show_prints_what_the_core_compares(capsys: pytest.CaptureFixture[str]) -> None:
    form = form_from_json(PROJECT.read_text(encoding="utf-8"))
    assert isinstance(form, ProjectForm)
    rules = load_ruleset(default_ruleset_id(form.form_type))
    out = "\n".join(shown(capsys, PROJECT))
    for check in project_checks(form, rules, score_project(form, rules)):
        assert check.computed in out, check.path


@pytest.mark.parametrize(
    ("text", "label"),
    [("≥50个", "定量 ≥50个"), ("排名全市前列", "定性"), (None, "空"), ("优", "定性（达成）")],
)
def test_indicator_values_are_described_briefly(text: str | None, label: str) -> None:
    assert describe_value(parse_value(text)) == label


@pytest.mark.parametrize("content", [b"", b"\x00\xff\xfe", b"{not json"])
def test_unreadable_input_gives_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = tmp_path / "form.json"
    path.write_bytes(content)
    assert main(["show", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("jixiao: ") and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_a_directory_gives_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", str(tmp_path)]) == 2
    assert "无法读取文件" in capsys.readouterr().err


def test_a_target_declaration_is_shown_with_its_findings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The third form type prints through the CLI's printer table: funds, goals, indicators,
    and the core's findings (sources that do not add up)."""
    data = json.loads((FIXTURES / "sample_target_declaration.json").read_text(encoding="utf-8"))
    data["funds"]["other"] = "30.00"
    path = tmp_path / "declaration.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    lines = shown(capsys, path)
    assert "项目支出绩效目标申报表" in lines[0]
    assert "200.00" in line_with(lines, "年度资金总额")
    assert "≥2000份" in line_with(lines, "数量指标 › 印发宣传资料")
    assert "与年度资金总额200.00不一致" in line_with(lines, "210.00")
