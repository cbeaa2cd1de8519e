-- Editing: users and sessions, the audit trail, and dated progress records of projects.

CREATE TABLE users (
  id serial PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{2,32}$'),
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('viewer', 'relocation', 'project_manager', 'admin')),
  -- scrypt$N$r$p$salt$hash, all base64 where binary
  password_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  -- sha256 of the cookie token: a leaked table does not yield usable cookies
  token_hash text PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);

CREATE TABLE audit_log (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id integer REFERENCES users(id),
  username text NOT NULL,
  entity_type text NOT NULL CHECK (entity_type IN ('village', 'site', 'project', 'user')),
  entity_id text NOT NULL,
  action text NOT NULL,
  old_value jsonb,
  new_value jsonb,
  note text
);
CREATE INDEX audit_entity ON audit_log(entity_type, entity_id, id);

CREATE TABLE project_progress (
  id serial PRIMARY KEY,
  project_id integer NOT NULL REFERENCES projects(id),
  recorded_on date NOT NULL,
  progress_pct double precision NOT NULL CHECK (progress_pct BETWEEN 0 AND 100),
  done_km double precision CHECK (done_km >= 0),
  spent double precision CHECK (spent >= 0),
  status text NOT NULL,
  note text,
  user_id integer REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX project_progress_project ON project_progress(project_id, recorded_on, id);
