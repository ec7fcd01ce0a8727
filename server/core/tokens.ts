import { createHash, randomBytes } from 'node:crypto';

/**
 * Secret tokens in links and cookies (sessions, invitations, registrations). Only their hash is
 * stored, so a copy of the database opens nothing.
 */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
