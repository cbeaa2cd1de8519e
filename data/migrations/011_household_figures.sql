-- One source of truth for village figures. Where a county holds household records (建档立卡户),
-- a village's poor and exited households and persons are the households' sums, written into the
-- usual columns by services/figure-source.ts, so tiles, summaries, exports, the bulletin and the
-- big screen all read them unchanged. What was typed in or imported for such a village is kept
-- here instead, so the portal can show where the two disagree. NULL: the county has no households
-- and the usual columns hold the typed figures themselves.
ALTER TABLE villages
  ADD COLUMN typed_poor_households integer,
  ADD COLUMN typed_poor_persons integer,
  ADD COLUMN typed_exited_households integer,
  ADD COLUMN typed_exited_persons integer;

-- Personal-data exports are logged like an unmask: who, when, which records, why.
ALTER TABLE unmask_log ALTER COLUMN household_code DROP NOT NULL;
ALTER TABLE unmask_log ADD COLUMN scope text;
