-- One queue for all slow work (document builds, bulk notices, imports, exports). A server
-- claims a job by writing its id into lease_owner and a deadline into lease_until, renews the
-- lease while it works, and records the outcome only while it holds it; a job whose lease ran
-- out is claimed again, up to max_attempts. The background builds of document_builds move here
-- (their finished files are regenerated on request; the sweep removes the old ones).
CREATE TABLE jobs (
  id @ID@,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL DEFAULT '',
  job_key TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  error_code TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  lease_owner TEXT,
  lease_until BIGINT,
  result_name TEXT NOT NULL DEFAULT '',
  result_type TEXT NOT NULL DEFAULT '',
  result_sha256 TEXT,
  result_size BIGINT NOT NULL DEFAULT 0,
  result_json TEXT,
  owner_user BIGINT REFERENCES users(id),
  owner_unit BIGINT,
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX jobs_claim ON jobs(status, id);
CREATE INDEX jobs_scope ON jobs(kind, scope, id);
CREATE INDEX jobs_key ON jobs(kind, job_key);
CREATE INDEX jobs_result ON jobs(result_sha256);
DROP TABLE document_builds;
