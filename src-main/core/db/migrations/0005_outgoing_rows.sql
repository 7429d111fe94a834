CREATE TABLE `outgoing_rows` (
	`entity` text NOT NULL,
	`id` text NOT NULL,
	`parent_id` text NOT NULL,
	`data` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`entity`, `id`)
);
--> statement-breakpoint
CREATE INDEX `outgoing_rows_parent_idx` ON `outgoing_rows` (`entity`,`parent_id`);