CREATE TABLE `comment_ratings` (
	`comment_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`comment_id`, `user_id`),
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`parent_id` integer,
	`depth` integer DEFAULT 0 NOT NULL,
	`body` text NOT NULL,
	`stance` text DEFAULT 'none' NOT NULL,
	`helpful_count` integer DEFAULT 0 NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`deleted_at` integer,
	`edited_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "comments_stance_check" CHECK("comments"."stance" in ('for','against','none')),
	CONSTRAINT "comments_depth_check" CHECK("comments"."depth" between 0 and 2),
	CONSTRAINT "comments_body_length" CHECK(length("comments"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE INDEX `comments_idea_created_idx` ON `comments` (`idea_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_idea_stance_helpful_idx` ON `comments` (`idea_id`,`stance`,`helpful_count`);--> statement-breakpoint
CREATE INDEX `comments_parent_idx` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `comments_author_idx` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `idea_follows` (
	`idea_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`idea_id`, `user_id`),
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idea_follows_user_idx` ON `idea_follows` (`user_id`);--> statement-breakpoint
CREATE TABLE `idea_photos` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`position` integer NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "idea_photos_position_range" CHECK("idea_photos"."position" between 0 and 3)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `idea_photos_file_name_unique` ON `idea_photos` (`file_name`);--> statement-breakpoint
CREATE UNIQUE INDEX `idea_photos_position_idx` ON `idea_photos` (`idea_id`,`position`);--> statement-breakpoint
CREATE TABLE `idea_votes` (
	`idea_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`value` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`idea_id`, `user_id`),
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "idea_votes_value_check" CHECK("idea_votes"."value" in (-1, 1))
);
--> statement-breakpoint
CREATE INDEX `idea_votes_user_idx` ON `idea_votes` (`user_id`);--> statement-breakpoint
CREATE TABLE `ideas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`author_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category_id` integer,
	`district_id` integer,
	`latitude` real,
	`longitude` real,
	`estimated_cost` integer,
	`status` text DEFAULT 'published' NOT NULL,
	`hidden_at` integer,
	`hidden_reason` text,
	`listed` integer DEFAULT true NOT NULL,
	`up_count` integer DEFAULT 0 NOT NULL,
	`down_count` integer DEFAULT 0 NOT NULL,
	`comment_count` integer DEFAULT 0 NOT NULL,
	`hot_score` real NOT NULL,
	`first_response_at` integer,
	`edited_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ideas_status_check" CHECK("ideas"."status" in ('published','under_review','accepted','in_progress','completed','shortlisted','funded','not_funded','declined','merged','withdrawn')),
	CONSTRAINT "ideas_title_length" CHECK(length("ideas"."title") between 1 and 120),
	CONSTRAINT "ideas_body_length" CHECK(length("ideas"."body") between 1 and 10000),
	CONSTRAINT "ideas_latitude_range" CHECK("ideas"."latitude" is null or "ideas"."latitude" between -90 and 90),
	CONSTRAINT "ideas_longitude_range" CHECK("ideas"."longitude" is null or "ideas"."longitude" between -180 and 180),
	CONSTRAINT "ideas_cost_positive" CHECK("ideas"."estimated_cost" is null or "ideas"."estimated_cost" >= 0)
);
--> statement-breakpoint
CREATE INDEX `ideas_listed_hot_idx` ON `ideas` (`listed`,`hot_score`);--> statement-breakpoint
CREATE INDEX `ideas_listed_created_idx` ON `ideas` (`listed`,`created_at`);--> statement-breakpoint
CREATE INDEX `ideas_listed_support_idx` ON `ideas` (`listed`,`up_count`);--> statement-breakpoint
CREATE INDEX `ideas_listed_comments_idx` ON `ideas` (`listed`,`comment_count`);--> statement-breakpoint
CREATE INDEX `ideas_category_hot_idx` ON `ideas` (`category_id`,`listed`,`hot_score`);--> statement-breakpoint
CREATE INDEX `ideas_district_hot_idx` ON `ideas` (`district_id`,`listed`,`hot_score`);--> statement-breakpoint
CREATE INDEX `ideas_status_hot_idx` ON `ideas` (`status`,`listed`,`hot_score`);--> statement-breakpoint
CREATE INDEX `ideas_author_idx` ON `ideas` (`author_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`reporter_id` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`resolved_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "reports_reason_check" CHECK("reports"."reason" in ('spam','offensive','off_topic','duplicate','personal_information','other')),
	CONSTRAINT "reports_target_check" CHECK("reports"."target_type" in ('idea','comment'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_one_per_person_idx` ON `reports` (`target_type`,`target_id`,`reporter_id`);--> statement-breakpoint
CREATE INDEX `reports_open_idx` ON `reports` (`resolved_at`,`target_type`,`target_id`);