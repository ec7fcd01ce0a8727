import { createHash } from 'node:crypto';
import type { Schema } from '@tiptap/pm/model';
import { DOCUMENT_CONTENT, MARK_ATTRIBUTES, NODE_ATTRIBUTES } from '../../../../shared/documents.content';
import { editorSchema } from '../content/editor-schema';
import { FRAGMENT } from '../content/yjs-content';
import { schemaRules } from './schema-rules';

/**
 * Raise it when the whole-document check (document-check.ts, schema-rules.ts) or an attribute
 * domain's rule (shared/documents.content.ts) decides differently: their code is not hashed below,
 * since the same code compiles differently in the server and its workers.
 */
const CHECK_VERSION = 1;

/**
 * What a whole-document check decides with, as one hash: the element tree the schema allows,
 * where text and which marks may stand, which attributes exist, the content limits, and the
 * version of the checking rules. A stored state found valid is marked with it (by a compaction or
 * a load's check) and opens later without being checked again, until any of these changes: a
 * version of Maillage whose schema differs checks every stored document once more when it opens.
 */
export function schemaFingerprint(schema: Schema): string {
  const rules = schemaRules(schema);
  const marks = Object.keys(schema.marks).sort();
  const nodes = Object.keys(schema.nodes).sort().map((name) => ({
    name,
    children: [...(rules.children(name) ?? [])].sort(),
    text: rules.holdsText(name),
    marks: marks.filter((mark) => rules.allowsMark(name, mark)),
    attributes: Object.keys(NODE_ATTRIBUTES[name] ?? {}).sort(),
  }));
  const markAttributes = marks.map((name) => ({
    name,
    spec: Object.keys(schema.marks[name].spec.attrs ?? {}).sort(),
    allowed: Object.keys(MARK_ATTRIBUTES[name] ?? {}).sort(),
  }));
  const inputs = { version: CHECK_VERSION, top: rules.top, fragment: FRAGMENT, limits: DOCUMENT_CONTENT, nodes, markAttributes };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('base64url');
}

export const SCHEMA_FINGERPRINT = schemaFingerprint(editorSchema);
