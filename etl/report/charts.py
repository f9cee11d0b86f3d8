"""The report's charts: counts on time axes (per hour or per day, never per run id), axis
titles in words, whole-number ticks for counts, and windows that keep them readable."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

# Publication dates shown: the window ending at the newest date (older ones are counted in
# the chart's title, not drawn as a decade of empty days).
PUBLISHED_WINDOW_DAYS = 90
# Runs spanning up to this long are bucketed per hour, longer spans per day.
HOURLY_UP_TO = dt.timedelta(days=3)

_LABELS = {
    "bucket": "run started (UTC)", "files": "files", "outcome": "outcome",
    "full_date": "publication date", "article_count": "articles",
    "reason_group": "reason", "file_count": "files", "started_at": "run started (UTC)",
    "pass_rate": "expectations passed", "severity": "severity", "field": "field",
    "null_rate": "articles missing it", "outlet_name": "outlet",
    "avg_boilerplate_ratio": "share of page removed", "source": "source",
}  # fmt: skip


def files_over_time(runs: pd.DataFrame) -> go.Figure | None:
    """Files per hour or day by outcome, from the published runs."""
    done = runs[runs["published"].fillna(False).astype(bool)]
    if done.empty:
        return None
    span = done["started_at"].max() - done["started_at"].min()
    unit, per = ("h", "hour") if span <= HOURLY_UP_TO else ("D", "day")
    frame = done.assign(bucket=done["started_at"].dt.tz_localize(None).dt.floor(unit))
    frame = (
        frame.melt(
            id_vars=["bucket"],
            value_vars=["loaded", "duplicates", "quarantined"],
            var_name="outcome",
            value_name="files",
        )  # fmt: skip
        .astype({"files": int})
        .groupby(["bucket", "outcome"], as_index=False)["files"]
        .sum()
    )
    figure = px.bar(frame, x="bucket", y="files", color="outcome", labels=_LABELS,
                    title=f"Files per {per}, by outcome")  # fmt: skip
    return _counts(figure, frame.groupby("bucket")["files"].sum().max())


def articles_by_publication_date(daily: pd.DataFrame) -> go.Figure | None:
    """Articles per publication day over the last PUBLISHED_WINDOW_DAYS days with any, the
    days without articles drawn as zero."""
    if daily.empty:
        return None
    dates = pd.to_datetime(daily["full_date"])
    end = dates.max()
    start = end - pd.Timedelta(days=PUBLISHED_WINDOW_DAYS - 1)
    inside = daily[dates >= start].assign(full_date=dates[dates >= start])
    days = pd.date_range(start, end, freq="D")
    filled = (
        inside.groupby("full_date")["article_count"].sum().reindex(days, fill_value=0)
        .rename_axis("full_date").reset_index()
    )  # fmt: skip
    before = int(daily.loc[dates < start, "article_count"].sum())
    title = f"Articles per publication day, last {PUBLISHED_WINDOW_DAYS} days"
    if before:
        title += f" ({before:,} published earlier, not drawn)"
    figure = px.bar(filled, x="full_date", y="article_count", labels=_LABELS, title=title)
    return _counts(figure, filled["article_count"].max())


def pass_rate_over_time(rates: pd.DataFrame, since: pd.Timestamp) -> go.Figure | None:
    frame = rates[pd.to_datetime(rates["started_at"]) >= since.tz_localize(None)]
    if frame.empty:
        return None
    figure = px.line(frame, x="started_at", y="pass_rate", color="severity", markers=True,
                     labels=_LABELS, title="Expectations passed per run")  # fmt: skip
    return figure.update_yaxes(tickformat=".0%", range=[0, 1.05])


def bars(frame: pd.DataFrame, x: str, y: str, title: str, color: str | None = None):
    if frame.empty:
        return None
    figure = px.bar(frame, x=x, y=y, color=color, labels=_LABELS, title=title)
    if y.endswith("_rate") or y.startswith("avg_"):
        return figure.update_yaxes(tickformat=".0%")
    return _counts(figure, frame.groupby(x)[y].sum().max())


def _counts(figure: go.Figure, largest: float) -> go.Figure:
    """Whole-number ticks: no "0.5 files"; a step of 1 where the counts are small."""
    figure.update_yaxes(tickformat=",d", rangemode="tozero")
    if largest <= 10:
        figure.update_yaxes(dtick=1)
    return figure
