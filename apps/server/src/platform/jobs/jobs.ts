import PgBoss from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client';

export type JobHandler<T> = (data: T) => Promise<void>;

/**
 * Background jobs (imports, later report rendering) on pg-boss, in the application's own database:
 * PostgreSQL directly, PGlite through an executeSql adapter (polling only). pg-boss starts lazily on
 * the first job, so processes that never queue anything (tests, CLI) do not pay for its schema.
 */
export class JobQueue {
  private boss: PgBoss | null = null;
  private starting: Promise<PgBoss> | null = null;
  private readonly handlers = new Map<string, JobHandler<unknown>>();
  private readonly running = new Set<Promise<void>>();

  private readonly pollingIntervalSeconds: number;
  /** Called when a job has ended (done or failed), e.g. to empty caches of what it may have changed. */
  private readonly onJobEnd: () => void;

  constructor(
    private readonly database: Database,
    private readonly log: FastifyBaseLogger,
    opts: { pollingIntervalSeconds?: number; onJobEnd?: () => void } = {},
  ) {
    this.pollingIntervalSeconds = opts.pollingIntervalSeconds ?? 0.5;
    this.onJobEnd = opts.onJobEnd ?? (() => {});
  }

  /** Register a handler; it runs in this process once pg-boss is started. */
  register<T>(name: string, handler: JobHandler<T>): void {
    this.handlers.set(name, handler as JobHandler<unknown>);
  }

  private async start(): Promise<PgBoss> {
    if (this.boss) return this.boss;
    this.starting ??= (async () => {
      const db = this.database;
      const boss =
        db.driver === 'pglite'
          ? new PgBoss({
              db: {
                executeSql: (text: string, values?: unknown[]) =>
                  values?.length
                    ? db.pglite!.query(text, values)
                    : db.pglite!.exec(text).then((r) => r.at(-1)!),
              },
              schedule: false,
              supervise: true,
            })
          : new PgBoss({
              db: { executeSql: (text: string, values?: unknown[]) => db.pool!.query(text, values) },
              schedule: false,
            });
      boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
      await boss.start();
      for (const [name, handler] of this.handlers) {
        await boss.createQueue(name);
        await boss.work<unknown>(
          name,
          { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 1 },
          async (jobs) => {
            for (const job of jobs) {
              const p = handler(job.data);
              this.running.add(p);
              try {
                await p;
              } finally {
                this.running.delete(p);
                this.onJobEnd();
              }
            }
          },
        );
      }
      this.boss = boss;
      return boss;
    })();
    return this.starting;
  }

  /** Queue a job; returns its id. */
  async send<T extends object>(name: string, data: T): Promise<string> {
    if (!this.handlers.has(name)) throw new Error(`no handler for job ${name}`);
    const boss = await this.start();
    const id = await boss.send(name, data, { retryLimit: 0, expireInSeconds: 3600 });
    if (!id) throw new Error(`job ${name} was not queued`);
    return id;
  }

  /** Stop polling and wait for running handlers. */
  async stop(): Promise<void> {
    const starting = this.starting;
    if (!starting) return;
    const boss = await starting.catch(() => null);
    if (!boss) return;
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    await Promise.allSettled(this.running);
    this.boss = null;
    this.starting = null;
  }
}
