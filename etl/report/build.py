"""The data-quality report: a history page and one page per run, static HTML with charts."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape

from etl import warehouse
from etl.config import Lake, Settings
from etl.files import write_atomic
from etl.ledger import (
    last_full_check,
    last_maintenance,
    ledger_folder,
    read_attempts,
    read_quiet_runs,
    run_outcomes,
)
from etl.report import charts
from etl.report.dictionary import dictionary_rows, star_svg
from etl.report.history import freshness, listed_runs, page_signature, run_history
from etl.stages import ingest

_env = Environment(loader=PackageLoader("etl.report", "templates"), autoescape=select_autoescape())


def page_name(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id) + ".html"


def last_run_summary(path: Path) -> dict | None:
    if not path.exists():
        return None
    with warehouse.connect(path, read_only=True) as con:
        runs = _query(con, "runs")
        articles = int(_query(con, "current_article_count").iat[0, 0])
    if runs.empty:
        return None
    last = runs.iloc[-1]
    return {
        "run_id": last["run_id"],
        "status": last["status"],
        "files_seen": int(last["files_seen"]),
        "loaded": int(last["loaded"]),
        "duplicates": int(last["duplicates"]),
        "quarantined": int(last["quarantined"]),
        "articles_in_warehouse": int(articles),
    }


# The index summarises this many days of runs; older runs keep their pages.
WINDOW_DAYS = 14


def report_for(settings: Settings) -> Path:
    """The report of a deployment: its warehouse, run ledger and inbox."""
    return build_report(
        settings.warehouse,
        settings.reports,
        ledger=ledger_folder(settings.staging),
        inbox=settings.inbox,
    )


def build_report(
    path: Path,
    out: Path,
    *,
    ledger: Path | None = None,
    inbox: Path | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """Write out/index.html, out/runs/<run>.html for runs whose page changed, and
    out/dictionary.html; returns the index path. Build time and size are bounded by the
    window: the index lists the last WINDOW_DAYS days, and a run page is written once per
    state of its run."""
    now = now or dt.datetime.now(dt.UTC)
    since = pd.Timestamp(now - dt.timedelta(days=WINDOW_DAYS))
    (out / "runs").mkdir(parents=True, exist_ok=True)
    _write_plotly_js(out)
    attempts = read_attempts(ledger, since)
    with warehouse.connect(path, read_only=True) as con:
        quiet = read_quiet_runs(ledger, since)
        runs = run_history(_query(con, "runs"), run_outcomes(attempts), now, quiet)
        data = {name: _query(con, name) for name in _SUMMARIES}
        articles_total = int(_query(con, "current_article_count").iat[0, 0])
        claims = _claims(con)
        _write_run_pages(con, runs, out)
    recent = runs[runs["started_at"] >= since]
    listed, quiet = listed_runs(recent)
    has_inbox = inbox is not None and inbox.is_dir()
    waiting = ingest.waiting(inbox, ingest.WarehouseFiles(path)) if has_inbox else None
    docs = out / "data_docs" / "index.html"
    html = _env.get_template("index.html").render(
        root="",
        warehouse=str(path),
        built_at=now.strftime("%Y-%m-%d %H:%M UTC"),
        window_days=WINDOW_DAYS,
        data_docs="data_docs/index.html" if docs.exists() else None,
        fresh=_freshness(runs, now, waiting),
        full_check=_full_check(ledger),
        maintenance=_maintenance(ledger) if isinstance(path, Lake) else None,
        runs=_rows(listed),
        quiet_runs=quiet,
        articles_total=articles_total,
        charts=_charts(recent, data, since),
        claims=claims,
        field_sources=field_sources(data["field_sources"]),
        languages=data["language_coverage"].to_dict("records"),
    )
    index = out / "index.html"
    write_atomic(index, html)
    dictionary = _env.get_template("dictionary.html").render(
        root="", star=star_svg(), tables=dictionary_rows()
    )
    write_atomic(out / "dictionary.html", dictionary)
    return index


def _full_check(ledger: Path | None) -> dict | None:
    """The last `python -m etl check --full`: when, and the checks that found violations."""
    found = last_full_check(ledger)
    if found is None:
        return None
    at = pd.Timestamp(found["checked_at"]).strftime("%Y-%m-%d %H:%M UTC")
    return {"at": at, "failed": found["failed"], "checks": len(found["violations"])}


def _maintenance(ledger: Path | None) -> dict:
    """A DuckLake's last maintenance: when, and the snapshots and data files it left."""
    done = last_maintenance(ledger)
    if done is None:
        return {"at": None}
    at = pd.Timestamp(done["started_at"]).strftime("%Y-%m-%d %H:%M UTC")
    return {"at": at, **done["after"]}


def _freshness(runs: pd.DataFrame, now: dt.datetime, waiting: int | None) -> dict:
    fresh = freshness(runs, now, waiting)
    if fresh["last_run"]:
        fresh["last_run"]["page"] = page_name(fresh["last_run"]["run_id"])
    return fresh


_SUMMARIES = (
    "quarantine_reasons", "expectation_pass_rate", "null_rates", "boilerplate_by_outlet",
    "daily_volume", "field_sources", "language_coverage",
)  # fmt: skip


def _rows(runs: pd.DataFrame) -> list[dict]:
    rows = runs.astype(object).where(runs.notna(), None).to_dict("records")
    for run in rows:
        run["page"] = page_name(run["run_id"])
        run["started"] = run["started_at"].strftime("%Y-%m-%d %H:%M") if run["started_at"] else ""
    return rows


def _write_run_pages(con, runs: pd.DataFrame, out: Path) -> None:
    """A page per run, written when the run's state changed since its page was (a manifest
    of page signatures beside the pages), so a build does not grow with the history."""
    manifest_path = out / "runs" / "pages.json"
    manifest = json.loads(manifest_path.read_text("utf-8")) if manifest_path.exists() else {}
    for run in _rows(runs):
        signature = page_signature(run)
        if manifest.get(run["run_id"]) == signature and (out / "runs" / run["page"]).exists():
            continue
        html = _env.get_template("run.html").render(
            root="../",
            run=run,
            quarantined=_query(con, "quarantined_files", [run["run_id"]]).to_dict("records"),
            expectations=_query(con, "run_expectations", [run["run_id"]]).to_dict("records"),
        )
        write_atomic(out / "runs" / run["page"], html)
        manifest[run["run_id"]] = signature
    write_atomic(manifest_path, json.dumps(manifest))


def _claims(con) -> list[dict]:
    claims = _query(con, "story_claims").to_dict("records")
    for claim in claims:
        for report in claim["reports"]:
            report["shown"] = "; ".join(f"{value:,.10g}" for value in report["values"])
    return claims


def field_sources(frame: pd.DataFrame) -> list[dict]:
    """Per outlet, per header field, how many articles got it from which source."""
    rows: dict[str, dict] = {}
    for row in frame.itertuples(index=False):
        outlet = rows.setdefault(row.outlet_name, {"outlet": row.outlet_name, "fields": {}})
        outlet["fields"].setdefault(row.field, []).append(f"{row.source} {row.article_count}")
    return list(rows.values())


def _charts(runs: pd.DataFrame, data: dict[str, pd.DataFrame], since: pd.Timestamp) -> list[str]:
    sources = data["field_sources"].groupby(["field", "source"], as_index=False)["article_count"]
    figures = [
        charts.files_over_time(runs),
        charts.articles_by_publication_date(data["daily_volume"]),
        charts.pass_rate_over_time(data["expectation_pass_rate"], since),
        charts.bars(data["quarantine_reasons"], "reason_group", "file_count",
                    "Files quarantined, by reason"),
        charts.bars(data["null_rates"], "field", "null_rate", "Share of articles missing a field"),
        charts.bars(data["boilerplate_by_outlet"], "outlet_name", "avg_boilerplate_ratio",
                    "Share of the page removed as boilerplate, by outlet"),
        charts.bars(sources.sum(), "field", "article_count", "Where header fields came from",
                    color="source"),
    ]  # fmt: skip
    return [
        f.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{i}")
        for i, f in enumerate(figures)
        if f is not None
    ]


def _query(con, name: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(warehouse.read_sql(f"report/{name}.sql"), params or []).df()


def _write_plotly_js(out: Path) -> None:
    from plotly.offline import get_plotlyjs

    target = out / "plotly.min.js"
    if not target.exists():
        write_atomic(target, get_plotlyjs())
