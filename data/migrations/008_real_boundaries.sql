-- Imported boundaries replace the generated (demo) polygons one township or village at a time;
-- a village's figures stay demo (villages.demo) until they are imported too.
ALTER TABLE townships ADD COLUMN boundary_demo boolean NOT NULL DEFAULT true;
ALTER TABLE villages ADD COLUMN boundary_demo boolean NOT NULL DEFAULT true;
