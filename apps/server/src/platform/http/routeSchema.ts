import { z } from 'zod';
import { apiErrorSchema } from '@dkbm/contract';

/** Error answers of a tenant route in its OpenAPI schema. */
export const errorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
} as const;

/** The same for routes that can also answer 409 (a conflict with the stored state). */
export const errorResponsesWithConflict = { ...errorResponses, 409: apiErrorSchema } as const;

/** Path parameters of every route under /api/tenants/:tenantId. */
export const tenantParams = z.object({ tenantId: z.string() });

/** Route permissions most module routes declare. */
export const readAccess = { permission: 'data.read' } as const;
export const writeAccess = { permission: 'data.write' } as const;
