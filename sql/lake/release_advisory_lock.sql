-- (PostgreSQL) release an advisory lock this session holds
select pg_advisory_unlock(%(key)s) as released
