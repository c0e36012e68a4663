CREATE TABLE `home_district_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`district_id` integer,
	`since` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `home_district_history_user_idx` ON `home_district_history` (`user_id`,`since`);--> statement-breakpoint
CREATE TABLE `ballot_choices` (
	`ballot_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	`tokens` integer NOT NULL,
	PRIMARY KEY(`ballot_id`, `project_id`),
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`project_id`) REFERENCES `budget_projects`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ballot_choices_tokens" CHECK("ballot_choices"."tokens" >= 1)
);
--> statement-breakpoint
CREATE INDEX `ballot_choices_project_idx` ON `ballot_choices` (`project_id`);--> statement-breakpoint
CREATE TABLE `ballot_drafts` (
	`envelope_id` integer NOT NULL,
	`voter_id` text NOT NULL,
	`choices` text NOT NULL,
	`token` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`envelope_id`, `voter_id`),
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `ballot_drafts_voter_idx` ON `ballot_drafts` (`voter_id`);--> statement-breakpoint
CREATE TABLE `ballot_voters` (
	`envelope_id` integer NOT NULL,
	`voter_id` text NOT NULL,
	`ballot_id` integer,
	`source` text NOT NULL,
	`voted_at` integer NOT NULL,
	`marked_by` text,
	PRIMARY KEY(`envelope_id`, `voter_id`),
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ballot_id`) REFERENCES `ballots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`marked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballot_voters_ballot_id_unique` ON `ballot_voters` (`ballot_id`);--> statement-breakpoint
CREATE INDEX `ballot_voters_voter_idx` ON `ballot_voters` (`voter_id`);--> statement-breakpoint
CREATE TABLE `ballots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`envelope_id` integer NOT NULL,
	`receipt_code` text NOT NULL,
	`source` text NOT NULL,
	`cast_at` integer NOT NULL,
	`superseded_at` integer,
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballots_receipt_code_unique` ON `ballots` (`receipt_code`);--> statement-breakpoint
CREATE INDEX `ballots_envelope_idx` ON `ballots` (`envelope_id`,`superseded_at`);--> statement-breakpoint
CREATE TABLE `budget_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`currency` text NOT NULL,
	`method` text DEFAULT 'tokens' NOT NULL,
	`winner_rule` text DEFAULT 'greedy' NOT NULL,
	`tokens` integer DEFAULT 10 NOT NULL,
	`max_tokens_per_project` integer,
	`min_approvals` integer DEFAULT 1 NOT NULL,
	`max_approvals` integer DEFAULT 5 NOT NULL,
	`min_account_age_days` integer DEFAULT 0 NOT NULL,
	`residency_cutoff_at` integer NOT NULL,
	`collecting_at` integer NOT NULL,
	`reviewing_at` integer NOT NULL,
	`voting_at` integer NOT NULL,
	`voting_ends_at` integer NOT NULL,
	`voting_closed_early_at` integer,
	`implementing_at` integer,
	`closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "budget_cycles_dates" CHECK("budget_cycles"."collecting_at" < "budget_cycles"."reviewing_at" and "budget_cycles"."reviewing_at" < "budget_cycles"."voting_at" and "budget_cycles"."voting_at" < "budget_cycles"."voting_ends_at"),
	CONSTRAINT "budget_cycles_tokens" CHECK("budget_cycles"."tokens" between 1 and 1000 and ("budget_cycles"."max_tokens_per_project" is null or "budget_cycles"."max_tokens_per_project" between 1 and "budget_cycles"."tokens")),
	CONSTRAINT "budget_cycles_approvals" CHECK("budget_cycles"."min_approvals" >= 1 and "budget_cycles"."max_approvals" >= "budget_cycles"."min_approvals")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_cycles_slug_unique` ON `budget_cycles` (`slug`);--> statement-breakpoint
CREATE INDEX `budget_cycles_voting_idx` ON `budget_cycles` (`voting_at`,`voting_ends_at`);--> statement-breakpoint
CREATE TABLE `budget_envelopes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`district_id` integer,
	`amount` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `budget_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`district_id`) REFERENCES `districts`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "budget_envelopes_amount" CHECK("budget_envelopes"."amount" > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_envelopes_district_idx` ON `budget_envelopes` (`cycle_id`,`district_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `budget_envelopes_city_idx` ON `budget_envelopes` (`cycle_id`) WHERE "budget_envelopes"."district_id" is null;--> statement-breakpoint
CREATE TABLE `budget_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`cycle_id` integer NOT NULL,
	`envelope_id` integer NOT NULL,
	`idea_id` integer NOT NULL,
	`feasibility` text DEFAULT 'pending' NOT NULL,
	`cost` integer,
	`review_note` text,
	`review_note_html` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`shortlisted_at` integer,
	`submitted_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`cycle_id`) REFERENCES `budget_cycles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`envelope_id`) REFERENCES `budget_envelopes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "budget_projects_cost" CHECK("budget_projects"."cost" is null or "budget_projects"."cost" > 0),
	CONSTRAINT "budget_projects_shortlist" CHECK("budget_projects"."shortlisted_at" is null or ("budget_projects"."feasibility" = 'feasible' and "budget_projects"."cost" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `budget_projects_idea_idx` ON `budget_projects` (`cycle_id`,`idea_id`);--> statement-breakpoint
CREATE INDEX `budget_projects_envelope_idx` ON `budget_projects` (`envelope_id`,`shortlisted_at`);--> statement-breakpoint
-- Where each person lived and since when, kept by the database for every writer (sign-up, profile,
-- seed, admin): a district envelope's electorate is read as of the cycle's cutoff.
INSERT INTO `home_district_history` (`user_id`, `district_id`, `since`) SELECT `id`, `home_district_id`, `created_at` FROM `users`;
--> statement-breakpoint
CREATE TRIGGER home_district_history_insert AFTER INSERT ON users
BEGIN
  INSERT INTO home_district_history (user_id, district_id, since) VALUES (new.id, new.home_district_id, new.created_at);
END;
--> statement-breakpoint
CREATE TRIGGER home_district_history_update AFTER UPDATE OF home_district_id ON users WHEN old.home_district_id IS NOT new.home_district_id
BEGIN
  INSERT INTO home_district_history (user_id, district_id, since) VALUES (new.id, new.home_district_id, unixepoch());
END;
--> statement-breakpoint
-- A cast ballot is never rewritten or erased: an edit writes a new ballot and supersedes the old one, once.
CREATE TRIGGER ballots_no_delete BEFORE DELETE ON ballots
BEGIN
  SELECT RAISE(ABORT, 'ballots are never deleted');
END;
--> statement-breakpoint
CREATE TRIGGER ballots_supersede_only BEFORE UPDATE ON ballots
WHEN old.superseded_at IS NOT NULL OR new.superseded_at IS NULL OR new.envelope_id IS NOT old.envelope_id OR new.receipt_code IS NOT old.receipt_code OR new.source IS NOT old.source OR new.cast_at IS NOT old.cast_at
BEGIN
  SELECT RAISE(ABORT, 'a ballot is only ever superseded');
END;
--> statement-breakpoint
CREATE TRIGGER ballot_choices_no_update BEFORE UPDATE ON ballot_choices
BEGIN
  SELECT RAISE(ABORT, 'ballot choices are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER ballot_choices_no_delete BEFORE DELETE ON ballot_choices
BEGIN
  SELECT RAISE(ABORT, 'ballot choices are never deleted');
END;
--> statement-breakpoint
-- An online ballot only while its cycle's voting is open, by the server's clock.
CREATE TRIGGER ballots_online_while_voting BEFORE INSERT ON ballots
WHEN new.source = 'online' AND NOT EXISTS (
  SELECT 1 FROM budget_envelopes e JOIN budget_cycles c ON c.id = e.cycle_id
  WHERE e.id = new.envelope_id AND unixepoch() >= c.voting_at AND unixepoch() < min(c.voting_ends_at, coalesce(c.voting_closed_early_at, c.voting_ends_at))
)
BEGIN
  SELECT RAISE(ABORT, 'voting is not open');
END;
--> statement-breakpoint
-- Once a ballot exists the rules cannot change: method, winner rule, limits, eligibility, amounts, costs.
CREATE TRIGGER budget_cycles_rules_locked BEFORE UPDATE ON budget_cycles
WHEN (new.method IS NOT old.method OR new.winner_rule IS NOT old.winner_rule OR new.tokens IS NOT old.tokens
  OR new.max_tokens_per_project IS NOT old.max_tokens_per_project OR new.min_approvals IS NOT old.min_approvals
  OR new.max_approvals IS NOT old.max_approvals OR new.min_account_age_days IS NOT old.min_account_age_days
  OR new.residency_cutoff_at IS NOT old.residency_cutoff_at OR new.voting_at IS NOT old.voting_at)
  AND EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = old.id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
--> statement-breakpoint
CREATE TRIGGER budget_envelopes_amount_locked BEFORE UPDATE ON budget_envelopes
WHEN (new.amount IS NOT old.amount OR new.district_id IS NOT old.district_id) AND EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = old.cycle_id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
--> statement-breakpoint
CREATE TRIGGER budget_envelopes_locked_delete BEFORE DELETE ON budget_envelopes
WHEN EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = old.cycle_id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
--> statement-breakpoint
CREATE TRIGGER budget_envelopes_locked_insert BEFORE INSERT ON budget_envelopes
WHEN EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = new.cycle_id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
--> statement-breakpoint
CREATE TRIGGER budget_projects_cost_locked BEFORE UPDATE ON budget_projects
WHEN (new.cost IS NOT old.cost OR new.envelope_id IS NOT old.envelope_id OR (old.shortlisted_at IS NOT NULL AND new.shortlisted_at IS NULL) OR (old.shortlisted_at IS NULL AND new.shortlisted_at IS NOT NULL))
  AND EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = old.cycle_id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
