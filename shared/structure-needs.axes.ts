import { z } from 'zod';

/**
 * The axes of cooperation between networks and health structures (MSP, pôles et centres de santé)
 * named by seed 004. They are shared by the needs questionnaire (its default sections) and by the
 * actions that answer those needs, so that a need and the action answering it speak of the same axis.
 * Labels are in the client's i18n (`structureNeeds.axes.<key>`), never here.
 */
export const NEED_AXES = [
  'screening',       // Dépistage, détection et suivi des patients
  'etp',             // Éducation thérapeutique du patient
  'complex_cases',   // Situations complexes, en lien avec le secteur médico-social
  'training',        // Formation
  'territorial',     // Coordination territoriale de proximité
  'support',         // Fonctions support mutualisées : système d'information, portail, formation
  'research',        // Recherche clinique, démarche qualité
  'communication',   // Communication, partage d'expériences, d'outils et de veille
] as const;
export const needAxisSchema = z.enum(NEED_AXES);
export type NeedAxis = z.infer<typeof needAxisSchema>;
