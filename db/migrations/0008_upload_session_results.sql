ALTER TABLE `upload_sessions` ADD `sha256` text;--> statement-breakpoint
ALTER TABLE `upload_sessions` ADD `content_type` text;--> statement-breakpoint
ALTER TABLE `upload_sessions` ADD `size_bytes` integer;