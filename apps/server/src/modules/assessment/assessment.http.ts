import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { frameworkValueSchema } from '@dkbm/contract/assessment';
import { apiErrorSchema } from '@dkbm/contract/errors';

/* Schemas and helpers shared by the self-assessment's route files (assessment, answering, results). */

export const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
export const tenantParams = z.object({ tenantId: z.string() });
export const roundParams = tenantParams.extend({ roundId: z.uuid() });
export const componentParams = roundParams.extend({ componentKey: z.string().min(1).max(60) });
export const participantParams = roundParams.extend({ participantId: z.uuid() });
export const fileParams = roundParams.extend({ fileId: z.uuid() });
export const agencyParams = tenantParams.extend({ agencyTenantId: z.uuid() });
export const frameworkRecord = z.record(z.string(), frameworkValueSchema);
export const ok = z.object({ ok: z.literal(true) });

/** Content-Disposition for a download with a German file name. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** File-name part from a round title. */
export const fileStem = (title: string) =>
  title
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .replace(/[^\w-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 60) || 'selbsteinschaetzung';

/** The signed-in person of a tenant route (the guard has checked the session). */
export const me = (req: FastifyRequest) => req.auth!.user.id;

export const tags = ['assessment'];
