-- Full-text search over idea titles and bodies. An external-content FTS5 table: the text lives
-- once, in ideas; triggers keep the index in step. Diacritics folded so "ecole" finds "école".
CREATE VIRTUAL TABLE ideas_fts USING fts5(
  title, body,
  content='ideas', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER ideas_fts_insert AFTER INSERT ON ideas BEGIN
  INSERT INTO ideas_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER ideas_fts_delete AFTER DELETE ON ideas BEGIN
  INSERT INTO ideas_fts(ideas_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER ideas_fts_update AFTER UPDATE OF title, body ON ideas BEGIN
  INSERT INTO ideas_fts(ideas_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
  INSERT INTO ideas_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
