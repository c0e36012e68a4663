-- Search indexes public ideas only: hidden and withdrawn ideas cannot leak through it, and the
-- top results can be read from the index alone. Prefix indexes make "bicy*" cheap; the rank
-- weighs a match in the title ten times a match in the body.
DROP TRIGGER ideas_fts_insert;
--> statement-breakpoint
DROP TRIGGER ideas_fts_delete;
--> statement-breakpoint
DROP TRIGGER ideas_fts_update;
--> statement-breakpoint
DROP TABLE ideas_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE ideas_fts USING fts5(
  title, body,
  content='ideas', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  prefix='2 3'
);
--> statement-breakpoint
INSERT INTO ideas_fts(ideas_fts, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
--> statement-breakpoint
INSERT INTO ideas_fts(rowid, title, body) SELECT id, title, body FROM ideas WHERE listed = 1;
--> statement-breakpoint
CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas WHEN new.listed = 1 BEGIN
  INSERT INTO ideas_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas WHEN old.listed = 1 BEGIN
  INSERT INTO ideas_fts(ideas_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
--> statement-breakpoint
-- One trigger, two steps in this order (SQLite gives no order between separate triggers).
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, body, listed ON ideas BEGIN
  INSERT INTO ideas_fts(ideas_fts, rowid, title, body) SELECT 'delete', old.id, old.title, old.body WHERE old.listed = 1;
  INSERT INTO ideas_fts(rowid, title, body) SELECT new.id, new.title, new.body WHERE new.listed = 1;
END;
