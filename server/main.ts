import { performance } from 'node:perf_hooks';
import { buildApp } from './app';
import { configFromEnv } from './core/config';

const config = configFromEnv();
const app = await buildApp(config);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'closing: finishing writes and closing connections');
    app.close().then(() => process.exit(0), (err) => {
      app.log.error({ err }, 'error while closing');
      process.exit(1);
    });
  });
}

await app.listen({ port: config.port, host: config.host });
// From the process's start, module loading included (what tsx at run time used to cost); a build
// that `npm start` ran first (scripts/start.mjs marks its end) is not start-up.
const startupMs = Math.round(performance.now() - (performance.getEntriesByName('maillage:built')[0]?.startTime ?? 0));
app.log.info({ startupMs }, 'ready');
const lines = [`Maillage est prêt en ${startupMs.toLocaleString('fr-FR')} ms : ${config.publicUrl}`];
if (app.demoSignIn) {
  lines.push('Contenu de démonstration chargé. Comptes de démonstration (mot de passe commun) :');
  for (const account of app.demoSignIn.accounts) lines.push(`  ${account.email.padEnd(36)} ${account.label}`);
  lines.push(`  mot de passe : ${app.demoSignIn.password}`);
}
console.log(lines.join('\n'));
