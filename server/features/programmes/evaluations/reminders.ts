import { and, eq, isNotNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { programmeEvaluationReminders, programmes, users } from '../../../../db/schema/index';
import {
  REMINDER_DAYS, daysBetween, parisDay, type EvaluationKind,
} from '../../../../shared/programmes.evaluations.schema';
import { programmeEvaluationList } from './evaluations.service';

const KIND_WORDS: Record<EvaluationKind, string> = { annuelle: 'auto-évaluation annuelle', quadriennale: 'évaluation quadriennale' };
const longDate = (iso: string) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

interface Item { programmeId: string; title: string; kind: EvaluationKind; rank: number; dueOn: string; days: number; threshold: number; skipped: number[] }

function compose(name: string, items: Item[], publicUrl: string) {
  const lines = items.map((i) => `- ${KIND_WORDS[i.kind]} de « ${i.title} » : à faire d’ici le ${longDate(i.dueOn)} (dans ${i.days} jour${i.days > 1 ? 's' : ''})\n  ${publicUrl}/programmes/evaluations/${i.programmeId}`);
  const first = items[0];
  return {
    subject: items.length === 1
      ? `Maillage : ${KIND_WORDS[first.kind]} de « ${first.title} » à faire d’ici le ${longDate(first.dueOn)}`
      : `Maillage : ${items.length} évaluations de programme à venir`,
    text: `Bonjour ${name},\n\nVous coordonnez ${items.length > 1 ? 'des programmes dont les évaluations arrivent' : 'un programme dont une évaluation arrive'} à échéance :\n\n${lines.join('\n')}\n\n`
      + 'Sur la page du programme, vous pouvez indiquer que l’évaluation est en cours, la rédiger à partir du modèle dans le groupe du programme, puis la marquer comme faite.\n\n'
      + 'Maillage ne contient aucune donnée de patient.',
  };
}

/**
 * E-mails each programme coordinator the evaluations due within 60 and within 15 days, beside
 * the discussions digest. A reminder is claimed in the database before it is sent (so two runs
 * never both send it) and released if sending fails. When a run finds both thresholds reached
 * (the server was off), only the nearer one is sent and the other is marked as passed.
 * The clock is a parameter: tests call this directly.
 */
export async function runEvaluationReminders(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  const { db } = app;
  if (!app.mailer.enabled) return 0;
  const today = parisDay(now);
  const running = db.select().from(programmes)
    .where(and(eq(programmes.state, 'en_cours'), isNotNull(programmes.coordinatorUserId))).all();
  const byCoordinator = new Map<string, Item[]>();
  for (const programme of running) {
    for (const e of programmeEvaluationList(db, programme, today)) {
      const days = daysBetween(today, e.dueOn);
      if (e.status === 'faite' || days < 0) continue;
      const reached = REMINDER_DAYS.filter((d) => days <= d).sort((a, b) => a - b);
      if (reached.length === 0) continue;
      const [threshold, ...skipped] = reached;
      const claimed = db.insert(programmeEvaluationReminders)
        .values({ programmeId: programme.id, kind: e.kind, rank: e.rank, dueOn: e.dueOn, daysBefore: threshold, sentAt: now })
        .onConflictDoNothing().run();
      if (claimed.changes === 0) continue;
      const item = { programmeId: programme.id, title: programme.title, kind: e.kind, rank: e.rank, dueOn: e.dueOn, days, threshold, skipped };
      byCoordinator.set(programme.coordinatorUserId!, [...(byCoordinator.get(programme.coordinatorUserId!) ?? []), item]);
    }
  }
  let sent = 0;
  for (const [userId, items] of byCoordinator) {
    const person = db.select({ email: users.email, name: users.name, disabled: users.disabled }).from(users).where(eq(users.id, userId)).get();
    const ok = person && !person.disabled
      ? await app.mailer.send({ to: person.email, ...compose(person.name, items, app.config.publicUrl) })
      : false;
    for (const i of items) {
      const key = and(eq(programmeEvaluationReminders.programmeId, i.programmeId), eq(programmeEvaluationReminders.kind, i.kind),
        eq(programmeEvaluationReminders.rank, i.rank), eq(programmeEvaluationReminders.dueOn, i.dueOn));
      if (!ok) {
        db.delete(programmeEvaluationReminders).where(and(key, eq(programmeEvaluationReminders.daysBefore, i.threshold))).run();
        continue;
      }
      db.update(programmeEvaluationReminders).set({ sentTo: person!.email }).where(and(key, eq(programmeEvaluationReminders.daysBefore, i.threshold))).run();
      for (const d of i.skipped) {
        db.insert(programmeEvaluationReminders).values({ programmeId: i.programmeId, kind: i.kind, rank: i.rank, dueOn: i.dueOn, daysBefore: d, sentAt: null })
          .onConflictDoNothing().run();
      }
    }
    if (ok) sent += 1;
  }
  return sent;
}

/** Runs the reminders every hour in the server (due dates move by days, not minutes). */
export function scheduleEvaluationReminders(app: FastifyInstance, everyMs = 3600_000) {
  const timer = setInterval(() => {
    runEvaluationReminders(app).catch((err) => app.log.error({ err }, 'evaluation reminders failed'));
  }, everyMs);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
