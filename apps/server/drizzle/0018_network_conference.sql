CREATE TABLE "network_conference_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"rating" integer NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_conferences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"body_id" uuid,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"capacity" integer NOT NULL,
	"registration_open" boolean DEFAULT true NOT NULL,
	"consent_text" text NOT NULL,
	"retention_days" integer DEFAULT 90 NOT NULL,
	"purged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"workshop_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"organisation" text,
	"status" text NOT NULL,
	"token_hash" text NOT NULL,
	"consent_at" timestamp with time zone NOT NULL,
	"cancelled_at" timestamp with time zone,
	"feedback_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_workshops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"conference_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"capacity" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_conference_feedback" ADD CONSTRAINT "network_conference_feedback_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_conference_feedback" ADD CONSTRAINT "network_conference_feedback_conference_id_network_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."network_conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_conferences" ADD CONSTRAINT "network_conferences_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_conferences" ADD CONSTRAINT "network_conferences_body_id_network_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."network_bodies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_registrations" ADD CONSTRAINT "network_registrations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_registrations" ADD CONSTRAINT "network_registrations_conference_id_network_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."network_conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_registrations" ADD CONSTRAINT "network_registrations_workshop_id_network_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."network_workshops"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_workshops" ADD CONSTRAINT "network_workshops_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_workshops" ADD CONSTRAINT "network_workshops_conference_id_network_conferences_id_fk" FOREIGN KEY ("conference_id") REFERENCES "public"."network_conferences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_conference_feedback_tenant_idx" ON "network_conference_feedback" USING btree ("tenant_id","conference_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_conferences_tenant_slug_idx" ON "network_conferences" USING btree ("tenant_id","slug");--> statement-breakpoint
CREATE INDEX "network_conferences_tenant_idx" ON "network_conferences" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "network_registrations_tenant_idx" ON "network_registrations" USING btree ("tenant_id","conference_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "network_registrations_token_idx" ON "network_registrations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "network_workshops_tenant_idx" ON "network_workshops" USING btree ("tenant_id","conference_id","position");