-- Default grants that modules add to built-in roles are applied once; an administrator who
-- later removes one keeps it removed.
CREATE TABLE builtin_grants_applied (
  role_key TEXT NOT NULL,
  perm_code TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (role_key, perm_code)
);
