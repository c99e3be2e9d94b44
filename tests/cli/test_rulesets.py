"""The console judges by a bureau's own rule sets, named by ``JIXIAO_RULESETS_DIR`` as the web
reads it: 天河区财政局 adds a 2026 version of the national rule set whose 优 starts at 95, and
``jixiao score``, ``validate``, ``show`` and ``export`` use it without a release of code."""

import json
from pathlib import Path

import pytest

from jixiao.cli.main import main
from jixiao.core.rulesets import ruleset_dirs_of

FIXTURES = Path(__file__).parents[1] / "fixtures"
SAMPLE = str(FIXTURES / "sample_project_form.json")
NATIONAL = Path(__file__).parents[2] / "jixiao" / "core" / "rulesets_data" / "national.json"


@pytest.fixture
def bureau_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A bureau's directory with national@2026.1 (优 from 95), and an own rule set."""
    folder = tmp_path / "rules"
    folder.mkdir()
    newer = json.loads(NATIONAL.read_text(encoding="utf-8"))
    newer["version"] = "2026.1"
    newer["grades"] = [
        {"name": "优", "min_score": "95"},
        {"name": "良", "min_score": "80"},
        {"name": "中", "min_score": "60"},
        {"name": "差", "min_score": "0"},
    ]
    (folder / "national-2026.json").write_text(json.dumps(newer), encoding="utf-8")
    own = {**newer, "id": "tianhe", "version": "2026.1", "name": "天河区规则", "region": "天河区"}
    (folder / "tianhe.json").write_text(json.dumps(own), encoding="utf-8")
    monkeypatch.setenv("JIXIAO_RULESETS_DIR", str(folder))
    return folder


def test_the_setting_is_read_the_same_way_by_web_and_console() -> None:
    assert ruleset_dirs_of(None) == ()
    assert ruleset_dirs_of("") == ()
    assert ruleset_dirs_of("/srv/a:/srv/b") == ("/srv/a", "/srv/b")
    assert ruleset_dirs_of("/srv/a::") == ("/srv/a",)


def test_without_the_setting_the_bundled_version_judges(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("JIXIAO_RULESETS_DIR", raising=False)
    assert main(["score", "--json", SAMPLE]) == 0
    card = json.loads(capsys.readouterr().out)
    assert (card["ruleset"], card["total"], card["grade"]) == ("national@2020.1", "94.38", "优")


def test_score_uses_the_bureaus_newer_version(
    bureau_rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--json", SAMPLE]) == 0
    card = json.loads(capsys.readouterr().out)
    # 94.38 is 优 nationally since 2020, 良 under the bureau's 2026 grades.
    assert (card["ruleset"], card["total"], card["grade"]) == ("national@2026.1", "94.38", "良")


def test_a_bureaus_own_rule_set_can_be_named(
    bureau_rules: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["score", "--json", "--ruleset", "tianhe", SAMPLE]) == 0
    assert json.loads(capsys.readouterr().out)["ruleset"] == "tianhe@2026.1"
    assert main(["show", "--ruleset", "tianhe", SAMPLE]) == 0
    assert "天河区规则（tianhe@2026.1）" in capsys.readouterr().out
    assert main(["validate", "--ruleset", "tianhe", SAMPLE]) in (0, 1)
    assert "未知" not in capsys.readouterr().err


def test_export_prints_the_grade_of_the_bureaus_rule_set(
    bureau_rules: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["export", SAMPLE, "--format", "csv", "--out", str(out), "--quiet"]) == 0
    assert main(["export", SAMPLE, "--format", "html", "--out", str(out), "--quiet"]) == 0
    page = (out / "sample_project_form.html").read_text(encoding="utf-8")
    assert 'data-key="grade">良<' in page
    assert 'data-key="total_score">94.38<' in page


def test_an_unknown_rule_set_or_a_missing_directory_is_one_chinese_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("JIXIAO_RULESETS_DIR", raising=False)
    assert main(["score", "--ruleset", "nowhere", SAMPLE]) == 2
    err = capsys.readouterr().err
    assert "未知的规则集：nowhere" in err and "Traceback" not in err

    monkeypatch.setenv("JIXIAO_RULESETS_DIR", str(tmp_path / "missing"))
    assert main(["validate", SAMPLE]) == 2
    err = capsys.readouterr().err
    assert "JIXIAO_RULESETS_DIR" in err and "不存在" in err and "Traceback" not in err
