import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

/**
 * An empty paragraph after a document's last table or list, so that there is a line to write
 * after it, added only by the person who is changing the document. Tiptap's TrailingNode adds it
 * after any transaction, the first load and others' changes included: opening a document wrote to
 * it, several tabs opening at once each added a paragraph, and a reader's editor tried to write.
 * Others' changes reach the editor marked by the Yjs binding (`isChangeOrigin`).
 */
export const LocalTrailingNode = Extension.create({
  name: 'localTrailingNode',
  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('localTrailingNode'),
        appendTransaction(transactions, _before, state) {
          const mine = transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey)?.isChangeOrigin);
          const last = state.doc.lastChild;
          if (!mine || !editor.isEditable || !last || last.type.name === 'paragraph') return null;
          return state.tr.insert(state.doc.content.size, state.schema.nodes.paragraph.create());
        },
      }),
    ];
  },
});
