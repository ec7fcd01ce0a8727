// @vitest-environment happy-dom
// happy-dom only because errorMessage translates through client/i18n, which sets <html lang>.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/lib/api';
import { useAction } from '../../client/lib/useAction';

describe('useAction', () => {
  it('is busy while the action runs and reports success', async () => {
    const { busy, error, run } = useAction();
    error.value = 'an earlier failure';
    let finish!: () => void;
    const pending = run(() => new Promise<void>((resolve) => { finish = resolve; }));
    // The earlier message goes as soon as the person tries again.
    expect(error.value).toBeNull();
    expect(busy.value).toBe(true);
    finish();
    await expect(pending).resolves.toBe(true);
    expect(busy.value).toBe(false);
    expect(error.value).toBeNull();
  });

  it('keeps the API message of a failure, resets busy and reports failure without rejecting', async () => {
    const { busy, error, run } = useAction();
    const ok = await run(async () => { throw new ApiError(409, 'conflict', 'Ce nom est déjà pris.'); });
    expect(ok).toBe(false);
    expect(error.value).toBe('Ce nom est déjà pris.');
    expect(busy.value).toBe(false);
  });

  it('shows a generic message for an unexpected error rather than its internals', async () => {
    const { error, run } = useAction();
    expect(await run(async () => { throw new TypeError('x is undefined'); })).toBe(false);
    expect(error.value).toBeTruthy();
    expect(error.value).not.toContain('x is undefined');
  });

  it('gives each caller its own state', async () => {
    const first = useAction();
    const second = useAction();
    await first.run(async () => { throw new ApiError(400, 'validation', 'Invalide'); });
    expect(second.error.value).toBeNull();
  });

  it('words the failure with the feature\'s own describer when given one', async () => {
    const { error, run } = useAction((err) => `groupes : ${(err as ApiError).code}`);
    await run(async () => { throw new ApiError(409, 'last_lead', 'Dernier responsable'); });
    expect(error.value).toBe('groupes : last_lead');
  });
});
