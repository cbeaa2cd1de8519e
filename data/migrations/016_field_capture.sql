-- Field capture (issue 14): where a progress report or a problem was made, as the device's GPS gave
-- it, and the photos taken on site. Photos live in the database, not on a disk: every server
-- instance on this PostgreSQL reaches them, and the one backup of the data holds them too.

ALTER TABLE project_progress
  ADD COLUMN made_lon double precision CHECK (made_lon BETWEEN -180 AND 180),
  ADD COLUMN made_lat double precision CHECK (made_lat BETWEEN -90 AND 90),
  ADD COLUMN made_accuracy_m double precision CHECK (made_accuracy_m >= 0),
  ADD COLUMN made_at timestamptz,
  ADD CONSTRAINT project_progress_made_whole CHECK ((made_lon IS NULL) = (made_lat IS NULL) AND (made_lon IS NULL) = (made_accuracy_m IS NULL) AND (made_lon IS NULL) = (made_at IS NULL));

ALTER TABLE problems
  ADD COLUMN made_lon double precision CHECK (made_lon BETWEEN -180 AND 180),
  ADD COLUMN made_lat double precision CHECK (made_lat BETWEEN -90 AND 90),
  ADD COLUMN made_accuracy_m double precision CHECK (made_accuracy_m >= 0),
  ADD COLUMN made_at timestamptz,
  ADD CONSTRAINT problems_made_whole CHECK ((made_lon IS NULL) = (made_lat IS NULL) AND (made_lon IS NULL) = (made_accuracy_m IS NULL) AND (made_lon IS NULL) = (made_at IS NULL));

CREATE TABLE photos (
  -- Made by the client before the upload, so a retried upload (a lost answer, the offline outbox)
  -- names the same photo and stores it once.
  id uuid PRIMARY KEY,
  -- Empty until the record it belongs to is saved; a photo uploaded for a record that never came is
  -- its uploader's alone to see.
  entity_type text CHECK (entity_type IN ('progress', 'problem', 'site')),
  entity_id text,
  -- For problems: taken when it was logged, or as evidence of the fix (整改) before 销号.
  step text CHECK (step IN ('log', 'fix')),
  uploaded_by integer NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  -- Re-encoded JPEG, orientation applied, every other piece of metadata gone.
  image bytea NOT NULL,
  thumb bytea NOT NULL,
  width integer NOT NULL CHECK (width > 0),
  height integer NOT NULL CHECK (height > 0),
  -- Read from the original's EXIF before it was stripped.
  taken_at timestamptz,
  taken_lon double precision CHECK (taken_lon BETWEEN -180 AND 180),
  taken_lat double precision CHECK (taken_lat BETWEEN -90 AND 90),
  CHECK ((entity_type IS NULL) = (entity_id IS NULL)),
  CHECK ((taken_lon IS NULL) = (taken_lat IS NULL))
);
CREATE INDEX photos_entity ON photos(entity_type, entity_id);
