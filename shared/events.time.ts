// Wall-clock ↔ instant conversions in an IANA zone, with the platform's Intl only (shared/ imports
// nothing but zod), so the server, the client and the conflict checker read times the same way.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True when the runtime knows this IANA zone. */
export function isValidZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

function wallParts(ms: number, zone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number };
}

/** Offset of the zone from UTC at this instant, in minutes (Paris: 60 in winter, 120 in summer). */
export function zoneOffsetMinutes(ms: number, zone: string): number {
  const p = wallParts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The local date ("2027-03-27"), time ("09:30") and minutes since local midnight of an instant. */
export function utcToLocal(ms: number, zone: string): { date: string; time: string; minutes: number } {
  const p = wallParts(ms, zone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}`, minutes: p.hour * 60 + p.minute };
}

/**
 * The instant of a local wall time. In the spring gap (02:30 does not exist in Paris) it lands an
 * hour later (03:30); in the autumn overlap it takes the first (summer) occurrence.
 */
export function localToUtc(date: string, time: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offsets a day before and a day after cover both sides of any transition near this time.
  const candidates = [-86_400_000, 86_400_000].map((shift) => wall - zoneOffsetMinutes(wall + shift, zone) * 60_000);
  const valid = candidates.filter((ms) => utcToLocal(ms, zone).time === time && utcToLocal(ms, zone).date === date);
  return valid.length ? Math.min(...valid) : Math.max(...candidates);
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export const timeToMinutes = (time: string): number => {
  const [h, m] = time.split(':').map(Number);
  return h * 60 + m;
};

/** The instants a day of the event opens and closes; an end before its start runs past midnight. */
export function dayWindow(day: { date: string; start: string; end: string }, zone: string): { startsAt: number; endsAt: number } {
  const overnight = timeToMinutes(day.end) <= timeToMinutes(day.start);
  return { startsAt: localToUtc(day.date, day.start, zone), endsAt: localToUtc(overnight ? addDays(day.date, 1) : day.date, day.end, zone) };
}
