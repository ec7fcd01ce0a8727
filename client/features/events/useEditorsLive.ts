import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { EDITORS_SOCKET, editorsAckSchema, editorsChangedSchema } from '../../../shared/events.editors.schema';
import { getSocket } from '../../lib/socket';
import { useEventEditorStore } from './events.store';
import { useAuthStore } from '../auth/auth.store';

/**
 * Follows an event's editors room while a view is open: each change a colleague saves is fetched
 * again (so the grid and its conflicts stay true for both), and after a reconnect the view re-joins
 * and refreshes, since changes may have been missed meanwhile. Returns a sentence for a live region.
 */
export function useEditorsLive(eventId: Ref<string | null | undefined>) {
  const { t } = useI18n();
  const store = useEventEditorStore();
  const auth = useAuthStore();
  const socket = getSocket();
  const announcement = ref('');
  let joined: string | null = null;
  let connectedOnce = false;

  function join(id: string) {
    socket.emit(EDITORS_SOCKET.join, { eventId: id }, (reply: unknown) => {
      const ack = editorsAckSchema.safeParse(reply);
      if (ack.success && !ack.data.ok) announcement.value = ack.data.error ?? '';
    });
  }
  function onConnect() {
    if (joined) join(joined);
    if (connectedOnce && joined) void store.refresh().catch(() => undefined);
    connectedOnce = true;
  }
  function onChanged(payload: unknown) {
    const change = editorsChangedSchema.safeParse(payload);
    if (!change.success || change.data.eventId !== joined) return;
    void store.refresh().catch(() => undefined);
    if (change.data.byId !== auth.user?.id) announcement.value = t('events.live.changed', { name: change.data.by });
  }

  socket.on('connect', onConnect);
  socket.on(EDITORS_SOCKET.changed, onChanged);
  if (socket.connected) connectedOnce = true;
  const stop = watch(eventId, (id) => {
    if (joined && joined !== id) socket.emit(EDITORS_SOCKET.leave, { eventId: joined });
    joined = id ?? null;
    if (joined && socket.connected) join(joined);
  }, { immediate: true });

  onBeforeUnmount(() => {
    stop();
    if (joined) socket.emit(EDITORS_SOCKET.leave, { eventId: joined });
    socket.off('connect', onConnect);
    socket.off(EDITORS_SOCKET.changed, onChanged);
  });
  return { announcement };
}
