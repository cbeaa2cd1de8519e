-- The problem ledger (问题台账): problems found by inspections, audits and complaints, attached to a
-- village, site or project, fixed by the responsible staff and closed (销号) by the poverty office.

CREATE TABLE problems (
  id serial PRIMARY KEY,
  entity_type text NOT NULL CHECK (entity_type IN ('village', 'site', 'project')),
  entity_id text NOT NULL,
  -- Copied from the entity when logged, so lists filter by township without three joins.
  township_code text NOT NULL REFERENCES townships(code),
  lon double precision NOT NULL,
  lat double precision NOT NULL,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  source text NOT NULL CHECK (source IN ('inspection', 'audit', 'complaint')),
  responsible_unit text NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'closed')),
  created_by integer NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  fixed_by integer REFERENCES users(id),
  fixed_at timestamptz,
  fix_note text,
  closed_by integer REFERENCES users(id),
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'open') = (fixed_at IS NULL)),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL))
);
CREATE INDEX problems_entity ON problems(entity_type, entity_id);
CREATE INDEX problems_status ON problems(status, deadline);

-- Problems are audited like every other record.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('village', 'site', 'project', 'user', 'problem'));
