import { ref, type Ref } from 'vue';
import { errorMessage } from './api';

export interface Action {
  /** True while an action runs: disables the button that started it. */
  busy: Ref<boolean>;
  /** The last failure, ready to show (FormError); cleared when an action starts. */
  error: Ref<string | null>;
  /** Runs `action`; resolves to true when it succeeded, false when its error was recorded. Never rejects. */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
}

/**
 * Why this exists: nearly every form and button that calls the API repeated the same
 * clear-error / set-busy / try / catch into errorMessage / finally-reset lines. Keeping them in one
 * place means a failure is always shown the same way and never escapes as an unhandled rejection.
 * What a caller does on success stays at the call site (inside `action`, or after `if (await run(...))`).
 * `describe` lets a feature translate its own error codes (groups does).
 */
export function useAction(describe: (err: unknown) => string = errorMessage): Action {
  const busy = ref(false);
  const error = ref<string | null>(null);

  async function run(action: () => Promise<unknown>): Promise<boolean> {
    error.value = null;
    busy.value = true;
    try {
      await action();
      return true;
    } catch (err) {
      error.value = describe(err);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
