"""Ingest asks the real warehouse what it recorded about the files at hand only, in DuckDB
(etl.stages.ingest.WarehouseFiles): unchanged stamps, recorded contents, loaded hashes."""

import pandas as pd

from etl.stages.ingest import WarehouseFiles, ingest
from etl.warehouse.connection import connect, ensure_schema

RECORDED = [
    # path, sha256, size_bytes, mtime_ns, outcome
    ("a.txt", "h1", 10, 100, "loaded"),
    ("b.txt", "h2", 20, 200, "quarantined"),
    ("old/c.txt", "h3", 30, 300, "duplicate"),
]


def _warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        ensure_schema(con)
        rows = pd.DataFrame(
            RECORDED, columns=["path", "sha256", "size_bytes", "mtime_ns", "outcome"]
        )
        con.register("recorded", rows)
        con.execute(
            "insert into raw_file (path, sha256, size_bytes, mtime_ns, outcome, first_seen_run_id)"
            " select path, sha256, size_bytes, mtime_ns, outcome, 'r1' from recorded"
        )
    return path


def test_only_the_stamps_recorded_unchanged_are_known(tmp_path):
    known = WarehouseFiles(_warehouse(tmp_path))
    stamps = [("a.txt", 10, 100), ("a.txt", 10, 101), ("b.txt", 20, 200), ("new.txt", 1, 1)]
    assert known.unchanged(stamps) == {("a.txt", 10, 100), ("b.txt", 20, 200)}
    assert known.unchanged([]) == set()


def test_recorded_contents_and_loaded_hashes_of_the_candidates_only(tmp_path):
    known = WarehouseFiles(_warehouse(tmp_path))
    seen, loaded = known.contents([("a.txt", "h1"), ("moved/a.txt", "h1"), ("b.txt", "h9")])
    assert seen == {("a.txt", "h1")}
    assert loaded == {"h1"}  # loaded under any path; h3 was not asked, h2 is not loaded


def test_a_retried_file_counts_as_new(tmp_path):
    known = WarehouseFiles(_warehouse(tmp_path), retried=frozenset({("b.txt", "h2")}))
    seen, _ = known.contents([("b.txt", "h2")])
    assert seen == set()


def test_no_warehouse_knows_nothing(tmp_path):
    known = WarehouseFiles(tmp_path / "missing.duckdb")
    assert known.unchanged([("a.txt", 1, 1)]) == set()
    assert known.contents([("a.txt", "h1")]) == (set(), set())


def test_ingest_against_the_warehouse_reads_only_what_changed(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.txt").write_text("A story about the harbor in Lakeport. " * 20)
    path = tmp_path / "w.duckdb"
    with connect(path) as con:
        ensure_schema(con)
    first = ingest(inbox, WarehouseFiles(path), 1 << 20)
    assert list(first["outcome"]) == ["new"]
    row = first.iloc[0]
    with connect(path) as con:
        con.execute(
            "insert into raw_file (path, sha256, size_bytes, mtime_ns, outcome, first_seen_run_id)"
            " values (?, ?, ?, ?, 'loaded', 'r1')",
            [row["path"], row["sha256"], int(row["size_bytes"]), int(row["mtime_ns"])],
        )
    assert ingest(inbox, WarehouseFiles(path), 1 << 20).empty  # unchanged: not even read
    (inbox / "copy.txt").write_text((inbox / "story.txt").read_text())
    again = ingest(inbox, WarehouseFiles(path), 1 << 20)
    assert list(zip(again["path"], again["outcome"], strict=True)) == [("copy.txt", "duplicate")]
