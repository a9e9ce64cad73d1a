CREATE TABLE "catalogue_indicators" (
	"indicator_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"catalogue_id" text NOT NULL,
	"catalogue_version" integer NOT NULL,
	"variant" text NOT NULL,
	"base" jsonb NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalogue_indicators" ADD CONSTRAINT "catalogue_indicators_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue_indicators" ADD CONSTRAINT "catalogue_indicators_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalogue_indicators_tenant_idx" ON "catalogue_indicators" USING btree ("tenant_id");