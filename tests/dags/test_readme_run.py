"""The README's run command, exactly as written, end to end."""

import json
import os
import re
import subprocess

import pytest

from tests.conftest import (
    REPO,
    SAMPLE_DUPLICATES,
    SAMPLE_FILES,
    SAMPLE_LOADED,
    SAMPLE_QUARANTINED,
)


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```bash\n(.*?)```", readme, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.strip().splitlines()]


def test_readme_opens_with_the_two_commands():
    assert readme_commands() == ["./dev run", "./dev test"]
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("./dev test")


@pytest.mark.slow
def test_readme_run_command(tmp_path):
    run_command = readme_commands()[0]
    env = os.environ | {
        "ETL_WAREHOUSE": str(tmp_path / "news.duckdb"),
        "ETL_STAGING": str(tmp_path / "staging"),
        "ETL_REPORTS": str(tmp_path / "reports"),
    }
    env.pop("ETL_INBOX", None)  # the bundled sample inbox, as a new user gets it
    done = subprocess.run(
        run_command, shell=True, cwd=REPO, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-4000:]
    lines = done.stdout.strip().splitlines()
    assert lines[-3] == f"warehouse: {tmp_path / 'news.duckdb'}"
    assert lines[-2] == f"report:    {tmp_path / 'reports' / 'index.html'}"
    summary = json.loads(lines[-1])
    assert summary["status"] == "success"
    counts = (summary["files_seen"], summary["loaded"], summary["duplicates"])
    assert counts == (SAMPLE_FILES, SAMPLE_LOADED, SAMPLE_DUPLICATES)
    assert summary["quarantined"] == SAMPLE_QUARANTINED
    html = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert f'data-metric="articles_total">{SAMPLE_LOADED}<' in html
    assert 'data-metric="last_status">success<' in html
