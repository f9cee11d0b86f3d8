import datetime as dt
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_INBOX = REPO / "data" / "sample_inbox"
# What one run over the bundled sample inbox accounts for, declared once: every file seen, as
# loaded (English articles, one German, one French), duplicate (a copy of a story) or
# quarantined (a page of links only, a scan without text).
SAMPLE_FILES = 14
SAMPLE_LOADED = 11
SAMPLE_DUPLICATES = 1
SAMPLE_QUARANTINED = 2
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
BENCHMARK = SHARED / "benchmarks" / "article_text_dev"

# A plain-text page whose only date is relative, and the time its file was seen: dated
# 2026-11-10 by counting back (unit and pipeline tests of relative dates).
RELATIVELY_DATED_PAGE = "\n\n".join(
    [
        "Harbor council approves night ferry trial",
        "By Dana Whitfield | Published 2 days ago",
        "The Harbor council on Tuesday approved a six-month trial of a night ferry between "
        "the old pier and the eastern terminal, after two years of petitions from workers.",
        "Councillor Mara Olsen said the trial would cost 1.2 million dollars and run four "
        "crossings a night, with crews from the operator's day service.",
        "Opposition members questioned the cost but did not vote against the plan. A review "
        "is due in May, when ridership figures will decide whether the service continues.",
    ]
)
RELATIVE_PAGE_SEEN = dt.datetime(2026, 11, 12, 9, 30, tzinfo=dt.UTC)

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def require(path: Path) -> Path:
    """The path, or skip the test where ../shared is absent: never under CI, where a missing
    development set must fail rather than let its quality checks pass unseen."""
    if not path.exists():
        message = f"{path} is absent: ../shared is not beside the repository"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture
def seeds() -> Path:
    return require(SEEDS)


@pytest.fixture
def settings(tmp_path, monkeypatch):
    """Settings that keep every output of a run inside tmp_path."""
    from etl.config import Settings

    for name in ("ETL_INBOX", "ETL_WAREHOUSE", "ETL_STAGING", "ETL_REPORTS"):
        monkeypatch.delenv(name, raising=False)

    def make(inbox: Path = SAMPLE_INBOX) -> Settings:
        return Settings.from_env(
            inbox=inbox,
            warehouse=tmp_path / "warehouse" / "news.duckdb",
            staging=tmp_path / "staging",
            reports=tmp_path / "reports",
        )

    return make
