// Starts the built server on a fresh data folder for the end-to-end tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.tmp', `e2e-data-${process.env.PORT ?? 'default'}`);
fs.rmSync(dir, { recursive: true, force: true });
process.env.DATA_DIR = dir;
process.env.LOG_LEVEL ??= 'warn';
process.env.LOGIN_RATE_LIMIT_MAX ??= '1000';
delete process.env.DATABASE_URL;
await import(path.join(root, 'apps/server/dist/main.js'));
