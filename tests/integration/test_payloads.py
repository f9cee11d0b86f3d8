"""Quarantined payloads live beside the warehouse, content-addressed; the table keeps their
hash and size; a warehouse from before the store has its payloads moved out at its next load."""

import hashlib

import duckdb
import pandas as pd
import pytest

from etl.warehouse import payloads
from etl.warehouse.connection import ensure_schema
from etl.warehouse.lookups import quarantined_payloads


def _rows(*payloads_):
    return pd.DataFrame(
        {
            "path": [f"f{i}.txt" for i in range(len(payloads_))],
            "sha256": [hashlib.sha256(p).hexdigest() if p else "0" * 64 for p in payloads_],
            "payload": list(payloads_),
        }
    )


def test_payloads_are_written_once_by_their_hash_and_replaced_by_hash_and_size(tmp_path):
    folder = tmp_path / "news.duckdb.payloads"
    first = payloads.store(folder, _rows(b"\x89PNG scanned page", None, b"\x89PNG scanned page"))
    assert "payload" not in first.columns
    digest = hashlib.sha256(b"\x89PNG scanned page").hexdigest()
    assert first["payload_sha256"].tolist() == [digest, None, digest]
    assert first["payload_bytes"].tolist()[0] == len(b"\x89PNG scanned page")
    assert pd.isna(first["payload_bytes"].tolist()[1])
    stored = folder / digest[:2] / digest
    written_at = stored.stat().st_mtime_ns
    payloads.store(folder, _rows(b"\x89PNG scanned page"))  # again: nothing rewritten
    assert stored.stat().st_mtime_ns == written_at
    assert [p.name for p in folder.rglob("*") if p.is_file()] == [digest]  # no scratch left
    assert payloads.read(folder, digest) == b"\x89PNG scanned page"


def test_a_payload_changed_on_disk_is_refused(tmp_path):
    folder = tmp_path / "payloads"
    digest = payloads.store(folder, _rows(b"original bytes"))["payload_sha256"][0]
    (folder / digest[:2] / digest).write_bytes(b"tampered bytes")
    with pytest.raises(ValueError, match="does not match"):
        payloads.read(folder, digest)


def test_a_warehouse_from_before_the_store_has_its_payloads_moved_out(tmp_path):
    warehouse = tmp_path / "news.duckdb"
    with duckdb.connect(str(warehouse)) as con:
        con.execute(
            "create table quarantine (path varchar not null, sha256 varchar not null, "
            "run_id varchar not null, stage varchar not null, reason varchar not null, "
            "payload blob, released_run_id varchar, primary key (path, sha256))"
        )
        con.execute(
            "insert into quarantine values ('scan.txt', ?, 'r1', 'ingest', 'binary', ?, null)",
            [hashlib.sha256(b"scan").hexdigest(), b"scan"],
        )
        ensure_schema(con)
        con.execute(
            "insert into raw_file (path, sha256, outcome, first_seen_run_id, size_bytes, "
            "mtime_ns) values ('scan.txt', ?, 'quarantined', 'r1', 4, 1700000000000000000)",
            [hashlib.sha256(b"scan").hexdigest()],
        )
        assert payloads.move_blobs(con, payloads.payload_folder(warehouse)) == 1
        assert payloads.move_blobs(con, payloads.payload_folder(warehouse)) == 0
        row = con.execute(
            "select payload, payload_sha256, payload_bytes from quarantine"
        ).fetchone()
    assert row == (None, hashlib.sha256(b"scan").hexdigest(), 4)
    assert quarantined_payloads(warehouse, None) == [
        ("scan.txt", hashlib.sha256(b"scan").hexdigest(), b"scan", 1700000000000000000)
    ]
