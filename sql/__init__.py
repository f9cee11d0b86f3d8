"""The warehouse's SQL, one purpose per file, lowercase, CTEs ending in `select * from final`:
ddl/ (tables), views/ (analyst views), load/, lookup/, check/, report/ and migrate/ (idempotent
backfills), read by etl.warehouse.connection.read_sql. A package only so that it installs
beside etl (importlib.resources finds it the same way in a checkout and in an image)."""
