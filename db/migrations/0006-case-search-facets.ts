import type { Knex } from 'knex';

/**
 * The case's broad list filters (status, area, type, priority) copied into its search row as
 * `facets`: a text search combined with them is counted from the search rows alone, without
 * reading each text match's case. (No index on them: each value matches a large share of cases,
 * and reading the text matches' own rows is cheaper than intersecting such a list.) Triggers keep
 * the copy exact whichever code changes a case; nothing in the application writes it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function case_facets(status text, area text, ctype text, priority text) returns text[]
    language sql immutable as $$
      select array_remove(array['status:' || status, 'area:' || area, 'type:' || ctype, 'priority:' || priority], null)
    $$`);
  await knex.raw("alter table case_search add column facets text[] not null default '{}'");
  await knex.raw(`
    create function case_search_set_facets() returns trigger language plpgsql as $$
    begin
      select case_facets(c.status, c.practice_area, c.case_type, c.priority) into new.facets
      from cases c where c.id = new.case_id;
      return new;
    end $$`);
  await knex.raw(
    'create trigger case_search_facets before insert or update of tsv, case_id on case_search for each row execute function case_search_set_facets()',
  );
  await knex.raw(`
    create function cases_copy_facets() returns trigger language plpgsql as $$
    begin
      update case_search set facets = case_facets(new.status, new.practice_area, new.case_type, new.priority)
      where case_id = new.id;
      return null;
    end $$`);
  await knex.raw(`
    create trigger cases_facets after update of status, practice_area, case_type, priority on cases
    for each row when ((old.status, old.practice_area, old.case_type, old.priority) is distinct from (new.status, new.practice_area, new.case_type, new.priority))
    execute function cases_copy_facets()`);
  await knex.raw(`
    update case_search s set facets = case_facets(c.status, c.practice_area, c.case_type, c.priority)
    from cases c where c.id = s.case_id`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger cases_facets on cases');
  await knex.raw('drop function cases_copy_facets');
  await knex.raw('drop trigger case_search_facets on case_search');
  await knex.raw('drop function case_search_set_facets');
  await knex.raw('alter table case_search drop column facets');
  await knex.raw('drop function case_facets');
}
