// A small RFC 5545 writer: the agenda has only simple one-off events, so a dependency would bring
// more (recurrences, alarms, time zone databases) than it saves. What matters is done with care:
// text escaping (3.3.11), CRLF line ends and folding at 75 octets without cutting a UTF-8 character (3.1).

export interface IcsEvent {
  uid: string;
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  categories: string[];
}

export const escapeText = (value: string) =>
  value.replaceAll('\\', '\\\\').replaceAll(';', '\\;').replaceAll(',', '\\,').replace(/\r\n|\r|\n/g, '\\n');

/** Folds a content line so that no physical line exceeds 75 octets (continuations start with a space). */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

/** UTC form (DTSTART:20270327T080000Z): an instant no calendar can misread, whatever its zone database. */
export const icsDate = (date: Date) => date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export function writeCalendar(calendar: { name: string; timeZone: string; stamp: Date; events: IcsEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Maillage//Journee regionale ETP//FR', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`, `X-WR-TIMEZONE:${calendar.timeZone}`,
  ];
  for (const e of calendar.events) {
    lines.push(
      'BEGIN:VEVENT', `UID:${e.uid}`, `SEQUENCE:${e.sequence}`, `DTSTAMP:${icsDate(calendar.stamp)}`,
      `DTSTART:${icsDate(e.start)}`, `DTEND:${icsDate(e.end)}`, `SUMMARY:${escapeText(e.summary)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      `URL:${e.url}`,
      ...(e.categories.length ? [`CATEGORIES:${e.categories.map(escapeText).join(',')}`] : []),
      'STATUS:CONFIRMED', 'TRANSP:OPAQUE', 'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
