-- Registered poor households (建档立卡) and their members, with scoped access to them.
-- ID numbers and phones are stored only encrypted (AES-256-GCM, text "v1:" + base64 of iv|tag|data);
-- id_number_hash is a keyed HMAC-SHA-256 so departments' lists can be matched without decrypting.

CREATE TABLE households (
  code text PRIMARY KEY CHECK (code ~ '^\d{12}\d{4}$'),
  village_code text NOT NULL REFERENCES villages(code),
  head_name text NOT NULL,
  poverty_attribute text NOT NULL CHECK (poverty_attribute IN ('general', 'dibao', 'tekun')),
  main_cause text NOT NULL,
  other_causes jsonb NOT NULL DEFAULT '[]',
  year_identified integer NOT NULL,
  year_exited integer CHECK (year_exited IS NULL OR year_exited >= year_identified),
  relocation_site_id integer REFERENCES sites(id),
  cadre_name text,
  cadre_unit text,
  cadre_phone_enc text,
  -- the 帮扶责任人's account, when they have one: an assisting cadre sees only these households
  assisting_user_id integer REFERENCES users(id),
  demo boolean NOT NULL DEFAULT false,
  CHECK (left(code, 12) = village_code)
);
CREATE INDEX households_village ON households(village_code, code);
CREATE INDEX households_assisting_user ON households(assisting_user_id) WHERE assisting_user_id IS NOT NULL;

CREATE TABLE household_years (
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  year integer NOT NULL,
  income_per_capita double precision NOT NULL,
  income_wage double precision NOT NULL DEFAULT 0,
  income_business double precision NOT NULL DEFAULT 0,
  income_property double precision NOT NULL DEFAULT 0,
  income_transfer double precision NOT NULL DEFAULT 0,
  food_clothing boolean NOT NULL,
  education boolean NOT NULL,
  medical boolean NOT NULL,
  housing boolean NOT NULL,
  water boolean NOT NULL,
  PRIMARY KEY (household_code, year)
);

CREATE TABLE household_measures (
  id serial PRIMARY KEY,
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  kind text NOT NULL,
  year integer NOT NULL,
  amount double precision NOT NULL DEFAULT 0 CHECK (amount >= 0)
);
CREATE INDEX household_measures_household ON household_measures(household_code, year);

CREATE TABLE members (
  id serial PRIMARY KEY,
  household_code text NOT NULL REFERENCES households(code) ON DELETE CASCADE,
  relation text NOT NULL,
  name text NOT NULL,
  sex text NOT NULL CHECK (sex IN ('male', 'female')),
  birth_year integer NOT NULL,
  id_number_enc text NOT NULL CHECK (id_number_enc LIKE 'v1:%'),
  id_number_hash text NOT NULL,
  phone_enc text CHECK (phone_enc LIKE 'v1:%'),
  health text NOT NULL,
  schooling text NOT NULL,
  labour_ability text NOT NULL,
  demo boolean NOT NULL DEFAULT false
);
CREATE INDEX members_household ON members(household_code, id);
CREATE INDEX members_id_number_hash ON members(id_number_hash);

-- Who saw which plain value, when and why (查看明文留痕). Never holds the value itself.
CREATE TABLE unmask_log (
  id serial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  user_id integer NOT NULL REFERENCES users(id),
  username text NOT NULL,
  household_code text NOT NULL,
  member_id integer,
  field text NOT NULL,
  reason text NOT NULL
);
CREATE INDEX unmask_log_at ON unmask_log(at DESC);

-- One row: a keyed fingerprint of the key the encrypted columns were written with, so a server
-- started with another key (or none) refuses instead of writing rows nobody can read.
CREATE TABLE pii_key_check (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  fingerprint text NOT NULL
);

-- Scoped roles: a township cadre's township code, a village team's village codes, else [].
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN (
  'viewer', 'relocation', 'project_manager', 'admin', 'poverty_office', 'township_cadre', 'village_team', 'assisting_cadre'
));
ALTER TABLE users ADD COLUMN scope jsonb NOT NULL DEFAULT '[]';
