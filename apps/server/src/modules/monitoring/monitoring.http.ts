import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasPermission } from '@dkbm/contract';
import { tenantOf } from '../../platform/tenancy/guard';
import { HttpError } from '../../platform/http/errors';
import { errorResponsesWithConflict, tenantParams } from '../../platform/http/routeSchema';

/* What the monitoring's route files share. */

export const errors = errorResponsesWithConflict;
export { tenantParams };
export const indicatorParams = tenantParams.extend({ indicatorId: z.uuid() });
export const viewQuery = z.object({ view: z.enum(['public', 'internal']).optional() });

/** Internal view only for roles that may see unsuppressed values; everybody else gets the public view. */
export function viewOf(
  req: FastifyRequest,
  wanted: 'public' | 'internal' | undefined,
): 'public' | 'internal' {
  const role = tenantOf(req).role;
  const may = hasPermission(role, 'data.internal');
  if (wanted === 'internal' && !may) {
    throw new HttpError(
      403,
      'forbidden',
      'Ungeschützte Werte dürfen nur Redaktion und Administration sehen.',
    );
  }
  return wanted ?? (may ? 'internal' : 'public');
}

/** Answer 304 when the client has the current version (ETag / If-None-Match). */
export function notModified(req: FastifyRequest, reply: FastifyReply, etag: string): boolean {
  reply.header('etag', etag);
  reply.header('cache-control', 'private, no-cache');
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').some((t) => t.trim() === etag)) {
    reply.status(304).send();
    return true;
  }
  return false;
}
