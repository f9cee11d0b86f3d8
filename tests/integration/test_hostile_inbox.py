"""Whatever lands in the inbox, the run finishes and accounts for every file."""

import codecs
import os

from etl import pipeline
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
