CREATE TABLE `action_links` (
	`id` text PRIMARY KEY NOT NULL,
	`action_id` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`added_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`added_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_links_action_idx` ON `action_links` (`action_id`);--> statement-breakpoint
CREATE TABLE `action_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`action_id` text NOT NULL,
	`date` text NOT NULL,
	`participant_ids` text DEFAULT '[]' NOT NULL,
	`minutes_document_id` text,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`minutes_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `action_meetings_action_idx` ON `action_meetings` (`action_id`,`date`);--> statement-breakpoint
CREATE TABLE `action_notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`action_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`change` text NOT NULL,
	`state` text NOT NULL,
	`created_at` integer NOT NULL,
	`read_at` integer,
	`emailed_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_notifications_user_idx` ON `action_notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `action_organisations` (
	`action_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`action_id`, `organisation_id`, `role`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_organisations_org_idx` ON `action_organisations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `action_partners` (
	`action_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`action_id`, `user_id`),
	FOREIGN KEY (`action_id`) REFERENCES `actions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `action_partners_user_idx` ON `action_partners` (`user_id`);--> statement-breakpoint
CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`state` text NOT NULL,
	`needs` text DEFAULT '[]' NOT NULL,
	`owner_id` text,
	`start_date` text,
	`due_date` text,
	`requester_id` text,
	`request_kind` text,
	`situation` integer,
	`option` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`requester_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actions_state_idx` ON `actions` (`state`,`updated_at`);--> statement-breakpoint
CREATE INDEX `actions_owner_idx` ON `actions` (`owner_id`);--> statement-breakpoint
CREATE INDEX `actions_requester_idx` ON `actions` (`requester_id`);