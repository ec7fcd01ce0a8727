import { getSchema, Node } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { serverContentExtensions } from '../../server/features/documents/content/editor-schema';
import { SCHEMA_FINGERPRINT, schemaFingerprint } from '../../server/features/documents/collab/schema-fingerprint';

// Stored documents marked with the fingerprint open without a whole check: it must change with
// anything the check decides with, and stay put otherwise (or every opening would check again).
describe('schema fingerprint', () => {
  it('is the same for the same editor schema, built again', () => {
    expect(schemaFingerprint(getSchema(serverContentExtensions))).toBe(SCHEMA_FINGERPRINT);
  });

  it('changes when the editor gains a kind of block', () => {
    const callout = Node.create({ name: 'callout', group: 'block', content: 'paragraph+' });
    expect(schemaFingerprint(getSchema([...serverContentExtensions, callout]))).not.toBe(SCHEMA_FINGERPRINT);
  });
});
