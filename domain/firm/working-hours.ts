/** The days of a week, Monday first (ISO order). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Working hours per weekday: a start and an end (HH:MM, start before end), or null for a day off. */
export type WorkingHours = Record<Weekday, { start: string; end: string } | null>;

/** What a firm works when it has set nothing: 09:00–18:00, Monday to Friday. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  mon: { start: '09:00', end: '18:00' },
  tue: { start: '09:00', end: '18:00' },
  wed: { start: '09:00', end: '18:00' },
  thu: { start: '09:00', end: '18:00' },
  fri: { start: '09:00', end: '18:00' },
  sat: null,
  sun: null,
};
