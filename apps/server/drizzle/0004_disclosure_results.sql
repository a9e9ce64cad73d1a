CREATE TABLE "disclosure_results" (
	"tenant_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"data_version" integer NOT NULL,
	"threshold" integer NOT NULL,
	"withheld" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disclosure_results_indicator_id_data_version_threshold_pk" PRIMARY KEY("indicator_id","data_version","threshold")
);
--> statement-breakpoint
ALTER TABLE "disclosure_results" ADD CONSTRAINT "disclosure_results_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_results" ADD CONSTRAINT "disclosure_results_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;