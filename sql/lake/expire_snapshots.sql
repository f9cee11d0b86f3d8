-- snapshots older than the time-travel window forgotten (the latest one never is); the files
-- only they referenced are scheduled for deletion
call ducklake_expire_snapshots($lake, older_than => $before)
