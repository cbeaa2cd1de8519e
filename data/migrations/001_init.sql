-- Core monitoring tables. Geometry is GeoJSON in jsonb so the same SQL runs on PGlite and on
-- any PostgreSQL server without PostGIS; spatial work happens in the application with turf.
-- Money is yuan in double precision; rates are never stored where they can be derived from counts.

CREATE TABLE counties (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
  name text NOT NULL,
  name_en text NOT NULL,
  geom jsonb NOT NULL,
  demo boolean NOT NULL DEFAULT true,
  sources jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE townships (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),
  county_code text NOT NULL REFERENCES counties(code),
  name text NOT NULL,
  name_en text NOT NULL,
  geom jsonb NOT NULL,
  bbox jsonb NOT NULL,
  center jsonb NOT NULL
);

CREATE TABLE villages (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{12}$'),
  township_code text NOT NULL REFERENCES townships(code),
  name text NOT NULL,
  name_en text NOT NULL,
  village_class text NOT NULL CHECK (village_class IN ('poor', 'deep_poor', 'non_poor')),
  rural_population integer NOT NULL CHECK (rural_population >= 0),
  poor_households integer NOT NULL CHECK (poor_households >= 0),
  poor_persons integer NOT NULL CHECK (poor_persons >= 0),
  exited_households integer NOT NULL CHECK (exited_households >= 0),
  exited_persons integer NOT NULL CHECK (exited_persons >= 0),
  planned_exit_year integer,
  actual_exit_year integer,
  collective_income double precision NOT NULL CHECK (collective_income >= 0),
  infra jsonb NOT NULL,
  -- Derived by the application (common/indicators.ts) on every write, kept for aggregation in SQL.
  infra_done integer NOT NULL,
  infra_required integer NOT NULL,
  exit_status text NOT NULL,
  readiness text NOT NULL,
  geom jsonb NOT NULL,
  bbox jsonb NOT NULL,
  center jsonb NOT NULL,
  demo boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX villages_township ON villages(township_code);

CREATE TABLE sites (
  id serial PRIMARY KEY,
  township_code text NOT NULL REFERENCES townships(code),
  name text NOT NULL,
  name_en text NOT NULL,
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  planned_households integer NOT NULL CHECK (planned_households >= 0),
  planned_persons integer NOT NULL CHECK (planned_persons >= 0),
  moved_households integer NOT NULL CHECK (moved_households BETWEEN 0 AND planned_households),
  moved_persons integer NOT NULL CHECK (moved_persons BETWEEN 0 AND planned_persons),
  completed_households integer NOT NULL CHECK (completed_households BETWEEN 0 AND planned_households),
  stable_households integer NOT NULL CHECK (stable_households BETWEEN 0 AND moved_households),
  demolished_households integer NOT NULL CHECK (demolished_households BETWEEN 0 AND moved_households),
  origin_villages jsonb NOT NULL DEFAULT '[]',
  distance_to_town_km double precision NOT NULL DEFAULT 0,
  demo boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sites_township ON sites(township_code);

CREATE TABLE projects (
  id serial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('road', 'water')),
  subtype text NOT NULL,
  township_code text NOT NULL REFERENCES townships(code),
  name text NOT NULL,
  geom jsonb NOT NULL,
  planned_km double precision,
  done_km double precision,
  progress_pct double precision NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
  budget double precision NOT NULL CHECK (budget >= 0),
  spent double precision NOT NULL CHECK (spent >= 0),
  planned_start date NOT NULL,
  planned_end date NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'under_construction', 'completed', 'accepted')),
  villages jsonb NOT NULL DEFAULT '[]',
  served_households integer,
  demo boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_township ON projects(township_code);
CREATE INDEX projects_kind ON projects(kind);
