CREATE TABLE `moderation_cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`idea_id` integer NOT NULL,
	`author_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`score` real DEFAULT 0 NOT NULL,
	`report_count` integer DEFAULT 0 NOT NULL,
	`spam_score` integer DEFAULT 0 NOT NULL,
	`spam_signals` text NOT NULL,
	`auto_hidden_at` integer,
	`review_of_decision_id` integer,
	`opened_at` integer NOT NULL,
	`last_report_at` integer,
	`decided_at` integer,
	`decided_by` text,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `moderation_cases_open_target_idx` ON `moderation_cases` (`target_type`,`target_id`) WHERE "moderation_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_cases_open_score_idx` ON `moderation_cases` (`score`,`id`) WHERE "moderation_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_cases_open_reports_idx` ON `moderation_cases` (`report_count`,`id`) WHERE "moderation_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_cases_open_opened_idx` ON `moderation_cases` (`opened_at`,`id`) WHERE "moderation_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_cases_open_spam_idx` ON `moderation_cases` (`spam_score`,`id`) WHERE "moderation_cases"."status" = 'open';--> statement-breakpoint
CREATE INDEX `moderation_cases_author_idx` ON `moderation_cases` (`author_id`,`status`);--> statement-breakpoint
CREATE INDEX `moderation_cases_target_idx` ON `moderation_cases` (`target_type`,`target_id`);--> statement-breakpoint
CREATE TABLE `moderation_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_id` integer,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`subject_id` text,
	`public_reason` text,
	`moderator_id` text,
	`review_requested_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `moderation_cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`moderator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `moderation_decisions_created_idx` ON `moderation_decisions` (`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `moderation_decisions_target_idx` ON `moderation_decisions` (`target_type`,`target_id`,`id`);--> statement-breakpoint
CREATE INDEX `moderation_decisions_subject_idx` ON `moderation_decisions` (`subject_id`,`action`);--> statement-breakpoint
ALTER TABLE `users` ADD `silenced_until` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `hidden_kind` text;--> statement-breakpoint
CREATE INDEX `comments_created_idx` ON `comments` (`created_at`);--> statement-breakpoint
ALTER TABLE `ideas` ADD `hidden_kind` text;--> statement-breakpoint
ALTER TABLE `reports` ADD `weight` real DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `case_id` integer;--> statement-breakpoint
ALTER TABLE `reports` ADD `outcome` text;--> statement-breakpoint
CREATE INDEX `reports_case_idx` ON `reports` (`case_id`);--> statement-breakpoint
CREATE INDEX `reports_reporter_outcome_idx` ON `reports` (`reporter_id`,`outcome`);--> statement-breakpoint
-- Reports filed before cases existed become the open cases they belong to (weight 1 each).
INSERT INTO `moderation_cases` (`target_type`, `target_id`, `idea_id`, `author_id`, `kind`, `status`, `score`, `report_count`, `spam_score`, `spam_signals`, `opened_at`, `last_report_at`)
SELECT r.`target_type`, r.`target_id`, CASE WHEN r.`target_type` = 'idea' THEN r.`target_id` ELSE c.`idea_id` END, coalesce(i.`author_id`, c.`author_id`), 'reports', 'open', count(*), count(*), 0, '[]', min(r.`created_at`), max(r.`created_at`)
FROM `reports` r
LEFT JOIN `ideas` i ON r.`target_type` = 'idea' AND i.`id` = r.`target_id`
LEFT JOIN `comments` c ON r.`target_type` = 'comment' AND c.`id` = r.`target_id`
WHERE r.`resolved_at` IS NULL AND coalesce(i.`author_id`, c.`author_id`) IS NOT NULL
GROUP BY r.`target_type`, r.`target_id`;--> statement-breakpoint
UPDATE `reports` SET `case_id` = (SELECT m.`id` FROM `moderation_cases` m WHERE m.`target_type` = `reports`.`target_type` AND m.`target_id` = `reports`.`target_id` AND m.`status` = 'open') WHERE `resolved_at` IS NULL;
