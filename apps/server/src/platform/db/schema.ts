import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/* ---------- tenants, accounts, sessions (platform) ---------- */

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  ags: text('ags'),
  color: text('color'),
  logo: text('logo'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: createdAt(),
});

/** Accounts are global (a person may belong to several tenants); roles live in memberships. */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    oidcSubject: text('oidc_subject'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    active: boolean('active').notNull().default(true),
    locale: text('locale').notNull().default('de'),
    lastLoginAt: ts('last_login_at'),
    passwordChangedAt: ts('password_changed_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    uniqueIndex('users_oidc_subject_idx').on(t.oidcSubject),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] }), index('memberships_user_idx').on(t.userId)],
);

/** Server-side sessions; only a SHA-256 hash of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time links: invitations into a tenant and password resets. Only the token hash is stored. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    purpose: text('purpose').notNull(), // 'invite' | 'reset'
    tenantId: uuid('tenant_id').references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    email: text('email'),
    role: text('role'),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_tenant_idx').on(t.tenantId)],
);

/** Key/value settings of the installation (e.g. generated secrets); not tenant data. */
export const systemSettings = pgTable('system_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/* ---------- monitoring (tenant-owned) ---------- */

export const areas = pgTable(
  'areas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('areas_tenant_level_code_idx').on(t.tenantId, t.level, t.code)],
);

/** Gebietsstand: name and boundary of an area valid from–to a date. */
export const areaVersions = pgTable(
  'area_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
    name: text('name').notNull(),
    geometry: jsonb('geometry'),
  },
  (t) => [index('area_versions_area_idx').on(t.areaId)],
);

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    nameDe: text('name_de').notNull(),
    nameEn: text('name_en'),
    description: text('description'),
    unit: text('unit').notNull(),
    decimals: integer('decimals').notNull().default(0),
    topic: text('topic').notNull(),
    visibility: text('visibility').notNull().default('internal'),
    source: text('source'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('indicators_tenant_code_idx').on(t.tenantId, t.code)],
);

export const observations = pgTable(
  'observations',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    areaId: uuid('area_id')
      .notNull()
      .references(() => areas.id, { onDelete: 'cascade' }),
    period: date('period', { mode: 'string' }).notNull(),
    dims: jsonb('dims').$type<Record<string, string>>().notNull().default({}),
    dimsKey: text('dims_key').notNull().default(''),
    value: numeric('value'),
    flag: text('flag'),
  },
  (t) => [
    uniqueIndex('observations_unique_idx').on(t.tenantId, t.indicatorId, t.areaId, t.period, t.dimsKey),
    index('observations_indicator_period_idx').on(t.tenantId, t.indicatorId, t.period),
  ],
);
