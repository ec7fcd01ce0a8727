/** The parts of `npm run bench`, in the order they run; BENCH_ONLY names a subset. */
export const SECTIONS = ['collab', 'schema', 'exports', 'signin', 'fanout', 'memory', 'sync', 'directory', 'public', 'prepared'] as const;
export type Section = (typeof SECTIONS)[number];

/** BENCH_ONLY="collab, memory" → which sections run, and the names it did not recognise. */
export function chooseSections(only: string | undefined): { wanted: (name: Section) => boolean; unknown: string[] } {
  const names = only?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!names?.length) return { wanted: () => true, unknown: [] };
  return {
    wanted: (name) => names.includes(name),
    unknown: names.filter((name) => !SECTIONS.includes(name as Section)),
  };
}
