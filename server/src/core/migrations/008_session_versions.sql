-- A session's version moves on when it changes (the active unit); the data version 'grants'
-- when roles, grants or memberships change. Each request compares both with what its server
-- cached, so a change made on one server holds on every server at once.
ALTER TABLE sessions ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
INSERT INTO data_versions (name, version) VALUES ('grants', 0);
