"""The data-quality report (etl/report/build.py) and the offline Data Docs pass
(etl/report/data_docs.py).

The builder's names are exported lazily: the validate stage imports data_docs, and must not
pay for plotly and the templates it never uses.
"""

from __future__ import annotations

_BUILD_NAMES = ("WINDOW_DAYS", "build_report", "last_run_summary", "page_name", "report_for")
__all__ = list(_BUILD_NAMES)


def __getattr__(name: str):
    if name in _BUILD_NAMES:
        from etl.report import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
