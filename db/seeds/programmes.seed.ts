import { eq } from 'drizzle-orm';
import { conditions, organisations, programmeConditions, programmePartners, programmeSites, programmes } from '../schema/index';
import { DEFAULT_CONDITIONS, programmePublicSchema, type ProgrammePublic } from '../../shared/programmes.schema';
import type { SeedContext } from '../seed';
import type { DemoWorld } from './foundation.seed';
import { HOLDERS, PROGRAMMES, type DemoProgramme } from './programmes.data';

const DAY = 24 * 3600_000;

/** Keys of programmes.data.ts → ids, for the demos that build on the directory (evaluations, map). */
export type DemoProgrammes = Record<keyof typeof PROGRAMMES, string>;

/**
 * The demo region's directory: about 25 programmes over the twelve départements, most validated
 * and public, a few in the coordination's review queue (a new entry, a pending change, a draft,
 * a refused change), one adapted for vulnerable people, one suspended, one ended.
 */
export function seedProgrammes({ db }: SeedContext, world: DemoWorld): DemoProgrammes {
  const now = Date.now();
  const ids = {} as DemoProgrammes;
  db.transaction((tx) => {
    tx.insert(conditions).values(DEFAULT_CONDITIONS.map(([code, labelFr, labelEn]) => ({ code, labelFr, labelEn }))).onConflictDoNothing().run();
    const holders: Record<string, { id: string; name: string }> = {};
    for (const [key, org] of Object.entries(HOLDERS)) {
      holders[key] = { id: tx.insert(organisations).values(org).returning({ id: organisations.id }).get().id, name: org.name };
    }
    const foundationNames = tx.select({ id: organisations.id, name: organisations.name }).from(organisations).all();
    for (const [key, id] of Object.entries(world.orgs)) holders[key] = { id, name: foundationNames.find((o) => o.id === id)!.name };

    Object.entries(PROGRAMMES).forEach(([key, p], i) => {
      const holder = holders[p.holder];
      const updatedAt = new Date(now - (i % 9 + 1) * DAY);
      const contactPhone = `04 ${String(70 + (i % 20)).padStart(2, '0')} ${String(10 + i).padStart(2, '0')} 20 ${String(30 + i).padStart(2, '0')}`;
      const published = p.review === undefined || p.review === 'refuse' || p.pendingPhone !== undefined;
      const id = tx.insert(programmes).values({
        title: p.title, holderOrganisationId: holder.id, coordinatorUserId: p.coordinator ? world.people[p.coordinator] : null,
        setting: p.setting, format: p.format, state: p.state ?? 'en_cours', declaredAt: p.declaredAt,
        populations: p.populations ?? [], adaptations: p.adaptations ?? [],
        contactName: 'Secrétariat ETP', contactEmail: `etp.${key.toLowerCase()}@demo.maillage.fr`,
        contactPhone: p.pendingPhone ?? contactPhone, publicDescription: p.description,
        groupId: p.fromLombalgieGroup ? world.groups.lombalgie : null,
        reviewState: p.pendingPhone ? 'a_valider' : p.review ?? 'publie',
        reviewNote: p.review === 'refuse' ? 'Merci de préciser les sites et les horaires avant publication.' : '',
        reviewedBy: published ? world.people.coordinatrice : null,
        reviewedAt: published ? updatedAt : null,
        createdBy: world.people.coordinatrice, createdAt: new Date(`${p.declaredAt}T09:00:00Z`), updatedAt,
      }).returning({ id: programmes.id }).get().id;
      ids[key as keyof DemoProgrammes] = id;
      for (const code of p.conditions) tx.insert(programmeConditions).values({ programmeId: id, conditionCode: code }).run();
      p.sites.forEach(([commune, departement], position) => tx.insert(programmeSites).values({ programmeId: id, commune, departement, position }).run());
      (p.partners ?? []).forEach(([name, kind], position) => tx.insert(programmePartners).values({ programmeId: id, name, kind, position }).run());
      if (published) {
        const snapshot = publicVersion(id, key, p, holder.name, contactPhone, updatedAt);
        tx.update(programmes).set({ publishedSnapshot: snapshot }).where(eq(programmes.id, id)).run();
      }
    });
  });
  return ids;
}

function publicVersion(id: string, key: string, p: DemoProgramme, holderName: string, contactPhone: string, at: Date): ProgrammePublic {
  return programmePublicSchema.parse({
    id, title: p.title, conditions: [...p.conditions].sort(), populations: p.populations ?? [], adaptations: p.adaptations ?? [],
    holderName, partners: (p.partners ?? []).map(([name, kind]) => ({ name, kind })),
    sites: p.sites.map(([commune, departement]) => ({ commune, departement })),
    setting: p.setting, format: p.format, state: p.state ?? 'en_cours', declaredAt: p.declaredAt,
    contactName: 'Secrétariat ETP', contactEmail: `etp.${key.toLowerCase()}@demo.maillage.fr`,
    contactPhone, publicDescription: p.description, referenceDocument: null, publishedAt: at.toISOString(),
  });
}
