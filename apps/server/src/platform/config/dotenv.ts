import fs from 'node:fs';

/** Read `.env` from the working directory if present; real environment variables win. */
export function loadDotEnv(file = '.env'): void {
  if (!fs.existsSync(file)) return;
  const before = { ...process.env };
  process.loadEnvFile(file);
  for (const [k, v] of Object.entries(before)) process.env[k] = v;
}
