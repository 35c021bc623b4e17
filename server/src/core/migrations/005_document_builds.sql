-- Documents built in the background (a district's package ZIP …): progress while it runs, the
-- result in the content store afterwards. `build_key` fingerprints every input, so a request
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

-- Documents cached by the fingerprint of their inputs (a case's PDF archive …).
CREATE TABLE document_cache (
  cache_key TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
