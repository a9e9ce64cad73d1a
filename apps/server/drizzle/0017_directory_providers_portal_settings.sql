CREATE TABLE "directory_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"provider_id" uuid,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "directory_provider_accounts" (
	"tenant_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "directory_provider_accounts_tenant_id_user_id_pk" PRIMARY KEY("tenant_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "directory_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
ALTER TABLE "directory_entries" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "pending" jsonb;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "pending_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "review_message" text;--> statement-breakpoint
ALTER TABLE "directory_entries" ADD COLUMN "reminded_for" date;--> statement-breakpoint
ALTER TABLE "directory_outbox" ADD CONSTRAINT "directory_outbox_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_outbox" ADD CONSTRAINT "directory_outbox_provider_id_directory_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."directory_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_provider_accounts" ADD CONSTRAINT "directory_provider_accounts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_provider_accounts" ADD CONSTRAINT "directory_provider_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_provider_accounts" ADD CONSTRAINT "directory_provider_accounts_provider_id_directory_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."directory_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "directory_providers" ADD CONSTRAINT "directory_providers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "portal_settings" ADD CONSTRAINT "portal_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "directory_outbox_tenant_idx" ON "directory_outbox" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "directory_provider_accounts_provider_idx" ON "directory_provider_accounts" USING btree ("tenant_id","provider_id");--> statement-breakpoint
CREATE UNIQUE INDEX "directory_providers_tenant_name_idx" ON "directory_providers" USING btree ("tenant_id","name");--> statement-breakpoint
ALTER TABLE "directory_entries" ADD CONSTRAINT "directory_entries_provider_id_directory_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."directory_providers"("id") ON DELETE set null ON UPDATE no action;