import { ref, watch, type Ref } from 'vue';

/** "Mon programme": the sessions a visitor starred, kept in this browser only (no account needed). */
export function useMyProgramme(slug: string): { chosen: Ref<Set<string>>; toggle: (id: string) => void } {
  const key = `maillage.agenda.${slug}`;
  const read = (): Set<string> => {
    try {
      const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return new Set(Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : []);
    } catch {
      return new Set();
    }
  };
  const chosen = ref(read());
  watch(chosen, (value) => {
    try {
      localStorage.setItem(key, JSON.stringify([...value]));
    } catch {
      // Private browsing may refuse storage: the selection then lasts as long as the page.
    }
  }, { deep: true });
  const toggle = (id: string) => {
    const next = new Set(chosen.value);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    chosen.value = next;
  };
  return { chosen, toggle };
}
