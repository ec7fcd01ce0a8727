import type { AnyExtension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';

/**
 * What a document may contain: the editor schema. The server builds the same schema from the
 * same packages (server/features/documents/content/editor-schema.ts) for templates, restores and
 * exports; tests/server/documents/templates.test.ts fails if the two drift apart.
 * Collaboration brings its own history, hence no undoRedo; the line after a last table is added
 * by LocalTrailingNode (the editor's), not on every transaction, hence no trailingNode.
 */
export const contentExtensions: AnyExtension[] = [
  StarterKit.configure({ undoRedo: false, trailingNode: false, link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] } }),
  TaskList,
  TaskItem.configure({ nested: true }),
  TableKit.configure({ table: { resizable: false } }),
];

/**
 * The same list with the task checkboxes named in the reader's language (Tiptap's default is
 * "Task item checkbox for …"). Only how a checkbox is read out changes, not the schema.
 */
export function withTaskLabels(checkboxLabel: (text: string) => string): AnyExtension[] {
  const a11y = { checkboxLabel: (node: PMNode) => checkboxLabel(node.textContent.trim()) };
  return contentExtensions.map((ext) => (ext.name === 'taskItem' ? TaskItem.configure({ nested: true, a11y }) : ext));
}
