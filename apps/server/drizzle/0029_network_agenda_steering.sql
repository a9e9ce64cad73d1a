ALTER TABLE "network_agenda_items" ADD COLUMN "goal_id" uuid;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD COLUMN "recommendation_id" uuid;--> statement-breakpoint
ALTER TABLE "network_agenda_items" ADD COLUMN "steering_frozen" jsonb;