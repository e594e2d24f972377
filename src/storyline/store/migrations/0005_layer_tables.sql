-- The tables that hold a layer of the documents (one row per record, a `doc` column naming its document): what a
-- build forgets when a document changes. A stage added to storyline registers its own table here, in the
-- migration that creates it.
CREATE TABLE IF NOT EXISTS layer_tables (
    name   VARCHAR PRIMARY KEY,
    stage  VARCHAR
);
INSERT OR IGNORE INTO layer_tables VALUES
    ('sentences', 'sentences'), ('timexes', 'timex'), ('mentions', 'actors'), ('quotes', 'quotes'),
    ('events', 'events');
