-- The city's review (市级评审) of a typical-case call: settings and score sheet as data, the
-- expert pool, declared conflicts, pinned and forbidden pairs, assignments with their score
-- sheets, the decisions (入选 / 未入选) and the certificates of the selected cases.
CREATE TABLE reviews (
  id @ID@,
  call_id BIGINT NOT NULL REFERENCES case_calls(id),
  status TEXT NOT NULL DEFAULT 'open',
  k INTEGER NOT NULL DEFAULT 3,
  blind INTEGER NOT NULL DEFAULT 1,
  sheet TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  select_limit INTEGER NOT NULL,
  exception_note TEXT NOT NULL DEFAULT '',
  proposal TEXT,
  proposal_at BIGINT,
  closed_at BIGINT,
  published_at BIGINT,
  published_by BIGINT,
  owner_unit_id BIGINT NOT NULL,
  creator_id BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX reviews_call ON reviews(call_id);

CREATE TABLE review_experts (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  fields TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'active',
  account_created INTEGER NOT NULL DEFAULT 0,
  reminded_at BIGINT,
  added_at BIGINT NOT NULL,
  added_by BIGINT NOT NULL,
  PRIMARY KEY (review_id, user_id)
);
CREATE INDEX review_experts_user ON review_experts(user_id);

CREATE TABLE review_declared_conflicts (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  note TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (review_id, user_id, unit_id)
);

CREATE TABLE review_pair_marks (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  mark TEXT NOT NULL,
  PRIMARY KEY (review_id, case_id, user_id)
);

CREATE TABLE review_assignments (
  id @ID@,
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  how TEXT NOT NULL DEFAULT 'auto',
  scores TEXT NOT NULL DEFAULT '{}',
  comment TEXT NOT NULL DEFAULT '',
  saved_at BIGINT,
  submitted_at BIGINT,
  assigned_at BIGINT NOT NULL,
  assigned_by BIGINT NOT NULL
);
CREATE UNIQUE INDEX review_assignments_pair ON review_assignments(review_id, case_id, user_id);
CREATE INDEX review_assignments_user ON review_assignments(user_id, review_id);
CREATE INDEX review_assignments_case ON review_assignments(case_id);

CREATE TABLE review_decisions (
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  decision TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  decided_at BIGINT NOT NULL,
  decided_by BIGINT NOT NULL,
  PRIMARY KEY (review_id, case_id)
);

CREATE TABLE review_certificates (
  serial TEXT PRIMARY KEY,
  review_id BIGINT NOT NULL REFERENCES reviews(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  issued_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX review_certificates_case ON review_certificates(review_id, case_id);
