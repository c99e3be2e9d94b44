"""主要任务: the layouts extraction gives an indicator's name and completion, and the task
funds wherever they fall."""

from __future__ import annotations

from jixiao.formats.report import ImportReport
from jixiao.formats.textparse.lines import lines_from_text
from jixiao.formats.textparse.tasks import read_tasks


def tasks_of(text: str) -> tuple[list[tuple[str, str | None]], str | None, ImportReport]:
    report = ImportReport()
    tasks = read_tasks(lines_from_text(text), report)
    assert len(tasks) == 1
    task = tasks[0]
    pairs = [(i.name, i.actual) for i in task.indicators]
    return pairs, None if task.funds is None else str(task.funds), report


HEAD = "任务1\n\n加强队伍建设\n\n完成全年培训计划。\n\n"


def test_name_and_completion_joined_by_a_space() -> None:
    pairs, funds, _ = tasks_of(HEAD + "培训场次 12场\n\n5.00 \n")
    assert pairs == [("培训场次", "12场")]
    assert funds == "5.00"


def test_a_wrapped_name_then_its_completion_in_the_next_block() -> None:
    pairs, _, _ = tasks_of(HEAD + "受理来穗人员随迁子女积分\n制入学报名\n\n3525人次\n\n1.00 \n")
    assert pairs == [("受理来穗人员随迁子女积分制入学报名", "3525人次")]


def test_funds_joined_before_a_name_whose_completion_follows_in_the_block() -> None:
    text = (
        HEAD
        + "a 1个\n\n10.00 2022年度平安广州建设排名\n"
        + "天河维护政治安全政法宣传项目\n考核得分排名全市前列\n\nb 2个\n"
    )
    pairs, funds, _ = tasks_of(text)
    assert pairs[1] == (
        "2022年度平安广州建设排名",
        "天河维护政治安全政法宣传项目考核得分排名全市前列",
    )
    assert funds == "10.00"
    assert len(pairs) == 3


def test_name_and_completion_in_one_block_at_the_end_of_a_task() -> None:
    pairs, _, _ = tasks_of(HEAD + "完善来穗人员人口数据治理\n持续开展人口数据的常态化治理\n工作\n")
    assert pairs == [("完善来穗人员人口数据治理", "持续开展人口数据的常态化治理工作")]


def test_funds_printed_with_a_thousands_separator() -> None:
    _, funds, _ = tasks_of(HEAD + "培训场次 12场\n\n1,234.50 \n")
    assert funds == "1234.50"


def test_a_task_repeated_after_a_page_break_keeps_its_funds_once() -> None:
    text = HEAD + "a 1个\n\n33.39 \n\n\f" + HEAD + "b 2个\n\n33.39 \n"
    pairs, funds, report = tasks_of(text)
    assert pairs == [("a", "1个"), ("b", "2个")]
    assert funds == "33.39"
    assert report.warnings == []


def test_a_second_different_amount_is_not_taken_as_funds_and_is_reported() -> None:
    pairs, funds, report = tasks_of(HEAD + "a 1个\n\n5.00 \n\nb 2个\n\n7.00 \n")
    assert funds == "5.00"
    assert pairs == [("a", "1个"), ("b", "2个")]
    assert any("7.00" in w for w in report.warnings)
    assert [f.text for f in report.unplaced] == ["7.00"]


def test_a_task_without_funds_or_indicators_is_read_with_warnings() -> None:
    pairs, funds, report = tasks_of(HEAD)
    assert (pairs, funds) == ([], None)
    assert "任务1未找到任务涉及资金" in report.warnings
    assert "任务1未找到关键指标" in report.warnings
