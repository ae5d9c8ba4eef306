import type { Knex } from 'knex';

/**
 * Staff profiles (issue 18, item 1): one row per staff user who has one — 执业证号, practice areas
 * (the case vocabulary), a supervisor (another user; the escalation target of their tasks; the API
 * refuses cycles), and working hours per weekday (null: the firm's). Firm settings and granted
 * capabilities are rows of `settings` (keys `firm`, `capabilities`), so they need no table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('staff_profiles', (t) => {
    t.uuid('user_id').primary().references('users.id').onDelete('cascade');
    t.text('licence_no');
    t.specificType('practice_areas', 'text[]').notNullable().defaultTo('{}');
    t.uuid('supervisor_id').references('users.id').onDelete('set null');
    t.jsonb('working_hours');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table staff_profiles add constraint staff_profiles_licence check (licence_no ~ '^[0-9]{17}$')`);
  await knex.raw('alter table staff_profiles add constraint staff_profiles_not_own_supervisor check (supervisor_id <> user_id)');
  await knex.raw('create index staff_profiles_supervisor on staff_profiles (supervisor_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff_profiles');
}
