-- Typical-case calls (征集活动) and the cases units write for them.
CREATE TABLE case_calls (
  id @ID@,
  title TEXT NOT NULL,
  notice TEXT NOT NULL DEFAULT '',
  rules TEXT NOT NULL,
  deadline_at BIGINT NOT NULL,
  deadline_date TEXT NOT NULL,
  grace_minutes INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'open',
  owner_unit_id BIGINT NOT NULL,
  creator_id BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE cases (
  id @ID@,
  call_id BIGINT NOT NULL REFERENCES case_calls(id),
  owner_unit_id BIGINT NOT NULL REFERENCES units(id),
  review_unit_id BIGINT NOT NULL REFERENCES units(id),
  creator_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'draft',
  version INTEGER NOT NULL DEFAULT 1,
  submitted_at BIGINT,
  review_comment TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX cases_call_owner ON cases(call_id, owner_unit_id, status);
CREATE INDEX cases_call_review ON cases(call_id, review_unit_id, status);

CREATE TABLE case_versions (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases(id),
  version INTEGER NOT NULL,
  title TEXT NOT NULL,
  content TEXT NOT NULL,
  saved_at BIGINT NOT NULL,
  saved_by BIGINT NOT NULL
);
CREATE UNIQUE INDEX case_versions_case ON case_versions(case_id, version);
