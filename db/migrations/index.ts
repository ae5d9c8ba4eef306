import type { Knex } from 'knex';
import * as m0001 from './0001-foundation';
import * as m0002 from './0002-engine';
import * as m0003 from './0003-cases-clients';
import * as m0004 from './0004-tasks-calendar';
import * as m0005 from './0005-case-list-cover';
import * as m0006 from './0006-case-search-facets';
import * as m0007 from './0007-audit-first';
import * as m0008 from './0008-sign-in-hardening';
import * as m0009 from './0009-durable-requests';
import * as m0010 from './0010-documents';
import * as m0011 from './0011-billing';
import * as m0012 from './0012-billing-reports';
import * as m0013 from './0013-mail-attachments';
import * as m0014 from './0014-portal-accounts';
import * as m0015 from './0015-communication';
import * as m0016 from './0016-staff-accounts';
import * as m0017 from './0017-firm-profiles';
import * as m0018 from './0018-privacy';
import * as m0019 from './0019-hearings';
import * as m0021 from './0021-case-list-people';
import * as m0023 from './0023-totp-replay';

/**
 * Migrations are listed here in order instead of globbed from disk, so they run the same under
 * tsx, jest and the compiled dist/. Migrations never import live code: a migration is frozen
 * history and must not change when a repository does.
 */
interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Array<[string, Migration]> = [
  ['0001-foundation', m0001],
  ['0002-engine', m0002],
  ['0003-cases-clients', m0003],
  ['0004-tasks-calendar', m0004],
  ['0005-case-list-cover', m0005],
  ['0006-case-search-facets', m0006],
  ['0007-audit-first', m0007],
  ['0008-sign-in-hardening', m0008],
  ['0009-durable-requests', m0009],
  ['0010-documents', m0010],
  ['0011-billing', m0011],
  ['0012-billing-reports', m0012],
  ['0013-mail-attachments', m0013],
  ['0014-portal-accounts', m0014],
  ['0015-communication', m0015],
  ['0016-staff-accounts', m0016],
  ['0017-firm-profiles', m0017],
  ['0018-privacy', m0018],
  ['0019-hearings', m0019],
  ['0021-case-list-people', m0021],
  ['0023-totp-replay', m0023],
];

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([n]) => n === name);
    if (!found) throw new Error(`unknown migration ${name}`);
    return found[1];
  },
};
