import type { Figures } from '../../../../shared/programmes.evaluations.schema';

/** "jeudi 25 mars 2027" (the design's dates), from a YYYY-MM-DD day, whatever the browser's zone. */
export function formatDay(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(`${iso}T00:00:00Z`));
}

export const formatFigure = (value: number | null | undefined, locale: string): string =>
  value === null || value === undefined ? '—' : new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(value);

export const emptyFigures = (): Figures => ({ patientsStarted: null, patientsCompleted: null, groupSessions: null, individualSessions: null, patientPartners: null });
