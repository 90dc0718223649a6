CREATE TABLE `usage_daily` (
	`account_id` text NOT NULL,
	`group_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`schema_name` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`day` text NOT NULL,
	`rows_synced` integer NOT NULL,
	`bytes_synced` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_daily_row_day_unique` ON `usage_daily` (`row_key`,`day`);--> statement-breakpoint
CREATE INDEX `usage_daily_account_idx` ON `usage_daily` (`account_id`,`day`,`row_key`);--> statement-breakpoint
CREATE INDEX `usage_daily_connection_idx` ON `usage_daily` (`connection_id`,`day`,`row_key`);--> statement-breakpoint
CREATE TABLE `usage_monthly` (
	`account_id` text NOT NULL,
	`group_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`schema_name` text NOT NULL,
	`table_name` text NOT NULL,
	`row_key` text NOT NULL,
	`month` text NOT NULL,
	`mar` integer NOT NULL,
	`free_mar` integer NOT NULL,
	`paid_mar` integer NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `usage_monthly_row_month_unique` ON `usage_monthly` (`row_key`,`month`);--> statement-breakpoint
CREATE INDEX `usage_monthly_account_idx` ON `usage_monthly` (`account_id`,`month`,`row_key`);--> statement-breakpoint
CREATE INDEX `usage_monthly_connection_idx` ON `usage_monthly` (`connection_id`,`month`,`row_key`);--> statement-breakpoint
ALTER TABLE `api_keys` ADD `mcp_scope` text DEFAULT 'read' NOT NULL;