-- Imported boundaries replace the generated (demo) polygons one township or village at a time;
-- a village's figures stay demo (villages.demo) until they are imported too.
ALTER TABLE townships ADD COLUMN boundary_demo boolean NOT NULL DEFAULT true;
ALTER TABLE villages ADD COLUMN boundary_demo boolean NOT NULL DEFAULT true;
-- A township's imported boundary is audited like a village's.
ALTER TABLE audit_log DROP CONSTRAINT audit_log_entity_type_check;
ALTER TABLE audit_log ADD CONSTRAINT audit_log_entity_type_check CHECK (entity_type IN ('village', 'site', 'project', 'user', 'problem', 'township'));
