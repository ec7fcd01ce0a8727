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

// Each session asks its local date (to sort it into a day) and its start and end times, and
// parallel sessions share their instants: one formatToParts per instant instead of three per
// session (a tenth of the agenda's first render on a slowed phone). Bounded: an organiser's
// page re-renders through many edits.
const LOCAL_CACHE_MAX = 2000;
const locals = new Map<string, { date: string; time: string }>();
function local(iso: string, zone: string): { date: string; time: string } {
  const key = `${zone} ${iso}`;
  let value = locals.get(key);
  if (!value) {
    if (locals.size >= LOCAL_CACHE_MAX) locals.clear();
    value = utcToLocal(Date.parse(iso), zone);
    locals.set(key, value);
  }
  return value;
}

/** "09:30" in the event's zone, whatever the reader's. */
export const localTime = (iso: string, zone: string) => local(iso, zone).time;
export const localDate = (iso: string, zone: string) => local(iso, zone).date;
