CREATE TABLE `amicus_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`case_id` text NOT NULL,
	`side` text NOT NULL,
	`filed_by` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `amicus_applications`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`filed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `amicus_responses_application` ON `amicus_responses` (`application_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `amicus_window_closes_on` text;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `funding_disclosure` text;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `why_not_parties` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `decided_by` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `brief_due_on` text;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `brief_word_count` integer;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `brief_filed_at` text;--> statement-breakpoint
ALTER TABLE `amicus_applications` ADD `response_due_on` text;--> statement-breakpoint
CREATE UNIQUE INDEX `amicus_one_live_per_applicant` ON `amicus_applications` (`case_id`,`applicant_id`) WHERE status in ('applied', 'granted', 'brief_filed');--> statement-breakpoint
ALTER TABLE `upload_sessions` ADD `amicus_application_id` text;--> statement-breakpoint
INSERT INTO deadline_rules (id, name, description, length, unit, count, calendar, roll, party_facing, updated_at) VALUES
  ('amicus-brief', 'Amicus brief', 'A third party granted leave files its brief: 14 calendar days after leave is granted, rolled to the next working day.', 14, 'calendar', 'after', 'england-and-wales', 'next-working-day', 0, '2026-11-25T00:00:00.000Z'),
  ('amicus-response', 'Response to an amicus brief', 'The parties may respond to a filed amicus brief: 10 working days after it is filed.', 10, 'working', 'after', 'england-and-wales', 'none', 1, '2026-11-25T00:00:00.000Z');
