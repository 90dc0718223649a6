CREATE TABLE `schema_history` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`run_id` text,
	`origin` text NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`schema_name` text NOT NULL,
	`table_name` text NOT NULL,
	`column_name` text,
	`old_name` text,
	`old_type` text,
	`new_type` text,
	`message` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `schema_history_connection_idx` ON `schema_history` (`connection_id`,`created_at`,`id`);