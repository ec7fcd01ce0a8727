import * as Y from 'yjs';
import type { SchemaRules } from './schema-rules';
import { markName } from './schema-rules';

/** Structs the document holds in memory (items and collected ranges): the measure of its cost. */
export function countStructs(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

/**
 * Walks a whole loaded document and lists what breaks the schema (at most `max` findings).
 * Updates are checked before they are applied (schema-guard.ts); this is for what was stored
 * before that check existed, or by an older version of the schema.
 */
export function findSchemaProblems(doc: Y.Doc, options: { rules: SchemaRules; fragment: string; maxDepth: number; max?: number }): string[] {
  const { rules } = options;
  const max = options.max ?? 20;
  const problems: string[] = [];
  const report = (problem: string) => {
    if (problems.length < max) problems.push(problem);
  };
  for (const [name, type] of doc.share) {
    if (name !== options.fragment && (type._start !== null || type._map.size > 0)) report(`type racine inconnu « ${name} »`);
  }
  const root = doc.getXmlFragment(options.fragment);
  // Iterative: a stored document may nest thousands of levels.
  const stack: Array<{ type: Y.XmlElement | Y.XmlFragment; name: string; depth: number }> = [{ type: root, name: rules.top, depth: 0 }];
  while (stack.length > 0 && problems.length < max) {
    const { type, name, depth } = stack.pop()!;
    if (type instanceof Y.XmlElement) {
      for (const [key, value] of Object.entries(type.getAttributes())) {
        if (!rules.attribute(name, key, value)) report(`attribut « ${key} » invalide pour « ${name} »`);
      }
    }
    for (const child of type.toArray()) {
      if (child instanceof Y.XmlElement) {
        if (!rules.children(name)?.has(child.nodeName)) report(`« ${child.nodeName} » dans « ${name} »`);
        else if (depth + 1 > options.maxDepth) report('imbrication trop profonde');
        else stack.push({ type: child, name: child.nodeName, depth: depth + 1 });
      } else if (child instanceof Y.XmlText) {
        if (!rules.holdsText(name)) report(`texte dans « ${name} »`);
        else checkText(child, name, rules, report);
      } else {
        report(`contenu inattendu dans « ${name} »`);
      }
    }
  }
  return problems;
}

function checkText(text: Y.XmlText, element: string, rules: SchemaRules, report: (p: string) => void): void {
  if (Object.keys(text.getAttributes()).length > 0) report('attribut sur un texte');
  for (const op of text.toDelta() as Array<{ insert: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string') report('objet incorporé dans un texte');
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      const mark = markName(key);
      if (!rules.allowsMark(element, mark) || !rules.markValue(mark, value)) report(`mise en forme « ${key} » invalide`);
    }
  }
}
