-- The clustering index: each cluster under its keys (actors 'a:...', rare words 't:...') in the weeks it spans
-- (-1: no narrow date); a build looks up the clusters its new events may join here.
CREATE TABLE IF NOT EXISTS cluster_keys (
    cluster  VARCHAR,
    key      VARCHAR,
    bucket   INTEGER
);
-- How many sentences hold each hashed word stem (storyline.cluster.terms), for word weights; one row.
CREATE TABLE IF NOT EXISTS term_stats (
    id    INTEGER PRIMARY KEY,
    docs  BIGINT,
    df    BLOB
);
