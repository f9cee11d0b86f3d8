"""The snapshot's copy (etl.warehouse.connection.copy_file): the same bytes, whatever the
filesystem does underneath."""

import os

from etl.warehouse import connection
from etl.warehouse.connection import copy_file


def test_the_copy_has_the_same_bytes(tmp_path):
    source = tmp_path / "w.duckdb"
    data = os.urandom(3 * 1024 * 1024 + 17)  # over a chunk copy_file_range may stop at
    source.write_bytes(data)
    copy_file(source, tmp_path / "copy")
    assert (tmp_path / "copy").read_bytes() == data
    empty = tmp_path / "empty"
    empty.write_bytes(b"")
    copy_file(empty, tmp_path / "empty_copy")
    assert (tmp_path / "empty_copy").read_bytes() == b""


def test_a_refused_copy_file_range_falls_back_to_an_ordinary_copy(tmp_path, monkeypatch):
    def refused(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(connection.os, "copy_file_range", refused)
    source = tmp_path / "w.duckdb"
    source.write_bytes(b"warehouse bytes")
    copy_file(source, tmp_path / "copy")
    assert (tmp_path / "copy").read_bytes() == b"warehouse bytes"
