import { onBeforeUnmount, ref } from 'vue';
import { reviewReplySchema, type ReviewDecision, type ReviewReply } from '../../../../shared/review.schema';
import { reviewToClient } from '../../../../shared/review.live';
import { listen } from '../../../lib/live';
import { api } from '../../../lib/api';
import { getSocket } from '../../../lib/socket';

/**
 * The review of an open document, kept live: the page is already in its group's room (live-document.ts),
 * where `review:updated` says a round changed; what the person may see and do is fetched again, since
 * it depends on who they are. Every write answers the round as it now is.
 */
export function useReview(documentId: () => string) {
  const reply = ref<ReviewReply | null>(null);
  const path = () => `/documents/${documentId()}/review`;
  const set = (r: ReviewReply) => { reply.value = r; };

  const load = async () => set(await api('GET', path(), { schema: reviewReplySchema }));
  const socket = getSocket();
  const stop = listen(socket, reviewToClient.updated, (p) => {
    if (p.documentId === documentId()) void load().catch(() => undefined);
  });
  onBeforeUnmount(stop);

  return {
    reply,
    load,
    request: async (reviewerIds: string[], message: string) => set(await api('POST', path(), { body: { reviewerIds, message }, schema: reviewReplySchema })),
    decide: async (decision: ReviewDecision, note: string) => set(await api('POST', `${path()}/decisions`, { body: { decision, note }, schema: reviewReplySchema })),
    validate: async (note: string) => set(await api('POST', `${path()}/validate`, { body: { note }, schema: reviewReplySchema })),
  };
}
export type ReviewHandle = ReturnType<typeof useReview>;
