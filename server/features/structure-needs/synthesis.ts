import type { Answers } from '../../../shared/structure-needs.answers';
import { CHOICE_KINDS, SCALE_MAX, SCALE_MIN, TEXT_KINDS, type QuestionnaireContent } from '../../../shared/structure-needs.schema';
import type { Synthesis, SynthesisQuestion } from '../../../shared/structure-needs.synthesis';

export interface Respondent {
  organisation: { id: string; name: string; type: string; departement: string };
  answers: Answers;
}

const bump = (counts: Record<string, number>, key: string) => { counts[key] = (counts[key] ?? 0) + 1; };
const round2 = (n: number) => Math.round(n * 100) / 100;
function averages(values: Array<[key: string, value: number]>): Record<string, number> {
  const sums: Record<string, [number, number]> = {};
  for (const [key, value] of values) {
    const s = (sums[key] ??= [0, 0]);
    s[0] += value;
    s[1] += 1;
  }
  return Object.fromEntries(Object.entries(sums).map(([k, [sum, n]]) => [k, round2(sum / n)]));
}

/**
 * Counts a year's submitted answers question by question. A few hundred structures at most,
 * each a few KB: a linear pass, cheap enough to run on the request.
 */
export function synthesise(year: number, content: QuestionnaireContent, respondents: Respondent[]): Synthesis {
  const respondentsByDepartement: Record<string, number> = {};
  const respondentsByKind: Record<string, number> = {};
  for (const { organisation } of respondents) {
    bump(respondentsByDepartement, organisation.departement);
    bump(respondentsByKind, organisation.type);
  }
  const questions: SynthesisQuestion[] = content.sections.flatMap((section) => section.questions.map((q) => {
    const options = CHOICE_KINDS.includes(q.kind) ? q.choices.map((c) => ({ value: c.id, label: c.label }))
      : q.kind === 'scale' ? Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => {
        const v = SCALE_MIN + i;
        return { value: String(v), label: v === SCALE_MIN ? `${v} – ${q.scale?.low ?? ''}` : v === SCALE_MAX ? `${v} – ${q.scale?.high ?? ''}` : String(v) };
      }) : [];
    const counts = options.map((o) => ({ ...o, total: 0, byDepartement: {} as Record<string, number>, byKind: {} as Record<string, number> }));
    const index = new Map(counts.map((c) => [c.value, c]));
    const scaleValues: Array<{ dep: string; kind: string; v: number }> = [];
    const texts: SynthesisQuestion['texts'] = [];
    let answered = 0;
    for (const { organisation: org, answers } of respondents) {
      const value = answers[q.id];
      if (value === undefined) continue;
      answered++;
      if (TEXT_KINDS.includes(q.kind) && typeof value === 'string') { texts.push({ organisationId: org.id, organisationName: org.name, text: value }); continue; }
      if (q.kind === 'scale' && typeof value === 'number') scaleValues.push({ dep: org.departement, kind: org.type, v: value });
      for (const v of Array.isArray(value) ? value : [String(value)]) {
        const c = index.get(v);
        if (!c) continue;
        c.total++;
        bump(c.byDepartement, org.departement);
        bump(c.byKind, org.type);
      }
    }
    return {
      id: q.id, sectionId: section.id, sectionTitle: section.title, label: q.label, kind: q.kind, answered, counts,
      average: scaleValues.length ? round2(scaleValues.reduce((s, x) => s + x.v, 0) / scaleValues.length) : null,
      averageByDepartement: averages(scaleValues.map((x) => [x.dep, x.v])),
      averageByKind: averages(scaleValues.map((x) => [x.kind, x.v])),
      texts,
    };
  }));
  return { year, respondents: respondents.length, respondentsByDepartement, respondentsByKind, questions };
}
