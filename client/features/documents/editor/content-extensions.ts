import type { AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';

/**
 * What a document may contain: the editor schema. The server builds the same schema from the
 * same packages (server/features/documents/content/editor-schema.ts) for templates, restores and
 * exports; tests/server/documents/templates.test.ts fails if the two drift apart.
 * Collaboration brings its own history, hence no undoRedo.
 */
export const contentExtensions: AnyExtension[] = [
  StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true, defaultProtocol: 'https', protocols: ['http', 'https', 'mailto'] } }),
  TaskList,
  TaskItem.configure({ nested: true }),
  TableKit.configure({ table: { resizable: false } }),
];
