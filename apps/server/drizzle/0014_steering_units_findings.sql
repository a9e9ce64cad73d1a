CREATE TABLE "org_unit_members" (
	"tenant_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "org_unit_members_unit_id_user_id_pk" PRIMARY KEY("unit_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"object_kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"user_id" uuid,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_decision_documents" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"content" text NOT NULL,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"statement" text NOT NULL,
	"indicator_id" uuid NOT NULL,
	"period" date NOT NULL,
	"dims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_recommendation_goals" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_goals_recommendation_id_goal_id_pk" PRIMARY KEY("recommendation_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "steering_recommendation_units" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_units_recommendation_id_unit_id_pk" PRIMARY KEY("recommendation_id","unit_id")
);
--> statement-breakpoint
ALTER TABLE "steering_recommendations" DROP CONSTRAINT "steering_recommendations_goal_id_steering_goals_id_fk";
--> statement-breakpoint
ALTER TABLE "steering_goals" ADD COLUMN "development_goal_id" uuid;--> statement-breakpoint
ALTER TABLE "steering_goals" ADD COLUMN "component_key" text;--> statement-breakpoint
ALTER TABLE "org_unit_members" ADD CONSTRAINT "org_unit_members_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_members" ADD CONSTRAINT "org_unit_members_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_unit_members" ADD CONSTRAINT "org_unit_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_comments" ADD CONSTRAINT "steering_comments_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_comments" ADD CONSTRAINT "steering_comments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decision_documents" ADD CONSTRAINT "steering_decision_documents_decision_id_steering_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."steering_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decision_documents" ADD CONSTRAINT "steering_decision_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decision_documents" ADD CONSTRAINT "steering_decision_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_findings" ADD CONSTRAINT "steering_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_findings" ADD CONSTRAINT "steering_findings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_goals" ADD CONSTRAINT "steering_recommendation_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_goals" ADD CONSTRAINT "steering_recommendation_goals_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_goals" ADD CONSTRAINT "steering_recommendation_goals_goal_id_steering_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."steering_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_units" ADD CONSTRAINT "steering_recommendation_units_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_units" ADD CONSTRAINT "steering_recommendation_units_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_units" ADD CONSTRAINT "steering_recommendation_units_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "org_unit_members_tenant_idx" ON "org_unit_members" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_name_idx" ON "org_units" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "steering_comments_tenant_idx" ON "steering_comments" USING btree ("tenant_id","object_id");--> statement-breakpoint
CREATE INDEX "steering_findings_tenant_idx" ON "steering_findings" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE INDEX "steering_recommendation_goals_tenant_idx" ON "steering_recommendation_goals" USING btree ("tenant_id","goal_id");--> statement-breakpoint
CREATE INDEX "steering_recommendation_units_tenant_idx" ON "steering_recommendation_units" USING btree ("tenant_id","unit_id");--> statement-breakpoint
-- Hand-written backfill (issue 11): the free-text addressed unit becomes an organisation unit, the single goal a link.
INSERT INTO "org_units" ("tenant_id", "name") SELECT DISTINCT "tenant_id", "addressed_unit" FROM "steering_recommendations" WHERE "addressed_unit" IS NOT NULL AND "addressed_unit" <> '' ON CONFLICT DO NOTHING;--> statement-breakpoint
INSERT INTO "steering_recommendation_units" ("tenant_id", "recommendation_id", "unit_id") SELECT r."tenant_id", r."id", u."id" FROM "steering_recommendations" r JOIN "org_units" u ON u."tenant_id" = r."tenant_id" AND u."name" = r."addressed_unit";--> statement-breakpoint
INSERT INTO "steering_recommendation_goals" ("tenant_id", "recommendation_id", "goal_id") SELECT "tenant_id", "id", "goal_id" FROM "steering_recommendations" WHERE "goal_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "steering_recommendations" DROP COLUMN "addressed_unit";--> statement-breakpoint
ALTER TABLE "steering_recommendations" DROP COLUMN "goal_id";