CREATE TABLE `conditions` (
	`code` text PRIMARY KEY NOT NULL,
	`label_fr` text NOT NULL,
	`label_en` text NOT NULL,
	`active` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE TABLE `programme_conditions` (
	`programme_id` text NOT NULL,
	`condition_code` text NOT NULL,
	PRIMARY KEY(`programme_id`, `condition_code`),
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`condition_code`) REFERENCES `conditions`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `programme_conditions_code_idx` ON `programme_conditions` (`condition_code`);--> statement-breakpoint
CREATE TABLE `programme_partners` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`organisation_id` text,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `programme_partners_programme_idx` ON `programme_partners` (`programme_id`);--> statement-breakpoint
CREATE TABLE `programme_sites` (
	`id` text PRIMARY KEY NOT NULL,
	`programme_id` text NOT NULL,
	`commune` text NOT NULL,
	`departement` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`programme_id`) REFERENCES `programmes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `programme_sites_programme_idx` ON `programme_sites` (`programme_id`);--> statement-breakpoint
CREATE INDEX `programme_sites_departement_idx` ON `programme_sites` (`departement`);--> statement-breakpoint
CREATE TABLE `programmes` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`holder_organisation_id` text NOT NULL,
	`coordinator_user_id` text,
	`setting` text NOT NULL,
	`format` text NOT NULL,
	`state` text DEFAULT 'en_cours' NOT NULL,
	`declared_at` text NOT NULL,
	`populations` text DEFAULT '[]' NOT NULL,
	`adaptations` text DEFAULT '[]' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_email` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`public_description` text DEFAULT '' NOT NULL,
	`reference_document_id` text,
	`group_id` text,
	`review_state` text DEFAULT 'brouillon' NOT NULL,
	`review_note` text DEFAULT '' NOT NULL,
	`reviewed_by` text,
	`reviewed_at` integer,
	`published_snapshot` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`created_by` text,
	FOREIGN KEY (`holder_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`coordinator_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reference_document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `programmes_holder_idx` ON `programmes` (`holder_organisation_id`);--> statement-breakpoint
CREATE INDEX `programmes_review_idx` ON `programmes` (`review_state`);