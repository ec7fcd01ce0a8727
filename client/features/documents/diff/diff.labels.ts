import type { DiffSide } from '../../../../shared/documents.diff.schema';

type T = (key: string, values?: Record<string, unknown>) => string;
type D = (date: Date, format: string) => string;

/** The name of one side of a comparison in the person's language ("Version publiée 2", "« Avant la réunion », 3 mars 2027"). */
export function sideLabel(side: Pick<DiffSide, 'kind' | 'number' | 'versionKind' | 'name' | 'at'>, t: T, d: D): string {
  if (side.kind === 'current') return t('diff.sides.current');
  if (side.kind === 'published') return t('diff.sides.published', { n: side.number });
  const date = side.at ? d(new Date(side.at), 'long') : '';
  if (side.versionKind === 'named' && side.name) return t('diff.sides.named', { name: side.name, date });
  return t(side.versionKind === 'restore' ? 'diff.sides.restore' : 'diff.sides.auto', { date });
}
