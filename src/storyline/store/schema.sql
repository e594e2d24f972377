-- storyline store schema; docs/schema.md explains every table.
CREATE TABLE IF NOT EXISTS documents (
    id              VARCHAR PRIMARY KEY,
    path            VARCHAR,
    kind            VARCHAR,
    raw             BLOB,
    raw_sha256      VARCHAR,
    text            VARCHAR,
    title           VARCHAR,
    url             VARCHAR,
    source          VARCHAR,
    language        VARCHAR,
    content_hash    VARCHAR,
    meta_published  VARCHAR,
    page_dates      JSON,
    dateline        VARCHAR,
    added           TIMESTAMP DEFAULT current_timestamp,
    analysed        BOOLEAN DEFAULT false,
    -- the document's date, as the dating stage states it
    published       VARCHAR,
    certain         BOOLEAN,
    interval_lo     VARCHAR,
    interval_hi     VARCHAR,
    date_source     VARCHAR,
    date_evidence   JSON
);
CREATE TABLE IF NOT EXISTS duplicates (
    id          VARCHAR PRIMARY KEY,
    canonical   VARCHAR,
    kind        VARCHAR,
    similarity  DOUBLE
);
CREATE TABLE IF NOT EXISTS minhashes (
    id          VARCHAR PRIMARY KEY,
    hashvalues  UBIGINT[]
);
CREATE TABLE IF NOT EXISTS rejects (
    id      VARCHAR,
    path    VARCHAR,
    reason  VARCHAR,
    raw     BLOB,
    rejected_at TIMESTAMP DEFAULT current_timestamp
);
-- stores made before rejects said where an item failed: 'read', 'clean', 'store', or a later stage of a kept document
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS stage VARCHAR DEFAULT 'read';
CREATE TABLE IF NOT EXISTS pins (
    doc   VARCHAR PRIMARY KEY,
    date  VARCHAR
);
CREATE TABLE IF NOT EXISTS sentences (
    doc    VARCHAR,
    idx    INTEGER,
    start  INTEGER,
    "end"  INTEGER,
    text   VARCHAR
);
CREATE TABLE IF NOT EXISTS timexes (
    doc       VARCHAR,
    idx       INTEGER,
    sentence  INTEGER,
    start     INTEGER,
    "end"     INTEGER,
    text      VARCHAR,
    type      VARCHAR,
    value     VARCHAR,
    anchored  BOOLEAN,
    relative  VARCHAR,
    rule      VARCHAR,
    interval_lo VARCHAR,
    interval_hi VARCHAR,
    certain   BOOLEAN
);
CREATE TABLE IF NOT EXISTS mentions (
    doc       VARCHAR,
    idx       INTEGER,
    sentence  INTEGER,
    start     INTEGER,
    "end"     INTEGER,
    text      VARCHAR,
    label     VARCHAR,
    actor     VARCHAR,
    role      VARCHAR,
    country   VARCHAR
);
-- stores made before mentions had roles and countries
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS role VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS country VARCHAR;
CREATE TABLE IF NOT EXISTS actors (
    id        VARCHAR PRIMARY KEY,
    name      VARCHAR,
    type      VARCHAR,
    country   VARCHAR,
    roles     JSON,
    aliases   JSON,
    mentions  INTEGER
);
CREATE TABLE IF NOT EXISTS events (
    id          VARCHAR PRIMARY KEY,
    doc         VARCHAR,
    sentence    INTEGER,
    start       INTEGER,
    "end"       INTEGER,
    text        VARCHAR,
    category    VARCHAR,
    mode        VARCHAR,
    actors      JSON,
    recipients  JSON,
    location    VARCHAR,
    negated     BOOLEAN,
    hypothetical BOOLEAN,
    future      BOOLEAN,
    trigger     VARCHAR,
    timex       INTEGER,
    date        VARCHAR,
    certain     BOOLEAN,
    interval_lo VARCHAR,
    interval_hi VARCHAR,
    date_source VARCHAR,
    date_evidence JSON,
    cluster     VARCHAR
);
-- stores made before events were told apart from background facts
ALTER TABLE events ADD COLUMN IF NOT EXISTS background BOOLEAN;
CREATE TABLE IF NOT EXISTS quotes (
    id         VARCHAR PRIMARY KEY,
    doc        VARCHAR,
    sentence   INTEGER,
    start      INTEGER,
    "end"      INTEGER,
    text       VARCHAR,
    speaker    VARCHAR,
    actor      VARCHAR,
    cue        VARCHAR,
    cue_start  INTEGER,
    cue_end    INTEGER,
    direct     BOOLEAN,
    speaker_start INTEGER,
    speaker_end   INTEGER
);
-- stores made before quotes kept the speaker's offsets
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_start INTEGER;
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_end INTEGER;
CREATE TABLE IF NOT EXISTS clusters (
    id          VARCHAR PRIMARY KEY,
    events      JSON,
    documents   JSON,
    category    VARCHAR,
    actors      JSON,
    date        VARCHAR,
    certain     BOOLEAN,
    interval_lo VARCHAR,
    interval_hi VARCHAR,
    date_source VARCHAR,
    date_evidence JSON,
    summary     VARCHAR,
    story       VARCHAR
);
-- the clustering index: each cluster under its keys (actors 'a:...', rare words 't:...') in the weeks it spans
-- (-1: no narrow date); a build looks up the clusters its new events may join here
CREATE TABLE IF NOT EXISTS cluster_keys (
    cluster  VARCHAR,
    key      VARCHAR,
    bucket   INTEGER
);
-- how many sentences hold each hashed word stem (storyline.cluster.terms), for word weights; one row
CREATE TABLE IF NOT EXISTS term_stats (
    id    INTEGER PRIMARY KEY,
    docs  BIGINT,
    df    BLOB
);
