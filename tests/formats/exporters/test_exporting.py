"""Batch export: many files, in parallel, each failure one Chinese sentence, never a crash."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from jixiao.formats.exporting import export_paths
from jixiao.formats.registry import exporters
from tests.conftest import SEED_JSON


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SEED_JSON, folder / "seed.json")
    shutil.copy(SEED_JSON, folder / "sub" / "seed.json")  # same name, another folder
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "notes.md").write_text("# 不是表单", encoding="utf-8")  # not an input suffix
    return folder


def test_the_five_exporters_are_registered() -> None:
    names = {e.name: e for e in exporters()}
    assert {"xlsx", "pdf", "html", "json", "csv"} <= set(names)
    assert names["pdf"].suffix == ".pdf" and names["xlsx"].media_type.endswith(".sheet")


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_folder_exports_every_form_and_reports_the_bad_one(
    inputs: Path, tmp_path: Path, jobs: int
) -> None:
    out = tmp_path / "out"
    outcomes = export_paths([str(inputs)], "json", out, jobs=jobs, progress=False)
    assert len(outcomes) == 3
    failed = [o for o in outcomes if not o.ok]
    assert len(failed) == 1 and failed[0].source.endswith("broken.json")
    assert failed[0].error and "JSON" in failed[0].error and "\n" not in failed[0].error
    assert sorted(p.name for p in out.iterdir()) == ["seed-2.json", "seed.json"]
    assert json.loads((out / "seed-2.json").read_text("utf-8"))["year"] == 2022


def test_a_missing_path_is_an_outcome_not_an_exception(tmp_path: Path) -> None:
    outcomes = export_paths([str(tmp_path / "nope.json")], "csv", tmp_path, progress=False)
    assert [o.error for o in outcomes] == [f"找不到文件或目录：{tmp_path / 'nope.json'}"]


def test_a_file_with_a_list_of_forms_gives_one_output_each(tmp_path: Path) -> None:
    seed = json.loads(SEED_JSON.read_text("utf-8"))
    source = tmp_path / "two.json"
    source.write_text(json.dumps([seed, {**seed, "year": 2023}]), encoding="utf-8")
    outcomes = export_paths([str(source)], "csv", tmp_path / "out", progress=False)
    assert [Path(p).name for p in outcomes[0].outputs] == ["two-1.csv", "two-2.csv"]


def test_the_published_text_of_the_seed_is_imported_then_exported(tmp_path: Path) -> None:
    from tests.conftest import SEED_TEXT

    outcomes = export_paths([str(SEED_TEXT)], "json", tmp_path, progress=False)
    assert outcomes[0].ok, outcomes[0].error
    exported = json.loads(Path(outcomes[0].outputs[0]).read_text("utf-8"))
    assert exported == json.loads(SEED_JSON.read_text("utf-8"))


def test_an_invalid_form_names_the_first_problem(tmp_path: Path) -> None:
    source = tmp_path / "bad.json"
    source.write_text('{"year": 2022}', encoding="utf-8")
    (outcome,) = export_paths([str(source)], "xlsx", tmp_path / "out", progress=False)
    assert (
        outcome.error
        and "表单内容不符合格式要求" in outcome.error
        and "department" in outcome.error
    )
