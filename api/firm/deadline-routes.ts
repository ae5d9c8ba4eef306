import { Router } from 'express';
import type { Db } from '../../db/connection';
import {
  deleteHolidayOverride,
  deleteHolidayYear,
  listHolidayEntries,
  loadHolidayCalendar,
  saveHolidayOverride,
  saveHolidayYear,
} from '../../db/repositories/holidays';
import {
  addDays,
  compareDates,
  computeDeadline,
  durationAsPeriod,
  formatIsoDuration,
  parseIsoDuration,
  periodFor,
  STATUTORY_PERIODS,
  type PeriodSpec,
} from '../../domain/deadlines';
import { AppError } from '../app-error';
import { z } from 'zod';
import { ZDeadline, ZDeadlineQuery, ZHolidayOverrideInput, ZHolidays, ZHolidayYearInput, ZPeriods } from '../contracts/deadlines';
import type { RouteRegistry } from '../routing';

const UNIT_ZH: Record<PeriodSpec['unit'], string> = { day: '日', month: '个月', year: '年', workday: '个工作日' };

/** The deadline calculator: a trigger date and a statutory period (or a duration) → the last day, with its reasons. */
export function deadlineRoutes(registry: RouteRegistry, deps: { db: Db }): Router {
  const router = Router();
  const tag = 'deadlines';
  registry.add(
    router,
    {
      method: 'get',
      path: '/deadlines/compute',
      tag,
      summary: 'The last day of a period: start day not counted, holidays roll forward (not custody periods), 调休 working days count',
      action: 'deadline.read',
      query: ZDeadlineQuery,
      response: ZDeadline,
      errors: ['validation-error'],
    },
    async ({ query, user }) => {
      const zh = user!.locale !== 'en';
      let spec: PeriodSpec;
      let basis: string;
      const rule = periodFor(query.period, query.from);
      if (rule) {
        spec = rule.spec;
        basis = zh ? rule.basis.zh : rule.basis.en;
      } else {
        const duration = parseIsoDuration(query.period);
        const asPeriod = duration && durationAsPeriod(duration, query.calendar);
        if (!asPeriod) {
          throw new AppError('validation-error', 'not a catalogue key, nor a duration in days, weeks, months or years', {
            errors: [
              {
                path: 'query.period',
                message:
                  query.calendar === 'workdays'
                    ? 'working-day periods are given in days, e.g. P5D'
                    : 'e.g. civil.appeal_judgment, P15D, P3M',
              },
            ],
          });
        }
        spec = asPeriod;
        const text = formatIsoDuration(duration);
        basis = zh
          ? `自定义期间 ${text}（${spec.amount}${UNIT_ZH[spec.unit]}）；期间计算依《民事诉讼法》第85条：开始之日不计入，期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期`
          : `Custom period ${text} (${spec.amount} ${spec.unit}${spec.amount === 1 ? '' : 's'}); counted under Civil Procedure Law art. 85: the start day is not counted, a last day on a statutory holiday moves to the next working day`;
      }
      const calendar = await loadHolidayCalendar(deps.db);
      const r = computeDeadline(query.from, spec, calendar);
      const skipped: Array<{ date: string; holiday: string | null }> = [];
      for (let d = r.unadjusted; compareDates(d, r.due) < 0; d = addDays(d, 1))
        skipped.push({ date: d, holiday: calendar.holidayName(d) ?? null });
      return { ...r, basis, period: spec, skipped };
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/deadlines/periods',
      tag,
      summary: 'The catalogue of named statutory periods with their legal basis',
      action: 'deadline.read',
      response: ZPeriods,
    },
    async () => ({
      items: STATUTORY_PERIODS.map((p) => ({
        key: p.key,
        area: p.area,
        name: p.name,
        trigger: p.trigger,
        basis: p.basis,
        amount: p.spec.amount,
        unit: p.spec.unit,
        roll: p.spec.roll,
      })),
    }),
  );

  // The holiday arrangement beyond what the package knows (新公布的放假安排), kept by administrators.
  const htag = 'holidays';
  const view = async () => ({ coverage: (await loadHolidayCalendar(deps.db)).coverage, ...(await listHolidayEntries(deps.db)) });
  registry.add(
    router,
    {
      method: 'get',
      path: '/holidays',
      tag: htag,
      summary: 'Years the calendar knows, and the overrides administrators entered',
      action: 'holiday.read',
      response: ZHolidays,
    },
    view,
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/holidays/overrides/:date',
      tag: htag,
      summary: 'Enter (or change) one day of a published arrangement: a holiday, or a 调休 working day',
      action: 'holiday.edit',
      params: z.object({ date: z.iso.date() }),
      body: ZHolidayOverrideInput,
      response: ZHolidays,
      auditEntity: 'holiday',
    },
    async ({ params, body, user, audit }) => {
      await saveHolidayOverride(deps.db, { date: params.date, ...body, by: user!.id });
      audit({ entityId: params.date, details: { kind: body.kind, name: body.name ?? null } });
      return view();
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/holidays/overrides/:date',
      tag: htag,
      summary: 'Remove an override',
      action: 'holiday.edit',
      params: z.object({ date: z.iso.date() }),
      errors: ['not-found'],
      auditEntity: 'holiday',
    },
    async ({ params, audit }) => {
      if (!(await deleteHolidayOverride(deps.db, params.date))) throw new AppError('not-found', 'no override on that day');
      audit({ entityId: params.date });
    },
  );
  registry.add(
    router,
    {
      method: 'put',
      path: '/holidays/years/:year',
      tag: htag,
      summary: "Mark a year's arrangement as entered in full: its deadlines stop being provisional",
      action: 'holiday.edit',
      params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      body: ZHolidayYearInput,
      response: ZHolidays,
      errors: ['unprocessable-entity'],
      auditEntity: 'holiday',
    },
    async ({ params, body, user, audit }) => {
      const entries = await listHolidayEntries(deps.db);
      if (!entries.overrides.some((o) => o.kind === 'off' && o.date.startsWith(`${params.year}-`))) {
        throw new AppError('unprocessable-entity', 'enter the year’s holidays before marking it complete', {
          errors: [{ path: 'params.year', message: 'no holiday entered for this year' }],
        });
      }
      await saveHolidayYear(deps.db, { year: params.year, source: body.source, by: user!.id });
      audit({ entityId: String(params.year), details: { source: body.source } });
      return view();
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/holidays/years/:year',
      tag: htag,
      summary: "Take back a year's completeness",
      action: 'holiday.edit',
      params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
      errors: ['not-found'],
      auditEntity: 'holiday',
    },
    async ({ params, audit }) => {
      if (!(await deleteHolidayYear(deps.db, params.year))) throw new AppError('not-found', 'that year is not marked');
      audit({ entityId: String(params.year) });
    },
  );
  return router;
}
