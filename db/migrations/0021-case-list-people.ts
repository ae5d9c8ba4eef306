import type { Knex } from 'knex';

/**
 * A list bounded by a lead lawyer, or filtered by a tag (issue 19, item 4). The lead lawyer's
 * cases come off one index range with the columns the list filters and sorts on (no longer a
 * bitmap over a thousand heap pages for a thousand cases); a tag's cases come off the index alone.
 * Each replaces the narrower index it supersedes, so writes keep the same number of indexes.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'create index cases_lead_cover on cases (lead_lawyer_id, opened_on, created_at, id) include (status, practice_area, case_type, priority, client_id, current_stage_name, closed_at)',
  );
  await knex.raw('drop index cases_lead');
  await knex.raw('create index case_tags_tag_case on case_tags (tag_id, case_id)');
  await knex.raw('drop index case_tags_tag');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index case_tags_tag on case_tags (tag_id)');
  await knex.raw('drop index case_tags_tag_case');
  await knex.raw('create index cases_lead on cases (lead_lawyer_id)');
  await knex.raw('drop index cases_lead_cover');
}
