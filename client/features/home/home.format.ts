import { translator } from '../../i18n/index';

/** "14:05" today, "12 mars 2027" before: a list scanned each morning reads the day, not the second. */
export function when(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const locale = translator.locale.value === 'en' ? 'en-GB' : 'fr-FR';
  const sameDay = date.toDateString() === now.toDateString();
  return sameDay
    ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: date.getFullYear() === now.getFullYear() ? undefined : 'numeric' });
}

/** "mercredi 25 mars 2027" from a local date of the event ("2027-03-25"), whatever the reader's zone. */
export function longDate(localDate: string): string {
  const [y, m, d] = localDate.split('-').map(Number);
  const locale = translator.locale.value === 'en' ? 'en-GB' : 'fr-FR';
  return new Date(Date.UTC(y, m - 1, d, 12)).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Today as "jeudi 25 mars 2027". */
export function today(now = new Date()): string {
  const locale = translator.locale.value === 'en' ? 'en-GB' : 'fr-FR';
  return now.toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}
