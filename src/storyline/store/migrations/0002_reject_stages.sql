-- Rejects say where an item failed: 'read', 'clean', 'store' (it is not a document), or a later stage of a kept
-- document ('timex', 'events', ...), which the next build runs again.
ALTER TABLE rejects ADD COLUMN IF NOT EXISTS stage VARCHAR DEFAULT 'read';
