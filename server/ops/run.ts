import { statSync } from 'node:fs';
import { configFromEnv } from '../core/config';
import { createBackup, defaultArchiveName } from './backup';
import type { Manifest } from './manifest';
import { OpsError } from './ops-error';
import { restoreBackup } from './restore';

/**
 * `npm run backup [archive]` and `npm run restore <archive>`: DATA_DIR comes from the same
 * configuration as the server's (server/core/config.ts).
 */
const USAGE = 'Usage : npm run backup [-- fichier.tar.gz]  |  npm run restore -- fichier.tar.gz';

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} Ko` : `${(bytes / 1024 / 1024).toFixed(1)} Mo`);

function summary(manifest: Manifest): string[] {
  const rows = (name: string) => manifest.tables[name] ?? 0;
  const uploaded = manifest.files.reduce((sum, f) => sum + f.bytes, 0);
  return [
    `  Maillage ${manifest.app.version}, schéma ${manifest.schema.last ?? 'vide'} (${manifest.schema.migrations} migrations), sauvegarde du ${manifest.createdAt}`,
    `  ${count(rows('users'), 'compte', 'comptes')}, ${count(rows('documents'), 'document', 'documents')}, ${count(rows('thread_messages'), 'message', 'messages')}, ${count(rows('event_registrations'), 'inscription', 'inscriptions')}`,
    `  base de données ${size(manifest.database.bytes)}, ${count(manifest.files.length, 'fichier déposé', 'fichiers déposés')} (${size(uploaded)})`,
  ];
}

async function main(argv: string[]): Promise<void> {
  const [command, path, ...rest] = argv;
  const { dataDir } = configFromEnv();
  if (command === 'backup' && rest.length === 0) {
    const started = performance.now();
    const { archive, manifest } = await createBackup(dataDir, path ?? defaultArchiveName());
    console.log([`Sauvegarde écrite : ${archive} (${size(statSync(archive).size)}, ${Math.round(performance.now() - started)} ms)`, ...summary(manifest)].join('\n'));
    return;
  }
  if (command === 'restore' && path && rest.length === 0) {
    const manifest = await restoreBackup(path, dataDir);
    console.log([`Restauration vérifiée (empreintes et nombres de lignes) dans ${dataDir} :`, ...summary(manifest),
      'Démarrez Maillage avec ce DATA_DIR : les migrations manquantes s’appliquent au démarrage.'].join('\n'));
    return;
  }
  throw new OpsError(USAGE);
}

try {
  await main(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof OpsError ? err.message : `Erreur inattendue : ${(err as Error).stack ?? String(err)}`);
  process.exitCode = 1;
}
