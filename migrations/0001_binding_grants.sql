CREATE TABLE `binding_grants` (
	`binding` text NOT NULL,
	`account_id` text NOT NULL,
	`namespace` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `binding_grants_binding_account_unique` ON `binding_grants` (`binding`,`account_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `binding_grants_binding_namespace_unique` ON `binding_grants` (`binding`,`namespace`);--> statement-breakpoint
CREATE INDEX `binding_grants_account_idx` ON `binding_grants` (`account_id`);