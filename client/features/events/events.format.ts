import { utcToLocal } from '../../../shared/events.time';

// Building an Intl.DateTimeFormat costs far more than formatting with one (on a slowed phone it
// was most of the agenda's render), so one per language is kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** "samedi 27 mars 2027" in the reader's language, for a local date of the event. */
export function formatDay(date: string, locale: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(locale, format);
  }
  return format.format(new Date(Date.UTC(y, m - 1, d)));
}

/** "09:30" in the event's zone, whatever the reader's. */
export const localTime = (iso: string, zone: string) => utcToLocal(Date.parse(iso), zone).time;
export const localDate = (iso: string, zone: string) => utcToLocal(Date.parse(iso), zone).date;
