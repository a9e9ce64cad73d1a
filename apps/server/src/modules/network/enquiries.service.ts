import type { Enquiry, EnquiryStats } from '@dkbm/contract';
import type { z } from 'zod';
import type { enquiryInputSchema, enquiryUpdateSchema } from '@dkbm/contract';
import { notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow, indicatorExists } from '../monitoring/catalog.service';
import { reportTitle } from '../reports/reports.service';
import { today } from './actors.service';
import { enquiryRows, insertEnquiry, updateEnquiryRow, type EnquiryRow } from './enquiries.repo';
import { attachmentRows, type AttachmentRow } from './enquiryFiles.repo';

/* The enquiry log: enquiries from politics, administration, press and public, with due dates and answers. */

type EnquiryInput = z.infer<typeof enquiryInputSchema>;
type EnquiryUpdate = z.infer<typeof enquiryUpdateSchema>;

/** The ISO date `days` days after `day`. */
const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function toEnquiry(
  e: EnquiryRow,
  indicatorName: string | null,
  linkedReportTitle: string | null,
  day: string,
  files: AttachmentRow[],
): Enquiry {
  const answered = e.status === 'answered';
  return {
    id: e.id,
    title: e.title,
    question: e.question,
    requesterType: e.requesterType as Enquiry['requesterType'],
    requester: e.requester,
    topic: e.topic as Enquiry['topic'],
    receivedOn: e.receivedOn,
    dueOn: e.dueOn,
    assignee: e.assignee,
    indicatorId: e.indicatorId,
    indicatorName,
    reportId: linkedReportTitle === null ? null : e.reportId,
    reportTitle: linkedReportTitle,
    status: e.status as Enquiry['status'],
    answer: e.answer,
    answeredOn: e.answeredOn,
    overdue: !answered && e.dueOn !== null && e.dueOn < day,
    dueSoon: !answered && e.dueOn !== null && e.dueOn >= day && e.dueOn <= plusDays(day, 7),
    inTime: answered && e.dueOn !== null && e.answeredOn !== null ? e.answeredOn <= e.dueOn : null,
    attachments: files.map((f) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size })),
  };
}

async function withNames(s: TenantScope, rows: EnquiryRow[]): Promise<Enquiry[]> {
  const names = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.indicatorId).filter((x): x is string => !!x))) {
    if (await indicatorExists(s, id)) names.set(id, (await getIndicatorRow(s, id)).nameDe);
  }
  const titles = new Map<string, string>();
  for (const id of new Set(rows.map((r) => r.reportId).filter((x): x is string => !!x))) {
    const r = await reportTitle(s, id);
    if (r) titles.set(id, r.title);
  }
  const files = await attachmentRows(
    s,
    rows.map((r) => r.id),
  );
  const day = today();
  return rows.map((r) =>
    toEnquiry(
      r,
      r.indicatorId ? (names.get(r.indicatorId) ?? null) : null,
      r.reportId ? (titles.get(r.reportId) ?? null) : null,
      day,
      files.filter((f) => f.enquiryId === r.id),
    ),
  );
}

export async function listEnquiries(s: TenantScope): Promise<Enquiry[]> {
  return withNames(s, await enquiryRows(s));
}

export async function getEnquiry(s: TenantScope, id: string): Promise<Enquiry> {
  const rows = await enquiryRows(s, id);
  if (!rows[0]) throw notFound('Die Anfrage');
  return (await withNames(s, rows))[0]!;
}

/** A linked report must be one of this tenant's (another tenant's id is 404 like an unknown one). */
async function checkReport(s: TenantScope, reportId: string | null | undefined): Promise<void> {
  if (reportId && !(await reportTitle(s, reportId))) throw notFound('Der Bildungsbericht');
}

export async function createEnquiry(s: TenantScope, v: EnquiryInput): Promise<Enquiry> {
  if (v.indicatorId && !(await indicatorExists(s, v.indicatorId))) throw notFound('Der Indikator');
  await checkReport(s, v.reportId);
  const id = await insertEnquiry(s, {
    title: v.title,
    question: v.question,
    requesterType: v.requesterType,
    requester: v.requester,
    topic: v.topic,
    receivedOn: v.receivedOn,
    dueOn: v.dueOn ?? null,
    assignee: v.assignee ?? null,
    indicatorId: v.indicatorId ?? null,
    reportId: v.reportId ?? null,
  });
  return getEnquiry(s, id);
}

/** Changes status, assignee, due date or answer; setting the status to answered records today's date. */
export async function updateEnquiry(s: TenantScope, id: string, v: EnquiryUpdate): Promise<Enquiry> {
  const before = await getEnquiry(s, id);
  await checkReport(s, v.reportId);
  const answering = v.status === 'answered' && before.status !== 'answered';
  await updateEnquiryRow(s, id, {
    ...(v.status !== undefined ? { status: v.status } : {}),
    ...(v.assignee !== undefined ? { assignee: v.assignee || null } : {}),
    ...(v.answer !== undefined ? { answer: v.answer || null } : {}),
    ...(v.dueOn !== undefined ? { dueOn: v.dueOn ?? null } : {}),
    ...(v.reportId !== undefined ? { reportId: v.reportId ?? null } : {}),
    ...(answering ? { answeredOn: today() } : {}),
    ...(v.status !== undefined && v.status !== 'answered' ? { answeredOn: null } : {}),
  });
  return getEnquiry(s, id);
}

/**
 * Reminders for due dates: open enquiries past their due date or due within `days` days (today in
 * Europe/Berlin), the most urgent first.
 */
export async function enquiryReminders(s: TenantScope, days: number): Promise<Enquiry[]> {
  const until = plusDays(today(), days);
  const due = (await enquiryRows(s)).filter(
    (e) => e.status !== 'answered' && e.dueOn !== null && e.dueOn <= until,
  );
  return (await withNames(s, due)).toSorted(
    (a, b) => a.dueOn!.localeCompare(b.dueOn!) || a.title.localeCompare(b.title, 'de'),
  );
}

/** Figures for the office's own reporting: answered in time, by requester type and topic. */
export async function enquiryStats(s: TenantScope): Promise<EnquiryStats> {
  const all = await listEnquiries(s);
  const count = <K extends string>(key: (e: Enquiry) => K) => {
    const m = new Map<K, number>();
    for (const e of all) m.set(key(e), (m.get(key(e)) ?? 0) + 1);
    return [...m].toSorted((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  };
  return {
    total: all.length,
    open: all.filter((e) => e.status !== 'answered').length,
    overdue: all.filter((e) => e.overdue).length,
    dueSoon: all.filter((e) => e.dueSoon).length,
    answered: all.filter((e) => e.status === 'answered').length,
    answeredInTime: all.filter((e) => e.inTime === true).length,
    byRequesterType: count((e) => e.requesterType).map(([requesterType, n]) => ({ requesterType, count: n })),
    byTopic: count((e) => e.topic).map(([topic, n]) => ({ topic, count: n })),
  };
}
