import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { conflictsOfEvent } from '../../../shared/events.conflicts';
import { eventReplySchema, publishReplySchema, updatedSchema, type EventDetail, type Session, type SessionInput } from '../../../shared/events.schema';
import { api, ApiError } from '../../lib/api';
import { translator as i18n } from '../../i18n/index';

/** The event an organiser is editing: one detail, changed through the API, conflicts computed live. */
export const useEventEditorStore = defineStore('event-editor', () => {
  const event = ref<EventDetail | null>(null);
  const saving = ref(0);
  const conflicts = computed(() => (event.value ? conflictsOfEvent(event.value) : []));

  // Writes started so far, and moves shown but not yet saved: a read that a write overtook, or that
  // lands while a move waits for its turn, is older than what the screen shows.
  let writesStarted = 0;
  let movesPending = 0;
  async function load(id: string): Promise<void> {
    const started = writesStarted;
    const fetched = (await api('GET', `/events/${id}`, { schema: eventReplySchema })).event;
    if (started !== writesStarted || saving.value > 0 || movesPending > 0) {
      // Drawing the reply would put a session back where it was: read again once the writes are done.
      if (saving.value > 0 || movesPending > 0) reloadWanted = true;
      else await load(id);
      return;
    }
    event.value = fetched;
  }
  const base = () => `/events/${event.value!.id}`;
  async function reload() {
    if (event.value) await load(event.value.id);
  }

  // A colleague's change arriving while our own writes are on their way waits for them:
  // reloading in between would draw the server's older copy over what we just moved.
  let reloadWanted = false;
  async function track<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
    writesStarted++;
    saving.value++;
    try {
      return await (typeof work === 'function' ? work() : work);
    } finally {
      saving.value--;
      if (saving.value === 0 && reloadWanted) {
        reloadWanted = false;
        void reload().catch(() => undefined);
      }
    }
  }
  /** Another editor saved something (or we reconnected): fetch the event again, once our own writes are done. */
  async function refresh() {
    if (saving.value > 0) reloadWanted = true;
    else await reload();
  }

  /** A stale session write: show the fresh state and say whose change it kept. */
  async function staleToReadable(err: unknown, sessionId: string): Promise<never> {
    if (!(err instanceof ApiError) || err.code !== 'session_stale') throw err;
    await reload();
    const name = event.value?.sessions.find((x) => x.id === sessionId)?.updatedBy ?? i18n.t('events.live.someone');
    throw new ApiError(err.status, err.code, i18n.t('events.live.stale', { name }));
  }

  /** Creates or updates an item (rooms, tracks, speakers, sessions), then reloads the event. */
  async function save(kind: 'rooms' | 'tracks' | 'speakers' | 'sessions', body: unknown, itemId?: string) {
    try {
      await track(itemId ? api('PUT', `${base()}/${kind}/${itemId}`, { body }) : api('POST', `${base()}/${kind}`, { body }));
    } catch (err) {
      if (kind === 'sessions' && itemId) await staleToReadable(err, itemId);
      throw err;
    }
    await reload();
  }
  async function remove(kind: 'rooms' | 'tracks' | 'speakers' | 'sessions', itemId: string) {
    await track(api('DELETE', `${base()}/${kind}/${itemId}`));
    await reload();
  }

  const sessionInput = (s: Session): SessionInput => ({
    kind: s.kind, title: s.title, description: s.description, startsAt: s.startsAt, endsAt: s.endsAt, roomId: s.roomId,
    trackId: s.trackId, capacity: s.capacity, people: s.people, groupId: s.groupId, documentId: s.documentId,
  });

  // Grid writes go one after the other, each with the version the previous one returned:
  // three quick key presses must not refuse each other as stale.
  let writes: Promise<unknown> = Promise.resolve();
  const sessionById = (id: string) => event.value?.sessions.find((x) => x.id === id);

  /** Moves or resizes a session at once in the grid, and saves it; on refusal the server's copy comes back. */
  async function placeSession(sessionId: string, change: Partial<Pick<Session, 'startsAt' | 'endsAt' | 'roomId'>>) {
    const s = sessionById(sessionId);
    if (!s) return;
    Object.assign(s, change);
    writesStarted++;
    movesPending++;
    const write = writes.then(() => track(async () => {
      const current = sessionById(sessionId);
      if (!current) return;
      try {
        const saved = await api('PUT', `${base()}/sessions/${sessionId}`, { body: { ...sessionInput(current), version: current.version }, schema: updatedSchema });
        const after = sessionById(sessionId);
        if (after && saved.version && saved.version > after.version) after.version = saved.version;
        if (event.value) event.value.unpublishedChanges = event.value.status === 'published';
      } catch (err) {
        await staleToReadable(err, sessionId).catch(async (readable: unknown) => {
          if (readable === err) await reload();
          throw readable;
        });
      }
    }));
    writes = write.catch(() => undefined);
    try {
      await write;
    } finally {
      movesPending--;
      if (movesPending === 0 && saving.value === 0 && reloadWanted) {
        reloadWanted = false;
        void reload().catch(() => undefined);
      }
    }
  }

  async function publish(note: string, confirmConflicts: boolean) {
    const result = await track(api('POST', `${base()}/publish`, { body: { note, confirmConflicts }, schema: publishReplySchema }));
    await reload();
    return result;
  }

  return { event, saving, conflicts, load, reload, refresh, save, remove, placeSession, sessionInput, publish };
});
