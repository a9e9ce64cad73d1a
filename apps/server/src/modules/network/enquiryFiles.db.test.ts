import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnswerTemplate, Enquiry, EnquiryAttachment } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext, type TestClient } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { tenantIdBySlug } from '../../test/fixtures';
import { today } from './actors.service';
import { ATTACHMENT_PART_BYTES } from './enquiryFiles.repo';

/** The ISO date `days` days after today in Europe/Berlin (negative: before). */
const dayFromToday = (days: number) =>
  new Date(Date.parse(`${today()}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe(`enquiry log: answer templates, attachments, reminders on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let editor: TestClient;
  let viewer: TestClient;
  let base: string;

  const enquiry = async (title: string, dueOn: string | null) => {
    const res = await editor.post(`${base}/enquiries`, {
      title,
      question: 'Bitte um Auskunft.',
      requesterType: 'politik',
      requester: 'Schulausschuss',
      topic: 'allgemeinbildende_schulen',
      receivedOn: dayFromToday(-30),
      dueOn,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Enquiry;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const M = await tenantIdBySlug(t, 'musterstadt');
    base = `/api/tenants/${M}/network`;
    editor = await t.signIn(DEMO.editor.email, DEMO.editor.password);
    viewer = await t.signIn(DEMO.viewer.email, DEMO.viewer.password);
  });
  afterAll(async () => t?.close());

  it('answer templates are created, listed, edited and deleted; viewers only read them', async () => {
    const created = await editor.post(`${base}/answer-templates`, {
      title: 'Zwischennachricht',
      text: 'Ihre Anfrage ist eingegangen und wird bis zum {Frist} beantwortet.',
    });
    expect(created.statusCode, created.body).toBe(201);
    const tpl = created.json() as AnswerTemplate;
    const list = (await viewer.get(`${base}/answer-templates`)).json() as AnswerTemplate[];
    expect(list.find((x) => x.id === tpl.id)).toMatchObject({ title: 'Zwischennachricht' });

    const edited = await editor.put(`${base}/answer-templates/${tpl.id}`, {
      title: 'Zwischennachricht (Presse)',
      text: 'Wir melden uns in Kürze.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Zwischennachricht (Presse)',
      text: 'Wir melden uns in Kürze.',
    });

    const empty = await editor.post(`${base}/answer-templates`, { title: ' ', text: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('Titel');
    expect((await viewer.post(`${base}/answer-templates`, { title: 'V', text: 'V' })).statusCode).toBe(403);
    expect((await viewer.delete(`${base}/answer-templates/${tpl.id}`)).statusCode).toBe(403);

    expect((await editor.delete(`${base}/answer-templates/${tpl.id}`)).statusCode).toBe(204);
    const after = (await viewer.get(`${base}/answer-templates`)).json() as AnswerTemplate[];
    expect(after.some((x) => x.id === tpl.id)).toBe(false);
    expect((await editor.delete(`${base}/answer-templates/${tpl.id}`)).statusCode).toBe(404);
  });

  it('attaches files to an answer in parts, downloads them byte for byte and removes them', async () => {
    const e = await enquiry('Anfrage mit Anlagen', null);
    // Larger than two parts, so the file is stored in three rows and read back in order.
    const big = new Uint8Array(2 * ATTACHMENT_PART_BYTES + 12_345);
    big.set(Buffer.from('%PDF-1.7\n'));
    for (let i = 9; i < big.length; i++) big[i] = (i * 31) % 251;
    const up = await editor.upload(`${base}/enquiries/${e.id}/attachments`, 'Antwort Anlage.pdf', big);
    expect(up.statusCode, up.body).toBe(201);
    const file = up.json() as EnquiryAttachment;
    expect(file).toMatchObject({ name: 'Antwort Anlage.pdf', mime: 'application/pdf', size: big.length });
    const parts = await t.database.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM network_enquiry_attachment_parts WHERE attachment_id = $1',
      [file.id],
    );
    expect(parts[0]!.n).toBe(3);

    const got = (await viewer.get(`${base}/enquiries/${e.id}`)).json() as Enquiry;
    expect(got.attachments).toEqual([file]);
    const down = await viewer.get(`${base}/enquiries/${e.id}/attachments/${file.id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('application/pdf');
    expect(String(down.headers['content-disposition'])).toContain('attachment');
    expect(Buffer.compare(down.rawPayload, Buffer.from(big))).toBe(0);

    expect(
      (await viewer.upload(`${base}/enquiries/${e.id}/attachments`, 'a.pdf', '%PDF-1.4\n')).statusCode,
    ).toBe(403);
    expect((await viewer.delete(`${base}/enquiries/${e.id}/attachments/${file.id}`)).statusCode).toBe(403);
    expect((await editor.delete(`${base}/enquiries/${e.id}/attachments/${file.id}`)).statusCode).toBe(204);
    expect((await viewer.get(`${base}/enquiries/${e.id}/attachments/${file.id}`)).statusCode).toBe(404);
    expect(((await viewer.get(`${base}/enquiries/${e.id}`)).json() as Enquiry).attachments).toEqual([]);
  });

  it('refuses files of other types, disguised files, empty and too large files', async () => {
    const e = await enquiry('Anfrage mit falschen Anlagen', null);
    const exe = await editor.upload(`${base}/enquiries/${e.id}/attachments`, 'tool.exe', 'MZ\x90\x00');
    expect(exe.statusCode).toBe(415);
    expect(exe.json().message).toContain('tool.exe');
    // The extension says PDF, the content is a script.
    const disguised = await editor.upload(`${base}/enquiries/${e.id}/attachments`, 'antwort.pdf', '<script>');
    expect(disguised.statusCode).toBe(415);
    expect((await editor.upload(`${base}/enquiries/${e.id}/attachments`, 'leer.pdf', '')).statusCode).toBe(
      400,
    );
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set(Buffer.from('%PDF-1.7\n'));
    const tooLarge = await editor.upload(`${base}/enquiries/${e.id}/attachments`, 'gross.pdf', huge);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().message).toContain('10 MB');
    expect(((await viewer.get(`${base}/enquiries/${e.id}`)).json() as Enquiry).attachments).toEqual([]);
  });

  it('reminders list open enquiries overdue or due within the given days, the most urgent first', async () => {
    const overdue = await enquiry('Erinnerung überfällig', dayFromToday(-2));
    const soon = await enquiry('Erinnerung bald fällig', dayFromToday(3));
    const later = await enquiry('Erinnerung später fällig', dayFromToday(20));
    const answered = await enquiry('Erinnerung beantwortet', dayFromToday(-1));
    await editor.patch(`${base}/enquiries/${answered.id}`, { status: 'answered', answer: 'Erledigt.' });
    const noDue = await enquiry('Erinnerung ohne Frist', null);
    const mine = [overdue.id, soon.id, later.id, answered.id, noDue.id];

    const week = await viewer.get(`${base}/enquiries/reminders?days=7`);
    expect(week.statusCode, week.body).toBe(200);
    const inWeek = (week.json() as Enquiry[]).filter((x) => mine.includes(x.id));
    expect(inWeek.map((x) => x.id)).toEqual([overdue.id, soon.id]);
    expect(inWeek[0]).toMatchObject({ overdue: true });
    const all = (week.json() as Enquiry[]).map((x) => x.dueOn!);
    expect(all).toEqual(all.toSorted());

    const month = (await viewer.get(`${base}/enquiries/reminders?days=30`)).json() as Enquiry[];
    expect(month.filter((x) => mine.includes(x.id)).map((x) => x.id)).toEqual([
      overdue.id,
      soon.id,
      later.id,
    ]);
    const none = (await viewer.get(`${base}/enquiries/reminders?days=0`)).json() as Enquiry[];
    expect(none.filter((x) => mine.includes(x.id)).map((x) => x.id)).toEqual([overdue.id]);
    expect((await viewer.get(`${base}/enquiries/reminders?days=abc`)).statusCode).toBe(400);
  });
});
