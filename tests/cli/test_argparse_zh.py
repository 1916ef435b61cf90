"""The command line speaks Chinese: --help, usage and argument errors of the main parser and every subcommand."""

from __future__ import annotations

import argparse

import pytest

from policeroom.cli.parser import build_parser

SUBCOMMANDS = ("seed-demo", "backup", "upgrade", "print", "export", "report")


def _help(argv: list[str], capsys) -> str:  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 0
    return capsys.readouterr().out


def _error(argv: list[str], capsys) -> str:  # noqa: ANN001
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(argv)
    assert exit_.value.code == 2
    return capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--help"], *([c, "-h"] for c in SUBCOMMANDS)])
def test_help_is_chinese(argv: list[str], capsys) -> None:  # noqa: ANN001
    text = _help(argv, capsys)
    assert text.startswith("用法：policeroom")
    assert "选项" in text and "显示帮助并退出" in text
    for english in ("usage:", "options:", "optional arguments", "positional arguments", "show this help"):
        assert english not in text


def test_main_help_lists_subcommands_under_chinese_headings(capsys) -> None:  # noqa: ANN001
    text = _help(["--help"], capsys)
    assert "位置参数" in text and "子命令" in text and "显示版本号并退出" in text
    assert "seed-demo" in text and "report" in text


def test_argument_errors_are_chinese(capsys) -> None:  # noqa: ANN001
    err = _error(["bogus"], capsys)
    assert err.startswith("用法：policeroom")
    assert "policeroom：错误：参数 子命令：无效的选择 'bogus'（可选：" in err
    err = _error(["export", "foo", "-o", "x.xlsx"], capsys)
    assert "policeroom export：错误：" in err and "无效的选择 'foo'" in err
    assert "缺少必需的参数：-o/--output" in _error(["print", "request"], capsys)  # the number: work-log has none
    assert "无法识别的参数：--zz" in _error(["backup", "--zz"], capsys)
    assert "参数 --db：需要一个参数值" in _error(["--db"], capsys)
    assert "'x' 不是有效的 int 值" in _error(["seed-demo", "--residents", "x"], capsys)
    for english in ("error:", "usage:", "invalid choice", "required", "unrecognized", "expected one"):
        assert english not in err


def test_other_parsers_in_the_process_stay_english(capsys) -> None:  # noqa: ANN001
    build_parser().parse_args(["backup"])
    other = argparse.ArgumentParser(prog="other")
    assert other.format_usage().startswith("usage: other")
    assert "show this help message and exit" in other.format_help()


def test_parse_still_works() -> None:
    args = build_parser().parse_args(["--db", "x.db", "export", "roster", "-o", "r.xlsx", "--from", "2026-11-01"])
    assert (args.db, args.command, args.what, args.output, args.date_from) == ("x.db", "export", "roster", "r.xlsx", "2026-11-01")
