import type { FastifyInstance } from 'fastify';
import { documents } from '../../../db/schema/index';
import { addToGroup, createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import { signIn, type HttpClient } from '../../helpers/http';

/**
 * The people of the actions tests, one per right: the coordination, an owner (at the hospital), a
 * member of the MSP the actions concern, a member of another structure, a partner person, and two
 * association accounts (one whose association is concerned, one not). Plus a private group's
 * document that only the owner may read.
 */
export async function actionsWorld(app: FastifyInstance, url: string) {
  const coordination = createOrganisation(app, { name: 'Plateforme ETP régionale', type: 'plateforme_etp', departement: '69' });
  const msp = createOrganisation(app, { name: 'MSP des Pentes', type: 'msp_pole_sante', departement: '69' });
  const hospital = createOrganisation(app, { name: 'Centre hospitalier de Bourg', type: 'etablissement_sante', departement: '01' });
  const other = createOrganisation(app, { name: 'Centre de santé du Nord', type: 'msp_pole_sante', departement: '42' });
  const patients = createOrganisation(app, { name: 'Association des patients diabétiques', type: 'association_patients', departement: '69' });
  const people: Record<string, TestUser> = {
    coordinator: await createUser(app, { role: 'coordinator', name: 'Claire Coordinatrice', organisationId: coordination.id }),
    owner: await createUser(app, { name: 'Olivier Responsable', organisationId: hospital.id }),
    structure: await createUser(app, { name: 'Sophie MSP', organisationId: msp.id }),
    other: await createUser(app, { name: 'Omar Ailleurs', organisationId: other.id }),
    partner: await createUser(app, { name: 'Paule Partenaire', organisationId: other.id }),
    association: await createUser(app, { role: 'association', name: 'Anne Association', organisationId: patients.id }),
    otherAssociation: await createUser(app, { role: 'association', name: 'Alain Asso' }),
  };
  const http: Record<string, HttpClient> = {};
  for (const [key, p] of Object.entries(people)) http[key] = await signIn(url, p);

  const privateGroup = createGroup(app, people.owner.id, { visibility: 'private', name: 'Groupe hôpital' });
  addToGroup(app, privateGroup.id, people.owner.id, 'lead');
  const secretGroup = createGroup(app, people.coordinator.id, { visibility: 'private', name: 'Groupe fermé' });
  const doc = (groupId: string, title: string) => app.db.insert(documents)
    .values({ groupId, title, kind: 'partnership_agreement', createdBy: people.coordinator.id }).returning().get();
  return {
    organisations: { coordination, msp, hospital, other, patients },
    people,
    http,
    ownerDocument: doc(privateGroup.id, 'Convention de partenariat MSP – CH'),
    secretDocument: doc(secretGroup.id, 'Notes confidentielles'),
  };
}
