-- Uploaded files are kept in parts of 1 MiB (one row per part, `seq` 0, 1, …), ADR 0005.
ALTER TABLE "import_files" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "import_files" DROP CONSTRAINT "import_files_pkey";--> statement-breakpoint
ALTER TABLE "import_files" ADD CONSTRAINT "import_files_import_run_id_seq_pk" PRIMARY KEY("import_run_id","seq");
