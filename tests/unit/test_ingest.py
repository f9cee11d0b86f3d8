import os
import time

import pytest

from etl.stages.ingest import KnownFiles, ingest

ARTICLE = "A long enough article body about the harbour and its ships. " * 5


def test_discovery_skips_partial_and_hidden_files_records_others_and_recurses(tmp_path):
    (tmp_path / "nested" / "deeper").mkdir(parents=True)
    (tmp_path / "nested" / "deeper" / "a b; $(rm -rf) 'quoted' é.txt").write_text(ARTICLE)
    (tmp_path / "still-writing.txt.part").write_text(ARTICLE)
    (tmp_path / "upload.tmp").write_text(ARTICLE)
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / "notes.md").write_text(ARTICLE)
    files = ingest(tmp_path, KnownFiles(), 1 << 20)
    assert files["path"].tolist() == ["notes.md", "nested/deeper/a b; $(rm -rf) 'quoted' é.txt"]
    assert files["outcome"].tolist() == ["quarantined", "new"]
    assert files["reason"][0] == "unsupported_type"  # recorded, not silently skipped
    assert files["payload"][0] == ARTICLE.encode()


def test_duplicates_within_a_batch_and_against_the_warehouse(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE.replace("\n", "\r\n"))  # same content, CRLF
    (tmp_path / "c.txt").write_text(ARTICLE + " More.")
    files = ingest(tmp_path, KnownFiles(), 1 << 20)
    assert files["outcome"].tolist() == ["new", "duplicate", "new"]
    known = KnownFiles(
        seen=frozenset({("a.txt", files["sha256"][0])}),
        loaded_hashes=frozenset({files["sha256"][0]}),
    )
    again = ingest(tmp_path, known, 1 << 20)
    assert again["path"].tolist() == ["b.txt", "c.txt"]  # a.txt was recorded already
    assert again["outcome"].tolist() == ["duplicate", "new"]


def test_bad_files_are_quarantined_with_a_reason(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text(ARTICLE * 100)
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    outside = tmp_path.parent / f"{tmp_path.name}-outside.txt"
    outside.write_text(ARTICLE)
    os.symlink(outside, tmp_path / "link.txt")
    files = ingest(tmp_path, KnownFiles(), max_file_bytes=4096).set_index("path")
    assert files.loc["empty.txt", "reason"] == "empty"
    assert files.loc["big.txt", "reason"] == "too_large"
    assert files.loc["image.txt", "reason"] == "binary"
    assert files.loc["link.txt", "reason"] == "symlink_outside_inbox"
    assert set(files["outcome"]) == {"quarantined"}
    assert files.loc["image.txt", "payload"].startswith(b"\x89PNG")


def _article_files(folder, count):
    for number in range(count):
        text = f"Story number {number}. " + "Officials said the harbor reopened. " * 10
        (folder / f"story_{number}.txt").write_text(text, encoding="utf-8")


def test_unchanged_recorded_files_are_skipped_on_a_stat(tmp_path):
    _article_files(tmp_path, 2)
    first = ingest(tmp_path, KnownFiles(), 10_000)
    stamps = frozenset(zip(first["path"], first["size_bytes"], first["mtime_ns"], strict=True))
    # Only the stamps are known, not the hashes: skipping proves the files were not read.
    assert ingest(tmp_path, KnownFiles(stamps=stamps), 10_000).empty
    story = tmp_path / "story_0.txt"
    story.write_text(story.read_text(encoding="utf-8") + " Updated.", encoding="utf-8")
    os.utime(story, ns=(1, 1))  # a changed file is read again
    assert list(ingest(tmp_path, KnownFiles(stamps=stamps), 10_000)["path"]) == ["story_0.txt"]


def test_a_run_reads_at_most_max_files_and_defers_the_rest(tmp_path):
    _article_files(tmp_path, 5)
    first = ingest(tmp_path, KnownFiles(), 10_000, max_files=2)
    assert (len(first), first.attrs["deferred"]) == (2, 3)
    seen = frozenset(zip(first["path"], first["sha256"], strict=True))
    second = ingest(tmp_path, KnownFiles(seen=seen), 10_000, max_files=2)
    assert set(second["path"]).isdisjoint(first["path"]) and second.attrs["deferred"] == 1


def test_links_out_of_the_inbox_are_recorded_and_never_read(tmp_path):
    """A link of any extension to a file outside the inbox, or to a device, is quarantined
    with its kind and no payload: nothing of its target reaches the run's files."""
    inbox, secret = tmp_path / "inbox", tmp_path / "secret.txt"
    inbox.mkdir()
    secret.write_text("TOP-SECRET-TOKEN " * 20)
    for name in ("brochure.pdf", "notes.md", "story.txt", "page.html", "noext"):
        os.symlink(secret, inbox / name)
    os.symlink("/dev/zero", inbox / "zero.txt")
    os.symlink("/dev/urandom", inbox / "random.bin")
    os.symlink(inbox / "missing.txt", inbox / "dangling.txt")
    os.symlink(tmp_path, inbox / "up")  # a directory loop, were it followed
    files = ingest(inbox, KnownFiles(), 1 << 20).set_index("path")
    assert set(files["outcome"]) == {"quarantined"}
    assert files["payload"].isna().all() and files["text"].isna().all()
    for name in ("brochure.pdf", "notes.md", "story.txt", "page.html", "noext", "zero.txt",
                 "random.bin"):  # fmt: skip
        assert files.loc[name, "reason"] == "symlink_outside_inbox", name
    assert files.loc["dangling.txt", "reason"] == "broken_symlink"
    assert files.loc["up", "reason"] == "symlink_outside_inbox"


def test_a_fifo_socket_or_link_to_a_folder_is_recorded_without_being_opened(tmp_path):
    import socket

    os.mkfifo(tmp_path / "stuck.txt")  # opening it for reading would block the run forever
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(tmp_path / "feed.txt"))
    (tmp_path / "folder").mkdir()
    os.symlink(tmp_path / "folder", tmp_path / "folder_link.txt")
    (tmp_path / "story.txt").write_text(ARTICLE)
    try:
        files = ingest(tmp_path, KnownFiles(), 1 << 20, read_seconds=2).set_index("path")
    finally:
        server.close()
    assert files.loc["stuck.txt", "reason"] == "not_regular_file:fifo"
    assert files.loc["feed.txt", "reason"] == "not_regular_file:socket"
    assert files.loc["folder_link.txt", "reason"] == "not_regular_file:link_to_directory"
    assert files.loc["story.txt", "outcome"] == "new"
    assert files.drop(index="story.txt")["payload"].isna().all()


def test_a_link_inside_the_inbox_is_read_as_its_target(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE)
    os.symlink(tmp_path / "a.txt", tmp_path / "b.txt")
    files = ingest(tmp_path, KnownFiles(), 1 << 20)
    assert files["outcome"].tolist() == ["new", "duplicate"]


def test_every_read_stops_at_its_size_and_time_limits(tmp_path):
    from etl.inbox import BoundedReader, ReadRefused, entries, read_bounded

    zero = os.open("/dev/zero", os.O_RDONLY)  # endless: only the size limit ends the read
    try:
        with pytest.raises(ReadRefused, match="too_large"):
            read_bounded(zero, 4096, time.monotonic() + 5)
    finally:
        os.close(zero)
    reading, writing = os.pipe()  # a blocking read that never returns, as on a hung mount
    try:
        with BoundedReader(tmp_path, 4096, seconds=0.3) as reader:
            started = time.monotonic()
            with pytest.raises(ReadRefused, match="read_timeout"):
                reader.within_time(os.read, reading, 10)
            assert time.monotonic() - started < 2
            (tmp_path / "a.txt").write_text(ARTICLE)  # the next read gets a fresh thread
            (entry,) = entries(tmp_path)
            assert reader.read(entry) == ARTICLE.encode()
    finally:
        os.write(writing, b"x")  # let the abandoned thread finish
        os.close(reading)
        os.close(writing)
