"""The data-quality report (etl/report/build.py); the Data Docs it links to are built by the
validate stage (etl/quality/data_docs.py).

The builder's names are exported lazily: importing the package must not pay for plotly and
the templates until a report is built.
"""

from __future__ import annotations

_BUILD_NAMES = ("WINDOW_DAYS", "build_report", "last_run_summary", "page_name", "report_for")
__all__ = list(_BUILD_NAMES)


def __getattr__(name: str):
    if name in _BUILD_NAMES:
        from etl.report import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
