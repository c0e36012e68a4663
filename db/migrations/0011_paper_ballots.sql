CREATE TABLE `paper_ballot_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`envelope_id` integer NOT NULL,
	`batch` text NOT NULL,
	`sequence` integer NOT NULL,
	`choices` text NOT NULL,
	`entered_by` text NOT NULL,
	`entered_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`ballot_id` integer,
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `paper_entries_once_idx` ON `paper_ballot_entries` (`envelope_id`,`batch`,`sequence`,`entered_by`);--> statement-breakpoint
CREATE INDEX `paper_entries_serial_idx` ON `paper_ballot_entries` (`envelope_id`,`batch`,`sequence`);--> statement-breakpoint
CREATE INDEX `paper_entries_status_idx` ON `paper_ballot_entries` (`envelope_id`,`status`);--> statement-breakpoint
ALTER TABLE `ballots` ADD `paper_serial` text;--> statement-breakpoint
CREATE UNIQUE INDEX `ballots_paper_serial_idx` ON `ballots` (`envelope_id`,`paper_serial`) WHERE "ballots"."paper_serial" is not null;--> statement-breakpoint
-- The serial is part of what a ballot is: never rewritten either.
DROP TRIGGER ballots_supersede_only;
--> statement-breakpoint
CREATE TRIGGER ballots_supersede_only BEFORE UPDATE ON ballots
WHEN old.superseded_at IS NOT NULL OR new.superseded_at IS NULL OR new.envelope_id IS NOT old.envelope_id OR new.receipt_code IS NOT old.receipt_code OR new.source IS NOT old.source OR new.cast_at IS NOT old.cast_at OR new.paper_serial IS NOT old.paper_serial
BEGIN
  SELECT RAISE(ABORT, 'a ballot is only ever superseded');
END;
--> statement-breakpoint
-- A paper ballot is written only from two agreeing entries, and only as a paper ballot with its serial.
CREATE TRIGGER ballots_paper_has_serial BEFORE INSERT ON ballots
WHEN (new.source = 'paper') IS NOT (new.paper_serial IS NOT NULL)
BEGIN
  SELECT RAISE(ABORT, 'a paper ballot needs its serial, and only a paper ballot has one');
END;
