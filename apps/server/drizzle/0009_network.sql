CREATE TABLE "network_actors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"scope" text NOT NULL,
	"actor_type" text NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"address" text,
	"website" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"minutes" text,
	"indicator_id" uuid,
	"area_id" uuid,
	"frozen" jsonb
);
--> statement-breakpoint
CREATE TABLE "network_attendance" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	CONSTRAINT "network_attendance_meeting_id_actor_id_pk" PRIMARY KEY("meeting_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "network_bodies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"body_type" text NOT NULL,
	"mandate" text,
	"chair_actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_body_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"function" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date
);
--> statement-breakpoint
CREATE TABLE "network_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"text" text NOT NULL,
	"outcome" text NOT NULL,
	"recommendation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_enquiries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"title" text NOT NULL,
	"question" text NOT NULL,
	"requester_type" text NOT NULL,
	"requester" text NOT NULL,
	"topic" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"assignee" text,
	"indicator_id" uuid,
	"status" text DEFAULT 'received' NOT NULL,
	"answer" text,
	"answered_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"place" text,
	"online_link" text,
	"invited_at" timestamp with time zone,
	"minutes_approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"actor_id" uuid,
	"name" text NOT NULL,
	"function" text,
	"email" text,
	"phone" text,
	"purpose" text NOT NULL,
	"legal_basis" text NOT NULL,
	"consent_on" date,
	"last_activity_on" date NOT NULL,
	"erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_actors" ADD CONSTRAINT "network_actors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD CONSTRAINT "network_agenda_items_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD CONSTRAINT "network_agenda_items_meeting_id_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD CONSTRAINT "network_agenda_items_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD CONSTRAINT "network_agenda_items_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_attendance" ADD CONSTRAINT "network_attendance_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_attendance" ADD CONSTRAINT "network_attendance_meeting_id_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_attendance" ADD CONSTRAINT "network_attendance_actor_id_network_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."network_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_bodies" ADD CONSTRAINT "network_bodies_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_bodies" ADD CONSTRAINT "network_bodies_chair_actor_id_network_actors_id_fk" FOREIGN KEY ("chair_actor_id") REFERENCES "public"."network_actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_body_memberships" ADD CONSTRAINT "network_body_memberships_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_body_memberships" ADD CONSTRAINT "network_body_memberships_body_id_network_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."network_bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_body_memberships" ADD CONSTRAINT "network_body_memberships_actor_id_network_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."network_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_meeting_id_network_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."network_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_agenda_item_id_network_agenda_items_id_fk" FOREIGN KEY ("agenda_item_id") REFERENCES "public"."network_agenda_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiries" ADD CONSTRAINT "network_enquiries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_enquiries" ADD CONSTRAINT "network_enquiries_indicator_id_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."indicators"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_meetings" ADD CONSTRAINT "network_meetings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_meetings" ADD CONSTRAINT "network_meetings_body_id_network_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."network_bodies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_persons" ADD CONSTRAINT "network_persons_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_persons" ADD CONSTRAINT "network_persons_actor_id_network_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."network_actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_actors_tenant_idx" ON "network_actors" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "network_agenda_items_tenant_idx" ON "network_agenda_items" USING btree ("tenant_id","meeting_id","position");--> statement-breakpoint
CREATE INDEX "network_attendance_tenant_idx" ON "network_attendance" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "network_bodies_tenant_idx" ON "network_bodies" USING btree ("tenant_id","name");--> statement-breakpoint
CREATE INDEX "network_body_memberships_tenant_idx" ON "network_body_memberships" USING btree ("tenant_id","body_id");--> statement-breakpoint
CREATE INDEX "network_decisions_tenant_idx" ON "network_decisions" USING btree ("tenant_id","meeting_id");--> statement-breakpoint
CREATE INDEX "network_decisions_recommendation_idx" ON "network_decisions" USING btree ("tenant_id","recommendation_id");--> statement-breakpoint
CREATE INDEX "network_enquiries_tenant_idx" ON "network_enquiries" USING btree ("tenant_id","received_on");--> statement-breakpoint
CREATE INDEX "network_meetings_tenant_idx" ON "network_meetings" USING btree ("tenant_id","starts_at");--> statement-breakpoint
CREATE INDEX "network_persons_tenant_idx" ON "network_persons" USING btree ("tenant_id","name");