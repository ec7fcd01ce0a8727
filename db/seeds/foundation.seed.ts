import { groupMembers, groups, organisations, users } from '../schema/index';
import type { DemoSignIn, SeedContext } from '../seed';
import type { GroupRole } from '../../shared/roles';

export const DEMO_PASSWORD = 'maillage-demo-2027';

const ORGS = {
  plateforme: { name: 'Plateforme régionale ETP', type: 'plateforme_etp', departement: '69' },
  ch: { name: 'Centre hospitalier Saint-Roch', type: 'etablissement_sante', departement: '69' },
  msp: { name: 'MSP des Pentes', type: 'msp_pole_sante', departement: '69' },
  readaptation: { name: 'Centre de rééducation Les Tilleuls', type: 'etablissement_sante', departement: '42' },
  association: { name: 'Association Lombalgie & Mouvement', type: 'association_patients', departement: '38' },
  ars: { name: 'ARS – délégation départementale du Rhône', type: 'ars', departement: '69' },
  universite: { name: 'Laboratoire de santé publique (université)', type: 'universite_recherche', departement: '69' },
  coordLoire: { name: 'Coordination départementale ETP de la Loire', type: 'coordination_departementale', departement: '42' },
} as const;

const PEOPLE = {
  coordinatrice: { email: 'claire.martin@demo.maillage.fr', name: 'Claire Martin', role: 'coordinator', org: 'plateforme', profession: 'Coordinatrice régionale ETP', departement: '69', label: 'coordinatrice de la plateforme' },
  animatrice: { email: 'sophie.bernard@demo.maillage.fr', name: 'Sophie Bernard', role: 'member', org: 'msp', profession: 'Masseur-kinésithérapeute', departement: '69', label: 'animatrice du groupe « Lombalgie chronique »' },
  infirmiere: { email: 'nadia.benali@demo.maillage.fr', name: 'Nadia Benali', role: 'member', org: 'ch', profession: 'Infirmière en ETP', departement: '69', label: 'membre (infirmière, hôpital)' },
  medecin: { email: 'thomas.roux@demo.maillage.fr', name: 'Dr Thomas Roux', role: 'member', org: 'readaptation', profession: 'Médecin de médecine physique et de réadaptation', departement: '42', label: 'membre (centre de rééducation)' },
  association: { email: 'marie.dupont@demo.maillage.fr', name: 'Marie Dupont', role: 'association', org: 'association', profession: 'Patiente partenaire, représentante associative', departement: '38', label: 'association de patients' },
  observateur: { email: 'julien.moreau@demo.maillage.fr', name: 'Julien Moreau', role: 'member', org: 'ars', profession: 'Chargé de mission prévention', departement: '69', label: 'observateur (ARS)' },
  chercheuse: { email: 'ines.garcia@demo.maillage.fr', name: 'Inès Garcia', role: 'member', org: 'universite', profession: 'Chercheuse en santé publique', departement: '69', label: 'membre (recherche)' },
} as const;

export type PersonKey = keyof typeof PEOPLE;
export type GroupKey = 'lombalgie' | 'maladiesRares' | 'evaluation';

export interface DemoWorld {
  orgs: Record<keyof typeof ORGS, string>;
  people: Record<PersonKey, string>;
  groups: Record<GroupKey, string>;
  signIn: DemoSignIn;
}

/** Organisations, people and working groups of the demo region: what every other feature's demo builds on. */
export async function seedFoundation({ db, hashPassword }: SeedContext): Promise<DemoWorld> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgs = {} as DemoWorld['orgs'];
  const people = {} as DemoWorld['people'];
  const groupIds = {} as DemoWorld['groups'];
  db.transaction((tx) => {
    for (const [key, org] of Object.entries(ORGS)) {
      orgs[key as keyof typeof ORGS] = tx.insert(organisations).values(org).returning({ id: organisations.id }).get().id;
    }
    for (const [key, p] of Object.entries(PEOPLE)) {
      people[key as PersonKey] = tx.insert(users).values({
        email: p.email, name: p.name, role: p.role, organisationId: orgs[p.org], profession: p.profession,
        departement: p.departement, passwordHash,
        bio: key === 'association' ? 'Je représente une association de patients vivant avec une lombalgie chronique.' : '',
      }).returning({ id: users.id }).get().id;
    }
    const group = (values: typeof groups.$inferInsert) => tx.insert(groups).values(values).returning({ id: groups.id }).get().id;
    groupIds.lombalgie = group({
      name: 'Lombalgie chronique',
      description: 'Co-construction d’un programme type d’ETP sur la lombalgie chronique entre la plateforme, une MSP et un centre de rééducation, avec des patients partenaires.',
      themes: ['Lombalgie chronique', 'Ville-hôpital', 'Activité physique'],
      visibility: 'public', openToAssociations: true, createdBy: people.coordinatrice,
    });
    groupIds.maladiesRares = group({
      name: 'Maladies rares et complexes',
      description: 'Construire des programmes d’ETP pour les maladies rares et complexes, mutualisés à l’échelle régionale.',
      themes: ['Maladies rares', 'Mutualisation'],
      visibility: 'platform', openToAssociations: false, createdBy: people.coordinatrice,
    });
    groupIds.evaluation = group({
      name: 'Évaluation quadriennale',
      description: 'Accompagner les équipes dans l’auto-évaluation annuelle et l’évaluation quadriennale de leurs programmes.',
      themes: ['Évaluation', 'Qualité'],
      visibility: 'private', openToAssociations: false, createdBy: people.coordinatrice,
    });
    const members: Array<[GroupKey, PersonKey, GroupRole]> = [
      ['lombalgie', 'animatrice', 'lead'], ['lombalgie', 'infirmiere', 'member'], ['lombalgie', 'medecin', 'member'],
      ['lombalgie', 'association', 'member'], ['lombalgie', 'observateur', 'observer'],
      ['maladiesRares', 'coordinatrice', 'lead'], ['maladiesRares', 'chercheuse', 'member'], ['maladiesRares', 'infirmiere', 'member'],
      ['evaluation', 'coordinatrice', 'lead'], ['evaluation', 'chercheuse', 'member'],
    ];
    for (const [g, p, role] of members) tx.insert(groupMembers).values({ groupId: groupIds[g], userId: people[p], role }).run();
  });
  return {
    orgs,
    people,
    groups: groupIds,
    signIn: { password: DEMO_PASSWORD, accounts: Object.values(PEOPLE).map(({ email, label }) => ({ email, label })) },
  };
}
