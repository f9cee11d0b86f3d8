"""The data-quality report: a history page and one page per run, static HTML with charts."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pandas as pd
import plotly.express as px
from jinja2 import Environment, PackageLoader, select_autoescape

from etl import warehouse
from etl.report.dictionary import dictionary_rows, star_svg

_env = Environment(loader=PackageLoader("etl.report", "templates"), autoescape=select_autoescape())


def page_name(run_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", run_id) + ".html"


def last_run_summary(path: Path) -> dict | None:
    if not path.exists():
        return None
    with warehouse.connect(path, read_only=True) as con:
        runs = _query(con, "runs")
        articles = con.execute("select count(*) from fct_article").fetchone()[0]
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


def build_report(path: Path, out: Path) -> Path:
    """Write out/index.html and out/runs/<run>.html; returns the index path."""
    (out / "runs").mkdir(parents=True, exist_ok=True)
    _write_plotly_js(out)
    with warehouse.connect(path, read_only=True) as con:
        runs = _query(con, "runs")
        data = {
            name: _query(con, name)
            for name in (
                "quarantine_reasons",
                "expectation_pass_rate",
                "null_rates",
                "boilerplate_by_outlet",
                "daily_volume",
                "field_sources",
            )
        }
        data["field_sources_total"] = (
            data["field_sources"]
            .groupby(["field", "source"], as_index=False)["article_count"]
            .sum()
        )
        articles_total = con.execute("select count(*) from fct_article").fetchone()[0]
        claims = _query(con, "story_claims").to_dict("records")
        for claim in claims:
            for report in claim["reports"]:
                report["shown"] = "; ".join(f"{value:,.10g}" for value in report["values"])
        run_rows = runs.to_dict("records")
        for run in run_rows:
            run["page"] = page_name(run["run_id"])
            html = _env.get_template("run.html").render(
                root="../",
                run=run,
                quarantined=_query(con, "quarantined_files", [run["run_id"]]).to_dict("records"),
                expectations=_query(con, "run_expectations", [run["run_id"]]).to_dict("records"),
            )
            _write(out / "runs" / run["page"], html)
    docs = out / "data_docs" / "index.html"
    html = _env.get_template("index.html").render(
        root="",
        warehouse=str(path),
        built_at=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        data_docs="data_docs/index.html" if docs.exists() else None,
        last=run_rows[-1] if run_rows else None,
        runs=run_rows[::-1],
        articles_total=articles_total,
        charts=_charts(runs, data),
        claims=claims,
        field_sources=field_sources(data["field_sources"]),
    )
    index = out / "index.html"
    _write(index, html)
    dictionary = _env.get_template("dictionary.html").render(
        root="", star=star_svg(), tables=dictionary_rows()
    )
    _write(out / "dictionary.html", dictionary)
    return index


def field_sources(frame: pd.DataFrame) -> list[dict]:
    """Per outlet, per header field, how many articles got it from which source."""
    rows: dict[str, dict] = {}
    for row in frame.itertuples(index=False):
        outlet = rows.setdefault(row.outlet_name, {"outlet": row.outlet_name, "fields": {}})
        outlet["fields"].setdefault(row.field, []).append(f"{row.source} {row.article_count}")
    return list(rows.values())


def _charts(runs: pd.DataFrame, data: dict[str, pd.DataFrame]) -> list[str]:
    figures = []
    if not runs.empty:
        outcomes = runs.melt(
            id_vars=["run_id"],
            value_vars=["loaded", "duplicates", "quarantined"],
            var_name="outcome",
            value_name="files",
        )
        figures.append(
            px.bar(outcomes, x="run_id", y="files", color="outcome", title="Files by outcome")
        )
    charts = [
        ("quarantine_reasons", "reason_group", "file_count", "Quarantine reasons", "bar"),
        ("expectation_pass_rate", "started_at", "pass_rate", "Expectation pass rate", "line"),
        ("null_rates", "field", "null_rate", "Share of articles missing a field", "bar"),
        ("boilerplate_by_outlet", "outlet_name", "avg_boilerplate_ratio", "Boilerplate", "bar"),
        ("daily_volume", "full_date", "article_count", "Articles per day", "bar"),
        ("daily_volume", "full_date", "entity_count", "Entities per day", "line"),
        ("field_sources_total", "field", "article_count", "Where header fields came from", "bar"),
    ]
    for name, x, y, title, kind in charts:
        frame = data[name]
        if frame.empty:
            continue
        color = {"expectation_pass_rate": "severity", "field_sources_total": "source"}.get(name)
        plot = px.line if kind == "line" else px.bar
        figures.append(plot(frame, x=x, y=y, color=color, title=title))
    return [
        f.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{i}")
        for i, f in enumerate(figures)
    ]


def _query(con, name: str, params: list | None = None) -> pd.DataFrame:
    return con.execute(warehouse.read_sql(f"report/{name}.sql"), params or []).df()


def _write_plotly_js(out: Path) -> None:
    from plotly.offline import get_plotlyjs

    target = out / "plotly.min.js"
    if not target.exists():
        _write(target, get_plotlyjs())


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
