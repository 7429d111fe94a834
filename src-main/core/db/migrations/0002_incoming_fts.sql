-- Full-text search over incoming documents, confirmed and pending. The indexed text is `search_text`, already folded by
-- the app (foldVietnamese: no accents, đ→d, lower case) because unicode61 does not fold đ; remove_diacritics 2 is kept
-- for anything the app did not fold. Each FTS row's rowid is the rowid of its source row.
-- Triggers keep the index in step with every writer (registration, pull, replica reset). The BEFORE INSERT triggers
-- drop the entry of a row that INSERT OR REPLACE is about to replace: REPLACE does not fire delete triggers.
CREATE VIRTUAL TABLE `incoming_fts` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `pending_incoming_fts` USING fts5(`body`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `incoming_fts` (`rowid`, `body`) SELECT `rowid`, `search_text` FROM `incoming_documents`;
--> statement-breakpoint
INSERT INTO `pending_incoming_fts` (`rowid`, `body`) SELECT `rowid`, `search_text` FROM `pending_incoming`;
--> statement-breakpoint
CREATE TRIGGER `incoming_fts_before_insert` BEFORE INSERT ON `incoming_documents` BEGIN
  DELETE FROM `incoming_fts` WHERE `rowid` = (SELECT `rowid` FROM `incoming_documents` WHERE `id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `incoming_fts_after_insert` AFTER INSERT ON `incoming_documents` BEGIN
  INSERT INTO `incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `incoming_fts_after_update` AFTER UPDATE OF `search_text` ON `incoming_documents` BEGIN
  DELETE FROM `incoming_fts` WHERE `rowid` = old.`rowid`;
  INSERT INTO `incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `incoming_fts_after_delete` AFTER DELETE ON `incoming_documents` BEGIN
  DELETE FROM `incoming_fts` WHERE `rowid` = old.`rowid`;
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_before_insert` BEFORE INSERT ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = (SELECT `rowid` FROM `pending_incoming` WHERE `id` = new.`id`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_insert` AFTER INSERT ON `pending_incoming` BEGIN
  INSERT INTO `pending_incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_update` AFTER UPDATE OF `search_text` ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = old.`rowid`;
  INSERT INTO `pending_incoming_fts` (`rowid`, `body`) VALUES (new.`rowid`, new.`search_text`);
END;
--> statement-breakpoint
CREATE TRIGGER `pending_incoming_fts_after_delete` AFTER DELETE ON `pending_incoming` BEGIN
  DELETE FROM `pending_incoming_fts` WHERE `rowid` = old.`rowid`;
END;
--> statement-breakpoint
CREATE INDEX `incoming_documents_arrival_date_idx` ON `incoming_documents` (`arrival_date`);
