CREATE TABLE `project_trackers` (
	`idea_id` integer PRIMARY KEY NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`spent` integer DEFAULT 0 NOT NULL,
	`expected_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "project_trackers_progress" CHECK("project_trackers"."progress" between 0 and 100),
	CONSTRAINT "project_trackers_spent" CHECK("project_trackers"."spent" >= 0)
);
--> statement-breakpoint
CREATE INDEX `project_trackers_updated_idx` ON `project_trackers` (`updated_at`);--> statement-breakpoint
CREATE TABLE `project_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`progress` integer NOT NULL,
	`spent` integer NOT NULL,
	`photos` text NOT NULL,
	`completes` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `project_updates_idea_idx` ON `project_updates` (`idea_id`,`id`);