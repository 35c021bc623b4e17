-- The students' sports map: venues (coordinates in WGS-84, 1e-7 degrees), their hours per
-- audience (OSM opening_hours values; NULL = not admitted), temporary closures, the city's
-- calendar the hours refer to (PH, SH, make-up workdays), the pedestrian network loaded from
-- OpenStreetMap, and district outlines for the plain map layer.
CREATE TABLE venues (
  id @ID@,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '',
  lon_e7 BIGINT NOT NULL,
  lat_e7 BIGINT NOT NULL,
  source_crs TEXT NOT NULL DEFAULT 'wgs84',
  district_id BIGINT,
  manager_unit_id BIGINT,
  supervisor_unit_id BIGINT,
  manager_name TEXT NOT NULL DEFAULT '',
  sports TEXT NOT NULL DEFAULT '',
  facilities TEXT NOT NULL DEFAULT '',
  hours_pupil TEXT,
  hours_guardian TEXT,
  hours_group TEXT,
  hours_note TEXT NOT NULL DEFAULT '',
  fee TEXT NOT NULL DEFAULT '',
  free_for_students INTEGER NOT NULL DEFAULT 0,
  min_age INTEGER,
  max_age INTEGER,
  booking TEXT NOT NULL DEFAULT '',
  safety TEXT NOT NULL DEFAULT '{}',
  phone TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  external_ref TEXT NOT NULL DEFAULT '',
  verified_on TEXT,
  status TEXT NOT NULL DEFAULT 'active',
  version INTEGER NOT NULL DEFAULT 1,
  rev BIGINT NOT NULL DEFAULT 0,
  creator_id BIGINT,
  created_at BIGINT NOT NULL,
  changed_at BIGINT NOT NULL
);
CREATE INDEX venues_rev ON venues(rev);
CREATE INDEX venues_district ON venues(district_id);

CREATE TABLE venue_closures (
  id @ID@,
  venue_id BIGINT NOT NULL REFERENCES venues(id),
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  reason TEXT NOT NULL,
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  lifted_at BIGINT,
  lifted_by BIGINT
);
CREATE INDEX venue_closures_venue ON venue_closures(venue_id);

CREATE TABLE venue_calendar (
  id @ID@,
  kind TEXT NOT NULL,
  starts_on TEXT NOT NULL,
  ends_on TEXT NOT NULL,
  name TEXT NOT NULL,
  as_weekday INTEGER NOT NULL DEFAULT 0,
  updated_by BIGINT,
  updated_at BIGINT NOT NULL
);

CREATE TABLE venue_networks (
  id @ID@,
  file_sha256 TEXT NOT NULL,
  source_name TEXT NOT NULL,
  nodes BIGINT NOT NULL,
  edges BIGINT NOT NULL,
  ways BIGINT NOT NULL,
  loaded_at BIGINT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE venue_areas (
  unit_id BIGINT PRIMARY KEY,
  name TEXT NOT NULL,
  ring TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Where schools are (a fact of the unit kept beside the venues: the 15-minute circle starts there).
CREATE TABLE venue_school_places (
  unit_id BIGINT PRIMARY KEY,
  address TEXT NOT NULL DEFAULT '',
  lon_e7 BIGINT NOT NULL,
  lat_e7 BIGINT NOT NULL,
  source_crs TEXT NOT NULL DEFAULT 'wgs84',
  updated_by BIGINT,
  updated_at BIGINT NOT NULL
);

INSERT INTO data_versions (name, version) VALUES ('venues', 0);
INSERT INTO data_versions (name, version) VALUES ('venue_calendar', 0);
INSERT INTO data_versions (name, version) VALUES ('venue_network', 0);
