import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config';

/** Absolute base URL for links handed to people (invitations, resets). */
export function baseUrl(req: FastifyRequest, config: Config): string {
  if (config.publicUrl) return config.publicUrl.replace(/\/$/, '');
  return `${req.protocol}://${req.host}`;
}
