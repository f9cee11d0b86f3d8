"""Whatever lands in the inbox, the run finishes and accounts for every file."""

import codecs
import os
import subprocess
import sys

import duckdb

from etl import pipeline
from tests.conftest import REPO
from tests.integration.helpers import query

BODY = (
    "The harbour authority said on Monday that container traffic rose by twelve percent in "
    "October, the strongest month since the port opened its new terminal.\n\n"
    "“We expected growth, but not this much,” said the port director, Ingrid Falk.\n\n"
    "Officials said the new rail link would carry a third of all containers by 2028.\n"
)


def article(title: str, extra: str = "") -> str:
    return f"{title}\n\nBy Ann Lee\nNovember 3, 2026\n\n{BODY}{extra}"


def build_hostile_inbox(inbox):
    (inbox / "nested" / "deeper").mkdir(parents=True)
    files = {
        "empty.txt": b"",
        "whitespace.txt": b"  \n\t\r\n   ",
        "photo.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048),
        "random.txt": os.urandom(4096),
        "nul_bytes.txt": article("Port traffic with NULs").replace("said", "sa\x00id").encode(),
        "bom.txt": codecs.BOM_UTF8 + article("Port traffic with a BOM").encode(),
        "utf16.txt": article("Port traffic in UTF-16").encode("utf-16"),
        "cp1252.txt": article("Port traffic in Windows-1252").encode("cp1252"),
        "latin1.txt": article("Port traffic déjà vu in Latin-1")
        .replace("“", '"')
        .replace("”", '"')
        .encode("latin-1"),
        "mojibake.txt": article("Port traffic with mojibake")
        .encode("utf-8")
        .decode("cp1252", errors="ignore")
        .encode("utf-8"),
        "only_boilerplate.txt": b"Home\nNews\nSport\nRelated Stories\nSubscribe to our newsletter\n",
        "page.html": (
            "<html><head><title>Port traffic in HTML</title></head><body><nav>Home</nav>"
            + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
            + "<footer>© 2026 Port News. All rights reserved.</footer></body></html>"
        ).encode(),
        "data.json": b'{"title": "not an article file"}',
        "one_long_line.txt": ("The port said traffic rose again. " * 52_000).encode(),
        "nested/deeper/it's; $(echo pwned) & spaces – ünïcode.txt": article("Odd name").encode(),
        "writing.txt.part": article("Not finished").encode(),
        "upload.tmp": article("Temporary").encode(),
        ".hidden.txt": article("Hidden").encode(),
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    with open(inbox / "huge.txt", "wb") as handle:  # over the 20 MB limit, never read whole
        handle.truncate(25 * 1024 * 1024)
    outside = inbox.parent / "outside.txt"
    outside.write_text(article("Outside the inbox"), encoding="utf-8")
    os.symlink(outside, inbox / "escape.txt")
    os.symlink(inbox / "bom.txt", inbox / "link_inside.txt")


EXPECTED = {
    "empty.txt": "empty",
    "whitespace.txt": "empty",
    "photo.txt": "binary",
    "random.txt": "binary",
    "huge.txt": "too_large",
    "only_boilerplate.txt": "no_article_body",
    "data.json": "unsupported_type",
    "one_long_line.txt": "page_too_long",
    "escape.txt": "symlink_outside_inbox",
    "link_inside.txt": "same_content_as_loaded_article",
}
LOADED = {
    "nul_bytes.txt", "bom.txt", "utf16.txt", "cp1252.txt", "latin1.txt", "mojibake.txt",
    "page.html", "nested/deeper/it's; $(echo pwned) & spaces – ünïcode.txt",
}  # fmt: skip


def test_hostile_inbox_run_accounts_for_every_file(settings, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    build_hostile_inbox(inbox)
    config = settings(inbox)
    summary = pipeline.run_all(config, "hostile")
    assert summary["status"] == "success"
    seen = summary["files_seen"]
    assert seen == summary["loaded"] + summary["duplicates"] + summary["quarantined"]
    outcomes = {
        path: (outcome, reason)
        for path, outcome, reason in query(
            config.warehouse, "select path, outcome, reason from raw_file"
        )
    }
    assert seen == len(outcomes) == len(EXPECTED) + len(LOADED)
    for path, reason in EXPECTED.items():
        assert outcomes[path][1] == reason, path
    for path in LOADED:
        assert outcomes[path] == ("loaded", None), (path, outcomes[path])
    for ignored in ("writing.txt.part", "upload.tmp", ".hidden.txt"):
        assert ignored not in outcomes
    reasons = query(config.warehouse, "select reason from quarantine")
    assert reasons and all(reason for (reason,) in reasons)
    bodies = dict(query(config.warehouse, "select first_path, body from dim_article"))
    assert "said the port director, Ingrid Falk" in bodies["mojibake.txt"]
    assert "déjà vu" not in bodies["latin1.txt"]  # the title left the body...
    titles = dict(query(config.warehouse, "select first_path, title from dim_article"))
    assert titles["latin1.txt"] == "Port traffic déjà vu in Latin-1"  # ...and decoded right
    assert titles["page.html"] == "Port traffic in HTML"
    assert "\x00" not in bodies["nul_bytes.txt"]


SECRET = "FERNET-KEY-Zq8v1Xw3-not-for-the-warehouse"


def _texts_of_parquet(path):
    import pyarrow.parquet as pq

    for column in pq.read_table(path).to_pylist():
        for value in column.values():
            yield value if isinstance(value, str | bytes) else repr(value)


def _holds_secret(folder) -> list[str]:
    """Every file below folder that holds the secret, Parquet read through its columns (it is
    compressed), anything else as bytes."""
    found = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        values = _texts_of_parquet(path) if path.suffix == ".parquet" else [path.read_bytes()]
        for value in values:
            needle = SECRET.encode() if isinstance(value, bytes) else SECRET
            if needle in value:
                found.append(str(path))
                break
    return found


def test_links_devices_and_a_fifo_neither_leak_nor_hang_a_run(tmp_path):
    """An inbox with links of every extension to a secret file, links to /dev/zero and
    /dev/urandom, and a FIFO: the run ends on its own, every name is in raw_file, only the
    real article loads, and no byte of the secret is in the warehouse, staging or report."""
    from tests.integration.helpers import etl_run

    inbox, secret = tmp_path / "inbox", tmp_path / "environ"
    inbox.mkdir()
    secret.write_text(f"AIRFLOW__CORE__FERNET_KEY={SECRET}\n" * 40, encoding="utf-8")
    links = {f"secret.{ext}": secret for ext in ("txt", "html", "htm", "pdf", "md", "json")}
    links |= {"zero.txt": "/dev/zero", "zero.bin": "/dev/zero", "urandom.dat": "/dev/urandom"}
    for name, target in links.items():
        os.symlink(target, inbox / name)
    os.mkfifo(inbox / "stuck.txt")
    (inbox / "story.txt").write_text(article("Port traffic rises"), encoding="utf-8")
    warehouse = tmp_path / "warehouse" / "news.duckdb"
    result = etl_run(inbox, warehouse, "hostile_links", ETL_REPORTS=str(tmp_path / "reports"))
    assert result.returncode == 0, result.stderr[-2000:]
    outcomes = {
        path: (outcome, reason)
        for path, outcome, reason in query(warehouse, "select path, outcome, reason from raw_file")
    }
    assert set(outcomes) == {*links, "stuck.txt", "story.txt"}
    assert outcomes.pop("story.txt") == ("loaded", None)
    assert outcomes.pop("stuck.txt") == ("quarantined", "not_regular_file:fifo")
    assert set(outcomes.values()) == {("quarantined", "symlink_outside_inbox")}
    assert query(warehouse, "select count(*) from quarantine where payload_sha256 is not null") == [
        (0,)
    ]
    report = subprocess.run(
        [sys.executable, "-m", "etl", "report", "--warehouse", str(warehouse),
         "--out", str(tmp_path / "reports")],
        cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr[-2000:]
    for folder in (warehouse.parent, tmp_path / "reports"):
        assert not _holds_secret(folder), folder
    with duckdb.connect(str(warehouse), read_only=True) as con:
        columns = con.execute(
            "select table_name, column_name from duckdb_columns() "
            "where data_type in ('VARCHAR', 'BLOB') and not internal"
        ).fetchall()
        for table, column in columns:
            hits = con.execute(
                f'select count(*) from "{table}" where contains(cast("{column}" as varchar), ?)',  # noqa: S608
                [SECRET],
            ).fetchone()[0]
            assert hits == 0, (table, column)
