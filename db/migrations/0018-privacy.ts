import type { Knex } from 'knex';

/**
 * Privacy (issue 18, item 2): the audit log becomes something partners read, filtered by person,
 * record (the row's own entity id, or the case / client its details name), action and date, and
 * reads of case records write rows too (at most one per viewer, route and record per viewing,
 * which `auditedSince` checks). These indexes keep those filters and that check off full scans.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index audit_log_actor on audit_log (actor_id, id desc)');
  await knex.raw('create index audit_log_entity_id on audit_log (entity_id, id desc)');
  await knex.raw(`create index audit_log_case on audit_log ((details->>'caseId'), id desc) where details->>'caseId' is not null`);
  await knex.raw(`create index audit_log_client on audit_log ((details->>'clientId'), id desc) where details->>'clientId' is not null`);
  await knex.raw('create index audit_log_viewing on audit_log (actor_id, action, entity_id, at)');
}

export async function down(knex: Knex): Promise<void> {
  for (const i of ['audit_log_actor', 'audit_log_entity_id', 'audit_log_case', 'audit_log_client', 'audit_log_viewing'])
    await knex.raw(`drop index if exists ${i}`);
}
