-- the warehouse, read-only, in an analyst's own in-memory DuckDB instance (etl.readers)
attach $1 as {catalog} (read_only)
