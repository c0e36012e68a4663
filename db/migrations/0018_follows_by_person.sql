DROP INDEX `idea_follows_user_idx`;--> statement-breakpoint
CREATE INDEX `idea_follows_user_idea_idx` ON `idea_follows` (`user_id`,`idea_id`);