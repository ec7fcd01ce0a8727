import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every feature's files, French first and English complete: a key missing on one side shows as a raw key.
const dir = join(process.cwd(), 'client/i18n');
const files = (lang: string) => readdirSync(join(dir, lang)).filter((f) => f.endsWith('.json')).sort();
const read = (lang: string, file: string) => JSON.parse(readFileSync(join(dir, lang, file), 'utf8')) as Record<string, unknown>;

/** Leaf keys as dotted paths, with their values. */
function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) for (const [p, leaf] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(p, leaf);
  } else out.set(prefix, value);
  return out;
}
const placeholders = (text: string) => [...new Set(text.match(/\{\s*\w+\s*\}/g) ?? [])].map((p) => p.replace(/\s/g, '')).sort();

describe('translations', () => {
  it('exist as the same files in French and English', () => {
    expect(files('fr').length).toBeGreaterThan(0);
    expect(files('en')).toEqual(files('fr'));
  });

  for (const file of files('fr')) {
    it(`${file}: same keys in both languages, no empty text, same placeholders`, () => {
      const fr = leaves(read('fr', file));
      const en = leaves(read('en', file));
      expect.soft([...en.keys()].filter((k) => !fr.has(k)), 'keys only in en').toEqual([]);
      expect.soft([...fr.keys()].filter((k) => !en.has(k)), 'keys only in fr').toEqual([]);
      for (const [lang, map] of [['fr', fr], ['en', en]] as const) {
        const empty = [...map].filter(([, v]) => typeof v !== 'string' || v.trim() === '').map(([k]) => k);
        expect.soft(empty, `empty or non-text values in ${lang}`).toEqual([]);
      }
      const mismatched = [...fr].filter(([k, v]) => typeof v === 'string' && typeof en.get(k) === 'string'
        && placeholders(v).join() !== placeholders(en.get(k) as string).join()).map(([k]) => k);
      expect.soft(mismatched, 'placeholders differ').toEqual([]);
    });
  }
});
