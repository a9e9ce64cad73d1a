import { describe, expect, it } from 'vitest';
import { modules } from '../../modules';
import { routeTable } from '../../test/routeTable';
import {
  CORE_KINDS,
  idKindsOf,
  missingCases,
  requestOf,
  routeKey,
  staleCases,
  withForeign,
  type IsolationCases,
} from './isolation';
import { allCases, loadModuleIsolation } from './isolationCases';

const table = await routeTable(modules);
const isolation = await loadModuleIsolation();
const cases = allCases(isolation);

describe('isolation cases are taken from the router', () => {
  it('every tenant route of the registry has an isolation case, and every case a route', () => {
    expect(missingCases(table, cases)).toEqual([]);
    expect(staleCases(table, cases)).toEqual([]);
  });

  it('a new tenant route without a case is reported (and fails the isolation test)', () => {
    const withNew = [...table, { method: 'POST', url: '/api/tenants/:tenantId/probe/:noteId' }];
    expect(missingCases(withNew, cases)).toEqual(['POST /api/tenants/:tenantId/probe/:noteId']);
    // Routes outside the tenant scope need none.
    expect(missingCases([{ method: 'GET', url: '/api/probe' }], {})).toEqual([]);
  });

  it('a case left behind by a removed route is reported', () => {
    const extra: IsolationCases = { ...cases, 'GET /api/tenants/:tenantId/gone': {} };
    expect(staleCases(table, extra)).toEqual(['GET /api/tenants/:tenantId/gone']);
  });

  it('every kind of id a case names has fixtures that make it', () => {
    const made = new Set([...CORE_KINDS, ...isolation.flatMap((m) => m.fixtureKinds ?? [])]);
    for (const [key, c] of Object.entries(cases)) {
      for (const kind of idKindsOf(key.split(' ')[1]!, c)) expect(made, `${key}: ${kind}`).toContain(kind);
    }
  });
});

describe('building the requests of a case', () => {
  const c = {
    query: (ids: Record<string, string>) => ({ area: ids.area! }),
    body: (ids: Record<string, string>, tag: string) => ({ indicatorId: ids.indicator, tag }),
  };
  const url = '/api/tenants/:tenantId/rounds/:roundId/answers/:componentKey';

  it('names the kinds of its path, query and body', () => {
    expect(idKindsOf(url, c).toSorted()).toEqual(['area', 'indicator', 'round']);
    expect(idKindsOf('/api/tenants/:tenantId/shares/:agencyTenantId', {})).toEqual(['agency']);
  });

  it('fills in tenant, ids, query and body', () => {
    const own = { round: 'R1', area: 'A1', indicator: 'I1' };
    expect(requestOf(url, c, 'T1', own, 'x')).toEqual({
      url: '/api/tenants/T1/rounds/R1/answers/koordination?area=A1',
      payload: { indicatorId: 'I1', tag: 'x' },
    });
    const idor = withForeign(own, { round: 'R2', area: 'A2', indicator: 'I2' }, 'indicator');
    expect(requestOf(url, c, 'T1', idor, 'x').payload).toEqual({ indicatorId: 'I2', tag: 'x' });
    expect(() => requestOf(url, c, 'T1', {}, 'x')).toThrow('keine Testdaten für „round“');
  });

  it('keys routes by method and URL pattern', () => {
    expect(routeKey('GET', '/api/tenants/:tenantId')).toBe('GET /api/tenants/:tenantId');
  });
});
