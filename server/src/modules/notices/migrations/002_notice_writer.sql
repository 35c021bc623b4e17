-- A unit notice may also name one person who must get it whatever unit they act for (the
-- writer of a returned case): one row, seen by the unit's members and by that person.
ALTER TABLE notices ADD COLUMN cc_user_id BIGINT REFERENCES users(id);
CREATE INDEX notices_cc_user ON notices(cc_user_id, created_at);
