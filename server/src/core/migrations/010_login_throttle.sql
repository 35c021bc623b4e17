-- Failed logins per client address, kept in the database so that every server behind the
-- proxy counts the same failures (a sliding window; rows older than the window are pruned).
CREATE TABLE login_failures (
  id @ID@,
  ip TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_ip ON login_failures(ip, at);
CREATE INDEX login_failures_at ON login_failures(at);
