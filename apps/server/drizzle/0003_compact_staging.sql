-- Compact staging rows: a run number from a sequence instead of the run's uuid, and an area number (the
-- import's own numbering, mapped back to area ids in the import transaction) instead of the area's uuid.
-- About 70 fewer bytes per staged cell. Staging rows never outlive an import: the table is recreated.
DROP TABLE IF EXISTS "import_staging";--> statement-breakpoint
CREATE UNLOGGED TABLE "import_staging" (
	"run_no" bigint NOT NULL,
	"series_id" bigint NOT NULL,
	"area_no" integer NOT NULL,
	"period" date NOT NULL,
	"value" numeric,
	"flag" text,
	"line" integer NOT NULL
);--> statement-breakpoint
CREATE SEQUENCE IF NOT EXISTS "import_staging_run_no";
