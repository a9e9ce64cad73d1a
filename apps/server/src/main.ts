import { buildApp } from './app';
import { loadDotEnv } from './platform/config/dotenv';
import { ConfigError, loadConfig } from './platform/config/config';
import { DataDirLockedError } from './platform/lock/dataDirLock';
import { openRuntime } from './platform/runtime';
import { DEMO_LOGINS, seedDemo } from './demo/seed';
import { purgeExpiredSessions } from './platform/auth/sessions';

/** Start the server: lock, migrate, create the demo municipality on first start, listen. */
async function main() {
  const t0 = performance.now();
  loadDotEnv();
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  let runtime;
  try {
    runtime = await openRuntime(config, 'server');
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(3);
    }
    console.error(
      `Datenbank konnte nicht geöffnet werden / could not open database: ${(e as Error).message}`,
    );
    process.exit(1);
  }
  const { database } = runtime;
  let seeded = false;
  if (config.demoData) seeded = (await seedDemo(database.db)).created;
  await purgeExpiredSessions(database.db, config.sessionIdleMs);

  const app = await buildApp({ config, database });
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down');
    try {
      await app.close();
    } finally {
      await runtime.close();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  const url = config.publicUrl ?? `http://localhost:${port}`;
  const lines = [
    '',
    `  DKBM-Plattform läuft / is running: ${url}`,
    `  Datenbank / database: ${database.describe()}`,
    `  Arbeitsbereich / workbench: ${url}/app   API: ${url}/docs`,
    `  Bereit nach / ready after ${Math.round(performance.now() - t0)} ms${seeded ? ' (Demokommune neu angelegt / demo created)' : ''}`,
  ];
  if (config.demoData) {
    lines.push('', '  Demo-Anmeldungen / demo logins (nur für die Demo / demo only):');
    for (const l of DEMO_LOGINS) {
      const roles = Object.entries(l.roles)
        .map(([t, r]) => `${t}: ${r}`)
        .join(', ');
      lines.push(
        `    ${l.email.padEnd(34)} ${l.password.padEnd(27)} ${l.platformAdmin ? 'Plattformadministration' : roles}`,
      );
    }
  }
  console.log(lines.join('\n') + '\n');
}

void main();
