-- Dynamic monitoring against return to poverty (防返贫动态监测): the yearly monitoring line, cases
-- with their dated and reasoned steps, warnings raised by the rules or by departments' lists, the
-- departments' dated reports, and the monthly run's claim (one instance runs each month).

CREATE TABLE monitoring_lines (
  year integer PRIMARY KEY CHECK (year BETWEEN 2015 AND 2100),
  line double precision NOT NULL CHECK (line > 0),
  source text NOT NULL,
  updated_by integer REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Seeded with the national floor of 1.5 times the poverty line of 2020 (4,000 yuan): the 2020
-- guidance and the 2021 one keep it; provinces publish their own figures each year, which the
-- poverty office enters here (PUT /api/monitoring/lines).
INSERT INTO monitoring_lines (year, line, source) VALUES
  (2020, 6000, '国务院扶贫开发领导小组《关于建立防止返贫监测和帮扶机制的指导意见》（国开发〔2020〕6号）：国家扶贫标准1.5倍左右'),
  (2021, 6000, '中央农办等《关于健全防止返贫动态监测和帮扶机制的指导意见》（2021）：各省份统筹确定，参照国家扶贫标准1.5倍左右');

CREATE TABLE monitoring_cases (
  id serial PRIMARY KEY,
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  type text NOT NULL CHECK (type IN ('unstable', 'edge', 'sudden')),
  way text NOT NULL CHECK (way IN ('self_declared', 'cadre_visit', 'department_screening')),
  stage text NOT NULL CHECK (stage IN ('reported', 'village_reviewed', 'township_checked', 'county_confirmed', 'assisting', 'risk_removed', 'rejected')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  version integer NOT NULL DEFAULT 1
);
-- At most one open case per household.
CREATE UNIQUE INDEX monitoring_cases_open ON monitoring_cases(household_code) WHERE stage NOT IN ('risk_removed', 'rejected');
CREATE INDEX monitoring_cases_household ON monitoring_cases(household_code, id);
CREATE INDEX monitoring_cases_stage ON monitoring_cases(stage, household_code);

CREATE TABLE monitoring_steps (
  id serial PRIMARY KEY,
  case_id integer NOT NULL REFERENCES monitoring_cases(id) ON DELETE CASCADE,
  action text NOT NULL,
  from_stage text,
  to_stage text NOT NULL,
  user_id integer NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  reason text NOT NULL
);
CREATE INDEX monitoring_steps_case ON monitoring_steps(case_id, id);

-- A department's dated report on a household (and member): self-paid medical costs, a status
-- change, a new disability… Keyed to the household; the ID number itself is never stored here.
CREATE TABLE household_events (
  id serial PRIMARY KEY,
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  member_id integer REFERENCES members(id) ON DELETE SET NULL,
  kind text NOT NULL CHECK (kind IN ('medical_self_pay', 'assistance_change', 'disability', 'serious_illness', 'dropout', 'unsafe_housing', 'disaster')),
  occurred_on date NOT NULL,
  amount double precision NOT NULL DEFAULT 0 CHECK (amount >= 0),
  department text NOT NULL,
  import_id integer
);
CREATE INDEX household_events_household ON household_events(household_code, occurred_on);
-- The same report imported twice (a list sent again) is stored once.
CREATE UNIQUE INDEX household_events_once ON household_events(household_code, coalesce(member_id, 0), kind, occurred_on, amount);

CREATE TABLE monitoring_warnings (
  id serial PRIMARY KEY,
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  rule text NOT NULL,
  source text NOT NULL CHECK (source IN ('rules', 'department')),
  raised_on date NOT NULL,
  deadline date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  resolved_by integer REFERENCES users(id),
  resolved_at timestamptz,
  reason text,
  case_id integer REFERENCES monitoring_cases(id)
);
-- One open warning per household and rule: a monthly run does not pile up the same warning.
CREATE UNIQUE INDEX monitoring_warnings_open ON monitoring_warnings(household_code, rule) WHERE status = 'open';
CREATE INDEX monitoring_warnings_household ON monitoring_warnings(household_code, id);
CREATE INDEX monitoring_warnings_status ON monitoring_warnings(status, deadline);

-- The monthly run: the instance whose INSERT claims the month runs it; a claim left unfinished
-- for an hour (its instance died) may be taken over.
CREATE TABLE warning_runs (
  period text PRIMARY KEY CHECK (period ~ '^\d{4}-\d{2}$'),
  claimed_by text NOT NULL,
  claimed_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  raised integer
);

-- A department's list as committed: which department, which month, how many rows matched.
CREATE TABLE department_imports (
  id serial PRIMARY KEY,
  department text NOT NULL,
  period text NOT NULL,
  rows integer NOT NULL,
  matched integer NOT NULL,
  user_id integer NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now()
);

-- The scope conditions (server/repo/household-scope.ts) select a county's or township's households
-- by left(village_code, 6 or 9): indexed, so a county's lists and figures stay fast at a million.
CREATE INDEX households_county_prefix ON households (left(village_code, 6), code);
CREATE INDEX households_township_prefix ON households (left(village_code, 9), code);
-- A county's cases newest first, and its open warnings, without reading the other counties'.
CREATE INDEX monitoring_cases_county ON monitoring_cases (left(household_code, 6), id);
CREATE INDEX monitoring_warnings_county ON monitoring_warnings (left(household_code, 6), status, deadline);
