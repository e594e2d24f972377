-- Events tell news apart from background: a state or an earlier fact a report recalls ('has faced sanctions'),
-- which the storyline leaves out and the full event log marks.
ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN;
