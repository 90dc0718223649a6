CREATE TABLE `group_keys` (
	`group_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`public_key` text NOT NULL,
	`private_key` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`account_id` text NOT NULL,
	`principal` text NOT NULL,
	`principal_id` text NOT NULL,
	`kind` text NOT NULL,
	`resource_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `memberships_unique` ON `memberships` (`principal`,`principal_id`,`kind`,`resource_id`);--> statement-breakpoint
CREATE INDEX `memberships_resource_idx` ON `memberships` (`kind`,`resource_id`);--> statement-breakpoint
CREATE TABLE `request_counts` (
	`account_id` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `request_counts_unique` ON `request_counts` (`account_id`,`window_start`);--> statement-breakpoint
CREATE TABLE `team_users` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `team_users_unique` ON `team_users` (`team_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `team_users_user_idx` ON `team_users` (`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`role` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_account_name_unique` ON `teams` (`account_id`,`name`);--> statement-breakpoint
CREATE INDEX `teams_account_order_idx` ON `teams` (`account_id`,`created_at`,`id`);--> statement-breakpoint
ALTER TABLE `users` ADD `phone` text;--> statement-breakpoint
ALTER TABLE `users` ADD `picture` text;--> statement-breakpoint
ALTER TABLE `users` ADD `invited` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `logged_in_at` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_account_email_unique` ON `users` (`account_id`,`email`);