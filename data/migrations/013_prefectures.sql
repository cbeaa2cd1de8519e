-- A portal may serve a prefecture (州/市, e.g. 湘西州 433100) instead of one county. The prefecture's
-- own row holds its name and outline; its counties are the counties rows whose codes start with its
-- first four digits, as every code beneath it does.
CREATE TABLE prefectures (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{4}00$'),
  name text NOT NULL,
  name_en text NOT NULL,
  geom jsonb NOT NULL,
  demo boolean NOT NULL DEFAULT true,
  sources jsonb NOT NULL DEFAULT '[]'
);
