CREATE TABLE `system_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`api_key` text NOT NULL,
	`secret_hash` text NOT NULL,
	`permissions` text NOT NULL,
	`expiration_period` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text,
	`expired_at` text,
	`last_used_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `system_keys_api_key_unique` ON `system_keys` (`api_key`);--> statement-breakpoint
CREATE INDEX `system_keys_account_idx` ON `system_keys` (`account_id`,`created_at`,`id`);--> statement-breakpoint
DROP INDEX `request_counts_unique`;--> statement-breakpoint
ALTER TABLE `request_counts` ADD `bucket` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `request_counts_bucket_unique` ON `request_counts` (`account_id`,`bucket`,`window_start`);