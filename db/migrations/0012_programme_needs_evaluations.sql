CREATE TABLE `need_indicators` (
	`id` text PRIMARY KEY NOT NULL,
	`departement` text NOT NULL,
	`condition_code` text NOT NULL,
	`indicator` text NOT NULL,
	`label` text NOT NULL,
	`value` real NOT NULL,
	`year` integer NOT NULL,
	`source` text NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`imported_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `need_indicators_key` ON `need_indicators` (`departement`,`condition_code`,`indicator`,`year`);--> statement-breakpoint
CREATE INDEX `need_indicators_condition_idx` ON `need_indicators` (`condition_code`,`indicator`);--> statement-breakpoint
CREATE TABLE `programme_evaluation_reminders` (
	`programme_id` text NOT NULL,
	`kind` text NOT NULL,
	`rank` integer NOT NULL,
	`due_on` text NOT NULL,
	`days_before` integer NOT NULL,
	`sent_at` integer,
	`sent_to` text,
	PRIMARY KEY(`programme_id`, `kind`, `rank`, `due_on`, `days_before`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `programme_evaluations` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`kind` text NOT NULL,
	`rank` integer NOT NULL,
	`state` text NOT NULL,
	`document_id` text,
	`done_on` text,
	`patients_started` integer,
	`patients_completed` integer,
	`group_sessions` integer,
	`individual_sessions` integer,
	`patient_partners` integer,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `programme_evaluations_key` ON `programme_evaluations` (`programme_id`,`kind`,`rank`);