-- (PostgreSQL) take an advisory lock (the run lock, the publish lock) if no other session holds
-- it: true when taken
select pg_try_advisory_lock(%(key)s) as taken
