-- Documents built in the background (a district's package ZIP …): progress while it runs, the
-- result in the store of generated files (DATA_DIR/generated) afterwards; a newer finished
-- build of the same scope supersedes the older ones and their files are removed. `build_key` fingerprints every input, so a request
-- with the same inputs reuses a finished build and a changed case makes a new one.
CREATE TABLE document_builds (
  id @ID@,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  build_key TEXT NOT NULL,
  status TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  content_type TEXT NOT NULL DEFAULT '',
  sha256 TEXT,
  size BIGINT NOT NULL DEFAULT 0,
  requested_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX document_builds_scope ON document_builds(kind, scope, created_at);
CREATE INDEX document_builds_key ON document_builds(kind, build_key);

-- Documents cached by the fingerprint of their inputs (a case's PDF archive …); `scope` names
-- what they are of (e.g. case:12): a new entry replaces the older ones of its scope.
CREATE TABLE document_cache (
  cache_key TEXT PRIMARY KEY,
  scope TEXT NOT NULL DEFAULT '',
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX document_cache_scope ON document_cache(scope);
