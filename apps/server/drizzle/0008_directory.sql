CREATE TABLE "directory_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"categories" text[] NOT NULL,
	"target_groups" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"accessibility" text[] NOT NULL,
	"cost" text,
	"description" text DEFAULT '' NOT NULL,
	"provider" text DEFAULT '' NOT NULL,
	"address" jsonb,
	"lon" numeric,
	"lat" numeric,
	"area_id" uuid,
	"status" text DEFAULT 'veroeffentlicht' NOT NULL,
	"details" jsonb NOT NULL,
	"source" jsonb,
	"external_id" text,
	"valid_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "directory_entries_tenant_slug_idx" ON "directory_entries" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "directory_entries_tenant_status_idx" ON "directory_entries" USING btree ("tenant_id","status","kind");