CREATE TABLE "steering_decision_outcomes" (
	"tenant_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"recommendation_id" uuid NOT NULL,
	"outcome" text NOT NULL,
	CONSTRAINT "steering_decision_outcomes_decision_id_recommendation_id_pk" PRIMARY KEY("decision_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "steering_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"body" text NOT NULL,
	"decided_on" date NOT NULL,
	"number" text,
	"wording" text NOT NULL,
	"document_url" text,
	"mission_statement_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"parent_id" uuid,
	"title" text NOT NULL,
	"description" text,
	"owner" text,
	"period_start" date,
	"period_end" date,
	"status" text DEFAULT 'active' NOT NULL,
	"is_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"object_kind" text NOT NULL,
	"object_id" uuid NOT NULL,
	"user_id" uuid,
	"action" text NOT NULL,
	"summary" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_measures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"responsible_unit" text NOT NULL,
	"partners" text,
	"start_on" date,
	"end_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"budget_planned" numeric(14, 2),
	"budget_spent" numeric(14, 2),
	"goal_id" uuid,
	"recommendation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_milestones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"measure_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "steering_mission_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"rationale" text,
	"addressed_unit" text,
	"goal_id" uuid,
	"priority" text DEFAULT 'medium' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"statement" text,
	"statement_by" uuid,
	"statement_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "steering_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"indicator_id" uuid NOT NULL,
	"area_id" uuid NOT NULL,
	"dims" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"direction" text NOT NULL,
	"baseline_period" date NOT NULL,
	"baseline_value" numeric,
	"target_period" date NOT NULL,
	"target_value" numeric NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "steering_decision_outcomes" ADD CONSTRAINT "steering_decision_outcomes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decision_outcomes" ADD CONSTRAINT "steering_decision_outcomes_decision_id_steering_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."steering_decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decision_outcomes" ADD CONSTRAINT "steering_decision_outcomes_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decisions" ADD CONSTRAINT "steering_decisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_decisions" ADD CONSTRAINT "steering_decisions_mission_statement_id_steering_mission_statements_id_fk" FOREIGN KEY ("mission_statement_id") REFERENCES "public"."steering_mission_statements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_goals" ADD CONSTRAINT "steering_goals_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_history" ADD CONSTRAINT "steering_history_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_history" ADD CONSTRAINT "steering_history_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measures" ADD CONSTRAINT "steering_measures_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measures" ADD CONSTRAINT "steering_measures_goal_id_steering_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."steering_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_measures" ADD CONSTRAINT "steering_measures_recommendation_id_steering_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."steering_recommendations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_milestones" ADD CONSTRAINT "steering_milestones_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_milestones" ADD CONSTRAINT "steering_milestones_measure_id_steering_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."steering_measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_mission_statements" ADD CONSTRAINT "steering_mission_statements_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_mission_statements" ADD CONSTRAINT "steering_mission_statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendations" ADD CONSTRAINT "steering_recommendations_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendations" ADD CONSTRAINT "steering_recommendations_goal_id_steering_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."steering_goals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_recommendations" ADD CONSTRAINT "steering_recommendations_statement_by_users_id_fk" FOREIGN KEY ("statement_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_targets" ADD CONSTRAINT "steering_targets_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_targets" ADD CONSTRAINT "steering_targets_goal_id_steering_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."steering_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_targets" ADD CONSTRAINT "steering_targets_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "steering_targets" ADD CONSTRAINT "steering_targets_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "steering_decision_outcomes_tenant_idx" ON "steering_decision_outcomes" USING btree ("tenant_id","recommendation_id");--> statement-breakpoint
CREATE INDEX "steering_decisions_tenant_idx" ON "steering_decisions" USING btree ("tenant_id","decided_on");--> statement-breakpoint
CREATE INDEX "steering_goals_tenant_idx" ON "steering_goals" USING btree ("tenant_id","parent_id");--> statement-breakpoint
CREATE INDEX "steering_history_tenant_idx" ON "steering_history" USING btree ("tenant_id","object_id");--> statement-breakpoint
CREATE INDEX "steering_measures_tenant_idx" ON "steering_measures" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "steering_milestones_tenant_idx" ON "steering_milestones" USING btree ("tenant_id","measure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "steering_mission_statements_version_idx" ON "steering_mission_statements" USING btree ("tenant_id","version");--> statement-breakpoint
CREATE INDEX "steering_recommendations_tenant_idx" ON "steering_recommendations" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "steering_targets_tenant_idx" ON "steering_targets" USING btree ("tenant_id","goal_id");