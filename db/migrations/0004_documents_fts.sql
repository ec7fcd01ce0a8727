-- Full-text search over document titles and text. Accents are folded ("evaluation" finds
-- "évaluation"); the text column is refreshed by the documents feature as the Yjs state changes.
CREATE VIRTUAL TABLE `documents_fts` USING fts5(
	`document_id` UNINDEXED,
	`title`,
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `documents_fts_after_delete` AFTER DELETE ON `documents` BEGIN
	DELETE FROM `documents_fts` WHERE `document_id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_fts_after_title` AFTER UPDATE OF `title` ON `documents` BEGIN
	UPDATE `documents_fts` SET `title` = new.`title` WHERE `document_id` = old.`id`;
END;
