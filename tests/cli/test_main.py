"""The ``jixiao`` command speaks Chinese by default and English on request."""

import pytest

from jixiao.cli.main import main


def test_help_is_chinese_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    assert out.startswith("用法：jixiao")
    assert "显示帮助并退出" in out
    for command in ("validate", "score", "import", "export", "schema", "show"):
        assert command in out


def test_the_chinese_help_has_no_english_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "显示版本号并退出" in out and "show program" not in out
    # Each command says what it reads, in Chinese: import takes PDF and Excel as well as text.
    assert "导入已发布的绩效自评表（PDF、Excel、Word、WPS、网页、文本、JSON、扫描件）" in out


def test_help_is_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: jixiao")
    assert "validate, score, import and export" in out


def test_english_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "en")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert capsys.readouterr().out.startswith("usage: jixiao")


def test_a_missing_argument_is_reported_in_chinese_without_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate"])
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert "错误：缺少必需的参数" in err
    assert "Traceback" not in err


def test_no_command_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "用法：" in capsys.readouterr().out
