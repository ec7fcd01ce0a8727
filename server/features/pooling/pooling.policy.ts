import type { Db } from '../../../db/client';
import type { SessionUser } from '../../../shared/auth.schema';
import { AppError } from '../../core/errors';
import { mayCreateGroup, requireGroupAccess } from '../groups/groups.policy';

/**
 * Who may start a partnership from the guide. Starting one creates a working group (or fills one
 * the person leads) and adds people to it: the rights of groups apply as they are. Association
 * accounts do not open groups (groups.policy), so they are sent to "Demander à la plateforme",
 * which puts them in touch: a request the coordination follows, rather than a group of their own.
 */
export function requireMayStart(db: Db, user: SessionUser, group: { kind: 'new' } | { kind: 'existing'; groupId: string }): void {
  if (!mayCreateGroup(user)) {
    throw new AppError(403, 'pooling_not_allowed',
      'Un compte association ne démarre pas de partenariat lui-même : utilisez « Demander à la plateforme », la coordination vous mettra en relation.');
  }
  // Adding the partners' people needs the lead's rights in a group that exists.
  if (group.kind === 'existing') requireGroupAccess(db, user, group.groupId, 'lead');
}
