-- rows small loads kept inlined in the catalog, written out as Parquet files
call ducklake_flush_inlined_data($lake)
