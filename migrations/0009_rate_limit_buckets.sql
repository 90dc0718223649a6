DROP INDEX `request_counts_unique`;--> statement-breakpoint
ALTER TABLE `request_counts` ADD `bucket` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `request_counts_bucket_unique` ON `request_counts` (`account_id`,`bucket`,`window_start`);