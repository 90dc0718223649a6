CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`owner_kind` text NOT NULL,
	`owner_id` text NOT NULL,
	`hash` text NOT NULL,
	`encoded_cert` text NOT NULL,
	`name` text NOT NULL,
	`type` text NOT NULL,
	`sha1` text NOT NULL,
	`sha256` text NOT NULL,
	`public_key` text NOT NULL,
	`validated_by` text NOT NULL,
	`validated_date` text NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_owner_hash_unique` ON `certificates` (`account_id`,`owner_kind`,`owner_id`,`hash`);--> statement-breakpoint
CREATE INDEX `certificates_owner_order_idx` ON `certificates` (`account_id`,`owner_kind`,`owner_id`,`validated_date`,`id`);