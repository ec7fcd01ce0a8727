import type { QuestionKind, QuestionnaireContent, QuestionnaireContentInput } from '../../../shared/structure-needs.schema';
import type { NeedAxis } from '../../../shared/structure-needs.axes';

/** The editor's working copy: choices as lines of text, the way people type a list. */
export interface DraftQuestion {
  id: string; kind: QuestionKind; label: string; help: string; required: boolean;
  choicesText: string; low: string; high: string;
  /** Ids of the choices as loaded, by label, so an unchanged choice keeps its id (and last year's answers). */
  choiceIds: Record<string, string>;
}
export interface DraftSection { id: string; title: string; intro: string; axis: NeedAxis | null; questions: DraftQuestion[] }

let counter = 0;
/** An id nobody typed: unique enough within one questionnaire, stable once saved. */
export const freshId = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}`;

export function toDraft(content: QuestionnaireContent): DraftSection[] {
  return content.sections.map((s) => ({
    id: s.id, title: s.title, intro: s.intro, axis: s.axis,
    questions: s.questions.map((q) => ({
      id: q.id, kind: q.kind, label: q.label, help: q.help, required: q.required,
      choicesText: q.choices.map((c) => c.label).join('\n'), low: q.scale?.low ?? '', high: q.scale?.high ?? '',
      choiceIds: Object.fromEntries(q.choices.map((c) => [c.label, c.id])),
    })),
  }));
}

export const newQuestion = (label: string): DraftQuestion => ({
  id: freshId('q'), kind: 'single', label, help: '', required: false, choicesText: '', low: '', high: '', choiceIds: {},
});

/** Lower-case ASCII words joined by "_": a readable id for a new choice. */
const slug = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 30) || 'choix';

export function fromDraft(sections: DraftSection[]): QuestionnaireContentInput {
  return {
    sections: sections.map((s) => ({
      id: s.id, title: s.title, intro: s.intro, axis: s.axis,
      questions: s.questions.map((q) => {
        const choice = q.kind === 'single' || q.kind === 'multiple';
        const used = new Set<string>();
        const choices = choice ? q.choicesText.split('\n').map((l) => l.trim()).filter(Boolean).map((label) => {
          let id = q.choiceIds[label] ?? slug(label);
          for (let i = 2; used.has(id); i++) id = `${slug(label)}_${i}`;
          used.add(id);
          return { id, label };
        }) : [];
        return {
          id: q.id, kind: q.kind, label: q.label, help: q.help, required: q.required, choices,
          scale: q.kind === 'scale' ? { low: q.low, high: q.high } : null,
        };
      }),
    })),
  };
}
