-- the warehouse, read-only, in an analyst's own in-memory DuckDB instance (etl.readers);
-- {path} is a quoted literal: DuckDB 1.5 binds no parameter in ATTACH
attach {path} as {catalog} (read_only)
