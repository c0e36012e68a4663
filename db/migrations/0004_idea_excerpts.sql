ALTER TABLE `ideas` ADD `excerpt` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `ideas_category_created_idx` ON `ideas` (`category_id`,`listed`,`created_at`);--> statement-breakpoint
CREATE INDEX `ideas_district_created_idx` ON `ideas` (`district_id`,`listed`,`created_at`);--> statement-breakpoint
-- Ideas written before excerpts existed: the raw start of the body (new writes store plain text).
UPDATE `ideas` SET `excerpt` = substr(`body`, 1, 200);
