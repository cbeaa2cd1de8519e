-- Correcting mistakes (issue 14): a project deleted by mistake, or a progress report entered wrongly,
-- is set aside rather than erased, so the audit keeps it and an admin can bring it back.
ALTER TABLE projects ADD COLUMN deleted_at timestamptz;
ALTER TABLE project_progress ADD COLUMN retracted_at timestamptz;
ALTER TABLE project_progress ADD COLUMN retract_reason text;
-- Why a report set a figure back (required by the plausibility rules when it does).
ALTER TABLE project_progress ADD COLUMN reason text;
-- The project's figures before the report, so retracting every report can restore them.
ALTER TABLE project_progress ADD COLUMN before jsonb;
