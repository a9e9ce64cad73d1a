-- The observation INSERT of a large import on PGlite runs in parts by area number (ADR 0005); without an
-- index each part scanned the whole staging table (2–4.6 s per part of 10,000 cells for 240,000 staged).
CREATE INDEX IF NOT EXISTS "import_staging_run_area_idx" ON "import_staging" ("run_no", "area_no");
