// The time zones offered for an event: France's first (mainland, then the overseas territories),
// then every other zone the browser knows, so an event in Nouméa or Montréal can be set exactly.

/** Zone → the i18n key of its French name (events.zones.<key>). */
export const FRENCH_ZONES: ReadonlyArray<readonly [zone: string, key: string]> = [
  ['Europe/Paris', 'paris'],
  ['America/Guadeloupe', 'guadeloupe'],
  ['America/Martinique', 'martinique'],
  ['America/Cayenne', 'guyane'],
  ['Indian/Reunion', 'reunion'],
  ['Indian/Mayotte', 'mayotte'],
  ['Pacific/Noumea', 'noumea'],
  ['Pacific/Tahiti', 'tahiti'],
  ['America/Miquelon', 'miquelon'],
  ['Pacific/Wallis', 'wallis'],
];

/** Every other zone of the runtime, sorted; the current value is kept even if the runtime lacks it. */
export function otherZones(current?: string): string[] {
  const french = new Set(FRENCH_ZONES.map(([zone]) => zone));
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  const others = all.filter((zone) => !french.has(zone));
  if (current && !french.has(current) && !others.includes(current)) others.push(current);
  return others.sort();
}
