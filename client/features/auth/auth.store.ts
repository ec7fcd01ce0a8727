import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { meReplySchema, type SessionUser } from '../../../shared/auth.schema';
import { api } from '../../lib/api';
import { resetSocket } from '../../lib/socket-connection';

/** The signed-in person. `ready()` resolves once the session has been asked for. */
export const useAuthStore = defineStore('auth', () => {
  const user = ref<SessionUser | null>(null);
  let loading: Promise<void> | null = null;

  function ready(): Promise<void> {
    loading ??= api('GET', '/auth/me', { schema: meReplySchema })
      .then((r) => { user.value = r.user; })
      .catch(() => { user.value = null; });
    return loading;
  }

  async function signIn(email: string, password: string) {
    const r = await api('POST', '/auth/login', { body: { email, password }, schema: meReplySchema });
    user.value = r.user;
    resetSocket();
  }

  async function signOut() {
    await api('POST', '/auth/logout');
    user.value = null;
    resetSocket();
  }

  /** Ends every session of the account, this one included (the others' live connections close too). */
  async function signOutEverywhere() {
    await api('POST', '/auth/logout-everywhere');
    user.value = null;
    resetSocket();
  }

  function setUser(next: SessionUser | null) {
    user.value = next;
    resetSocket();
  }

  const isCoordinator = computed(() => user.value?.role === 'coordinator');
  return { user, ready, signIn, signOut, signOutEverywhere, setUser, isCoordinator };
});
