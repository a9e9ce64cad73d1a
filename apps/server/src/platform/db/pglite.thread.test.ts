import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client';
import { turnsDuring } from '@dkbm/domain/testing/eventLoop';

// Issue 9 item 5: a long PGlite statement stopped the whole server (ADR 0017).
describe('PGlite in its own thread', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({});
  }, 120_000);
  afterAll(() => database?.close());

  it('keeps the event loop turning while a long statement runs', async () => {
    // A statement of a few seconds in WebAssembly. In the server's thread the loop would turn a handful of
    // times (between the statement's awaits); in its own thread it turns freely meanwhile.
    const work = database.query(
      'SELECT count(*)::int AS n FROM generate_series(1, 3000000) g WHERE g % 7 = 0',
    );
    const turns = await turnsDuring(work);
    expect(((await work) as { n: number }[])[0]!.n).toBe(428571);
    expect(turns).toBeGreaterThan(1000);
  }, 120_000);

  it('hands database errors over with their SQLSTATE code and detail', async () => {
    await database.exec('CREATE TABLE t_err (id int PRIMARY KEY)');
    await database.query('INSERT INTO t_err VALUES (1)');
    const e = (await database.query('INSERT INTO t_err VALUES (1)').catch((x: unknown) => x)) as {
      code?: string;
      detail?: string;
      constraint?: string;
    };
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('23505');
    expect(e.constraint).toBe('t_err_pkey');
    expect(e.detail).toContain('(id)=(1)');
  });

  it('commits a transaction, rolls one back on an error, and holds other statements until it ends', async () => {
    await database.exec('CREATE TABLE t_tx (v text)');
    const client = database.pglite!;
    await client.transaction(async (tx) => {
      await tx.query('INSERT INTO t_tx VALUES ($1)', ['a']);
    });
    await expect(
      client.transaction(async (tx) => {
        await tx.query('INSERT INTO t_tx VALUES ($1)', ['b']);
        throw new Error('abbrechen');
      }),
    ).rejects.toThrow('abbrechen');
    // A statement outside the open transaction waits for its end and then sees its row.
    let outside: Promise<{ n: number }[]> | null = null;
    await client.transaction(async (tx) => {
      await tx.query('INSERT INTO t_tx VALUES ($1)', ['c']);
      outside = database.query<{ n: number }>('SELECT count(*)::int AS n FROM t_tx');
      await tx.query('INSERT INTO t_tx VALUES ($1)', ['d']);
    });
    expect((await outside!)[0]!.n).toBe(3);
    const rows = await database.query<{ v: string }>('SELECT v FROM t_tx ORDER BY v');
    expect(rows.map((r) => r.v)).toEqual(['a', 'c', 'd']);
  });

  it('keeps dates as text through the caller’s parsers and moves COPY blobs both ways', async () => {
    const client = database.pglite!;
    const r = await client.query<{ d: unknown; n: unknown }>(
      "SELECT DATE '2026-08-01' AS d, 2::int AS n",
      [],
      { parsers: { 1082: (v: string) => `Tag ${v}` } },
    );
    expect(r.rows[0]).toEqual({ d: 'Tag 2026-08-01', n: 2 });
    await database.exec('CREATE TABLE t_copy (a int, b text)');
    await client.query("COPY t_copy (a, b) FROM '/dev/blob' WITH (FORMAT csv)", [], {
      blob: new Blob(['1,Köln\n2,"Gießen, Stadt"\n']),
    });
    const out = await client.query(
      "COPY (SELECT a, b FROM t_copy ORDER BY a) TO '/dev/blob' WITH (FORMAT csv)",
    );
    expect(await out.blob!.text()).toBe('1,Köln\n2,"Gießen, Stadt"\n');
  });
});
