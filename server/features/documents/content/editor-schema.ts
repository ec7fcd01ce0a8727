import { getSchema, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { TableKit } from '@tiptap/extension-table';

/**
 * The content extensions of the editor, as the server sees them. They must stay aligned with
 * client/features/documents/editor/content-extensions.ts (the server never imports the client):
 * tests/server/documents/templates.test.ts compares both schemas, so a drift fails a test.
 * Collaboration brings its own history, hence no undoRedo.
 */
export const serverContentExtensions: AnyExtension[] = [
  StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
  TaskList,
  TaskItem.configure({ nested: true }),
  TableKit.configure({ table: { resizable: false } }),
];

export const editorSchema = getSchema(serverContentExtensions);
