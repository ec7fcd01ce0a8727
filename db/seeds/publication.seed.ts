import { and, eq } from 'drizzle-orm';
import { documentPublications, documents } from '../schema/index';
import type { SeedContext } from '../seed';
import { TOOL } from './documents.seed';
import type { DemoWorld } from './foundation.seed';
import { h1, h2, p, seedState, ul, type SeedNode } from './documents.yjs';

const DAY = 24 * 3600_000;

/** The tool sheet as the group first published it: a shorter session, no closing round. */
const TOOL_V1: SeedNode = {
  type: 'doc',
  content: [
    h1('Fiche outil – Photolangage « Ma douleur au quotidien »'),
    h2('Objectifs pédagogiques'),
    p('Permettre à chacun d’exprimer ce que la douleur change dans sa vie quotidienne.'),
    h2('Public et contexte d’utilisation'),
    ul('Séance collective d’ETP initiale, 6 à 10 participants', 'Animée par un professionnel formé'),
    h2('Déroulé de la séance'),
    ul('Consigne : « Choisissez une photo qui représente votre douleur » (10 min)', 'Tour de table : chacun présente sa photo (40 min)'),
  ],
};

/**
 * The "Lombalgie chronique" group's tool sheet in the library at version 2: version 1 (first
 * text), then version 2 (today's text) with its change note, so visitors see a list of versions
 * and the group sees a working text that matches what is published.
 */
export function seedPublication({ db }: SeedContext, world: DemoWorld): void {
  const tool = db.select({ id: documents.id, title: documents.title, themes: documents.themes }).from(documents)
    .where(and(eq(documents.groupId, world.groups.lombalgie), eq(documents.kind, 'tool_sheet'))).get();
  if (!tool) return;
  const now = Date.now();
  db.transaction((tx) => {
    const publish = (number: number, content: SeedNode, note: string, daysAgo: number) => tx.insert(documentPublications).values({
      documentId: tool.id, number, note, title: tool.title, themes: tool.themes, state: Buffer.from(seedState(content)),
      publishedBy: world.people.animatrice, publishedAt: new Date(now - daysAgo * DAY),
    }).run();
    publish(1, TOOL_V1, 'Première version, testée en séance à la MSP des Pentes.', 40);
    publish(2, TOOL, 'Ajout de la synthèse des ressources et de l’évaluation de fin de séance, après le retour des patients partenaires.', 10);
    tx.update(documents).set({ status: 'validated', publishedVersion: 2 }).where(eq(documents.id, tool.id)).run();
  });
}
