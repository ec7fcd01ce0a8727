import { describe, expect, it } from 'vitest';
import fr from '../../../client/i18n/fr/groups.json';
import en from '../../../client/i18n/en/groups.json';
import { ACTIVITY_KINDS } from '../../../shared/groups.schema';

const at = (messages: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), messages);

describe('the activity log speaks every kind it records', () => {
  it.each([['fr', fr], ['en', en]] as const)('in %s', (_locale, messages) => {
    const missing = ACTIVITY_KINDS.filter((kind) => typeof at(messages, `activity.kinds.${kind}`) !== 'string');
    expect(missing).toEqual([]);
  });
});
