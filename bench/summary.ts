/**
 * The closing table of `npm run bench`: every promised figure beside its reference, the ratio,
 * the goal and whether this run met it. A goal is "at most" for times and memory (lower is
 * better) and "at least" for rates; a figure with no promised goal says so instead of inventing one.
 */
export interface Goal { at: 'most' | 'least'; ratio: number }

interface Figure { figure: string; Maillage: string; reference: string; ratio: string; goal: string; 'met?': string }

const figures: Figure[] = [];

/** Records one figure; `unit` formats both values, `reference` names what it is compared with. */
export function figure(name: string, ours: number, reference: { name: string; value: number }, unit: (v: number) => string, goal: Goal | null) {
  const ratio = ours / reference.value;
  const met = goal ? (goal.at === 'most' ? ratio <= goal.ratio : ratio >= goal.ratio) : null;
  figures.push({
    figure: name,
    Maillage: unit(ours),
    reference: `${unit(reference.value)} (${reference.name})`,
    ratio: `${ratio.toFixed(2)}×`,
    goal: goal ? `${goal.at === 'most' ? '≤' : '≥'} ${goal.ratio}×` : '—',
    'met?': met === null ? '—' : met ? 'yes' : 'NO',
  });
}

/** A figure whose goal is a fact (a sign-in answered), not a ratio. */
export function fact(name: string, ours: string, reference: string, goal: string, met: boolean) {
  figures.push({ figure: name, Maillage: ours, reference, ratio: '—', goal, 'met?': met ? 'yes' : 'NO' });
}

export const summary = () => figures;

export const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 0)} ms`;
export const perSecond = (v: number) => `${Math.round(v).toLocaleString('en')}/s`;
export const mb = (v: number) => `${v.toFixed(2)} MB`;
/** Reads a table cell such as '0.71×' or '3524' back into a number. */
export const cell = (v: unknown) => Number(String(v).replace(/[×,\s]/g, ''));
