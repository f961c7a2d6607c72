import { readDbConfig } from '../config.ts';
import { databaseName, ensureDatabase, ensureRoles, parseCredentials } from '../provision.ts';

// Creates the owner and runtime roles and the database, using the administrator connection. Idempotent.
const config = readDbConfig();
const owner = parseCredentials(config.DATABASE_URL);
const app = parseCredentials(config.DATABASE_APP_URL);
await ensureRoles(config.DATABASE_ADMIN_URL, owner, app);
const name = databaseName(config.DATABASE_URL);
const created = await ensureDatabase(config.DATABASE_ADMIN_URL, name, owner.user);
console.log(`database ${name}: ${created ? 'created' : 'already there'}; roles ${owner.user} (owner) and ${app.user} (runtime) ready`);
