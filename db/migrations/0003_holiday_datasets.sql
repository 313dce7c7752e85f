CREATE TABLE `holiday_datasets` (
	`version` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`source_json` text NOT NULL,
	`imported_at` text NOT NULL,
	`imported_by` text,
	FOREIGN KEY (`imported_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
