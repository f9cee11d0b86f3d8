from pathlib import Path

from etl.config import REPO_ROOT, Settings


def test_defaults_do_not_depend_on_the_working_directory(monkeypatch, tmp_path):
    for name in ("ETL_INBOX", "ETL_WAREHOUSE", "ETL_STAGING", "ETL_REPORTS", "ETL_BATCH_SIZE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    settings = Settings.from_env()
    assert settings.warehouse == REPO_ROOT / "warehouse" / "news.duckdb"
    assert settings.staging == REPO_ROOT / "warehouse" / "staging"
    assert settings.reports == REPO_ROOT / "warehouse" / "reports"
    assert settings.inbox == REPO_ROOT / "data" / "sample_inbox"
    assert settings.batch_size == 64


def test_environment_then_explicit_overrides(monkeypatch):
    monkeypatch.setenv("ETL_WAREHOUSE", "/data/w.duckdb")
    monkeypatch.setenv("ETL_BATCH_SIZE", "8")
    settings = Settings.from_env(inbox="/in", batch_size=None)
    assert settings.warehouse == Path("/data/w.duckdb")
    assert settings.staging == Path("/data/staging")
    assert settings.reports == Path("/data/reports")  # never the repository's reports/
    assert settings.inbox == Path("/in")
    assert settings.batch_size == 8
