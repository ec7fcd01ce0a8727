import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { eventsToClient, eventsToServer } from '../../../shared/events.live';
import { liveAckSchema } from '../../../shared/live.contract';
import { listen } from '../../lib/live';
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
    socket.emit(eventsToServer.editorsJoin.name, { eventId: id }, (reply) => {
      const ack = liveAckSchema.safeParse(reply);
      if (ack.success && !ack.data.ok) announcement.value = ack.data.error;
    });
  }
  function onConnect() {
    if (joined) join(joined);
    if (connectedOnce && joined) void store.refresh().catch(() => undefined);
    connectedOnce = true;
  }
  socket.on('connect', onConnect);
  const stopListening = listen(socket, eventsToClient.editorsChanged, (change) => {
    if (change.eventId !== joined) return;
    void store.refresh().catch(() => undefined);
    if (change.byId !== auth.user?.id) announcement.value = t('events.live.changed', { name: change.by });
  });
  if (socket.connected) connectedOnce = true;
  const stop = watch(eventId, (id) => {
    if (joined && joined !== id) socket.emit(eventsToServer.editorsLeave.name, { eventId: joined });
    joined = id ?? null;
    if (joined && socket.connected) join(joined);
  }, { immediate: true });

  onBeforeUnmount(() => {
    stop();
    if (joined) socket.emit(eventsToServer.editorsLeave.name, { eventId: joined });
    socket.off('connect', onConnect);
    stopListening();
  });
  return { announcement };
}
