import type { Knex } from 'knex';

/**
 * The newest-first order of the case list, with the columns its filters test carried in the
 * index: a filtered page's ids are read off the index alone (the cases it skips are never read
 * whole), and only the page's own rows come from the table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index cases_opened_cover on cases (opened_on, created_at, id) include (status, practice_area, case_type, priority, lead_lawyer_id, current_stage_name, closed_at, client_id)',
  );
  await knex.raw('drop index cases_opened');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index cases_opened on cases (opened_on, created_at, id)');
  await knex.raw('drop index cases_opened_cover');
}
