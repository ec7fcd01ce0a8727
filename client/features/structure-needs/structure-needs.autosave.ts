import { onBeforeUnmount, ref, watch, type Ref } from 'vue';
import type { Answers } from '../../../shared/structure-needs.answers';
import { errorMessage } from '../../lib/api';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

/**
 * Saves the answers a moment after the person stops typing, one request at a time (a change made
 * while one is under way is saved right after it), as Google Forms and Docs do. `flush()` saves
 * what is pending now, before a submission.
 */
export function useAutosave(answers: Ref<Answers>, save: (answers: Answers) => Promise<unknown>, delayMs = 800) {
  const state = ref<SaveState>({ kind: 'idle' });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let dirty = false;
  let enabled = false;

  // One loop drains the changes: a change made while saving is saved right after.
  function run(): Promise<void> {
    running ??= (async () => {
      while (dirty) {
        dirty = false;
        state.value = { kind: 'saving' };
        try {
          await save(JSON.parse(JSON.stringify(answers.value)) as Answers);
          if (!dirty) state.value = { kind: 'saved', at: new Date() };
        } catch (err) {
          state.value = { kind: 'error', message: errorMessage(err) };
          return;
        }
      }
    })().finally(() => { running = null; });
    return running;
  }
  watch(answers, () => {
    if (!enabled) return;
    dirty = true;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => { timer = null; void run(); }, delayMs);
  }, { deep: true });
  onBeforeUnmount(() => { if (timer) { clearTimeout(timer); void run(); } });

  return {
    state,
    /** Starts watching once the loaded answers are in place (loading them is not a change). */
    start: () => { enabled = true; },
    async flush() {
      if (timer) { clearTimeout(timer); timer = null; }
      if (dirty) await run();
      else if (running) await running;
    },
  };
}
