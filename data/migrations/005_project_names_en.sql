-- Projects get an English name, as villages, townships and sites have: the English UI showed
-- Chinese project names. Projects drawn before have none ('') and are shown by their Chinese name.
ALTER TABLE projects ADD COLUMN name_en text NOT NULL DEFAULT '';
