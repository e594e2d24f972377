-- Analysed documents whose sentences the word statistics do not count yet: counted, and removed from here, in the
-- transaction that saves the statistics, so that a killed build counts each document once.
CREATE TABLE IF NOT EXISTS uncounted (
    doc  VARCHAR PRIMARY KEY
);
