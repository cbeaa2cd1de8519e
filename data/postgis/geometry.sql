-- Geometry columns beside the stored GeoJSON, applied at every start on a PostgreSQL server that
-- has PostGIS (server/db/postgis.ts); every statement is idempotent. The GeoJSON stays the record
-- the application reads and writes; these columns are derived from it by triggers, so every write
-- path (edits, imports, seeding, boundary import) keeps them current in its own transaction.
--
-- Web Mercator (3857), not 4326: they exist to cut map tiles, and ST_TileEnvelope is in 3857, so
-- stored 3857 lets the GiST index answer a tile's box directly and spares an ST_Transform of every
-- feature on every tile (what Martin and pg_tileserv do per request for a 4326 table). China lies
-- well inside 3857's latitude limits.

CREATE OR REPLACE FUNCTION fupin_mercator(geojson jsonb) RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN ST_IsValid(g) THEN g ELSE ST_MakeValid(g) END
  FROM (SELECT ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326), 3857) AS g) AS transformed
$$;

CREATE OR REPLACE FUNCTION fupin_geom_3857() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.geom_3857 := fupin_mercator(NEW.geom);
  RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION fupin_site_3857() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.geom_3857 := ST_Transform(ST_SetSRID(ST_MakePoint(NEW.lon, NEW.lat), 4326), 3857);
  RETURN NEW;
END
$$;

ALTER TABLE counties ADD COLUMN IF NOT EXISTS geom_3857 geometry(Geometry, 3857);
ALTER TABLE townships ADD COLUMN IF NOT EXISTS geom_3857 geometry(Geometry, 3857);
ALTER TABLE villages ADD COLUMN IF NOT EXISTS geom_3857 geometry(Geometry, 3857);
ALTER TABLE projects ADD COLUMN IF NOT EXISTS geom_3857 geometry(Geometry, 3857);
ALTER TABLE sites ADD COLUMN IF NOT EXISTS geom_3857 geometry(Point, 3857);

CREATE OR REPLACE TRIGGER counties_geom_3857 BEFORE INSERT OR UPDATE OF geom ON counties FOR EACH ROW EXECUTE FUNCTION fupin_geom_3857();
CREATE OR REPLACE TRIGGER townships_geom_3857 BEFORE INSERT OR UPDATE OF geom ON townships FOR EACH ROW EXECUTE FUNCTION fupin_geom_3857();
CREATE OR REPLACE TRIGGER villages_geom_3857 BEFORE INSERT OR UPDATE OF geom ON villages FOR EACH ROW EXECUTE FUNCTION fupin_geom_3857();
CREATE OR REPLACE TRIGGER projects_geom_3857 BEFORE INSERT OR UPDATE OF geom ON projects FOR EACH ROW EXECUTE FUNCTION fupin_geom_3857();
CREATE OR REPLACE TRIGGER sites_geom_3857 BEFORE INSERT OR UPDATE OF lon, lat ON sites FOR EACH ROW EXECUTE FUNCTION fupin_site_3857();

-- Rows written before PostGIS was enabled (or by a server started with POSTGIS=off before the
-- triggers existed): filled once; afterwards the triggers keep them.
UPDATE counties SET geom_3857 = fupin_mercator(geom) WHERE geom_3857 IS NULL;
UPDATE townships SET geom_3857 = fupin_mercator(geom) WHERE geom_3857 IS NULL;
UPDATE villages SET geom_3857 = fupin_mercator(geom) WHERE geom_3857 IS NULL;
UPDATE projects SET geom_3857 = fupin_mercator(geom) WHERE geom_3857 IS NULL;
UPDATE sites SET geom_3857 = ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 3857) WHERE geom_3857 IS NULL;

CREATE INDEX IF NOT EXISTS counties_geom_3857 ON counties USING gist (geom_3857);
CREATE INDEX IF NOT EXISTS townships_geom_3857 ON townships USING gist (geom_3857);
CREATE INDEX IF NOT EXISTS villages_geom_3857 ON villages USING gist (geom_3857);
CREATE INDEX IF NOT EXISTS projects_geom_3857 ON projects USING gist (geom_3857);
CREATE INDEX IF NOT EXISTS sites_geom_3857 ON sites USING gist (geom_3857);
-- The low-zoom tiles count a township's villages by code prefix, as village-areas.ts does (a
-- county's by villages_county, migration 004).
CREATE INDEX IF NOT EXISTS villages_township_prefix ON villages (left(code, 9));

-- What the low-zoom tiles colour counties and townships by, kept per area (a 6-digit county or
-- 9-digit township code) and per class and status, so a tile over hundreds of counties reads a few
-- rows per county instead of every village in them. Statement triggers recompute the areas a
-- statement touched, as the rollups of migration 004 do; which statuses count as exited is the
-- tile query's to say (village-areas.ts).
CREATE TABLE IF NOT EXISTS village_area_counts (
  code text NOT NULL,
  village_class text NOT NULL,
  exit_status text NOT NULL,
  villages integer NOT NULL,
  PRIMARY KEY (code, village_class, exit_status)
);

CREATE OR REPLACE FUNCTION fupin_refresh_area_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM village_area_counts
  WHERE code IN (SELECT left(code, 6) FROM changed UNION SELECT left(code, 9) FROM changed);
  INSERT INTO village_area_counts
    SELECT left(code, 6), village_class, exit_status, count(*) FROM villages
    WHERE left(code, 6) IN (SELECT left(code, 6) FROM changed) GROUP BY 1, 2, 3
    UNION ALL
    SELECT left(code, 9), village_class, exit_status, count(*) FROM villages
    WHERE left(code, 9) IN (SELECT left(code, 9) FROM changed) GROUP BY 1, 2, 3;
  RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER villages_area_counts_insert AFTER INSERT ON villages
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fupin_refresh_area_counts();
CREATE OR REPLACE TRIGGER villages_area_counts_update AFTER UPDATE ON villages
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fupin_refresh_area_counts();
CREATE OR REPLACE TRIGGER villages_area_counts_delete AFTER DELETE ON villages
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION fupin_refresh_area_counts();

-- Villages written before the triggers existed: counted once.
INSERT INTO village_area_counts
  SELECT left(code, 6), village_class, exit_status, count(*) FROM villages
  WHERE NOT EXISTS (SELECT 1 FROM village_area_counts) GROUP BY 1, 2, 3
  UNION ALL
  SELECT left(code, 9), village_class, exit_status, count(*) FROM villages
  WHERE NOT EXISTS (SELECT 1 FROM village_area_counts) GROUP BY 1, 2, 3;
