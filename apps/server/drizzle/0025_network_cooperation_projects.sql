CREATE TABLE "network_cooperation_project_actors" (
	"tenant_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	CONSTRAINT "network_cooperation_project_actors_project_id_actor_id_pk" PRIMARY KEY("project_id","actor_id")
);
--> statement-breakpoint
CREATE TABLE "network_cooperation_projects" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"topic" text NOT NULL,
	"description" text,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"lead_actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "network_actors" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
ALTER TABLE "network_cooperation_project_actors" ADD CONSTRAINT "network_cooperation_project_actors_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_project_actors" ADD CONSTRAINT "network_cooperation_project_actors_project_id_network_cooperation_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."network_cooperation_projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_project_actors" ADD CONSTRAINT "network_cooperation_project_actors_actor_id_network_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."network_actors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_projects" ADD CONSTRAINT "network_cooperation_projects_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_cooperation_projects" ADD CONSTRAINT "network_cooperation_projects_lead_actor_id_network_actors_id_fk" FOREIGN KEY ("lead_actor_id") REFERENCES "public"."network_actors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_cooperation_project_actors_tenant_idx" ON "network_cooperation_project_actors" USING btree ("tenant_id","actor_id");--> statement-breakpoint
CREATE INDEX "network_cooperation_projects_tenant_idx" ON "network_cooperation_projects" USING btree ("tenant_id","name");