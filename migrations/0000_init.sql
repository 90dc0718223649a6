CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`bootstrap` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_bootstrap_unique` ON `accounts` (`bootstrap`) WHERE bootstrap = 1;--> statement-breakpoint
CREATE TABLE `api_keys` (
	`api_key` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`user_id` text NOT NULL,
	`secret_hash` text NOT NULL,
	`created_at` text NOT NULL,
	`rotated_at` text,
	`revoked_at` text,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_keys_account_idx` ON `api_keys` (`account_id`);--> statement-breakpoint
CREATE TABLE `connections` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`group_id` text NOT NULL,
	`service` text NOT NULL,
	`schema` text NOT NULL,
	`connected_by` text,
	`paused` integer DEFAULT false NOT NULL,
	`pause_after_trial` integer DEFAULT false NOT NULL,
	`sync_frequency` integer DEFAULT 360 NOT NULL,
	`schedule_type` text DEFAULT 'auto' NOT NULL,
	`daily_sync_time` text,
	`schedule` text,
	`data_delay_sensitivity` text DEFAULT 'NORMAL' NOT NULL,
	`data_delay_threshold` integer DEFAULT 0 NOT NULL,
	`networking_method` text DEFAULT 'Directly' NOT NULL,
	`private_link_id` text,
	`proxy_agent_id` text,
	`hybrid_deployment_agent_id` text,
	`destination_schema_names` text DEFAULT 'SOURCE_NAMING' NOT NULL,
	`config` text NOT NULL,
	`secrets` text,
	`sync_options` text,
	`setup_state` text DEFAULT 'incomplete' NOT NULL,
	`setup_tests` text,
	`sync_state` text DEFAULT 'scheduled' NOT NULL,
	`update_state` text DEFAULT 'on_schedule' NOT NULL,
	`is_historical_sync` integer DEFAULT true NOT NULL,
	`succeeded_at` text,
	`failed_at` text,
	`tasks` text DEFAULT '[]' NOT NULL,
	`warnings` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `connections_group_schema_unique` ON `connections` (`group_id`,`schema`);--> statement-breakpoint
CREATE INDEX `connections_account_order_idx` ON `connections` (`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `connections_group_order_idx` ON `connections` (`group_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `destinations` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`service` text NOT NULL,
	`region` text DEFAULT 'GCP_US_EAST4' NOT NULL,
	`time_zone_offset` text DEFAULT '0' NOT NULL,
	`daylight_saving_time_enabled` integer DEFAULT false NOT NULL,
	`networking_method` text DEFAULT 'Directly' NOT NULL,
	`private_link_id` text,
	`proxy_agent_id` text,
	`hybrid_deployment_agent_id` text,
	`external_secrets_manager_id` text,
	`setup_status` text DEFAULT 'incomplete' NOT NULL,
	`config` text NOT NULL,
	`secrets` text,
	`setup_tests` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `destinations_account_order_idx` ON `destinations` (`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`name` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_account_name_unique` ON `groups` (`account_id`,`name`);--> statement-breakpoint
CREATE INDEX `groups_account_order_idx` ON `groups` (`account_id`,`created_at`,`id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`email` text NOT NULL,
	`given_name` text NOT NULL,
	`family_name` text NOT NULL,
	`role` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `users_account_idx` ON `users` (`account_id`,`created_at`,`id`);