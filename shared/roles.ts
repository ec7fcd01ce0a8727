import { z } from 'zod';

/** Platform-wide roles. An association account sees only what is opened to associations. */
export const PLATFORM_ROLES = ['coordinator', 'member', 'association'] as const;
export const platformRoleSchema = z.enum(PLATFORM_ROLES);
export type PlatformRole = z.infer<typeof platformRoleSchema>;

/**
 * Roles inside a working group: leads ("animateurs") manage, members write, commenters ("peut
 * commenter") read and comment without editing (patient associations on the programmes that
 * concern their patients), observers only read.
 */
export const GROUP_ROLES = ['lead', 'member', 'commenter', 'observer'] as const;
export const groupRoleSchema = z.enum(GROUP_ROLES);
export type GroupRole = z.infer<typeof groupRoleSchema>;
