-- files whose rows are mostly deleted (merged or superseded rows) rewritten without them
call ducklake_rewrite_data_files($lake)
