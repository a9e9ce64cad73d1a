CREATE TABLE "portal_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"imprint_url" text,
	"privacy_url" text,
	"logo_url" text,
	"color" text,
	"hidden_levels" text[] DEFAULT '{}'::text[] NOT NULL,
	"hidden_dimensions" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "portal_settings" ADD CONSTRAINT "portal_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;