import { ref } from 'vue';
import { useRouter } from 'vue-router';
import type { DocumentMeta } from '../../../shared/documents.schema';
import { api } from '../../lib/api';

/** The document this person just put in the trash, for the group page's "Annuler" message. */
export const justTrashed = ref<Pick<DocumentMeta, 'id' | 'title' | 'groupId'> | null>(null);

/**
 * Trashing from the document page: the person lands on the group, which offers "Annuler". The
 * router is taken here, at setup, because the page's own controls disappear as soon as the
 * group's room announces the trash (which may come before the reply), and their events with them.
 */
export function useTrashDocument() {
  const router = useRouter();
  return async function trash(doc: DocumentMeta): Promise<void> {
    await api('DELETE', `/documents/${doc.id}`);
    justTrashed.value = { id: doc.id, title: doc.title, groupId: doc.groupId };
    await router.push({ name: 'group', params: { groupId: doc.groupId } });
  };
}

/** "Annuler": takes the document back out of the trash and reopens it. */
export function useUndoTrash() {
  const router = useRouter();
  return async function undo(): Promise<void> {
    const doc = justTrashed.value;
    if (!doc) return;
    await api('POST', `/documents/${doc.id}/restore`);
    justTrashed.value = null;
    await router.push({ name: 'document', params: { documentId: doc.id } });
  };
}
