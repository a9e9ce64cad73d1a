// Project lint rules (an oxlint JS plugin, ESLint rule API). See ADR 0002 and docs/adding-a-module.md.
//
// dkbm/tenant-scope — in a repository (`*.repo.ts`), every query on a tenant-owned table goes through
//   the tenant scope (platform/tenancy/scope.ts):
//     .from(t) / .update(t) / .delete(t)  → the same query holds `<scope>.owns(t, …)` (or `ownsOrShared`
//                                          for tables with platform rows, tenant_id NULL)
//     .innerJoin(t, on) / .leftJoin(…)     → `on` is `<scope>.owns(t, …)`
//     .insert(t)                           → its values come from `<scope>.withTenant(…)`
//     sql`… FROM/JOIN/UPDATE <tenant table>` → the text interpolates `<scope>.tenantId` (raw INSERTs
//                                          take their tenant from their values; row-level security checks it)
//   A query that reads across tenants on purpose says so: `// oxlint-disable-next-line
//   dkbm/tenant-scope -- <why>`.
// dkbm/sql-in-repositories — module and CLI code outside repositories (routes, services, commands)
//   builds no SQL: no value imports from drizzle-orm, the schema or the raw-row helpers.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Tenant-owned tables of the drizzle schema: symbol → SQL name. */
function tenantTables() {
  const schema = fs.readFileSync(path.join(root, 'apps/server/src/platform/db/schema.ts'), 'utf8');
  const tables = new Map();
  const parts = schema.split(/\nexport const /);
  for (const part of parts) {
    const m = /^(\w+) = pgTable\(\s*'(\w+)'/.exec(part);
    if (m && part.includes("uuid('tenant_id')")) tables.set(m[1], m[2]);
  }
  return tables;
}

const TABLES = tenantTables();
const SQL_NAMES = [...TABLES.values()];
const SQL_TABLE_RE = new RegExp(`\\b(from|join|update)\\s+"?(${SQL_NAMES.join('|')})"?\\b`, 'i');

const isRepo = (file) => file.endsWith('.repo.ts');
const isTestSupport = (file) => /\.(test|isolation|demo)\.ts$/.test(file) || file.includes('/test/');

/** The outermost expression of a method chain that `node` is part of. */
function chainTop(node) {
  let n = node;
  for (;;) {
    const p = n.parent;
    if (!p) return n;
    if (p.type === 'MemberExpression' && p.object === n) n = p;
    else if (p.type === 'CallExpression' && p.callee === n) n = p;
    else if (p.type === 'AwaitExpression' || p.type === 'TSNonNullExpression') n = p;
    else return n;
  }
}

/** Whether a subtree holds a call `<x>.<method>(…)` (whose first argument is `table`, when given). */
function holdsCall(node, method, table) {
  let found = false;
  const visit = (n) => {
    if (found || !n || typeof n.type !== 'string') return;
    if (
      n.type === 'CallExpression' &&
      n.callee.type === 'MemberExpression' &&
      n.callee.property.type === 'Identifier' &&
      n.callee.property.name === method &&
      (!table || (n.arguments[0]?.type === 'Identifier' && n.arguments[0].name === table))
    ) {
      found = true;
      return;
    }
    for (const [key, value] of Object.entries(n)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) value.forEach(visit);
      else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value);
    }
  };
  visit(node);
  return found;
}

const tenantScope = {
  meta: { type: 'problem', docs: { description: 'queries on tenant tables go through the tenant scope' } },
  create(context) {
    if (!isRepo(context.filename)) return {};
    const report = (node, message) => context.report({ node, message });
    return {
      CallExpression(node) {
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        const arg = node.arguments[0];
        if (!arg || arg.type !== 'Identifier' || !TABLES.has(arg.name)) return;
        const table = arg.name;
        if (method === 'from' || method === 'update' || method === 'delete') {
          if (
            !holdsCall(chainTop(node), 'owns', table) &&
            !holdsCall(chainTop(node), 'ownsOrShared', table)
          ) {
            report(
              callee.property,
              `Abfrage auf „${table}“ ohne Mandantenfilter: \`scope.owns(${table}, …)\` in WHERE.`,
            );
          }
        } else if (/^(inner|left|right|full)Join$/.test(method)) {
          const on = node.arguments[1];
          if (!holdsCall(on, 'owns', table) && !holdsCall(on, 'ownsOrShared', table)) {
            report(
              callee.property,
              `Join auf „${table}“ ohne Mandantenfilter: \`scope.owns(${table}, …)\` als Bedingung.`,
            );
          }
        } else if (method === 'insert') {
          if (!holdsCall(chainTop(node), 'withTenant')) {
            report(
              callee.property,
              `Einfügen in „${table}“ ohne Mandanten: Werte aus \`scope.withTenant(…)\`.`,
            );
          }
        }
      },
      TaggedTemplateExpression(node) {
        if (node.tag.type !== 'Identifier' || node.tag.name !== 'sql') return;
        const text = node.quasi.quasis.map((q) => q.value.raw).join(' ');
        const m = SQL_TABLE_RE.exec(text);
        if (!m) return;
        const scoped = node.quasi.expressions.some(
          (e) =>
            e.type === 'MemberExpression' &&
            e.property.type === 'Identifier' &&
            e.property.name === 'tenantId',
        );
        if (!scoped) {
          report(node, `SQL auf „${m[2]}“ ohne Mandantenfilter: \`tenant_id = \${scope.tenantId}\`.`);
        }
      },
    };
  },
};

const SQL_SOURCES = [/^drizzle-orm(\/|$)/, /\/platform\/db\/schema$/, /\/platform\/db\/sqlRows$/];

const sqlInRepositories = {
  meta: { type: 'problem', docs: { description: 'SQL lives in repositories (*.repo.ts)' } },
  create(context) {
    const file = context.filename.split(path.sep).join('/');
    const scoped = /\/apps\/server\/src\/(modules|cli)\//.test(file);
    if (!scoped || isRepo(file) || isTestSupport(file)) return {};
    return {
      ImportDeclaration(node) {
        if (node.importKind === 'type') return;
        if (node.specifiers.length && node.specifiers.every((s) => s.importKind === 'type')) return;
        const source = String(node.source.value);
        if (SQL_SOURCES.some((re) => re.test(source))) {
          context.report({
            node,
            message: `SQL gehört in ein Repository (*.repo.ts); Routen, Dienste und Befehle rufen Dienste auf („${source}“).`,
          });
        }
      },
    };
  },
};

export default {
  meta: { name: 'dkbm' },
  rules: { 'tenant-scope': tenantScope, 'sql-in-repositories': sqlInRepositories },
};
