import { defineStore } from 'pinia';
import { reactive } from 'vue';
import {
  activityListSchema, groupMemberListSchema, groupReplySchema, joinRequestListSchema,
  type ActivityEntry, type GroupMember, type GroupReply, type GroupUpdatedPayload, type JoinRequest,
} from '../../../shared/groups.schema';
import { groupsToClient, groupsToServer } from '../../../shared/groups.live';
import { listenAll, on } from '../../lib/live';
import { api, ApiError } from '../../lib/api';
import { getSocket } from '../../lib/socket';

/** Everything a group's home shows, as this person may see it. */
export interface GroupHome {
  reply: GroupReply | null;
  members: GroupMember[];
  requests: JoinRequest[];
  activity: ActivityEntry[];
  /** The group does not exist or is no longer visible to me. */
  gone: boolean;
  /** Set when the server said my access changed (the page re-reads and says so). */
  accessChanged: boolean;
}

const ACTIVITY_PAGE = 20;

/** Group homes keyed by id, kept live through the group's Socket.IO room. */
export const useGroupsStore = defineStore('groups', () => {
  const homes = reactive<Record<string, GroupHome>>({});

  /** The reactive home of a group (created empty on first use: always read it back through `homes`). */
  function home(id: string): GroupHome {
    if (!homes[id]) homes[id] = { reply: null, members: [], requests: [], activity: [], gone: false, accessChanged: false };
    return homes[id];
  }

  async function loadDetails(id: string) {
    const h = home(id);
    try {
      h.reply = await api('GET', `/groups/${id}`, { schema: groupReplySchema });
      h.gone = false;
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        Object.assign(h, { reply: null, gone: true, members: [], requests: [], activity: [] });
        return;
      }
      throw err;
    }
  }
  async function loadMembers(id: string) {
    home(id).members = (await api('GET', `/groups/${id}/members`, { schema: groupMemberListSchema })).members;
  }
  async function loadRequests(id: string) {
    const h = home(id);
    h.requests = h.reply?.access.canLead ? (await api('GET', `/groups/${id}/join-requests`, { schema: joinRequestListSchema })).requests : [];
  }
  async function loadActivity(id: string) {
    const h = home(id);
    h.activity = h.reply?.access.canRead
      ? (await api('GET', `/groups/${id}/activity?limit=${ACTIVITY_PAGE}`, { schema: activityListSchema })).entries
      : [];
  }
  async function loadOlderActivity(id: string): Promise<boolean> {
    const h = home(id);
    const last = h.activity.at(-1);
    if (!last) return false;
    const older = (await api('GET', `/groups/${id}/activity?limit=${ACTIVITY_PAGE}&before=${encodeURIComponent(last.createdAt)}`, { schema: activityListSchema })).entries;
    h.activity.push(...older.filter((e) => !h.activity.some((a) => a.id === e.id)));
    return older.length === ACTIVITY_PAGE;
  }

  /** Reads the whole home; rights come first because they decide what else may be read. */
  async function load(id: string) {
    await loadDetails(id);
    if (home(id).gone) return;
    await Promise.all([loadMembers(id), loadRequests(id), loadActivity(id)]);
  }

  async function refresh(id: string, what: GroupUpdatedPayload['what']) {
    if (what === 'details') await load(id);
    else if (what === 'members') await Promise.all([loadDetails(id), loadMembers(id)]);
    else await loadRequests(id);
  }

  /**
   * Joins the group's room for live updates (readers only: the server checks) and returns the
   * function that stops listening. The socket stays in the room: other features (thread unread
   * counts, open documents) use the same room, and the server takes it out when access is lost.
   * Rejoins after a reconnection, as rooms do not survive it.
   */
  function follow(id: string): () => void {
    const socket = getSocket();
    const join = () => {
      if (home(id).reply?.access.canRead) socket.emit(groupsToServer.join.name, { groupId: id }, () => undefined);
    };
    // My place in the group may have changed: re-read, and say so only if my rights did change.
    const onAccess = (p: { groupId: string }) => {
      if (p.groupId !== id) return;
      const before = JSON.stringify(home(id).reply?.access ?? null);
      void load(id).then(() => {
        if (JSON.stringify(home(id).reply?.access ?? null) !== before) home(id).accessChanged = true;
        join();
      }).catch(() => undefined);
    };
    const stop = listenAll(socket, [
      on(groupsToClient.updated, (p) => { if (p.groupId === id) void refresh(id, p.what).catch(() => undefined); }),
      on(groupsToClient.activity, (p) => {
        const h = home(id);
        if (p.groupId === id && !h.activity.some((a) => a.id === p.entry.id)) h.activity.unshift(p.entry);
      }),
      on(groupsToClient.accessLost, onAccess),
      on(groupsToClient.mineChanged, onAccess),
    ]);
    socket.on('connect', join);
    if (socket.connected) join();
    return () => {
      stop();
      socket.off('connect', join);
    };
  }

  return { homes, home, load, refresh, loadOlderActivity, follow };
});
