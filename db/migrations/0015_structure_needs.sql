CREATE TABLE `structure_need_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`questionnaire_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`answers` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	`submitted_answers` text,
	`submitted_by` text,
	`submitted_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`questionnaire_id`) REFERENCES `structure_need_questionnaires`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `structure_need_answers_key` ON `structure_need_answers` (`questionnaire_id`,`organisation_id`);--> statement-breakpoint
CREATE TABLE `structure_need_questionnaires` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`content` text NOT NULL,
	`updated_by` text,
	`updated_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `structure_need_questionnaires_year_unique` ON `structure_need_questionnaires` (`year`);--> statement-breakpoint
CREATE TABLE `structure_need_readers` (
	`questionnaire_id` text NOT NULL,
	`group_id` text NOT NULL,
	PRIMARY KEY(`questionnaire_id`, `group_id`),
	FOREIGN KEY (`questionnaire_id`) REFERENCES `structure_need_questionnaires`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
