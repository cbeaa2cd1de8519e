-- Annual targets (年度目标任务, issue 15): one value per area (county, prefecture or township code),
-- year and measure (common/targets.ts). Progress is never stored: it is counted from the data.
CREATE TABLE targets (
  area_code text NOT NULL CHECK (area_code ~ '^([0-9]{6}|[0-9]{9})$'),
  year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  measure text NOT NULL,
  value double precision NOT NULL CHECK (value >= 0),
  -- Where the figure comes from: a published plan's title, an import's file name, or an edit.
  source text NOT NULL DEFAULT '',
  demo boolean NOT NULL DEFAULT false,
  updated_by text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (area_code, year, measure)
);

-- Every change of a target, old and new, as the audit log keeps them for records (可追溯).
CREATE TABLE target_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  username text NOT NULL,
  area_code text NOT NULL,
  year int NOT NULL,
  measure text NOT NULL,
  old_value double precision,
  new_value double precision,
  note text
);
CREATE INDEX target_log_area ON target_log(area_code, year, id);
