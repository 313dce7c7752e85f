-- One narrow row per case holding what the triage queue and the dashboard filter, sort and count by:
-- status, assignee, received instant, IP rights as a bit mask, the current case-to-answer clock and the
-- first triage outcome. The cases table's rows are large (the complaint as filed), so reading a
-- hundred thousand of them for a sort or a count blocks the server; these rows are read instead,
-- mostly from covering indexes. Derived data only: the triggers below keep every row equal to what
-- the same query over cases, deadlines and audit_events would give, whatever writes them (verbs,
-- seeders, tests), inside the same transaction. See docs/adr/0010-case-digests-kept-by-triggers.md.
CREATE TABLE `case_digests` (
	`case_id` text PRIMARY KEY NOT NULL,
	`case_rowid` integer NOT NULL,
	`status` text NOT NULL,
	`reference` text,
	`assigned_to` text,
	`submitted_at` text,
	`received_at` text NOT NULL,
	`ip_rights_mask` integer NOT NULL,
	`clock_deadline_id` text,
	`clock_status` text,
	`clock_due_on` text,
	`clock_expires_unix` integer,
	`due_asc_key` text NOT NULL,
	`due_desc_key` text NOT NULL,
	`triage_outcome_seq` integer,
	`triage_outcome_at` text,
	`triage_outcome_action` text,
	`triage_days` integer
) WITHOUT ROWID;
--> statement-breakpoint
-- Each sort order of the triage queue within one status, with every filter column, so a page is read
-- per status in order from the index alone and the pages are merged (a status list is short).
CREATE INDEX `case_digests_status_received` ON `case_digests` (`status`,`received_at`,`case_id`,`assigned_to`,`ip_rights_mask`,`clock_status`,`clock_expires_unix`,`submitted_at`);
--> statement-breakpoint
CREATE INDEX `case_digests_status_due_asc` ON `case_digests` (`status`,`due_asc_key`,`case_id`,`assigned_to`,`ip_rights_mask`,`clock_status`,`clock_expires_unix`,`received_at`);
--> statement-breakpoint
CREATE INDEX `case_digests_status_due_desc` ON `case_digests` (`status`,`due_desc_key`,`case_id`,`assigned_to`,`ip_rights_mask`,`clock_status`,`clock_expires_unix`,`received_at`);
--> statement-breakpoint
-- One person's cases (or the unassigned ones) by status: few enough to read whole and sort.
CREATE INDEX `case_digests_assignee` ON `case_digests` (`assigned_to`,`status`,`received_at`,`case_id`,`due_asc_key`,`due_desc_key`,`ip_rights_mask`,`clock_status`,`clock_expires_unix`,`submitted_at`);
--> statement-breakpoint
-- Cases whose case-to-answer clock is running or stopped are few: a clock filter reads them whole.
CREATE INDEX `case_digests_clock` ON `case_digests` (`clock_status`,`status`,`assigned_to`,`received_at`,`due_asc_key`,`due_desc_key`,`ip_rights_mask`,`clock_expires_unix`);
--> statement-breakpoint
-- A search's matches are case rowids (the full-text index's rowid is the case row's).
CREATE INDEX `case_digests_rowid` ON `case_digests` (`case_rowid`,`status`,`received_at`,`due_asc_key`,`due_desc_key`,`assigned_to`,`ip_rights_mask`,`clock_status`,`clock_expires_unix`);
--> statement-breakpoint
-- Complaints by submission, for the dashboard's weekly counts and time to triage outcome.
CREATE INDEX `case_digests_submitted` ON `case_digests` (`submitted_at`,`status`,`assigned_to`,`triage_days`);
--> statement-breakpoint
-- One row per open (running or stopped) deadline with its case's status, reference and assignee, so
-- the deadlines view and the dashboard's deadline figures read one small table, mostly from its
-- indexes, instead of looking up a case for each deadline. Kept by the triggers below.
CREATE TABLE `open_deadlines` (
	`deadline_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`label` text NOT NULL,
	`status` text NOT NULL,
	`start_on` text NOT NULL,
	`length` integer NOT NULL,
	`unit` text NOT NULL,
	`count` text NOT NULL,
	`calendar` text NOT NULL,
	`roll` text NOT NULL,
	`due_on` text NOT NULL,
	`expires_unix` integer,
	`case_status` text,
	`case_sort_key` text NOT NULL,
	`assigned_to` text
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `open_deadlines_status_due` ON `open_deadlines` (`status`,`due_on`,`deadline_id`,`expires_unix`,`case_status`,`assigned_to`,`rule_id`,`case_id`);
--> statement-breakpoint
CREATE INDEX `open_deadlines_due` ON `open_deadlines` (`due_on`,`deadline_id`,`status`,`expires_unix`,`case_status`,`assigned_to`,`rule_id`,`case_id`);
--> statement-breakpoint
CREATE INDEX `open_deadlines_assignee` ON `open_deadlines` (`assigned_to`,`due_on`,`deadline_id`,`status`,`expires_unix`,`case_status`,`rule_id`,`case_sort_key`);
--> statement-breakpoint
CREATE INDEX `open_deadlines_case_order` ON `open_deadlines` (`case_sort_key`,`due_on`,`deadline_id`,`status`,`expires_unix`,`case_status`,`assigned_to`,`rule_id`);
--> statement-breakpoint
CREATE INDEX `open_deadlines_case` ON `open_deadlines` (`case_id`,`status`,`expires_unix`,`due_on`);
--> statement-breakpoint
-- Completed case-to-answer clocks by completion, for the dashboard's met/missed share and its list.
CREATE INDEX `deadlines_case_to_answer_completed` ON `deadlines` (`completed_at`,`id`,`status`,`due_on`,`case_id`) WHERE rule_id = 'case-to-answer';
--> statement-breakpoint
-- The only clock events that move a running clock's count; most clocks have none.
CREATE INDEX `clock_events_adjustments` ON `clock_events` (`deadline_id`,`kind`,`effective_on`,`days`) WHERE kind IN ('stop', 'restart', 'extension');
--> statement-breakpoint
CREATE TRIGGER `case_digests_case_insert` AFTER INSERT ON `cases`
BEGIN
  DELETE FROM `case_digests` WHERE `case_id` = NEW.id;
  INSERT INTO `case_digests` (`case_id`, `case_rowid`, `status`, `reference`, `assigned_to`, `submitted_at`, `received_at`, `ip_rights_mask`, `clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`, `triage_outcome_seq`, `triage_outcome_at`, `triage_outcome_action`, `triage_days`)
  SELECT NEW.id, NEW.rowid, NEW.status, NEW.reference, NEW.assigned_to, NEW.submitted_at, coalesce(NEW.submitted_at, NEW.created_at),
    CASE WHEN json_valid(NEW.ip_rights) THEN coalesce((SELECT sum(DISTINCT CASE j.value WHEN 'trade_secret' THEN 1 WHEN 'copyright' THEN 2 WHEN 'database_right' THEN 4 WHEN 'patent' THEN 8 WHEN 'design' THEN 16 WHEN 'other' THEN 32 END) FROM json_each(NEW.ip_rights) AS j), 0) ELSE 0 END,
    clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, ''),
    outcome.seq, outcome.at, outcome.action,
    CASE WHEN outcome.seq IS NULL THEN NULL ELSE CAST(julianday(date(outcome.at, CASE WHEN datetime(outcome.at) >= datetime(strftime('%Y', outcome.at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(outcome.at) < datetime(strftime('%Y', outcome.at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) - julianday(date(NEW.submitted_at, CASE WHEN datetime(NEW.submitted_at) >= datetime(strftime('%Y', NEW.submitted_at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(NEW.submitted_at) < datetime(strftime('%Y', NEW.submitted_at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) AS INTEGER) END
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = NEW.id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  LEFT JOIN (SELECT seq, at, action FROM audit_events WHERE case_id = NEW.id AND action IN ('case.accept', 'case.reject', 'case.request_information') ORDER BY seq LIMIT 1) AS outcome ON 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_digests_case_update` AFTER UPDATE OF `id`, `status`, `reference`, `assigned_to`, `submitted_at`, `created_at`, `ip_rights` ON `cases`
BEGIN
  DELETE FROM `case_digests` WHERE `case_id` = OLD.id;
  DELETE FROM `case_digests` WHERE `case_id` = NEW.id;
  INSERT INTO `case_digests` (`case_id`, `case_rowid`, `status`, `reference`, `assigned_to`, `submitted_at`, `received_at`, `ip_rights_mask`, `clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`, `triage_outcome_seq`, `triage_outcome_at`, `triage_outcome_action`, `triage_days`)
  SELECT NEW.id, NEW.rowid, NEW.status, NEW.reference, NEW.assigned_to, NEW.submitted_at, coalesce(NEW.submitted_at, NEW.created_at),
    CASE WHEN json_valid(NEW.ip_rights) THEN coalesce((SELECT sum(DISTINCT CASE j.value WHEN 'trade_secret' THEN 1 WHEN 'copyright' THEN 2 WHEN 'database_right' THEN 4 WHEN 'patent' THEN 8 WHEN 'design' THEN 16 WHEN 'other' THEN 32 END) FROM json_each(NEW.ip_rights) AS j), 0) ELSE 0 END,
    clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, ''),
    outcome.seq, outcome.at, outcome.action,
    CASE WHEN outcome.seq IS NULL THEN NULL ELSE CAST(julianday(date(outcome.at, CASE WHEN datetime(outcome.at) >= datetime(strftime('%Y', outcome.at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(outcome.at) < datetime(strftime('%Y', outcome.at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) - julianday(date(NEW.submitted_at, CASE WHEN datetime(NEW.submitted_at) >= datetime(strftime('%Y', NEW.submitted_at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(NEW.submitted_at) < datetime(strftime('%Y', NEW.submitted_at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) AS INTEGER) END
  FROM (SELECT 1) AS one
  LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = NEW.id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  LEFT JOIN (SELECT seq, at, action FROM audit_events WHERE case_id = NEW.id AND action IN ('case.accept', 'case.reject', 'case.request_information') ORDER BY seq LIMIT 1) AS outcome ON 1;
END;
--> statement-breakpoint
CREATE TRIGGER `case_digests_case_delete` AFTER DELETE ON `cases`
BEGIN
  DELETE FROM `case_digests` WHERE `case_id` = OLD.id;
END;
--> statement-breakpoint
-- The current case-to-answer clock is the newest one not cancelled, as the triage queue has always read it.
CREATE TRIGGER `case_digests_clock_insert` AFTER INSERT ON `deadlines` WHEN NEW.rule_id = 'case-to-answer'
BEGIN
  UPDATE `case_digests` SET (`clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`) = (
    SELECT clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, '')
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = NEW.case_id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  )
  WHERE `case_id` = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_digests_clock_update` AFTER UPDATE OF `case_id`, `rule_id`, `status`, `due_on`, `expires_at`, `created_at` ON `deadlines` WHEN OLD.rule_id = 'case-to-answer' OR NEW.rule_id = 'case-to-answer'
BEGIN
  UPDATE `case_digests` SET (`clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`) = (
    SELECT clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, '')
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = OLD.case_id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  )
  WHERE `case_id` = OLD.case_id;
  UPDATE `case_digests` SET (`clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`) = (
    SELECT clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, '')
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = NEW.case_id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  )
  WHERE `case_id` = NEW.case_id;
END;
--> statement-breakpoint
CREATE TRIGGER `case_digests_clock_delete` AFTER DELETE ON `deadlines` WHEN OLD.rule_id = 'case-to-answer'
BEGIN
  UPDATE `case_digests` SET (`clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`) = (
    SELECT clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, '')
    FROM (SELECT 1) AS one
    LEFT JOIN (SELECT id, status, due_on, expires_at FROM deadlines WHERE case_id = OLD.case_id AND rule_id = 'case-to-answer' AND status <> 'cancelled' ORDER BY created_at DESC, rowid DESC LIMIT 1) AS clock ON 1
  )
  WHERE `case_id` = OLD.case_id;
END;
--> statement-breakpoint
-- The first triage outcome (lowest seq) of a case; audit events are never updated or deleted.
CREATE TRIGGER `case_digests_triage_outcome` AFTER INSERT ON `audit_events` WHEN NEW.case_id IS NOT NULL AND NEW.action IN ('case.accept', 'case.reject', 'case.request_information')
BEGIN
  UPDATE `case_digests` SET `triage_outcome_seq` = NEW.seq, `triage_outcome_at` = NEW.at, `triage_outcome_action` = NEW.action,
    `triage_days` = CAST(julianday(date(NEW.at, CASE WHEN datetime(NEW.at) >= datetime(strftime('%Y', NEW.at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(NEW.at) < datetime(strftime('%Y', NEW.at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) - julianday(date(`submitted_at`, CASE WHEN datetime(`submitted_at`) >= datetime(strftime('%Y', `submitted_at`) || '-03-25', 'weekday 0', '+1 hours') AND datetime(`submitted_at`) < datetime(strftime('%Y', `submitted_at`) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) AS INTEGER)
  WHERE `case_id` = NEW.case_id AND (`triage_outcome_seq` IS NULL OR NEW.seq < `triage_outcome_seq`);
END;
--> statement-breakpoint
CREATE TRIGGER `open_deadlines_deadline_insert` AFTER INSERT ON `deadlines`
BEGIN
  DELETE FROM `open_deadlines` WHERE `deadline_id` = NEW.id;
  INSERT INTO `open_deadlines` (`deadline_id`, `case_id`, `rule_id`, `label`, `status`, `start_on`, `length`, `unit`, `count`, `calendar`, `roll`, `due_on`, `expires_unix`, `case_status`, `case_sort_key`, `assigned_to`)
  SELECT NEW.id, NEW.case_id, NEW.rule_id, NEW.label, NEW.status, NEW.start_on, NEW.length, NEW.unit, NEW.count, NEW.calendar, NEW.roll, NEW.due_on,
    unixepoch(NEW.expires_at), c.status, coalesce(c.reference, ''), c.assigned_to
  FROM (SELECT 1) AS one LEFT JOIN cases AS c ON c.id = NEW.case_id
  WHERE NEW.status IN ('running', 'stopped');
END;
--> statement-breakpoint
CREATE TRIGGER `open_deadlines_deadline_update` AFTER UPDATE ON `deadlines`
BEGIN
  DELETE FROM `open_deadlines` WHERE `deadline_id` = OLD.id;
  DELETE FROM `open_deadlines` WHERE `deadline_id` = NEW.id;
  INSERT INTO `open_deadlines` (`deadline_id`, `case_id`, `rule_id`, `label`, `status`, `start_on`, `length`, `unit`, `count`, `calendar`, `roll`, `due_on`, `expires_unix`, `case_status`, `case_sort_key`, `assigned_to`)
  SELECT NEW.id, NEW.case_id, NEW.rule_id, NEW.label, NEW.status, NEW.start_on, NEW.length, NEW.unit, NEW.count, NEW.calendar, NEW.roll, NEW.due_on,
    unixepoch(NEW.expires_at), c.status, coalesce(c.reference, ''), c.assigned_to
  FROM (SELECT 1) AS one LEFT JOIN cases AS c ON c.id = NEW.case_id
  WHERE NEW.status IN ('running', 'stopped');
END;
--> statement-breakpoint
CREATE TRIGGER `open_deadlines_deadline_delete` AFTER DELETE ON `deadlines`
BEGIN
  DELETE FROM `open_deadlines` WHERE `deadline_id` = OLD.id;
END;
--> statement-breakpoint
-- A case's status, reference and assignee, copied onto its open deadlines.
CREATE TRIGGER `open_deadlines_case_insert` AFTER INSERT ON `cases`
BEGIN
  UPDATE `open_deadlines` SET `case_status` = NEW.status, `case_sort_key` = coalesce(NEW.reference, ''), `assigned_to` = NEW.assigned_to WHERE `case_id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `open_deadlines_case_update` AFTER UPDATE OF `id`, `status`, `reference`, `assigned_to` ON `cases`
BEGIN
  UPDATE `open_deadlines` SET `case_status` = NULL, `case_sort_key` = '', `assigned_to` = NULL WHERE `case_id` = OLD.id AND OLD.id IS NOT NEW.id;
  UPDATE `open_deadlines` SET `case_status` = NEW.status, `case_sort_key` = coalesce(NEW.reference, ''), `assigned_to` = NEW.assigned_to WHERE `case_id` = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `open_deadlines_case_delete` AFTER DELETE ON `cases`
BEGIN
  UPDATE `open_deadlines` SET `case_status` = NULL, `case_sort_key` = '', `assigned_to` = NULL WHERE `case_id` = OLD.id;
END;
--> statement-breakpoint
-- Full-text search, rebuilt with prefix indexes for one and two characters: a search for a short
-- word's beginning ("a", "re") otherwise merges the lists of hundreds of terms, which took tens of
-- milliseconds over a hundred thousand complaints. Same columns, tokenizer and rowids (the case rows').
CREATE VIRTUAL TABLE `case_search_prefixed` USING fts5(reference, parties, body, tokenize = 'porter unicode61 remove_diacritics 2', prefix = '1 2');
--> statement-breakpoint
INSERT INTO `case_search_prefixed` (rowid, reference, parties, body) SELECT rowid, reference, parties, body FROM `case_search`;
--> statement-breakpoint
DROP TABLE `case_search`;
--> statement-breakpoint
ALTER TABLE `case_search_prefixed` RENAME TO `case_search`;
--> statement-breakpoint
INSERT INTO `case_search` (`case_search`) VALUES ('optimize');
--> statement-breakpoint
-- Existing cases, read in one pass over each table rather than one lookup per case.
INSERT INTO `case_digests` (`case_id`, `case_rowid`, `status`, `reference`, `assigned_to`, `submitted_at`, `received_at`, `ip_rights_mask`, `clock_deadline_id`, `clock_status`, `clock_due_on`, `clock_expires_unix`, `due_asc_key`, `due_desc_key`, `triage_outcome_seq`, `triage_outcome_at`, `triage_outcome_action`, `triage_days`)
WITH clocks AS MATERIALIZED (
  SELECT case_id, id, status, due_on, expires_at, row_number() OVER (PARTITION BY case_id ORDER BY created_at DESC, rowid DESC) AS n
  FROM deadlines WHERE rule_id = 'case-to-answer' AND status <> 'cancelled'
), outcomes AS MATERIALIZED (
  SELECT case_id, seq, at, action, row_number() OVER (PARTITION BY case_id ORDER BY seq) AS n
  FROM audit_events WHERE case_id IS NOT NULL AND action IN ('case.accept', 'case.reject', 'case.request_information')
)
SELECT c.id, c.rowid, c.status, c.reference, c.assigned_to, c.submitted_at, coalesce(c.submitted_at, c.created_at),
  CASE WHEN json_valid(c.ip_rights) THEN coalesce((SELECT sum(DISTINCT CASE j.value WHEN 'trade_secret' THEN 1 WHEN 'copyright' THEN 2 WHEN 'database_right' THEN 4 WHEN 'patent' THEN 8 WHEN 'design' THEN 16 WHEN 'other' THEN 32 END) FROM json_each(c.ip_rights) AS j), 0) ELSE 0 END,
  clock.id, clock.status, clock.due_on, unixepoch(clock.expires_at), coalesce(clock.due_on, '9999-99-99'), coalesce(clock.due_on, ''),
  outcome.seq, outcome.at, outcome.action,
  CASE WHEN outcome.seq IS NULL THEN NULL ELSE CAST(julianday(date(outcome.at, CASE WHEN datetime(outcome.at) >= datetime(strftime('%Y', outcome.at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(outcome.at) < datetime(strftime('%Y', outcome.at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) - julianday(date(c.submitted_at, CASE WHEN datetime(c.submitted_at) >= datetime(strftime('%Y', c.submitted_at) || '-03-25', 'weekday 0', '+1 hours') AND datetime(c.submitted_at) < datetime(strftime('%Y', c.submitted_at) || '-10-25', 'weekday 0', '+1 hours') THEN '+1 hours' ELSE '+0 hours' END)) AS INTEGER) END
FROM cases AS c
LEFT JOIN clocks AS clock ON clock.case_id = c.id AND clock.n = 1
LEFT JOIN outcomes AS outcome ON outcome.case_id = c.id AND outcome.n = 1;
--> statement-breakpoint
INSERT INTO `open_deadlines` (`deadline_id`, `case_id`, `rule_id`, `label`, `status`, `start_on`, `length`, `unit`, `count`, `calendar`, `roll`, `due_on`, `expires_unix`, `case_status`, `case_sort_key`, `assigned_to`)
SELECT d.id, d.case_id, d.rule_id, d.label, d.status, d.start_on, d.length, d.unit, d.count, d.calendar, d.roll, d.due_on,
  unixepoch(d.expires_at), c.status, coalesce(c.reference, ''), c.assigned_to
FROM deadlines AS d LEFT JOIN cases AS c ON c.id = d.case_id
WHERE d.status IN ('running', 'stopped');
