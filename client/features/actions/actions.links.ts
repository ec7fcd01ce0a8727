import type { LinkKind } from '../../../shared/actions.schema';

/**
 * A link pasted from the address bar, as in Outline: a document, a discussion or a regional day of
 * Maillage. Anything else is not a link of this platform.
 */
export function parseLink(pasted: string): { kind: LinkKind; targetId: string } | null {
  let path = pasted.trim();
  try {
    path = new URL(path, window.location.origin).pathname;
  } catch {
    return null;
  }
  const match = /^\/(documents|ressources|discussions|journee-regionale)\/([\w-]{8,64})(?:\/|$)/.exec(path);
  if (!match || match[2] === 'recherche' || match[2] === 'nouvelle') return null;
  const kind: LinkKind = match[1] === 'discussions' ? 'thread' : match[1] === 'journee-regionale' ? 'event' : 'document';
  return { kind, targetId: match[2] };
}

/** Where a stored link leads in the client. */
export function linkRoute(kind: LinkKind, targetId: string) {
  if (kind === 'thread') return { name: 'thread', params: { threadId: targetId } };
  if (kind === 'event') return { name: 'edit-event', params: { id: targetId } };
  return { name: 'document', params: { documentId: targetId } };
}
