import { defineStore } from 'pinia';
import { ref } from 'vue';
import { navigationReplySchema, type NavigationGroup } from '../../../shared/home.schema';
import { api } from '../../lib/api';

const OPEN_KEY = 'maillage.nav.open';

/** The side navigation's groups, and which of them the person keeps unfolded (kept in this browser). */
export const useNavigationStore = defineStore('navigation', () => {
  const groups = ref<NavigationGroup[]>([]);
  const loaded = ref(false);
  const open = ref<string[]>(readOpen());

  function readOpen(): string[] {
    try {
      const saved: unknown = JSON.parse(localStorage.getItem(OPEN_KEY) ?? '[]');
      return Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string').slice(0, 100) : [];
    } catch {
      return [];
    }
  }

  async function refresh() {
    try {
      groups.value = (await api('GET', '/home/navigation', { schema: navigationReplySchema })).groups;
      loaded.value = true;
    } catch {
      // The navigation is a way in, not the page: a failed refresh keeps the last list.
    }
  }

  function toggle(groupId: string) {
    open.value = open.value.includes(groupId) ? open.value.filter((g) => g !== groupId) : [...open.value, groupId];
    localStorage.setItem(OPEN_KEY, JSON.stringify(open.value));
  }

  function clear() {
    groups.value = [];
    loaded.value = false;
  }

  return { groups, loaded, open, refresh, toggle, clear };
});
