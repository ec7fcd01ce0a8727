import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { eventRegistrations, events } from '../../../db/schema/index';
import { EVENT_LIMITS } from '../../../shared/events.schema';
import { hashToken, newToken } from '../../core/tokens';
import { rateLimited } from '../../core/rate-limit';
import { resentLinkMail } from './registrations.mail';
import type { registrationsService } from './registrations.service';

const HOUR = 3_600_000;
// Past this many addresses remembered, old windows are swept (a flood of made-up addresses cannot grow it unbounded).
const SWEEP_AT = 10_000;

/**
 * "Resend my link": a visitor who lost the e-mail asks for a new personal link. The answer is the
 * same whether or not the address is registered (nobody can test who comes); only a registered
 * mailbox receives a mail. Counted per address by the route and here per e-mail address, so one
 * mailbox cannot be flooded (nor its link rotated again and again) from many addresses.
 */
export function registrationLinks(app: FastifyInstance, service: ReturnType<typeof registrationsService>) {
  const { db } = app;
  const asked = new Map<string, number[]>();

  function count(key: string, now: number): void {
    if (asked.size > SWEEP_AT) for (const [k, times] of asked) if (times.every((t) => now - t > HOUR)) asked.delete(k);
    const recent = (asked.get(key) ?? []).filter((t) => now - t < HOUR);
    if (recent.length >= EVENT_LIMITS.linkResendsPerEmailHour) throw rateLimited(Math.ceil((recent[0] + HOUR - now) / 1000));
    asked.set(key, [...recent, now]);
  }

  return {
    async resend(slug: string, email: string): Promise<{ ok: true; emailEnabled: boolean }> {
      const event = db.select({ id: events.id, status: events.status }).from(events).where(eq(events.slug, slug)).get();
      // An unpublished or unknown agenda answers as a published one would: its existence is no one's business.
      const reply = { ok: true as const, emailEnabled: app.mailer.enabled };
      count(email.toLowerCase(), Date.now());
      if (!event || event.status !== 'published' || !app.mailer.enabled) return reply;
      const reg = db.select({ id: eventRegistrations.id }).from(eventRegistrations)
        .where(and(eq(eventRegistrations.eventId, event.id), eq(eventRegistrations.email, email), isNull(eventRegistrations.cancelledAt))).get();
      if (!reg) return reply;
      // Only the hash of a link is kept, so the old one cannot be sent again: a new one replaces it.
      const token = newToken();
      db.update(eventRegistrations).set({ tokenHash: hashToken(token) }).where(eq(eventRegistrations.id, reg.id)).run();
      // Not awaited: a registered address must not answer slower than an unknown one.
      void app.mailer.send(resentLinkMail(service.present(reg.id), `${app.config.publicUrl}/inscription/${token}`))
        .catch((err: unknown) => app.log.warn({ err }, 'registration link not sent'));
      return reply;
    },
  };
}
