import type {
  AgendaGoal,
  AgendaItem,
  AgendaRecommendation,
  MeetingDecision,
  LiveData,
  MeetingDetail,
  MeetingInput,
  MeetingSummary,
} from '@dkbm/contract';
import ical from 'ical-generator';
import { conflict, HttpError, notFound } from '../../platform/http/errors';
import type { TenantScope } from '../../platform/tenancy/scope';
import { getIndicatorRow, indicatorExists } from '../monitoring/catalog.service';
import { areaExists, areaNames } from '../monitoring/areas.service';
import { seriesFor, totalSpec } from '../monitoring/references.service';
import { goalDetail } from '../steering/goals.service';
import { listRecommendations } from '../steering/loop.service';
import { activeMembersOn } from './actors.repo';
import { shiftBerlin } from './series';
import { requireActor, requireBody, toMeetingSummary } from './actors.service';
import {
  agendaOf,
  attendanceOf,
  decisionsOfMeeting,
  findAgendaItem,
  findMeeting,
  insertAgendaItem,
  insertDecision,
  insertMeeting,
  meetingRows,
  nextPosition,
  replaceAttendance,
  updateAgendaItemRow,
  updateMeetingRow,
  type AgendaItemRow,
  type DecisionRow,
} from './meetings.repo';

/*
 * Meetings of bodies: invitation with agenda, live indicator data on agenda items (frozen when the
 * minutes are approved), attendance, minutes per item and decisions.
 */

export async function requireMeeting(s: TenantScope, id: string) {
  const m = await findMeeting(s, id);
  if (!m) throw notFound('Die Sitzung');
  return m;
}

export async function listMeetings(s: TenantScope): Promise<MeetingSummary[]> {
  return (await meetingRows(s)).map(toMeetingSummary);
}

/** Creates the meeting, or a series of meetings at the same local time (Europe/Berlin); returns the first. */
export async function createMeeting(s: TenantScope, v: MeetingInput): Promise<MeetingDetail> {
  await requireBody(s, v.bodyId);
  const count = v.repeat?.count ?? 1;
  const ids = await s.transaction(async (tx) => {
    const out: string[] = [];
    for (let i = 0; i < count; i++) {
      const step = v.repeat
        ? { [v.repeat.frequency === 'weekly' ? 'weeks' : 'months']: i * v.repeat.interval }
        : {};
      out.push(
        await insertMeeting(tx, {
          bodyId: v.bodyId,
          title: count > 1 ? `${v.title} (${i + 1}/${count})` : v.title,
          startsAt: shiftBerlin(v.startsAt, step),
          endsAt: shiftBerlin(v.endsAt, step),
          place: v.place ?? null,
          onlineLink: v.onlineLink ?? null,
        }),
      );
    }
    return out;
  });
  return getMeeting(s, ids[0]!);
}

/**
 * The indicator's values for the area (total series) in the public view: meeting papers go to external
 * members, so small counts stay withheld as on the portal.
 */
async function liveData(s: TenantScope, indicatorId: string, areaId: string): Promise<LiveData | null> {
  if (!(await indicatorExists(s, indicatorId)) || !(await areaExists(s, areaId))) return null;
  const ind = await getIndicatorRow(s, indicatorId);
  const series = await seriesFor(s, ind, areaId, await totalSpec(s, ind), 'public');
  const names = await areaNames(s, [areaId]);
  return {
    indicatorId,
    indicatorName: ind.nameDe,
    unit: ind.unit,
    decimals: ind.decimals,
    areaId,
    areaName: names.get(areaId) ?? '',
    points: series.points.map((p) => ({ period: p.period, value: p.value, flag: p.flag })),
    asOf: new Date().toISOString(),
    frozen: false,
  };
}

/** The goal with its progress, from the public (protected) series like the portal; null if gone. */
async function liveGoal(s: TenantScope, goalId: string): Promise<AgendaGoal | null> {
  // A goal deleted in the steering loop after it was put on the agenda shows no longer (404 → null).
  const g = await goalDetail(s, goalId, 'public').catch((e: unknown) => {
    if (e instanceof HttpError && e.statusCode === 404) return null;
    throw e;
  });
  if (!g) return null;
  return {
    goalId: g.id,
    title: g.title,
    progressLabel: g.progress.label,
    targets: g.targets.map((t) => {
      const latest = t.values.at(-1) ?? null;
      return {
        indicatorName: t.indicator.name,
        areaName: t.area.name,
        unit: t.indicator.unit,
        targetPeriod: t.targetPeriod,
        targetValue: t.targetValue,
        latestPeriod: latest?.period ?? null,
        latestValue: latest?.value ?? null,
        progressLabel: t.progress.label,
      };
    }),
    asOf: new Date().toISOString(),
    frozen: false,
  };
}

/** The recommendation with its current status in the steering loop; null if gone. */
async function liveRecommendation(s: TenantScope, id: string): Promise<AgendaRecommendation | null> {
  const r = (await listRecommendations(s)).find((x) => x.id === id);
  if (!r) return null;
  return {
    recommendationId: r.id,
    title: r.title,
    text: r.text,
    status: r.status,
    asOf: new Date().toISOString(),
    frozen: false,
  };
}

type SteeringFrozen = { goal: AgendaGoal | null; recommendation: AgendaRecommendation | null };

const toDecision = (d: DecisionRow): MeetingDecision => ({
  id: d.id,
  meetingId: d.meetingId,
  agendaItemId: d.agendaItemId,
  text: d.text,
  outcome: d.outcome as MeetingDecision['outcome'],
  recommendationId: d.recommendationId,
  createdAt: new Date(d.createdAt).toISOString(),
});

async function toAgendaItem(s: TenantScope, a: AgendaItemRow, decisions: DecisionRow[]): Promise<AgendaItem> {
  let live: LiveData | null = null;
  if (a.frozen) live = { ...(a.frozen as LiveData), frozen: true };
  else if (a.indicatorId && a.areaId) live = await liveData(s, a.indicatorId, a.areaId);
  const kept = a.steeringFrozen as SteeringFrozen | null;
  const goal = kept
    ? kept.goal && { ...kept.goal, frozen: true }
    : a.goalId
      ? await liveGoal(s, a.goalId)
      : null;
  const recommendation = kept
    ? kept.recommendation && { ...kept.recommendation, frozen: true }
    : a.recommendationId
      ? await liveRecommendation(s, a.recommendationId)
      : null;
  return {
    id: a.id,
    position: a.position,
    title: a.title,
    description: a.description,
    minutes: a.minutes,
    live,
    goal,
    recommendation,
    decisions: decisions.filter((d) => d.agendaItemId === a.id).map(toDecision),
  };
}

export async function getMeeting(s: TenantScope, id: string): Promise<MeetingDetail> {
  const m = await requireMeeting(s, id);
  // One query after another: inside a transaction they share one connection.
  const items = await agendaOf(s, id);
  const decisions = await decisionsOfMeeting(s, id);
  const present = await attendanceOf(s, id);
  const agenda: AgendaItem[] = [];
  for (const a of items) agenda.push(await toAgendaItem(s, a, decisions));
  const day = new Date(m.m.startsAt).toISOString().slice(0, 10);
  const members = await activeMembersOn(s, m.m.bodyId, day);
  const presentSet = new Set(present);
  return {
    ...toMeetingSummary(m),
    agenda,
    attendance: members.map((x) => ({ ...x, present: presentSet.has(x.actorId) })),
  };
}

/** Approved minutes are the record: nothing of the meeting changes after that. */
async function requireOpen(s: TenantScope, id: string) {
  const m = await requireMeeting(s, id);
  if (m.m.minutesApprovedAt) {
    throw conflict('Das Protokoll dieser Sitzung ist genehmigt und kann nicht mehr geändert werden.');
  }
  return m;
}

export async function addAgendaItem(
  s: TenantScope,
  meetingId: string,
  v: {
    title: string;
    description?: string | null;
    indicatorId?: string | null;
    areaId?: string | null;
    goalId?: string | null;
    recommendationId?: string | null;
  },
): Promise<MeetingDetail> {
  await requireOpen(s, meetingId);
  if (v.indicatorId && !(await indicatorExists(s, v.indicatorId))) throw notFound('Der Indikator');
  if (v.areaId && !(await areaExists(s, v.areaId))) throw notFound('Die Raumeinheit');
  if (v.goalId) await goalDetail(s, v.goalId, 'public'); // another tenant's goal: 404
  if (v.recommendationId && !(await liveRecommendation(s, v.recommendationId)))
    throw notFound('Die Handlungsempfehlung');
  await insertAgendaItem(s, {
    meetingId,
    position: await nextPosition(s, meetingId),
    title: v.title,
    description: v.description ?? null,
    indicatorId: v.indicatorId ?? null,
    areaId: v.areaId ?? null,
    goalId: v.goalId ?? null,
    recommendationId: v.recommendationId ?? null,
  });
  return getMeeting(s, meetingId);
}

export async function recordMinutes(
  s: TenantScope,
  meetingId: string,
  itemId: string,
  minutes: string,
): Promise<MeetingDetail> {
  await requireMeeting(s, meetingId);
  if (!(await findAgendaItem(s, meetingId, itemId))) throw notFound('Der Tagesordnungspunkt');
  await requireOpen(s, meetingId);
  await updateAgendaItemRow(s, itemId, { minutes: minutes || null });
  return getMeeting(s, meetingId);
}

export async function recordAttendance(
  s: TenantScope,
  meetingId: string,
  actorIds: string[],
): Promise<MeetingDetail> {
  await requireMeeting(s, meetingId);
  const unique = [...new Set(actorIds)];
  for (const a of unique) await requireActor(s, a);
  await requireOpen(s, meetingId);
  await replaceAttendance(s, meetingId, unique);
  return getMeeting(s, meetingId);
}

export async function recordDecision(
  s: TenantScope,
  meetingId: string,
  v: { agendaItemId: string; text: string; outcome: MeetingDecision['outcome'] },
): Promise<MeetingDetail> {
  await requireMeeting(s, meetingId);
  if (!(await findAgendaItem(s, meetingId, v.agendaItemId))) throw notFound('Der Tagesordnungspunkt');
  await requireOpen(s, meetingId);
  await insertDecision(s, { meetingId, agendaItemId: v.agendaItemId, text: v.text, outcome: v.outcome });
  return getMeeting(s, meetingId);
}

/** Marks the invitation as sent (the date shows on the meeting). */
export async function markInvited(s: TenantScope, meetingId: string): Promise<MeetingDetail> {
  await requireOpen(s, meetingId);
  await updateMeetingRow(s, meetingId, { invitedAt: new Date().toISOString() });
  return getMeeting(s, meetingId);
}

/** Approves the minutes: the live data of every agenda item is frozen as shown now. */
export async function approveMinutes(s: TenantScope, meetingId: string): Promise<MeetingDetail> {
  await requireOpen(s, meetingId);
  return s.transaction(async (tx) => {
    for (const a of await agendaOf(tx, meetingId)) {
      if ((a.goalId || a.recommendationId) && !a.steeringFrozen) {
        const goal = a.goalId ? await liveGoal(tx, a.goalId) : null;
        const recommendation = a.recommendationId ? await liveRecommendation(tx, a.recommendationId) : null;
        const kept: SteeringFrozen = {
          goal: goal && { ...goal, frozen: true },
          recommendation: recommendation && { ...recommendation, frozen: true },
        };
        await updateAgendaItemRow(tx, a.id, { steeringFrozen: kept });
      }
      if (!a.indicatorId || !a.areaId || a.frozen) continue;
      const live = await liveData(tx, a.indicatorId, a.areaId);
      if (live) await updateAgendaItemRow(tx, a.id, { frozen: { ...live, frozen: true } });
    }
    await updateMeetingRow(tx, meetingId, { minutesApprovedAt: new Date().toISOString() });
    return getMeeting(tx, meetingId);
  });
}

/** The meeting as an iCalendar file (RFC 5545) for Outlook and Thunderbird. */
export async function meetingIcs(s: TenantScope, meetingId: string, tenantName: string): Promise<string> {
  const m = await getMeeting(s, meetingId);
  const cal = ical({
    name: `${m.bodyName} – ${tenantName}`,
    prodId: { company: 'DKBM', product: 'network' },
  });
  const agenda = m.agenda.map((a) => `TOP ${a.position}: ${a.title}`).join('\n');
  cal.createEvent({
    id: `${m.id}@dkbm`,
    start: new Date(m.startsAt),
    end: new Date(m.endsAt),
    summary: `${m.bodyName}: ${m.title}`,
    description: agenda ? `Tagesordnung\n${agenda}` : null,
    location: m.place ?? m.onlineLink ?? null,
    url: m.onlineLink ?? null,
  });
  return cal.toString();
}
