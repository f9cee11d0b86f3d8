-- files under the data path no snapshot knows, written before $before: a crashed load's
call ducklake_delete_orphaned_files($lake, older_than => $before)
