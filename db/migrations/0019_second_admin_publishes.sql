ALTER TABLE `budget_counts` ADD `publish_requested_by` text REFERENCES users(id) ON DELETE SET NULL;--> statement-breakpoint
ALTER TABLE `budget_counts` ADD `publish_requested_at` integer;--> statement-breakpoint
ALTER TABLE `budget_cycles` ADD `second_admin_publishes` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The rule joins the locked ones: once a ballot exists, nobody can switch the second admin off.
DROP TRIGGER budget_cycles_rules_locked;
--> statement-breakpoint
CREATE TRIGGER budget_cycles_rules_locked BEFORE UPDATE ON budget_cycles
WHEN (new.method IS NOT old.method OR new.winner_rule IS NOT old.winner_rule OR new.tokens IS NOT old.tokens
  OR new.max_tokens_per_project IS NOT old.max_tokens_per_project OR new.min_approvals IS NOT old.min_approvals
  OR new.max_approvals IS NOT old.max_approvals OR new.min_account_age_days IS NOT old.min_account_age_days
  OR new.residency_cutoff_at IS NOT old.residency_cutoff_at OR new.voting_at IS NOT old.voting_at
  OR new.second_admin_publishes IS NOT old.second_admin_publishes)
  AND EXISTS (SELECT 1 FROM ballots b JOIN budget_envelopes e ON e.id = b.envelope_id WHERE e.cycle_id = old.id)
BEGIN
  SELECT RAISE(ABORT, 'the rules are locked: ballots exist');
END;
--> statement-breakpoint
-- Where the cycle says so, results are published only on a request another admin made before:
-- the request must already be there (old row), by someone else, and stay as it was.
CREATE TRIGGER budget_counts_second_admin BEFORE UPDATE OF published_at, published_by, publish_requested_by ON budget_counts
WHEN old.published_at IS NULL AND new.published_at IS NOT NULL
  AND (SELECT second_admin_publishes FROM budget_cycles WHERE id = new.cycle_id) = 1
  AND (old.publish_requested_by IS NULL OR new.published_by IS NULL OR old.publish_requested_by = new.published_by
    OR new.publish_requested_by IS NOT old.publish_requested_by)
BEGIN
  SELECT RAISE(ABORT, 'a second admin must confirm the publication');
END;
--> statement-breakpoint
-- A request is made or withdrawn, never handed to someone else.
CREATE TRIGGER budget_counts_request_kept BEFORE UPDATE OF publish_requested_by ON budget_counts
WHEN old.publish_requested_by IS NOT NULL AND new.publish_requested_by IS NOT NULL AND new.publish_requested_by <> old.publish_requested_by
BEGIN
  SELECT RAISE(ABORT, 'a publication request cannot change hands');
END;
--> statement-breakpoint
-- A count starts unpublished: publication is an update of a counted row, never an insert.
CREATE TRIGGER budget_counts_insert_unpublished BEFORE INSERT ON budget_counts
WHEN new.published_at IS NOT NULL AND (SELECT second_admin_publishes FROM budget_cycles WHERE id = new.cycle_id) = 1
BEGIN
  SELECT RAISE(ABORT, 'a second admin must confirm the publication');
END;
