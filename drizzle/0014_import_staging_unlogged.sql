DROP INDEX "enterprise_import_staging_code_idx";--> statement-breakpoint
-- custom SQL (issue 11, import speed; carry over when renumbering): the staging tables are
-- UNLOGGED — no WAL for the bulk COPY; after a crash they come back empty, which is what a killed
-- import must leave (nothing merged; the job is abandoned by the next import).
ALTER TABLE "enterprise_import_staging" SET UNLOGGED;--> statement-breakpoint
ALTER TABLE "credit_event_import_staging" SET UNLOGGED;
--> statement-breakpoint
-- custom SQL (issue 11, search at province size): a finer histogram of enterprise names, so the planner
-- tells a common name fragment (有限公 …: walk the register in id order, the page fills at once) from a
-- rare one (the trigram index). With the default 100 buckets it took 份有限 (63 000 of 3 000 000 rows)
-- for 288 rows and sorted all 63 000: 198 ms instead of < 1 ms.
ALTER TABLE "enterprises" ALTER COLUMN "name" SET STATISTICS 1000;
