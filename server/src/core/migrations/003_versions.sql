-- A version counter per kind of data; writes bump it in their transaction, so any server can
-- tell whether a cached answer is still current with one indexed read.
CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('units', 0);
