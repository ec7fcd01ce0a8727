import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { invitationSettings } from '../../../db/schema/index';
import { LEAD_INVITATIONS } from '../../../shared/limits';
import type { InvitationSettings } from '../../../shared/invitations.schema';

const ROW = 'platform';

/** What coordinators let leads do: one row, the defaults of LEAD_INVITATIONS until they change it. */
export function readInvitationSettings(db: Db): InvitationSettings {
  const row = db.select().from(invitationSettings).where(eq(invitationSettings.id, ROW)).get();
  return row
    ? { leadsMayInvite: row.leadsMayInvite, pendingPerLead: row.pendingPerLead }
    : { leadsMayInvite: LEAD_INVITATIONS.enabledByDefault, pendingPerLead: LEAD_INVITATIONS.pendingPerLeadDefault };
}

export function writeInvitationSettings(db: Db, settings: InvitationSettings, coordinatorId: string): InvitationSettings {
  const values = { ...settings, updatedBy: coordinatorId, updatedAt: new Date() };
  db.insert(invitationSettings).values({ id: ROW, ...values })
    .onConflictDoUpdate({ target: invitationSettings.id, set: values }).run();
  return readInvitationSettings(db);
}
