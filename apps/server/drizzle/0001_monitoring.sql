CREATE TABLE "dimension_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"dimension_id" uuid NOT NULL,
	"code" text NOT NULL,
	"label_de" text NOT NULL,
	"label_en" text,
	"is_total" boolean DEFAULT false NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dimensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_de" text NOT NULL,
	"name_en" text,
	"named" boolean DEFAULT true NOT NULL,
	"source_keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_files" (
	"import_run_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"content" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "import_replaced" (
	"import_run_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"series_id" bigint NOT NULL,
	"area_id" uuid NOT NULL,
	"period" date NOT NULL,
	"value" numeric,
	"flag" text,
	"previous_run_id" uuid
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"created_by" uuid,
	"via" text DEFAULT 'web' NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_size" integer NOT NULL,
	"checksum" text NOT NULL,
	"format" text,
	"status" text NOT NULL,
	"progress" integer DEFAULT 0 NOT NULL,
	"progress_text" text,
	"analysis" jsonb,
	"options" jsonb,
	"result" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"undone_at" timestamp with time zone,
	"undone_by" uuid
);
--> statement-breakpoint
CREATE TABLE "indicator_dimensions" (
	"tenant_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"dimension_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "indicator_dimensions_indicator_id_dimension_id_pk" PRIMARY KEY("indicator_id","dimension_id")
);
--> statement-breakpoint
CREATE TABLE "key_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source_key" text NOT NULL,
	"area_id" uuid NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "series" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "series_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"dims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"dims_key" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
DROP INDEX "memberships_pk";--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id");--> statement-breakpoint
ALTER TABLE "area_versions" ADD COLUMN "bbox" jsonb;--> statement-breakpoint
ALTER TABLE "area_versions" ADD COLUMN "import_run_id" uuid;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "valid_from" date;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "valid_to" date;--> statement-breakpoint
ALTER TABLE "areas" ADD COLUMN "import_run_id" uuid;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "tier" text DEFAULT 'ergaenzung' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "kind" text DEFAULT 'status' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "measure" text DEFAULT 'absolute' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "polarity" text DEFAULT 'neutral' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "period_type" text DEFAULT 'year' NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "licence" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "attribution" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "update_interval" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "contact" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "statistics_code" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "source_key" text;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "computed" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "sdc_threshold" integer;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "data_version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "coverage" jsonb;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "sdc_threshold" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "dimension_values" ADD CONSTRAINT "dimension_values_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dimension_values" ADD CONSTRAINT "dimension_values_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dimensions" ADD CONSTRAINT "dimensions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_replaced" ADD CONSTRAINT "import_replaced_import_run_id_import_runs_id_fk" FOREIGN KEY ("import_run_id") REFERENCES "public"."import_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_replaced" ADD CONSTRAINT "import_replaced_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_undone_by_users_id_fk" FOREIGN KEY ("undone_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_dimensions" ADD CONSTRAINT "indicator_dimensions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_dimensions" ADD CONSTRAINT "indicator_dimensions_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_dimensions" ADD CONSTRAINT "indicator_dimensions_dimension_id_dimensions_id_fk" FOREIGN KEY ("dimension_id") REFERENCES "public"."dimensions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_mappings" ADD CONSTRAINT "key_mappings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_mappings" ADD CONSTRAINT "key_mappings_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_mappings" ADD CONSTRAINT "key_mappings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "series" ADD CONSTRAINT "series_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dimension_values_dim_code_idx" ON "dimension_values" USING btree ("dimension_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "dimensions_tenant_code_idx" ON "dimensions" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "import_replaced_run_idx" ON "import_replaced" USING btree ("import_run_id");--> statement-breakpoint
CREATE INDEX "import_runs_tenant_idx" ON "import_runs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "key_mappings_tenant_key_idx" ON "key_mappings" USING btree ("tenant_id","source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "series_indicator_dims_idx" ON "series" USING btree ("tenant_id","indicator_id","dims_key");--> statement-breakpoint
CREATE INDEX "areas_tenant_code_idx" ON "areas" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_id");--> statement-breakpoint
--> statement-breakpoint
-- Observations move onto series (keyed by series, area, period; no surrogate id). Existing rows (e.g. the
-- demo municipality) are carried over.
ALTER TABLE "observations" RENAME TO "observations_v0";--> statement-breakpoint
CREATE TABLE "observations" (
	"tenant_id" uuid NOT NULL,
	"series_id" bigint NOT NULL,
	"area_id" uuid NOT NULL,
	"period" date NOT NULL,
	"value" numeric,
	"flag" text,
	"import_run_id" uuid,
	CONSTRAINT "observations_series_id_area_id_period_pk" PRIMARY KEY("series_id","area_id","period")
);--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_series_id_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "observations_area_idx" ON "observations" USING btree ("area_id");--> statement-breakpoint
INSERT INTO "series" ("tenant_id", "indicator_id", "dims", "dims_key")
  SELECT DISTINCT ON ("tenant_id", "indicator_id", "dims_key") "tenant_id", "indicator_id", "dims", "dims_key"
    FROM "observations_v0" ORDER BY "tenant_id", "indicator_id", "dims_key";--> statement-breakpoint
INSERT INTO "observations" ("tenant_id", "series_id", "area_id", "period", "value", "flag")
  SELECT o."tenant_id", s."id", o."area_id", o."period", o."value", o."flag" FROM "observations_v0" o
    JOIN "series" s ON s."tenant_id" = o."tenant_id" AND s."indicator_id" = o."indicator_id" AND s."dims_key" = o."dims_key";--> statement-breakpoint
DROP TABLE "observations_v0";--> statement-breakpoint
-- Dimensions and values named by their codes for series that existed before this migration.
INSERT INTO "dimensions" ("tenant_id", "code", "name_de", "named")
  SELECT DISTINCT s."tenant_id", k, k, false FROM "series" s, jsonb_object_keys(s."dims") k;--> statement-breakpoint
INSERT INTO "dimension_values" ("tenant_id", "dimension_id", "code", "label_de")
  SELECT DISTINCT d."tenant_id", d."id", e."value", e."value" FROM "series" s
    CROSS JOIN LATERAL jsonb_each_text(s."dims") e
    JOIN "dimensions" d ON d."tenant_id" = s."tenant_id" AND d."code" = e."key";--> statement-breakpoint
INSERT INTO "indicator_dimensions" ("tenant_id", "indicator_id", "dimension_id")
  SELECT DISTINCT s."tenant_id", s."indicator_id", d."id" FROM "series" s
    CROSS JOIN LATERAL jsonb_object_keys(s."dims") k
    JOIN "dimensions" d ON d."tenant_id" = s."tenant_id" AND d."code" = k;--> statement-breakpoint
-- Staging area of imports: filled with COPY outside the import transaction, emptied by it.
CREATE UNLOGGED TABLE "import_staging" (
	"run_id" uuid NOT NULL,
	"series_id" bigint NOT NULL,
	"area_id" uuid NOT NULL,
	"period" date NOT NULL,
	"value" numeric,
	"flag" text,
	"line" integer NOT NULL
);

