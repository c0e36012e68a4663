CREATE TABLE `department_members` (
	`department_id` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`department_id`, `user_id`),
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `department_members_user_idx` ON `department_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `routing_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer,
	`district_id` integer,
	`department_id` integer NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `routing_rules_pair_idx` ON `routing_rules` (coalesce("category_id", 0), coalesce("district_id", 0));--> statement-breakpoint
CREATE TABLE `idea_merge_moves` (
	`merge_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`value` integer,
	PRIMARY KEY(`merge_id`, `user_id`, `kind`),
	FOREIGN KEY (`merge_id`) REFERENCES `idea_merges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `idea_merges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`duplicate_id` integer NOT NULL,
	`original_id` integer NOT NULL,
	`actor_id` text,
	`note` text NOT NULL,
	`from_status` text NOT NULL,
	`created_at` integer NOT NULL,
	`undone_at` integer,
	`undone_by` text,
	FOREIGN KEY (`duplicate_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`original_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`undone_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_merges_duplicate_idx` ON `idea_merges` (`duplicate_id`,`undone_at`);--> statement-breakpoint
CREATE INDEX `idea_merges_original_idx` ON `idea_merges` (`original_id`);--> statement-breakpoint
CREATE TABLE `idea_timeline` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`kind` text NOT NULL,
	`actor_id` text,
	`department_id` integer,
	`from_status` text,
	`to_status` text,
	`body` text,
	`body_html` text,
	`other_idea_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_timeline_idea_idx` ON `idea_timeline` (`idea_id`,`id`);--> statement-breakpoint
CREATE INDEX `idea_timeline_kind_created_idx` ON `idea_timeline` (`kind`,`created_at`);--> statement-breakpoint
CREATE TABLE `response_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "response_templates_title_length" CHECK(length("response_templates"."title") between 1 and 120),
	CONSTRAINT "response_templates_body_length" CHECK(length("response_templates"."body") between 1 and 10000)
);
--> statement-breakpoint
CREATE INDEX `response_templates_status_idx` ON `response_templates` (`status`,`locale`);--> statement-breakpoint
CREATE TABLE `scheduled_runs` (
	`job` text NOT NULL,
	`period` text NOT NULL,
	`ran_at` integer NOT NULL,
	PRIMARY KEY(`job`, `period`)
);
--> statement-breakpoint
ALTER TABLE `ideas` ADD `last_response_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `department_id` integer REFERENCES departments(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `department_assigned_by` text REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `merged_into_id` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `queued_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `queue_reason` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `response_due_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `queue_due_at` integer;--> statement-breakpoint
CREATE INDEX `ideas_department_hot_idx` ON `ideas` (`department_id`,`listed`,`hot_score`);--> statement-breakpoint
CREATE INDEX `ideas_listed_answered_idx` ON `ideas` (`listed`,`last_response_at`);--> statement-breakpoint
CREATE INDEX `ideas_queue_idx` ON `ideas` (`queue_due_at`) WHERE "ideas"."queue_due_at" is not null;--> statement-breakpoint
CREATE INDEX `ideas_queue_department_idx` ON `ideas` (`department_id`,`queue_due_at`) WHERE "ideas"."queue_due_at" is not null;--> statement-breakpoint
CREATE INDEX `ideas_queued_at_idx` ON `ideas` (`queued_at`) WHERE "ideas"."queued_at" is not null;--> statement-breakpoint
CREATE INDEX `ideas_merged_into_idx` ON `ideas` (`merged_into_id`) WHERE "ideas"."merged_into_id" is not null;