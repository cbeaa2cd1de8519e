-- Several server instances on one database (server/events.ts): what must agree between them lives here.

-- Each dynamic layer's tile version, bumped in the transaction that logs its change, so a tile URL
-- means the same data on every instance. Rows are written at server start (repo/layer-versions.ts).
CREATE TABLE layer_versions (
  layer text PRIMARY KEY,
  version bigint NOT NULL
);

-- A previewed import waits here for its commit, which may reach another instance than the preview did.
CREATE TABLE import_previews (
  token text PRIMARY KEY,
  user_id integer NOT NULL,
  kind text NOT NULL,
  plan jsonb NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX import_previews_expires ON import_previews(expires_at);

-- Failed logins per client address, counted across every instance.
CREATE TABLE login_failures (
  address text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX login_failures_address_at ON login_failures(address, at);
CREATE INDEX login_failures_at ON login_failures(at);
