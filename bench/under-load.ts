import { performance } from 'node:perf_hooks';
import type { Target } from './clients';

type Typing = (target: Target) => Promise<{ latencies: number[] }>;

/** Typing latencies alone, then with exports of the large document running back to back. */
export async function exportsBesideTyping(target: Target & { largeDocumentId: string }, typing: Typing) {
  const alone = (await typing(target)).latencies;
  const exports: Array<{ format: string; status: number; 'seconds': string; 'MB out': string }> = [];
  let typingDone = false;
  const exporting = (async () => {
    for (let i = 0; !typingDone || exports.length === 0; i++) {
      const format = ['html', 'md', 'docx'][i % 3];
      const t0 = performance.now();
      const res = await fetch(`${target.url}/api/documents/${target.largeDocumentId}/export?format=${format}`, { headers: { cookie: target.cookie } });
      const body = await res.arrayBuffer();
      exports.push({ format, status: res.status, seconds: ((performance.now() - t0) / 1000).toFixed(1), 'MB out': (body.byteLength / 1e6).toFixed(1) });
    }
  })();
  // The first export is under way before the measured typing starts.
  await new Promise((r) => setTimeout(r, 300));
  const during = (await typing(target)).latencies;
  typingDone = true;
  await exporting;
  return { alone, during, exports };
}

const signIn = async (url: string, email: string, password: string) => {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0 };
};

/** A real sign-in alone (median of three), then amid 200 wrong sign-ins with made-up addresses. */
export async function signInUnderFlood(target: Target & { email: string; password: string }) {
  const alone = [];
  for (let i = 0; i < 3; i++) alone.push(await signIn(target.url, target.email, target.password));
  alone.sort((a, b) => a.ms - b.ms);
  const flood = Array.from({ length: 200 }, (_, i) => signIn(target.url, `inconnu-${i}-${Date.now()}@exemple.fr`, 'mauvais-mot-de-passe'));
  const real = await signIn(target.url, target.email, target.password);
  const answered = await Promise.all(flood);
  const statuses = answered.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
  return [
    { 'sign-in': 'alone (median of 3)', status: alone[1].status, ms: alone[1].ms.toFixed(0), flood: '' },
    { 'sign-in': 'during the flood', status: real.status, ms: real.ms.toFixed(0), flood: Object.entries(statuses).map(([s, n]) => `${n}× ${s}`).join(', ') },
  ];
}
