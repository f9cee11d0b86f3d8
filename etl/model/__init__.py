"""The star schema's rows, built in pandas from an enriched batch."""

from etl.model.articles import Batch, Version, build_tables, keyed_articles

__all__ = ["Batch", "Version", "build_tables", "keyed_articles"]
