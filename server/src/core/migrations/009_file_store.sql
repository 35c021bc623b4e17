-- The PostgreSQL file store (files/pg_store.hpp): one row per file and store, its contents in
-- chunks of 1 MiB. The rows of a file are committed together, so a reader never sees half a
-- file. Chunks are compressed files (PDF, JPEG, ZIP) already: stored as they are.
-- @postgresql
CREATE TABLE stored_files (
  store TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  chunks INTEGER NOT NULL,
  stored_at BIGINT NOT NULL,
  PRIMARY KEY (store, sha256)
);
CREATE TABLE stored_file_chunks (
  store TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (store, sha256, seq)
);
ALTER TABLE stored_file_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
-- @end
