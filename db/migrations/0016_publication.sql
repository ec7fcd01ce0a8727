CREATE TABLE `document_publications` (
	`id` text PRIMARY KEY NOT NULL,
	`document_id` text NOT NULL,
	`number` integer NOT NULL,
	`note` text NOT NULL,
	`title` text NOT NULL,
	`themes` text DEFAULT '[]' NOT NULL,
	`state` blob NOT NULL,
	`published_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `document_publications_number_idx` ON `document_publications` (`document_id`,`number`);--> statement-breakpoint
CREATE INDEX `document_publications_at_idx` ON `document_publications` (`created_at`);--> statement-breakpoint
ALTER TABLE `documents` ADD `published_version` integer;