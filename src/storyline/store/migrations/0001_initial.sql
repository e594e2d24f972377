-- The schema of storyline 0.1.0 (docs/schema.md explains every table). Each later migration changes it.
-- Written one group of columns a line: a record's place (doc, idx, sentence, start, "end", text) and a date
-- decision (date, certain, interval_lo, interval_hi, date_source, date_evidence) are the same in every table.
CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY, path VARCHAR, kind VARCHAR, raw BLOB, raw_sha256 VARCHAR, text VARCHAR,
    title VARCHAR, url VARCHAR, source VARCHAR, language VARCHAR, content_hash VARCHAR, meta_published VARCHAR,
    page_dates JSON, dateline VARCHAR,
    added TIMESTAMP DEFAULT current_timestamp, analysed BOOLEAN DEFAULT false,
    -- the document's date, as the dating stage states it
    published VARCHAR, certain BOOLEAN, interval_lo VARCHAR, interval_hi VARCHAR, date_source VARCHAR, date_evidence JSON
);
CREATE TABLE IF NOT EXISTS duplicates (id VARCHAR PRIMARY KEY, canonical VARCHAR, kind VARCHAR, similarity DOUBLE);
CREATE TABLE IF NOT EXISTS minhashes (id VARCHAR PRIMARY KEY, hashvalues UBIGINT[]);
CREATE TABLE IF NOT EXISTS rejects (
    id VARCHAR, path VARCHAR, reason VARCHAR, raw BLOB, rejected_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS pins (doc VARCHAR PRIMARY KEY, date VARCHAR);
CREATE TABLE IF NOT EXISTS sentences (doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS timexes (
    doc VARCHAR, idx INTEGER, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, anchored BOOLEAN, relative VARCHAR, rule VARCHAR,
    interval_lo VARCHAR, interval_hi VARCHAR, certain BOOLEAN
);
CREATE TABLE IF NOT EXISTS mentions (
    doc VARCHAR, idx INTEGER, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    label VARCHAR, actor VARCHAR, role VARCHAR, country VARCHAR
);
-- stores made before mentions had roles and countries
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS country VARCHAR;
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY, name VARCHAR, type VARCHAR, country VARCHAR, roles JSON, aliases JSON, mentions INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    doc VARCHAR, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    category VARCHAR, mode VARCHAR, actors JSON, recipients JSON, location VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, trigger VARCHAR, timex INTEGER,
    date VARCHAR, certain BOOLEAN, interval_lo VARCHAR, interval_hi VARCHAR, date_source VARCHAR, date_evidence JSON,
    cluster VARCHAR
);
CREATE TABLE IF NOT EXISTS quotes (
    id VARCHAR PRIMARY KEY,
    doc VARCHAR, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR,
    speaker VARCHAR, actor VARCHAR, cue VARCHAR, cue_start INTEGER, cue_end INTEGER, direct BOOLEAN,
    speaker_start INTEGER, speaker_end INTEGER
);
-- stores made before quotes kept the speaker's offsets
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_end INTEGER;
CREATE TABLE IF NOT EXISTS clusters (
    id VARCHAR PRIMARY KEY, events JSON, documents JSON, category VARCHAR, actors JSON,
    date VARCHAR, certain BOOLEAN, interval_lo VARCHAR, interval_hi VARCHAR, date_source VARCHAR, date_evidence JSON,
    summary VARCHAR, story VARCHAR
);
