import { readDbConfig } from '../config.ts';
import { runMigrations } from '../migrate.ts';
import { parseCredentials } from '../provision.ts';

const config = readDbConfig();
const appRole = parseCredentials(config.DATABASE_APP_URL).user;
await runMigrations(config.DATABASE_URL, appRole);
console.log(`migrations applied (runtime role ${appRole} granted row access)`);
