CREATE TABLE `organisation_members` (
	`organisation_id` text NOT NULL,
	`user_id` text NOT NULL,
	`joined_at` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `user_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `organisation_members_user` ON `organisation_members` (`user_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`country` text DEFAULT 'GB' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_failures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_failures_key_at` ON `sign_in_failures` (`key`,`at`);--> statement-breakpoint
CREATE TABLE `user_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `user_sessions_user` ON `user_sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`team` text,
	`email_verified_at` text,
	`disabled_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `case_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`author_id` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_notes_case` ON `case_notes` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_parties` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`role` text NOT NULL,
	`representative_organisation_id` text,
	`added_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`representative_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `case_parties_case` ON `case_parties` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_parties_organisation` ON `case_parties` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `case_parties_representative` ON `case_parties` (`representative_organisation_id`);--> statement-breakpoint
CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`reference` text,
	`status` text NOT NULL,
	`title` text NOT NULL,
	`complaint` text NOT NULL,
	`ip_rights` text NOT NULL,
	`technology_tags` text NOT NULL,
	`created_by` text NOT NULL,
	`assigned_to` text,
	`submitted_at` text,
	`accepted_on` text,
	`decision` text,
	`decision_reasons` text,
	`decided_at` text,
	`closed_at` text,
	`published_at` text,
	`public_summary` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`assigned_to`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_reference_unique` ON `cases` (`reference`);--> statement-breakpoint
CREATE INDEX `cases_status_submitted` ON `cases` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `cases_assigned_status` ON `cases` (`assigned_to`,`status`);--> statement-breakpoint
CREATE INDEX `cases_published` ON `cases` (`published_at`);--> statement-breakpoint
CREATE TABLE `reference_counters` (
	`scope` text PRIMARY KEY NOT NULL,
	`last_value` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `clock_events` (
	`id` text PRIMARY KEY NOT NULL,
	`deadline_id` text NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`effective_on` text NOT NULL,
	`days` integer,
	`reason` text NOT NULL,
	`actor_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`deadline_id`) REFERENCES `deadlines`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `clock_events_deadline` ON `clock_events` (`deadline_id`,`at`);--> statement-breakpoint
CREATE TABLE `deadline_rules` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text NOT NULL,
	`length` integer NOT NULL,
	`unit` text NOT NULL,
	`count` text NOT NULL,
	`calendar` text NOT NULL,
	`roll` text NOT NULL,
	`party_facing` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `deadlines` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`rule_id` text NOT NULL,
	`label` text NOT NULL,
	`subject_id` text,
	`start_on` text NOT NULL,
	`length` integer NOT NULL,
	`unit` text NOT NULL,
	`count` text NOT NULL,
	`calendar` text NOT NULL,
	`roll` text NOT NULL,
	`due_on` text NOT NULL,
	`expires_at` text NOT NULL,
	`holiday_data_version` text,
	`status` text NOT NULL,
	`completed_at` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`rule_id`) REFERENCES `deadline_rules`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `deadlines_case` ON `deadlines` (`case_id`);--> statement-breakpoint
CREATE INDEX `deadlines_status_due` ON `deadlines` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `amicus_applications` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`applicant_id` text NOT NULL,
	`applicant_name` text NOT NULL,
	`represents` text NOT NULL,
	`interest` text NOT NULL,
	`disclosure` text,
	`declined_to_disclose` integer NOT NULL,
	`points_summary` text NOT NULL,
	`requested_words` integer NOT NULL,
	`status` text NOT NULL,
	`decision_reasons` text,
	`word_limit` integer,
	`brief_evidence_id` text,
	`created_at` text NOT NULL,
	`decided_at` text,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`applicant_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `amicus_case` ON `amicus_applications` (`case_id`);--> statement-breakpoint
CREATE INDEX `amicus_applicant` ON `amicus_applications` (`applicant_id`);--> statement-breakpoint
CREATE TABLE `evidence` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`filing_side` text NOT NULL,
	`filed_by` text NOT NULL,
	`exhibit_number` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`original_filename` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`content_type` text NOT NULL,
	`sha256` text NOT NULL,
	`confidentiality` text NOT NULL,
	`status` text NOT NULL,
	`supersedes_id` text,
	`received_at` text NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `evidence_case` ON `evidence` (`case_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `evidence_case_exhibit` ON `evidence` (`case_id`,`exhibit_number`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`link` text,
	`created_at` text NOT NULL,
	`read_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `notifications_user_created` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`case_id` text,
	`action` text NOT NULL,
	`subject` text,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_case` ON `audit_events` (`case_id`,`seq`);