ALTER TABLE "inspection_campaigns" ADD COLUMN "objects_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD COLUMN "drawn" integer[];--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ADD COLUMN "drawn_inspectors" bigint[];--> statement-breakpoint
-- custom SQL (decision 052): read whole by the writer of the drawn objects; out of line, uncompressed.
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "drawn" SET STORAGE EXTERNAL;--> statement-breakpoint
ALTER TABLE "inspection_frame_lists" ALTER COLUMN "drawn_inspectors" SET STORAGE EXTERNAL;
