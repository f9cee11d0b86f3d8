"""One --inbox/--warehouse/--reports story for every command that touches the warehouse."""

from pathlib import Path

import pytest

from etl.cli import build_parser, settings_of


@pytest.mark.parametrize("command", ["run", "reprocess", "report", "summary"])
def test_every_warehouse_command_takes_the_same_locations(command, tmp_path, monkeypatch):
    for name in ("ETL_INBOX", "ETL_WAREHOUSE", "ETL_REPORTS"):
        monkeypatch.delenv(name, raising=False)
    inbox, warehouse, reports = tmp_path / "in", tmp_path / "wh" / "news.duckdb", tmp_path / "r"
    args = build_parser().parse_args(
        [command, "--inbox", str(inbox), "--warehouse", str(warehouse), "--reports", str(reports)]
    )
    settings = settings_of(args)
    assert (settings.inbox, settings.warehouse, settings.reports) == (inbox, warehouse, reports)


def test_reports_default_beside_the_warehouse_not_in_the_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("ETL_REPORTS", raising=False)
    warehouse = tmp_path / "elsewhere" / "news.duckdb"
    for command in (["report"], ["run"], ["report", "--out", str(tmp_path / "r")]):
        settings = settings_of(build_parser().parse_args([*command, "--warehouse", str(warehouse)]))
        expected = tmp_path / "r" if "--out" in command else warehouse.parent / "reports"
        assert Path(settings.reports) == expected


def test_an_unusable_warehouse_path_is_one_clear_line_and_exit_code_2(tmp_path, capsys):
    from etl.cli import main

    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for warehouse, said in ((a_file / "news.duckdb", "cannot create"), (tmp_path, "is a folder")):
        code = main(["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
        error = capsys.readouterr().err
        assert code == 2 and said in error and "Traceback" not in error
    assert not (tmp_path / "staging").exists()  # nothing written before the check
