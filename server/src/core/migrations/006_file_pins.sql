-- A file put into a store before the row that will refer to it is committed is pinned here
-- first, so that no removal takes it in between; the pin goes once the row is in. A pin left
-- by a crash is cleared, with its file if nothing refers to it, by the sweep an hour later.
CREATE TABLE file_pins (
  id @ID@,
  store TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX file_pins_sha ON file_pins(store, sha256);
