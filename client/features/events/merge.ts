const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A colleague saved the thing this person is editing: every field the person left as it was when
 * they started (`base`) takes the colleague's value (`fresh`); what the person changed stays theirs.
 * Mutates `form`; returns the new base.
 */
export function mergeUntouched<T extends object>(form: T, base: T, fresh: T): T {
  for (const key of Object.keys(fresh) as Array<keyof T>) {
    if (same(form[key], base[key])) form[key] = structuredClone(fresh[key]);
  }
  return structuredClone(fresh);
}
