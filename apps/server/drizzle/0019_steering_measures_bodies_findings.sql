CREATE TABLE "steering_finding_sections" (
	"finding_id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_measure_goals" (
	"tenant_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "steering_measure_goals_measure_id_goal_id_pk" PRIMARY KEY("measure_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "steering_measure_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"text" text NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_recommendation_bodies" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_bodies_recommendation_id_body_id_pk" PRIMARY KEY("recommendation_id","body_id")
);
--> statement-breakpoint
CREATE TABLE "steering_recommendation_findings" (
	"tenant_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"finding_id" uuid NOT NULL,
	CONSTRAINT "steering_recommendation_findings_recommendation_id_finding_id_pk" PRIMARY KEY("recommendation_id","finding_id")
);
--> statement-breakpoint
ALTER TABLE "steering_measures" ADD COLUMN "responsible_unit_id" uuid;--> statement-breakpoint
ALTER TABLE "steering_finding_sections" ADD CONSTRAINT "steering_finding_sections_finding_id_steering_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."steering_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_finding_sections" ADD CONSTRAINT "steering_finding_sections_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_goals" ADD CONSTRAINT "steering_measure_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_goals" ADD CONSTRAINT "steering_measure_goals_measure_id_steering_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."steering_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_goals" ADD CONSTRAINT "steering_measure_goals_goal_id_steering_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."steering_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_notes" ADD CONSTRAINT "steering_measure_notes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_notes" ADD CONSTRAINT "steering_measure_notes_measure_id_steering_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."steering_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measure_notes" ADD CONSTRAINT "steering_measure_notes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_bodies" ADD CONSTRAINT "steering_recommendation_bodies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_bodies" ADD CONSTRAINT "steering_recommendation_bodies_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendation_findings" ADD CONSTRAINT "steering_recommendation_findings_finding_id_steering_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."steering_findings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "steering_finding_sections_tenant_idx" ON "steering_finding_sections" USING btree ("tenant_id","chapter_id");--> statement-breakpoint
CREATE INDEX "steering_measure_goals_tenant_idx" ON "steering_measure_goals" USING btree ("tenant_id","goal_id");--> statement-breakpoint
CREATE INDEX "steering_measure_notes_tenant_idx" ON "steering_measure_notes" USING btree ("tenant_id","measure_id","noted_on");--> statement-breakpoint
CREATE INDEX "steering_recommendation_bodies_tenant_idx" ON "steering_recommendation_bodies" USING btree ("tenant_id","body_id");--> statement-breakpoint
CREATE INDEX "steering_recommendation_findings_tenant_idx" ON "steering_recommendation_findings" USING btree ("tenant_id","finding_id");--> statement-breakpoint
ALTER TABLE "steering_measures" ADD CONSTRAINT "steering_measures_responsible_unit_id_org_units_id_fk" FOREIGN KEY ("responsible_unit_id") REFERENCES "public"."org_units"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- Hand-written backfill (issue 11): the free-text responsible unit becomes an organisation unit, the single goal a link.
INSERT INTO "org_units" ("tenant_id", "name") SELECT DISTINCT "tenant_id", "responsible_unit" FROM "steering_measures" WHERE "responsible_unit" <> '' ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "steering_measures" m SET "responsible_unit_id" = u."id" FROM "org_units" u WHERE u."tenant_id" = m."tenant_id" AND u."name" = m."responsible_unit";--> statement-breakpoint
INSERT INTO "steering_measure_goals" ("tenant_id", "measure_id", "goal_id") SELECT "tenant_id", "id", "goal_id" FROM "steering_measures" WHERE "goal_id" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "steering_measures" DROP CONSTRAINT "steering_measures_goal_id_steering_goals_id_fk";--> statement-breakpoint
ALTER TABLE "steering_measures" DROP COLUMN "responsible_unit";--> statement-breakpoint
ALTER TABLE "steering_measures" DROP COLUMN "goal_id";