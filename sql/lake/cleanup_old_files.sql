-- files scheduled for deletion before $before (no reader's transaction still scans them)
call ducklake_cleanup_old_files($lake, older_than => $before)
