-- The figures stage's layer (storyline.stages.figures): amounts a report gives, with their place in it.
CREATE TABLE IF NOT EXISTS figures (
    doc VARCHAR, idx INTEGER, sentence INTEGER, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR
);
INSERT OR IGNORE INTO layer_tables VALUES ('figures', 'figures');
