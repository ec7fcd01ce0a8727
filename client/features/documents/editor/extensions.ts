import type { AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import type * as Y from 'yjs';
import type { WebsocketProvider } from 'y-websocket';
import { withTaskLabels } from './content-extensions';
import { DepthLimit } from './depth-limit';
import { LocalTrailingNode } from './local-trailing-node';

export interface EditorExtensionOptions {
  ydoc: Y.Doc;
  provider: WebsocketProvider;
  /** Shown on my caret to others; the server replaces it by the identity it knows. */
  user: { name: string; color: string };
  placeholder: string;
  /** A task checkbox's accessible name, from the task's text. */
  taskLabel: (text: string) => string;
}

/** The full extension list of the co-editing editor: content, placeholder, live text and carets. */
export function editorExtensions(options: EditorExtensionOptions): AnyExtension[] {
  return [
    ...withTaskLabels(options.taskLabel),
    DepthLimit,
    LocalTrailingNode,
    Placeholder.configure({ placeholder: options.placeholder }),
    // The fragment named "default" is the contract with the server (contract.md).
    Collaboration.configure({ document: options.ydoc, field: 'default' }),
    CollaborationCaret.configure({ provider: options.provider, user: options.user, render: renderCaret }),
  ];
}

/** A caret with its person's name, readable (white on the server-chosen dark colour). */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  const color = typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#2e4053';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(label);
  return caret;
}
