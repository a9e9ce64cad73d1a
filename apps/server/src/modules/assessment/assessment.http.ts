import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { frameworkValueSchema } from '@dkbm/contract/assessment';
import { errorResponsesWithConflict, tenantParams } from '../../platform/http/routeSchema';

/* Schemas and helpers shared by the self-assessment's route files (assessment, answering, results). */

export const errors = errorResponsesWithConflict;
export { tenantParams };
export const roundParams = tenantParams.extend({ roundId: z.uuid() });
export const componentParams = roundParams.extend({ componentKey: z.string().min(1).max(60) });
export const participantParams = roundParams.extend({ participantId: z.uuid() });
export const fileParams = roundParams.extend({ fileId: z.uuid() });
export const agencyParams = tenantParams.extend({ agencyTenantId: z.uuid() });
export const frameworkRecord = z.record(z.string(), frameworkValueSchema);
export const ok = z.object({ ok: z.literal(true) });

export { attachment, fileStem } from '../../platform/http/download';

/** The signed-in person of a tenant route (the guard has checked the session). */
export const me = (req: FastifyRequest) => req.auth!.user.id;

export const tags = ['assessment'];
