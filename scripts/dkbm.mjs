// `npm run dkbm -- <command>`: the operations CLI (see README).
import { buildIfNeeded } from './build-if-needed.mjs';

if (!process.env.DKBM_SKIP_BUILD) buildIfNeeded();
await import('../apps/server/dist/cli.js');
