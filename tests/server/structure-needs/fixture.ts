import type { FastifyInstance } from 'fastify';
import { addToGroup, createGroup, createOrganisation, createUser, type TestUser } from '../../helpers/factories';
import type { QuestionnaireContentInput } from '../../../shared/structure-needs.schema';

/** A small questionnaire with one question of each kind, the way a coordinator would write it. */
export function smallQuestionnaire(): QuestionnaireContentInput {
  return {
    sections: [{
      id: 'etp', title: 'Éducation thérapeutique', axis: 'etp',
      questions: [
        { id: 'programme', kind: 'single', label: 'Portez-vous un programme ?', required: true, choices: [{ id: 'oui', label: 'Oui' }, { id: 'non', label: 'Non' }] },
        { id: 'appui', kind: 'multiple', label: 'Appui souhaité', choices: [{ id: 'methode', label: 'Méthode' }, { id: 'outils', label: 'Outils' }, { id: 'formation', label: 'Formation' }] },
        { id: 'besoin', kind: 'scale', label: 'Votre besoin', required: true, scale: { low: 'Aucun', high: 'Prioritaire' } },
        { id: 'effectif', kind: 'short_text', label: 'Professionnels concernés' },
        { id: 'remarques', kind: 'long_text', label: 'Remarques' },
      ],
    }],
  };
}

/** The people every rights test needs: each kind of person the issue names. */
export async function cast(app: FastifyInstance) {
  const msp = createOrganisation(app, { name: 'MSP des Pentes', type: 'msp_pole_sante', departement: '69' });
  const centre = createOrganisation(app, { name: 'Centre de santé Mistral', type: 'centre_sante', departement: '38' });
  const coordinator = await createUser(app, { role: 'coordinator', name: 'Claire Martin' });
  const people: Record<string, TestUser> = {
    coordinator,
    member: await createUser(app, { organisationId: msp.id, name: 'Sophie Bernard' }),
    colleague: await createUser(app, { organisationId: msp.id, name: 'Hugo Petit' }),
    other: await createUser(app, { organisationId: centre.id, name: 'Awa Diallo' }),
    reader: await createUser(app, { name: 'Inès Garcia' }),
    association: await createUser(app, { role: 'association', organisationId: msp.id, name: 'Marie Dupont' }),
  };
  const group = createGroup(app, coordinator.id, { name: 'Coopérations MSP' });
  addToGroup(app, group.id, people.reader.id, 'member');
  addToGroup(app, group.id, people.association.id, 'member');
  return { msp, centre, group, people };
}
