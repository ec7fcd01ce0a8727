/**
 * What someone is writing survives a reload or a lost connection: the draft is kept in
 * localStorage, and a message being sent stays there (with its client id) until the server has it.
 */
export interface PendingPost {
  clientId: string;
  body: string;
  parentId: number | null;
  attachmentIds: string[];
}

const key = (scope: string) => `maillage.threads.draft.${scope}`;
const pendingKey = (scope: string) => `maillage.threads.pending.${scope}`;

export const newClientId = () => crypto.randomUUID().replaceAll('-', '');

export function loadDraft(scope: string): string {
  return localStorage.getItem(key(scope)) ?? '';
}

export function saveDraft(scope: string, text: string): void {
  if (text) localStorage.setItem(key(scope), text);
  else localStorage.removeItem(key(scope));
}

export function loadPending(scope: string): PendingPost | null {
  try {
    return JSON.parse(localStorage.getItem(pendingKey(scope)) ?? 'null') as PendingPost | null;
  } catch {
    return null;
  }
}

export function savePending(scope: string, post: PendingPost | null): void {
  if (post) localStorage.setItem(pendingKey(scope), JSON.stringify(post));
  else localStorage.removeItem(pendingKey(scope));
}
