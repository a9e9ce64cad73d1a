import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Round } from '@dkbm/contract';
import { createTestApp, DEMO, type TestContext } from '../../test/testApp';
import { TEST_DRIVER } from '../../test/testDb';
import { signInFresh, tenantIdBySlug, type AddressedClient } from '../../test/fixtures';
import { DEMO_ASSESSMENT_TITLE } from './assessment.demo';
import { answeringSteps, type RoundStory } from './assessment.round.answering';
import { resultsSteps } from './assessment.round.results';

/*
 * A full named round over HTTP, told in order as one story: its steps live in
 * assessment.round.answering.ts (creating, inviting, answering, evidence) and assessment.round.results.ts
 * (framework, consolidation, results, exports, closing), so that no file grows past 600 lines.
 */
describe(`self-assessment: a full named round over HTTP on ${TEST_DRIVER}`, () => {
  let t: TestContext;
  let M: string;
  let B: string;
  let admin: AddressedClient;
  let editor: AddressedClient;
  let contributor: AddressedClient;
  let viewer: AddressedClient;
  let demoRoundId: string;
  const api = (path: string) => `/api/tenants/${M}/assessment${path}`;

  beforeAll(async () => {
    t = await createTestApp({ config: { loginRateLimit: { max: 10_000, windowMs: 60_000 } } });
    M = await tenantIdBySlug(t, 'musterstadt');
    B = await tenantIdBySlug(t, 'beispielkreis');
    admin = await signInFresh(t, DEMO.admin.email, DEMO.admin.password);
    editor = await signInFresh(t, DEMO.editor.email, DEMO.editor.password);
    contributor = await signInFresh(t, DEMO.contributor.email, DEMO.contributor.password);
    viewer = await signInFresh(t, DEMO.viewer.email, DEMO.viewer.password);
    const rounds = (await viewer.get(api('/rounds'))).json() as Round[];
    demoRoundId = rounds.find((r) => r.title === DEMO_ASSESSMENT_TITLE)!.id;
  });
  afterAll(async () => t?.close());
  const story: RoundStory = {
    ctx: () => ({ t, M, B, admin, editor, contributor, viewer, demoRoundId }),
    participants: {},
  };
  answeringSteps(story);
  resultsSteps(story);

  it('my-rounds lists the rounds the person is invited to', async () => {
    const mine = (await contributor.get(api('/my-rounds'))).json() as Round[];
    expect(mine.map((r) => r.title)).toContain('Selbsteinschätzung 2026');
    expect(mine.map((r) => r.title)).toContain(DEMO_ASSESSMENT_TITLE);
  });
});
