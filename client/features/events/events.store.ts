import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { conflictsOfEvent } from '../../../shared/events.conflicts';
import { eventReplySchema, publishReplySchema, type EventDetail, type Session, type SessionInput } from '../../../shared/events.schema';
import { api } from '../../lib/api';

/** The event an organiser is editing: one detail, changed through the API, conflicts computed live. */
export const useEventEditorStore = defineStore('event-editor', () => {
  const event = ref<EventDetail | null>(null);
  const saving = ref(0);
  const conflicts = computed(() => (event.value ? conflictsOfEvent(event.value) : []));

  async function load(id: string) {
    event.value = (await api('GET', `/events/${id}`, { schema: eventReplySchema })).event;
  }
  const base = () => `/events/${event.value!.id}`;
  async function reload() {
    if (event.value) await load(event.value.id);
  }

  async function track<T>(work: Promise<T>): Promise<T> {
    saving.value++;
    try {
      return await work;
    } finally {
      saving.value--;
    }
  }

  /** Creates or updates an item (rooms, tracks, speakers, sessions), then reloads the event. */
  async function save(kind: 'rooms' | 'tracks' | 'speakers' | 'sessions', body: unknown, itemId?: string) {
    await track(itemId ? api('PUT', `${base()}/${kind}/${itemId}`, { body }) : api('POST', `${base()}/${kind}`, { body }));
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

  /** Moves or resizes a session at once in the grid, and saves it; on refusal the server's copy comes back. */
  async function placeSession(sessionId: string, change: Partial<Pick<Session, 'startsAt' | 'endsAt' | 'roomId'>>) {
    const s = event.value?.sessions.find((x) => x.id === sessionId);
    if (!s) return;
    Object.assign(s, change);
    try {
      await track(api('PUT', `${base()}/sessions/${sessionId}`, { body: sessionInput(s) }));
      if (event.value) event.value.unpublishedChanges = event.value.status === 'published';
    } catch (err) {
      await reload();
      throw err;
    }
  }

  async function publish(note: string, confirmConflicts: boolean) {
    const result = await track(api('POST', `${base()}/publish`, { body: { note, confirmConflicts }, schema: publishReplySchema }));
    await reload();
    return result;
  }

  return { event, saving, conflicts, load, reload, save, remove, placeSession, sessionInput, publish };
});
