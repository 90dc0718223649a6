CREATE TABLE `connection_triggers` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`type` text NOT NULL,
	`token_hash` text,
	`queue` text,
	`after_connection_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connection_triggers_connection_idx` ON `connection_triggers` (`connection_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `connection_triggers_after_idx` ON `connection_triggers` (`after_connection_id`);