-- Full-text search over thread titles and message texts, accents folded ("reeducation" finds
-- "rééducation"). The FTS rowid is the message id / the thread's rowid, kept in step by triggers.
CREATE VIRTUAL TABLE `thread_messages_fts` USING fts5(
	`body`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `threads_fts` USING fts5(
	`title`,
	tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `thread_messages_fts_insert` AFTER INSERT ON `thread_messages` BEGIN
	INSERT INTO `thread_messages_fts`(rowid, `body`) VALUES (new.`id`, new.`source`);
END;
--> statement-breakpoint
CREATE TRIGGER `thread_messages_fts_update` AFTER UPDATE OF `source` ON `thread_messages` BEGIN
	DELETE FROM `thread_messages_fts` WHERE rowid = old.`id`;
	INSERT INTO `thread_messages_fts`(rowid, `body`) VALUES (new.`id`, new.`source`);
END;
--> statement-breakpoint
CREATE TRIGGER `thread_messages_fts_delete` AFTER DELETE ON `thread_messages` BEGIN
	DELETE FROM `thread_messages_fts` WHERE rowid = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `threads_fts_insert` AFTER INSERT ON `threads` BEGIN
	INSERT INTO `threads_fts`(rowid, `title`) VALUES (new.rowid, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `threads_fts_update` AFTER UPDATE OF `title` ON `threads` BEGIN
	DELETE FROM `threads_fts` WHERE rowid = old.rowid;
	INSERT INTO `threads_fts`(rowid, `title`) VALUES (new.rowid, new.`title`);
END;
--> statement-breakpoint
CREATE TRIGGER `threads_fts_delete` AFTER DELETE ON `threads` BEGIN
	DELETE FROM `threads_fts` WHERE rowid = old.rowid;
END;
