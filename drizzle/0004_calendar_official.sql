CREATE TABLE "calendar_official_days" (
	"date" date NOT NULL,
	"year" integer NOT NULL,
	"kind" "calendar_day_kind" NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "calendar_official_days_pkey" PRIMARY KEY("date")
);
--> statement-breakpoint
CREATE TABLE "calendar_official_years" (
	"year" integer PRIMARY KEY NOT NULL,
	"document_number" text NOT NULL,
	"title" text,
	"entered_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_official_days" ADD CONSTRAINT "calendar_official_days_year_calendar_official_years_year_fk" FOREIGN KEY ("year") REFERENCES "public"."calendar_official_years"("year") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_official_days_year_idx" ON "calendar_official_days" USING btree ("year");