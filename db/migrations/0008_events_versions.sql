ALTER TABLE `event_sessions` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `event_sessions` ADD `updated_by` text REFERENCES users(id);