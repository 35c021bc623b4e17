-- In-app notices (站内通知): addressed to a unit (every member acting for it who holds `perm`,
-- or everyone when perm is '') or to one user. dedupe_key makes a reminder that several
-- servers may raise at once land only once.
CREATE TABLE notices (
  id @ID@,
  unit_id BIGINT REFERENCES units(id),
  user_id BIGINT REFERENCES users(id),
  perm TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE INDEX notices_unit ON notices(unit_id, created_at);
CREATE INDEX notices_user ON notices(user_id, created_at);

CREATE TABLE notice_reads (
  notice_id BIGINT NOT NULL REFERENCES notices(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  read_at BIGINT NOT NULL,
  PRIMARY KEY (notice_id, user_id)
);
