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
const lines = [`Maillage est prêt : ${config.publicUrl}`];
if (app.demoSignIn) {
  lines.push('Contenu de démonstration chargé. Comptes de démonstration (mot de passe commun) :');
  for (const account of app.demoSignIn.accounts) lines.push(`  ${account.email.padEnd(36)} ${account.label}`);
  lines.push(`  mot de passe : ${app.demoSignIn.password}`);
}
console.log(lines.join('\n'));
