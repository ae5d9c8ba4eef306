import type { Knex } from 'knex';

/**
 * Hearings modelled as hearings (issue 18, item 5): a calendar event of kind hearing carries its
 * type (开庭, 庭前会议, 调解, 宣判, 会见), court, courtroom and judge, and — when the engine made it
 * from a task output — the case variable it shows (hearingAt …), so moving the event records the
 * new date on the case and the deadlines counting from it re-arm. Events made before this
 * migration from a task output are linked from their source key (`task:<case>:<task>:<output>`).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('calendar_events', (t) => {
    t.text('hearing_type').checkIn(['court_session', 'pretrial', 'mediation', 'judgment', 'meeting'], 'calendar_events_hearing_type');
    t.text('court');
    t.text('courtroom');
    t.text('judge');
    t.text('case_variable').comment('The case date variable this event shows; moving the event records it on the case');
    t.text('case_variable_type').checkIn(['date', 'datetime'], 'calendar_events_case_variable_type');
  });
  await knex.raw(
    `alter table calendar_events add constraint calendar_events_hearing_only check (kind = 'hearing' or (hearing_type is null and court is null and courtroom is null and judge is null))`,
  );
  await knex.raw(`
    update calendar_events
       set hearing_type = 'court_session',
           court = location,
           case_variable = split_part(source_key, ':', 4),
           case_variable_type = case when all_day then 'date' else 'datetime' end
     where kind = 'hearing' and source_key like 'task:%' and split_part(source_key, ':', 4) <> ''`);
  await knex.raw('create index calendar_events_case_variable on calendar_events (case_id, case_variable) where case_variable is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists calendar_events_case_variable');
  await knex.raw('alter table calendar_events drop constraint if exists calendar_events_hearing_only');
  await knex.schema.alterTable('calendar_events', (t) => {
    for (const c of ['hearing_type', 'court', 'courtroom', 'judge', 'case_variable', 'case_variable_type']) t.dropColumn(c);
  });
}
