import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { citusSql } from '../table-roles.ts';

// `pnpm --filter @shequ/db citus:sql`: writes infra/citus/distribute.sql from TABLE_ROLES.
const target = fileURLToPath(new URL('../../../../infra/citus/distribute.sql', import.meta.url));
writeFileSync(target, citusSql());
console.log(`wrote ${target}`);
