import {
  ACCESSIBILITY_LABELS,
  COST_KIND_LABELS,
  DIRECTORY_CATEGORY_LABELS,
  OFFERING_TYPE_LABELS,
  TARGET_GROUP_LABELS,
  type DirectoryOutboxMessage,
  type DirectoryProvider,
  type DirectoryProviderCreate,
  type OfferingInput,
  type ProviderEntry,
  type ProviderOverview,
  type ReminderReport,
  type ReviewChange,
  type ReviewDecision,
  type ReviewItem,
} from '@dkbm/contract';
import { badRequest, conflict, HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { listUsers } from '../users/users.service';
import {
  allSlugs,
  entryById,
  insertEntries,
  listEntries,
  updateEntry,
  type EntryWithArea,
} from './entries.repo';
import { areaLocator, offerRow, toEntryDto } from './entries.service';
import {
  entriesDueForReminder,
  insertOutbox,
  insertProvider,
  listAccountRows,
  listOutbox,
  listProviderRows,
  markReminded,
  providerOfUser,
  providerRowById,
  providerRowByName,
  type OutboxInsert,
  type ProviderRow,
  upsertAccount,
} from './providers.repo';

/*
 * Providers (Träger) maintain their own offers through accounts with the role „Anbieter“: a submission
 * is stored as `pending` beside the published state, the Bildungsbüro approves or rejects it in the
 * review queue (with a diff), and every decision and reminder is written to the outbox (no mail server).
 */

const today = () => new Date().toISOString().slice(0, 10);
const deDate = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/* ---------- the Bildungsbüro: providers and their accounts ---------- */

export async function listProviders(s: TenantScope): Promise<DirectoryProvider[]> {
  const [rows, accounts, people] = await Promise.all([listProviderRows(s), listAccountRows(s), listUsers(s)]);
  const person = new Map(people.map((p) => [p.id, p]));
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    contactEmail: p.contactEmail,
    entries: p.entries,
    accounts: accounts
      .filter((a) => a.providerId === p.id && person.has(a.userId))
      .map((a) => ({
        userId: a.userId,
        displayName: person.get(a.userId)!.displayName,
        email: person.get(a.userId)!.email,
      })),
  }));
}

export async function createProvider(s: TenantScope, input: DirectoryProviderCreate) {
  if (await providerRowByName(s, input.name))
    throw conflict(`Den Träger „${input.name}“ gibt es schon.`, { field: 'name' });
  const p = await insertProvider(s, input);
  return (await listProviders(s)).find((x) => x.id === p.id)!;
}

async function ownProvider(s: TenantScope, id: string): Promise<ProviderRow> {
  const p = await providerRowById(s, id);
  if (!p) throw notFound('Der Träger');
  return p;
}

/** Gives a person of the municipality with the role „Anbieter“ (named by e-mail) to a provider. */
export async function addProviderAccount(s: TenantScope, providerId: string, email: string) {
  await ownProvider(s, providerId);
  const user = (await listUsers(s)).find((u) => u.email.toLowerCase() === email.toLowerCase());
  if (!user)
    throw badRequest('Diese Kommune hat keine Person mit dieser E-Mail-Adresse.', { field: 'email' });
  if (user.role !== 'provider')
    throw badRequest('Nur Personen mit der Rolle „Anbieter“ können einem Träger zugeordnet werden.', {
      field: 'email',
    });
  await upsertAccount(s, user.id, providerId);
  return (await listProviders(s)).find((x) => x.id === providerId)!;
}

/** Which provider maintains an entry (null: the Bildungsbüro). */
export async function setEntryProvider(s: TenantScope, entryId: string, providerId: string | null) {
  const e = await entryById(s, entryId);
  if (!e) throw notFound('Der Eintrag');
  const p = providerId ? await ownProvider(s, providerId) : null;
  await updateEntry(s, entryId, { providerId: p?.id ?? null, ...(p ? { provider: p.name } : {}) });
  return toEntryDto((await entryById(s, entryId))!);
}

/* ---------- the provider's own entries ---------- */

async function providerOf(s: TenantScope, userId: string): Promise<ProviderRow | null> {
  return providerOfUser(s, userId);
}

const toProviderEntry = (r: EntryWithArea): ProviderEntry => ({
  ...toEntryDto(r),
  validUntil: r.validUntil,
  pending: r.pending !== null,
  pendingAt: r.pendingAt ? new Date(r.pendingAt).toISOString() : null,
  reviewMessage: r.reviewMessage,
});

const toMessage = (m: Awaited<ReturnType<typeof listOutbox>>[number]): DirectoryOutboxMessage => ({
  id: m.id,
  kind: m.kind as DirectoryOutboxMessage['kind'],
  recipient: m.recipient,
  subject: m.subject,
  body: m.body,
  provider: m.providerName,
  createdAt: new Date(m.createdAt).toISOString(),
});

export async function providerOverview(s: TenantScope, userId: string): Promise<ProviderOverview> {
  const p = await providerOf(s, userId);
  if (!p) return { provider: null, entries: [], messages: [] };
  const [rows, messages] = await Promise.all([listEntries(s, { providerId: p.id }), listOutbox(s, p.id)]);
  return {
    provider: { id: p.id, name: p.name },
    entries: rows.map(toProviderEntry),
    messages: messages.map(toMessage),
  };
}

/** An entry of the caller's provider; any other entry (another provider's, another tenant's) is 404. */
async function ownEntry(s: TenantScope, userId: string, entryId: string) {
  const p = await providerOf(s, userId);
  const e = await entryById(s, entryId);
  if (!p || !e || e.providerId !== p.id) throw notFound('Der Eintrag');
  return { p, e };
}

export async function providerEntry(s: TenantScope, userId: string, entryId: string) {
  return toProviderEntry((await ownEntry(s, userId, entryId)).e);
}

const noProvider = () =>
  new HttpError(
    403,
    'forbidden',
    'Ihr Zugang ist noch keinem Träger zugeordnet. Bitte wenden Sie sich an das Bildungsbüro.',
  );

/** A new offer of the provider: stored unpublished („eingereicht“) until the Bildungsbüro approves it. */
export async function submitOffer(s: TenantScope, userId: string, input: OfferingInput) {
  const p = await providerOf(s, userId);
  if (!p) throw noProvider();
  const proposed = { ...input, provider: p.name };
  const locate = await areaLocator(s);
  const row = offerRow(proposed, await allSlugs(s), locate);
  const [id] = await insertEntries(s, [
    {
      ...row,
      status: 'eingereicht',
      providerId: p.id,
      pending: { kind: 'angebot', input: proposed },
      pendingAt: new Date().toISOString(),
    },
  ]);
  return toProviderEntry((await entryById(s, id!))!);
}

/** A change of an own offer: the published state stays public until the change is approved. */
export async function submitChange(s: TenantScope, userId: string, entryId: string, input: OfferingInput) {
  const { p, e } = await ownEntry(s, userId, entryId);
  if (e.kind !== 'angebot')
    throw badRequest('Orte pflegt das Bildungsbüro; Anbieter ändern ihre Angebote.', { field: 'entryId' });
  await updateEntry(s, entryId, {
    pending: { kind: 'angebot', input: { ...input, provider: p.name } },
    pendingAt: new Date().toISOString(),
    ...(e.status === 'abgelehnt' || e.status === 'entwurf' ? { status: 'eingereicht' } : {}),
  });
  return toProviderEntry((await entryById(s, entryId))!);
}

/* ---------- moderation ---------- */

const FIELD_LABELS_DE: Record<string, string> = {
  title: 'Titel',
  type: 'Art',
  categories: 'Bildungsbereiche',
  description: 'Beschreibung',
  address: 'Adresse',
  location: 'Koordinaten',
  online: 'Online',
  targetGroups: 'Zielgruppen',
  ageFrom: 'Alter von',
  ageTo: 'Alter bis',
  languages: 'Sprachen',
  cost: 'Kosten',
  price: 'Preis (Euro)',
  priceNote: 'Hinweis zum Preis',
  accessibility: 'Zugang',
  dates: 'Termine',
  scheduleNote: 'Hinweis zu den Terminen',
  contact: 'Kontakt',
  registrationRequired: 'Anmeldung nötig',
  validUntil: 'Gültig bis',
};

const labelled = (labels: Record<string, { de: string }>) => (v: unknown) =>
  Array.isArray(v) ? v.map((x) => labels[String(x)]?.de ?? String(x)).join(', ') : String(v ?? '');

const FORMAT: Record<string, (v: unknown) => string> = {
  type: labelled(OFFERING_TYPE_LABELS),
  categories: labelled(DIRECTORY_CATEGORY_LABELS),
  targetGroups: labelled(TARGET_GROUP_LABELS),
  accessibility: labelled(ACCESSIBILITY_LABELS),
  cost: labelled(COST_KIND_LABELS),
  validUntil: (v) => (typeof v === 'string' ? deDate(v) : ''),
  online: (v) => (v ? 'ja' : 'nein'),
  registrationRequired: (v) => (v ? 'ja' : 'nein'),
  address: (v) => {
    const a = v as { street: string; postcode: string; city: string } | null;
    return a ? `${a.street}, ${a.postcode} ${a.city}` : '';
  },
  location: (v) => {
    const l = v as { lon: number; lat: number } | null;
    return l ? `${String(l.lat).replace('.', ',')} N, ${String(l.lon).replace('.', ',')} O` : '';
  },
  dates: (v) =>
    ((v as Array<{ start: string; end: string | null }>) ?? [])
      .map((d) => `${deDate(d.start)} ${d.start.slice(11)}${d.end ? `–${d.end.slice(11)}` : ''}`)
      .join('; '),
  contact: (v) => {
    const c = (v ?? {}) as Record<string, string | null>;
    return ['phone', 'email', 'website'].flatMap((k) => (c[k] ? [c[k]] : [])).join(', ');
  },
};
const show = (field: string, v: unknown) =>
  (FORMAT[field] ?? ((x: unknown) => (Array.isArray(x) ? x.join(', ') : x == null ? '' : String(x))))(v);

/** The offer's fields as published (the input it was made from). */
function publishedInput(e: EntryWithArea): Record<string, unknown> {
  return {
    ...(e.details as Record<string, unknown>),
    title: e.name,
    type: e.type,
    categories: e.categories,
    description: e.description,
    address: e.address,
    location: e.lon === null || e.lat === null ? null : { lon: Number(e.lon), lat: Number(e.lat) },
    targetGroups: e.targetGroups,
    languages: e.languages,
    cost: e.cost,
    accessibility: e.accessibility,
    validUntil: e.validUntil,
  };
}

/** Field by field: what the submission changes (for a never published entry: every filled field). */
export function reviewChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
): ReviewChange[] {
  return Object.keys(FIELD_LABELS_DE).flatMap((field) => {
    const b = before ? show(field, before[field]) : '';
    const a = show(field, after[field]);
    return a === b ? [] : [{ field, label: FIELD_LABELS_DE[field]!, before: b, after: a }];
  });
}

const isNew = (e: EntryWithArea) => e.status === 'eingereicht' || e.status === 'abgelehnt';
const pendingInput = (e: EntryWithArea) =>
  (e.pending as { kind: 'angebot'; input: OfferingInput } | null)?.input ?? null;

export async function reviewQueue(s: TenantScope): Promise<ReviewItem[]> {
  const [rows, providers] = await Promise.all([listEntries(s, { pending: true }), listProviderRows(s)]);
  const byId = new Map(providers.map((p) => [p.id, p]));
  return rows
    .map((e) => {
      const p = e.providerId ? byId.get(e.providerId) : undefined;
      const proposed = pendingInput(e)!;
      return {
        entryId: e.id,
        name: proposed.title,
        kind: e.kind as ReviewItem['kind'],
        provider: p ? { id: p.id, name: p.name } : null,
        isNew: isNew(e),
        submittedAt: new Date(e.pendingAt ?? e.updatedAt).toISOString(),
        changes: reviewChanges(isNew(e) ? null : publishedInput(e), proposed),
      };
    })
    .toSorted((a, b) => a.submittedAt.localeCompare(b.submittedAt));
}

/** Approve (the submission becomes the published entry) or reject (with a message) a submission. */
export async function decideSubmission(s: TenantScope, entryId: string, d: ReviewDecision) {
  const e = await entryById(s, entryId);
  const proposed = e ? pendingInput(e) : null;
  if (!e || !proposed) throw notFound('Die Einreichung');
  if (d.decision === 'ablehnen' && !d.message)
    throw badRequest('Bitte nennen Sie dem Anbieter den Grund der Ablehnung.', { field: 'message' });
  const provider = e.providerId ? await providerRowById(s, e.providerId) : null;
  await s.transaction(async (tx) => {
    if (d.decision === 'freigeben') {
      const slugs = await allSlugs(tx);
      slugs.delete(e.slug);
      const row = offerRow(proposed, slugs, await areaLocator(tx));
      const { slug: _newSlug, ...rest } = row;
      await updateEntry(tx, entryId, {
        ...rest,
        status: 'veroeffentlicht',
        pending: null,
        pendingAt: null,
        reviewMessage: d.message || null,
      });
    } else {
      await updateEntry(tx, entryId, {
        pending: null,
        pendingAt: null,
        reviewMessage: d.message,
        ...(e.status === 'eingereicht' ? { status: 'abgelehnt' } : {}),
      });
    }
    if (provider) {
      const approved = d.decision === 'freigeben';
      await insertOutbox(tx, [
        {
          providerId: provider.id,
          kind: approved ? 'freigabe' : 'ablehnung',
          recipient: provider.contactEmail,
          subject: approved ? `Freigegeben: ${proposed.title}` : `Nicht freigegeben: ${proposed.title}`,
          body:
            (approved
              ? `Ihr Angebot „${proposed.title}“ ist jetzt im Bildungswegweiser veröffentlicht.`
              : `Ihr Angebot „${proposed.title}“ wurde nicht freigegeben.`) +
            (d.message ? `\n\nNachricht des Bildungsbüros: ${d.message}` : ''),
        },
      ]);
    }
  });
  return toEntryDto((await entryById(s, entryId))!);
}

/* ---------- reminders and outbox ---------- */

export async function listOutboxMessages(s: TenantScope): Promise<DirectoryOutboxMessage[]> {
  return (await listOutbox(s)).map(toMessage);
}

const addDays = (iso: string, days: number) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * One reminder per provider for its published entries whose „gültig bis“ falls within `days` (or has
 * passed: those have already left the public search), each date only once.
 */
export async function remindProviders(
  s: TenantScope,
  o: { days: number; dryRun: boolean; today?: string },
): Promise<ReminderReport> {
  const now = o.today ?? today();
  const due = await entriesDueForReminder(s, addDays(now, o.days));
  const providers = new Map((await listProviderRows(s)).map((p) => [p.id, p]));
  const entries = due.map((e) => ({
    entryId: e.id,
    name: e.name,
    provider: providers.get(e.providerId!)?.name ?? '',
    validUntil: e.validUntil!,
  }));
  const byProvider = new Map<string, typeof due>();
  for (const e of due) byProvider.set(e.providerId!, [...(byProvider.get(e.providerId!) ?? []), e]);
  const messages: OutboxInsert[] = [...byProvider].flatMap(([pid, list]) => {
    const p = providers.get(pid);
    if (!p) return [];
    const lines = list.map(
      (e) =>
        `– ${e.name}: gültig bis ${deDate(e.validUntil!)}${e.validUntil! < now ? ' (abgelaufen, nicht mehr öffentlich)' : ''}`,
    );
    return [
      {
        providerId: p.id,
        kind: 'erinnerung',
        recipient: p.contactEmail,
        subject: `Bitte prüfen: ${list.length} ${list.length === 1 ? 'Angebot läuft' : 'Angebote laufen'} ab`,
        body:
          `Guten Tag,\n\nfolgende Einträge von „${p.name}“ im Bildungswegweiser laufen ab:\n${lines.join('\n')}\n\n` +
          'Bitte verlängern Sie das „gültig bis“ oder aktualisieren Sie die Angebote im Arbeitsbereich; ' +
          'abgelaufene Einträge erscheinen nicht mehr in der öffentlichen Suche.',
      },
    ];
  });
  if (!o.dryRun && due.length > 0)
    await s.transaction(async (tx) => {
      await insertOutbox(tx, messages);
      await markReminded(
        tx,
        due.map((e) => e.id),
      );
    });
  return { dryRun: o.dryRun, messages: messages.length, entries };
}

/** Names of the tenant's providers (Träger) with these ids, for other modules (network actors). */
export async function providerNames(s: TenantScope, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const wanted = new Set(ids);
  return new Map((await listProviderRows(s)).filter((p) => wanted.has(p.id)).map((p) => [p.id, p.name]));
}
