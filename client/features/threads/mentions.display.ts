// The composer shows a mention as people read it ("@Nadia Benali") while the text sent keeps its code
// ("@[Nadia Benali](uuid)"), which the server turns into a link and a notification.

const CODE = /@\[([^\]\n]{1,120})\]\(([0-9a-zA-Z-]{1,64})\)/g;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The people mentioned in a coded text, by name. */
export function mentionsIn(code: string): Map<string, string> {
  return new Map([...code.matchAll(CODE)].map((m) => [m[1], m[2]]));
}

/** What the person sees: each code shown as "@Name". */
export const toDisplay = (code: string): string => code.replace(CODE, (_m, name: string) => `@${name}`);

/**
 * Back to the code: each "@Name" of a known mention (not followed by a letter or digit, so
 * "@Nadia Benalix" stays text) becomes its code again. A name edited by hand is no longer a mention.
 */
export function toCode(display: string, known: Map<string, string>): string {
  // Longest names first: "@Anne Marie" must not be taken for "@Anne".
  const names = [...known.keys()].sort((a, b) => b.length - a.length);
  if (!names.length) return display;
  const pattern = new RegExp(`@(${names.map(escape).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return display.replace(pattern, (_m, name: string) => `@[${name}](${known.get(name)})`);
}
