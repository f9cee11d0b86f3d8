-- (PostgreSQL, the lake's catalog database) whether it holds a DuckLake yet
select to_regclass('ducklake_metadata') is not null as present
