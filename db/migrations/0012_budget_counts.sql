CREATE TABLE `budget_counts` (
	`cycle_id` integer PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`done` integer DEFAULT 0 NOT NULL,
	`envelopes` integer NOT NULL,
	`started_at` integer NOT NULL,
	`started_by` text,
	`finished_at` integer,
	`error` text,
	`published_at` integer,
	`published_by` text,
	FOREIGN KEY (`cycle_id`) REFERENCES `budget_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `budget_results` (
	`envelope_id` integer PRIMARY KEY NOT NULL,
	`cycle_id` integer NOT NULL,
	`rule` text NOT NULL,
	`pb` text NOT NULL,
	`sha256` text NOT NULL,
	`result` text NOT NULL,
	`counted_at` integer NOT NULL,
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cycle_id`) REFERENCES `budget_cycles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
-- Published results are what residents recount: never rewritten, never withdrawn.
CREATE TRIGGER budget_results_published_update BEFORE UPDATE ON budget_results
WHEN EXISTS (SELECT 1 FROM budget_counts WHERE cycle_id = old.cycle_id AND published_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'published results are final');
END;
--> statement-breakpoint
CREATE TRIGGER budget_results_published_delete BEFORE DELETE ON budget_results
WHEN EXISTS (SELECT 1 FROM budget_counts WHERE cycle_id = old.cycle_id AND published_at IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'published results are final');
END;
--> statement-breakpoint
CREATE TRIGGER budget_counts_published_once BEFORE UPDATE ON budget_counts
WHEN old.published_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'published results are final');
END;
