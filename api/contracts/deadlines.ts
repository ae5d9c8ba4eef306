import { z } from 'zod';

const ZText = z.object({ zh: z.string(), en: z.string() });

export const ZDeadlineQuery = z.object({
  from: z.iso.date().describe('The trigger date (not counted: the period starts the next day)'),
  period: z
    .string()
    .trim()
    .min(2)
    .max(60)
    .describe('A catalogue key (GET /deadlines/periods) or an ISO-8601 duration such as P15D, P3M, P1Y'),
  calendar: z
    .enum(['calendar', 'workdays'])
    .default('calendar')
    .describe('For a duration: calendar days, or working days (P5D = five working days)'),
});

export const ZDeadline = z
  .object({
    due: z.iso.date(),
    unadjusted: z.iso.date().describe('The nominal last day, before a holiday roll-over'),
    rolledOver: z.boolean(),
    provisional: z.boolean().describe('A year the count touched has no known holiday arrangement: check by hand'),
    basis: z.string().describe("The legal basis, in the caller's language"),
    period: z.object({ amount: z.number().int(), unit: z.enum(['day', 'month', 'year', 'workday']), roll: z.enum(['forward', 'none']) }),
    /** Why the last day moved: the rest days passed over, with the holiday's name where it has one. */
    skipped: z.array(z.object({ date: z.iso.date(), holiday: z.string().nullable() })),
  })
  .meta({ id: 'Deadline' });

export const ZPeriods = z.object({
  items: z.array(
    z.object({
      key: z.string(),
      area: z.string(),
      name: ZText,
      trigger: ZText,
      basis: ZText,
      amount: z.number().int(),
      unit: z.enum(['day', 'month', 'year', 'workday']),
      roll: z.enum(['forward', 'none']),
    }),
  ),
});

export const ZHolidayOverrideInput = z.object({
  kind: z.enum(['off', 'work']).describe('off: a holiday on a weekday; work: a 调休 working day on a weekend'),
  name: z.string().trim().max(40).nullable().optional(),
  source: z.string().trim().max(200).nullable().optional().describe('The State Council notice it comes from'),
});
export const ZHolidayYearInput = z.object({
  source: z.string().trim().min(1).max(200).describe('The notice that publishes the whole year'),
});
export const ZHolidays = z
  .object({
    coverage: z.object({ from: z.number().int(), to: z.number().int(), extraYears: z.array(z.number().int()) }),
    overrides: z.array(
      ZHolidayOverrideInput.extend({
        date: z.iso.date(),
        name: z.string().nullable(),
        source: z.string().nullable(),
        enteredByName: z.string().nullable(),
      }),
    ),
    years: z.array(z.object({ year: z.number().int(), source: z.string().nullable() })),
  })
  .meta({ id: 'Holidays' });
