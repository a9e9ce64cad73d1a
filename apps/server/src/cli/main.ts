import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import readline from 'node:readline';
import { execFileSync } from 'node:child_process';
import { Command, Option } from 'commander';
import {
  agsSchema,
  emailSchema,
  passwordSchema,
  roleSchema,
  slugSchema,
  tenantTypeSchema,
  type Role,
} from '@dkbm/contract';
import { pgliteDirOf } from '../platform/config/config';
import { openRuntime } from '../platform/runtime';
import { DataDirLockedError, LOCK_FILE, type LockInfo } from '../platform/lock/dataDirLock';
import { backupTo, restoreFrom, RestoreError, type BackupProgress } from '../platform/db/backup';
import { openDatabase, migrationsFolder } from '../platform/db/client';
import { seedDemo } from '../demo/seed';
import { createTenant, getTenantBySlug, listTenants } from '../modules/tenants/tenants.service';
import { createAccount, findUserByEmail, setPassword, updateAccount } from '../modules/auth/auth.service';
import { addMembership } from '../modules/users/users.service';
import { tenantScope } from '../platform/tenancy/scope';
import { HttpError } from '../platform/http/errors';
import { boundedMessage } from '@dkbm/domain';
import { CliError, configFrom, withRuntime } from './common';
import { registerMonitoringCommands } from './monitoring';
import { registerCatalogueCommands } from './catalogue';
import { registerSteeringCommands } from './steering';
import { registerReportCommands } from './reports';
import { registerDirectoryCommands } from './directory';
import { registerEntitlementCommands } from './entitlement';

/** Ask one question on the terminal without echoing the answer. */
function askHidden(question: string): Promise<string> {
  process.stdout.write(question);
  const muted = new Writable({ write: (_chunk, _enc, cb) => cb() });
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: true });
  return new Promise<string>((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
  });
}

/** Read a password: from standard input when piped, else prompted twice without echo. */
async function readPassword(label: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  }
  const a = await askHidden(`${label}: `);
  const b = await askHidden(`${label} (Wiederholung): `);
  if (a !== b) throw new CliError('Die Passwörter stimmen nicht überein.');
  return a;
}

/** Progress of a backup or restore on standard error (standard output keeps the result line). */
function printProgress(p: BackupProgress): void {
  if (p.done && p.rows === 0) return;
  const rows = p.rows.toLocaleString('de-DE');
  process.stderr.write(`  ${p.table}: ${rows} Zeilen${p.done ? '' : ' …'}\n`);
}

function check<T>(
  schema: {
    safeParse: (v: unknown) => { success: boolean; data?: T; error?: { issues: Array<{ message: string }> } };
  },
  value: unknown,
  field: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`${field}: ${r.error!.issues.map((i) => i.message).join('; ')}`, 2);
  return r.data as T;
}

export function buildCli(): Command {
  const program = new Command('dkbm')
    .description('Betrieb der DKBM-Plattform / operate the DKBM platform')
    .addOption(
      new Option(
        '--data-dir <dir>',
        'Datenordner der eingebetteten Datenbank (Standard: DATA_DIR oder ./data)',
      ),
    )
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: true });

  program
    .command('migrate')
    .description('Datenbankmigrationen ausführen / run database migrations')
    .action(async (_o, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        console.log(`Migrationen angewendet auf ${rt.database.describe()}.`);
      });
    });

  program
    .command('seed-demo')
    .description('Demokommune anlegen, falls sie fehlt / create the demo municipality')
    .action(async (_o, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        const r = await seedDemo(rt.database.db);
        console.log(
          r.created ? 'Demokommune angelegt.' : 'Demokommune ist bereits vorhanden; nichts geändert.',
        );
      });
    });

  const tenant = program.command('tenant').description('Kommunen verwalten / manage tenants');
  tenant
    .command('add')
    .description('Kommune anlegen / add a tenant')
    .requiredOption('--slug <slug>', 'Kürzel für Adressen, z. B. musterstadt')
    .requiredOption('--name <name>', 'Name, z. B. "Stadt Musterstadt"')
    .addOption(
      new Option('--type <type>', 'Art der Kommune').choices(tenantTypeSchema.options).makeOptionMandatory(),
    )
    .option('--ags <ags>', 'Amtlicher Gemeindeschlüssel')
    .action(async (o: { slug: string; name: string; type: string; ags?: string }, cmd: Command) => {
      const input = {
        slug: check<string>(slugSchema, o.slug, '--slug'),
        name: o.name,
        type: check(tenantTypeSchema, o.type, '--type'),
        ags: o.ags ? check<string>(agsSchema, o.ags, '--ags') : null,
      };
      await withRuntime(cmd, async (rt) => {
        const t = await createTenant(rt.database.db, input);
        console.log(`Kommune angelegt: ${t.name} (${t.slug}, ${t.id})`);
      });
    });
  tenant
    .command('list')
    .description('Kommunen auflisten / list tenants')
    .action(async (_o, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        const rows = await listTenants(rt.database.db, 'slug');
        if (!rows.length) console.log('Keine Kommunen vorhanden.');
        for (const t of rows)
          console.log(`${t.slug.padEnd(24)} ${t.type.padEnd(26)} ${t.ags ?? '-'}  ${t.name}`);
      });
    });

  const user = program.command('user').description('Konten verwalten / manage accounts');
  user
    .command('add')
    .description('Konto anlegen; Passwort von der Standardeingabe oder per Abfrage')
    .requiredOption('--email <email>', 'E-Mail-Adresse (Anmeldename)')
    .requiredOption('--name <name>', 'Anzeigename')
    .option('--tenant <slug>', 'Kommune, der das Konto angehört')
    .addOption(
      new Option('--role <role>', 'Rolle in der Kommune').choices(roleSchema.options).default('viewer'),
    )
    .option('--platform-admin', 'Plattformadministration (verwaltet Kommunen)', false)
    .action(
      async (
        o: { email: string; name: string; tenant?: string; role: string; platformAdmin: boolean },
        cmd: Command,
      ) => {
        const email = check<string>(emailSchema, o.email, '--email');
        const role = check<Role>(roleSchema, o.role, '--role');
        if (!o.tenant && !o.platformAdmin) {
          throw new CliError('Bitte --tenant <slug> oder --platform-admin angeben.', 2);
        }
        const password = check<string>(passwordSchema, await readPassword('Passwort'), 'Passwort');
        await withRuntime(cmd, async (rt) => {
          const db = rt.database.db;
          if (await findUserByEmail(db, email)) throw new CliError(`Ein Konto mit ${email} besteht bereits.`);
          let tenantId: string | null = null;
          if (o.tenant) {
            const t = await getTenantBySlug(db, o.tenant);
            if (!t) throw new CliError(`Kommune „${o.tenant}“ nicht gefunden (dkbm tenant list).`);
            tenantId = t.id;
          }
          await db.transaction(async (tx) => {
            const u = await createAccount(tx, { email, displayName: o.name, password });
            if (o.platformAdmin) await updateAccount(tx, u.id, { isPlatformAdmin: true });
            if (tenantId) await addMembership(tenantScope(tx, tenantId), u.id, role);
          });
          console.log(
            `Konto angelegt: ${email}${o.tenant ? ` (${o.tenant}: ${role})` : ''}${o.platformAdmin ? ' – Plattformadministration' : ''}`,
          );
        });
      },
    );
  user
    .command('passwd')
    .argument('<email>', 'E-Mail-Adresse des Kontos')
    .description('Passwort setzen (beendet alle Sitzungen des Kontos)')
    .action(async (emailArg: string, _o, cmd: Command) => {
      const email = check<string>(emailSchema, emailArg, 'E-Mail');
      const password = check<string>(passwordSchema, await readPassword('Neues Passwort'), 'Passwort');
      await withRuntime(cmd, async (rt) => {
        const db = rt.database.db;
        const u = await findUserByEmail(db, email);
        if (!u) throw new CliError(`Kein Konto mit ${email}.`);
        await setPassword(db, u.id, password);
        console.log(`Passwort für ${email} gesetzt; bestehende Sitzungen wurden beendet.`);
      });
    });

  program
    .command('backup')
    .argument('<file>', 'Zieldatei, z. B. sicherung.dkbm.gz')
    .description('Logische Sicherung aller Daten (auch zwischen PGlite und PostgreSQL übertragbar)')
    .action(async (file: string, _o, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        const r = await backupTo(rt.database, path.resolve(file), { onProgress: printProgress });
        const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
        console.log(
          `Sicherung geschrieben: ${file} (${rows} Zeilen aus ${Object.keys(r.tables).length} Tabellen, ${r.bytes} Bytes)`,
        );
      });
    });

  program
    .command('restore')
    .argument('<file>', 'Sicherungsdatei')
    .description('Sicherung in eine leere Datenbank zurückspielen (alles oder nichts)')
    .action(async (file: string, _o, cmd: Command) => {
      await withRuntime(cmd, async (rt) => {
        try {
          const r = await restoreFrom(rt.database, path.resolve(file), { onProgress: printProgress });
          const rows = Object.values(r.tables).reduce((a, b) => a + b, 0);
          console.log(`Wiederhergestellt: ${rows} Zeilen in ${Object.keys(r.tables).length} Tabellen.`);
        } catch (e) {
          if (e instanceof RestoreError) throw new CliError(`${e.message}\nEs wurde nichts geändert.`);
          throw e;
        }
      });
    });

  program
    .command('doctor')
    .description('Umgebung prüfen: Node, Chromium, Datenbank, Sperre des Datenordners')
    .action(async (_o, cmd: Command) => {
      const config = configFrom(cmd);
      const results: Array<{ status: 'OK' | 'WARN' | 'FAIL'; what: string; detail: string }> = [];
      const add = (status: 'OK' | 'WARN' | 'FAIL', what: string, detail: string) =>
        results.push({ status, what, detail });

      // As "engines" in package.json: ^20.19.0 || ^22.12.0 || >=24 (what vite, rolldown and oxlint need).
      const [maj, min] = process.versions.node.split('.').map(Number) as [number, number];
      add(
        (maj === 20 && min >= 19) || (maj === 22 && min >= 12) || maj >= 24 ? 'OK' : 'FAIL',
        'Node.js',
        `${process.versions.node} (unterstützt: 20 ab 20.19, 22 ab 22.12, 24 und neuer)`,
      );

      const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
      try {
        const v = execFileSync(chromium, ['--version'], {
          encoding: 'utf8',
          timeout: 20_000,
          stdio: ['ignore', 'pipe', 'ignore'],
        });
        add('OK', 'Chromium', `${chromium}: ${v.trim()}`);
      } catch {
        add(
          'WARN',
          'Chromium',
          `${chromium} nicht gefunden – PDF-Export und Browsertests brauchen es (apt-get install chromium)`,
        );
      }
      try {
        migrationsFolder();
        add('OK', 'Migrationen', 'Ordner gefunden');
      } catch (e) {
        add('FAIL', 'Migrationen', (e as Error).message);
      }

      if (config.databaseUrl) {
        try {
          const db = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
          const v = await db.query<{ v: string }>('SHOW server_version');
          const major = Number(v[0]?.v.split('.')[0]);
          add(
            major >= 15 ? 'OK' : 'FAIL',
            'PostgreSQL',
            `${db.describe()}, Version ${v[0]?.v} (benötigt ≥ 15)`,
          );
          await db.close();
        } catch (e) {
          add('FAIL', 'PostgreSQL', `nicht erreichbar: ${(e as Error).message}`);
        }
      } else {
        const lockFile = path.join(config.dataDir, LOCK_FILE);
        let holder: LockInfo | null = null;
        try {
          holder = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockInfo;
        } catch {
          holder = null;
        }
        let alive = false;
        if (holder) {
          try {
            process.kill(holder.pid, 0);
            alive = true;
          } catch (e) {
            alive = (e as NodeJS.ErrnoException).code === 'EPERM';
          }
        }
        if (holder && alive && holder.hostname === os.hostname()) {
          add(
            'OK',
            'Sperre',
            `Datenordner ${config.dataDir} wird von Prozess ${holder.pid} (${holder.command}) verwendet; Datenbankprüfung übersprungen`,
          );
        } else {
          if (holder)
            add(
              'WARN',
              'Sperre',
              `veraltete Sperre von Prozess ${holder.pid} gefunden; sie wird beim nächsten Start übernommen`,
            );
          else add('OK', 'Sperre', `Datenordner ${config.dataDir} ist frei`);
          try {
            fs.mkdirSync(config.dataDir, { recursive: true });
            fs.accessSync(config.dataDir, fs.constants.W_OK);
            const rt = await openRuntime(config, 'cli doctor', { migrate: false });
            try {
              const n = await rt.database.query<{ n: number }>(
                "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'",
              );
              add('OK', 'Datenbank', `${rt.database.describe()}, ${n[0]?.n ?? 0} Tabellen`);
            } finally {
              await rt.close();
            }
          } catch (e) {
            add('FAIL', 'Datenbank', `${pgliteDirOf(config.dataDir)}: ${(e as Error).message}`);
          }
        }
      }
      for (const r of results) console.log(`[${r.status.padEnd(4)}] ${r.what.padEnd(12)} ${r.detail}`);
      if (results.some((r) => r.status === 'FAIL')) process.exitCode = 1;
    });

  registerMonitoringCommands(program);
  registerCatalogueCommands(program);
  registerSteeringCommands(program);
  registerReportCommands(program);
  registerDirectoryCommands(program);
  registerEntitlementCommands(program);
  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildCli();
  program.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      return 3;
    }
    // Messages are bounded: a file with a million columns must not print megabytes.
    if (e instanceof CliError) {
      console.error(`Fehler: ${boundedMessage(e.message)}`);
      return e.exitCode;
    }
    if (e instanceof HttpError) {
      console.error(`Fehler: ${boundedMessage(e.message)}`);
      return 1;
    }
    const ce = e as { code?: string; exitCode?: number };
    if (typeof ce.code === 'string' && ce.code.startsWith('commander.')) return ce.exitCode ?? 2;
    console.error(`Fehler: ${boundedMessage((e as Error).message)}`);
    return 1;
  }
}
