CREATE TABLE `connect_card_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`connection_id` text NOT NULL,
	`redirect_uri` text NOT NULL,
	`hide_setup_guide` integer DEFAULT false NOT NULL,
	`all_fields` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `connect_card_tokens_connection_idx` ON `connect_card_tokens` (`connection_id`);--> statement-breakpoint
CREATE INDEX `connect_card_tokens_expires_idx` ON `connect_card_tokens` (`expires_at`);