-- Units (one tree, closure table), users, memberships, roles with scoped permissions.
CREATE TABLE units (
  id @ID@,
  parent_id BIGINT REFERENCES units(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  school_stage TEXT,
  city_affiliated INTEGER NOT NULL DEFAULT 0,
  sort INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  owner_unit_id BIGINT,
  creator_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE UNIQUE INDEX units_code ON units(code) WHERE deleted_at IS NULL;
CREATE INDEX units_parent ON units(parent_id, sort);

CREATE TABLE unit_closure (
  ancestor_id BIGINT NOT NULL REFERENCES units(id),
  descendant_id BIGINT NOT NULL REFERENCES units(id),
  depth INTEGER NOT NULL,
  PRIMARY KEY (ancestor_id, descendant_id)
);
CREATE INDEX unit_closure_desc ON unit_closure(descendant_id, depth);

CREATE TABLE unit_moves (
  id @ID@,
  unit_id BIGINT NOT NULL REFERENCES units(id),
  from_parent_id BIGINT,
  to_parent_id BIGINT,
  moved_at BIGINT NOT NULL,
  moved_by BIGINT
);
CREATE INDEX unit_moves_unit ON unit_moves(unit_id);

CREATE TABLE users (
  id @ID@,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  phone TEXT,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL DEFAULT 1,
  status TEXT NOT NULL DEFAULT 'active',
  failed_count INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  is_demo INTEGER NOT NULL DEFAULT 0,
  password_changed_at BIGINT,
  last_login_at BIGINT,
  owner_unit_id BIGINT,
  creator_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE UNIQUE INDEX users_username ON users(username) WHERE deleted_at IS NULL;
CREATE INDEX users_owner ON users(owner_unit_id);

CREATE TABLE password_history (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users(id),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history(user_id, id);

CREATE TABLE roles (
  id @ID@,
  role_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  level INTEGER NOT NULL,
  category TEXT NOT NULL DEFAULT 'business',
  builtin INTEGER NOT NULL DEFAULT 0,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE role_permissions (
  role_id BIGINT NOT NULL REFERENCES roles(id),
  perm_code TEXT NOT NULL,
  scope TEXT NOT NULL,
  PRIMARY KEY (role_id, perm_code)
);

CREATE TABLE role_custom_units (
  role_id BIGINT NOT NULL REFERENCES roles(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  PRIMARY KEY (role_id, unit_id)
);

CREATE TABLE memberships (
  id @ID@,
  user_id BIGINT NOT NULL REFERENCES users(id),
  unit_id BIGINT NOT NULL REFERENCES units(id),
  post TEXT NOT NULL DEFAULT '',
  sort INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE INDEX memberships_user ON memberships(user_id);
CREATE INDEX memberships_unit ON memberships(unit_id);

CREATE TABLE membership_roles (
  membership_id BIGINT NOT NULL REFERENCES memberships(id),
  role_id BIGINT NOT NULL REFERENCES roles(id),
  PRIMARY KEY (membership_id, role_id)
);
CREATE INDEX membership_roles_role ON membership_roles(role_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  membership_id BIGINT NOT NULL REFERENCES memberships(id),
  csrf_token TEXT NOT NULL,
  ip TEXT,
  user_agent TEXT,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE dict_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE dict_items (
  id @ID@,
  type_code TEXT NOT NULL REFERENCES dict_types(code),
  value TEXT NOT NULL,
  label TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'active',
  builtin INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX dict_items_value ON dict_items(type_code, value);
