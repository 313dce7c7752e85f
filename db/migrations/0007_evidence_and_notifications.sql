CREATE TABLE `confidentiality_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`evidence_id` text NOT NULL,
	`case_id` text NOT NULL,
	`challenged_by` text NOT NULL,
	`challenger_side` text NOT NULL,
	`reasons` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`decision_reasons` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`challenged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `confidentiality_challenges_evidence` ON `confidentiality_challenges` (`evidence_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `confidentiality_challenges_one_open` ON `confidentiality_challenges` (`evidence_id`) WHERE status = 'open';--> statement-breakpoint
CREATE TABLE `evidence_submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`filing_side` text NOT NULL,
	`filed_by` text NOT NULL,
	`submitted_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_submissions_case` ON `evidence_submissions` (`case_id`);--> statement-breakpoint
CREATE TABLE `integrity_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`evidence_id` text,
	`sha256` text NOT NULL,
	`problem` text NOT NULL,
	`actual_sha256` text,
	`detected_by` text NOT NULL,
	`detected_at` text NOT NULL,
	FOREIGN KEY (`evidence_id`) REFERENCES `evidence`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `integrity_alerts_detected` ON `integrity_alerts` (`detected_at`);--> statement-breakpoint
CREATE TABLE `upload_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`user_id` text NOT NULL,
	`filing_side` text NOT NULL,
	`purpose` text DEFAULT 'evidence' NOT NULL,
	`original_filename` text NOT NULL,
	`declared_size` integer NOT NULL,
	`created_at` text NOT NULL,
	`completed_at` text,
	`evidence_id` text,
	`refused_reason` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `upload_sessions_user` ON `upload_sessions` (`user_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `upload_sessions_created` ON `upload_sessions` (`created_at`);--> statement-breakpoint
CREATE TABLE `calendar_feeds` (
	`id` text PRIMARY KEY NOT NULL,
	`token_hash` text NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_feeds_token` ON `calendar_feeds` (`token_hash`);--> statement-breakpoint
CREATE INDEX `calendar_feeds_user` ON `calendar_feeds` (`user_id`);--> statement-breakpoint
CREATE TABLE `deadline_reminders` (
	`id` text PRIMARY KEY NOT NULL,
	`deadline_id` text NOT NULL,
	`offset_days` integer NOT NULL,
	`recipient_id` text NOT NULL,
	`kind` text NOT NULL,
	`due_on` text NOT NULL,
	`created_at` text NOT NULL,
	`notification_id` text,
	FOREIGN KEY (`deadline_id`) REFERENCES `deadlines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deadline_reminders_once` ON `deadline_reminders` (`deadline_id`,`offset_days`,`recipient_id`,`kind`,`due_on`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`email_mode` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
ALTER TABLE `evidence` ADD `submission_id` text REFERENCES evidence_submissions(id);--> statement-breakpoint
ALTER TABLE `evidence` ADD `non_confidential_version_of_id` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `review_reasons` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `reviewed_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `evidence` ADD `reviewed_at` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `withdrawal_reasons` text;--> statement-breakpoint
ALTER TABLE `evidence` ADD `withdrawn_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `evidence` ADD `withdrawn_at` text;--> statement-breakpoint
CREATE INDEX `evidence_sha256` ON `evidence` (`sha256`);--> statement-breakpoint
CREATE INDEX `evidence_submission` ON `evidence` (`submission_id`);--> statement-breakpoint
ALTER TABLE `notifications` ADD `emailed_at` text;--> statement-breakpoint
CREATE INDEX `notifications_user_unread` ON `notifications` (`user_id`,`read_at`);--> statement-breakpoint
CREATE INDEX `notifications_unemailed` ON `notifications` (`emailed_at`,`created_at`);--> statement-breakpoint
ALTER TABLE `mail_outbox` ADD `next_attempt_at` text;
--> statement-breakpoint
-- Notifications written before email delivery existed were already mailed where they needed to be.
UPDATE `notifications` SET `emailed_at` = `created_at`;
