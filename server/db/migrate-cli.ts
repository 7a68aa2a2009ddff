/** `npm run db:migrate`: applies pending migrations to the configured database and exits. */
import { ConfigError, loadConfig } from '@server/config';
import { openDatabase } from './database';
import { DataDirLockedError } from './embedded/data-dir-lock';
import { migrateToLatest } from './migrate';

try {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await migrateToLatest(database.db);
    const where = database.engine === 'embedded' ? `embedded database in ${config.dataDir}` : 'PostgreSQL';
    process.stdout.write(
      applied.length > 0
        ? `Applied ${applied.length} migration(s) to the ${where}:\n${applied.map((name) => `  ${name}`).join('\n')}\n`
        : `The ${where} is up to date.\n`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
