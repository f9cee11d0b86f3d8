-- each table's small files (one or more per load) merged into fewer, larger ones
call ducklake_merge_adjacent_files($lake)
