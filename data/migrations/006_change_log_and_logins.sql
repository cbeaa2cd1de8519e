-- Live updates: every published change, so a screen that reconnects with Last-Event-ID gets what it
-- missed, from whichever server instance it reaches. Pruned by age and count (server/repo/change-log.ts).
CREATE TABLE change_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  event jsonb NOT NULL
);

-- Login throttling per account lives with the account, so every server instance sees the same count.
ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until timestamptz;
-- A disabled account cannot log in; disabling it ends its sessions.
ALTER TABLE users ADD COLUMN disabled boolean NOT NULL DEFAULT false;
CREATE INDEX sessions_expires ON sessions(expires_at);
