import type { Db } from '../connection';
import type { SeededRandom } from '../factories/seeded-random';
import { saveEvent } from '../repositories/calendar';
import type { HolidayCalendar } from '../../domain/deadlines/holiday-calendar';
import { addDays, civilDateAt, dayOfWeek, zonedTimeToInstant, type CivilDate } from '../../domain/deadlines/civil-date';

/**
 * The demo calendars: hearings and client meetings in the weeks ahead and the partners' Monday
 * meeting. Days are PRC working days by the firm's holiday calendar (statutory holidays and 调休
 * included); for a year the calendar does not cover yet, the fixed-date holidays are passed over too.
 */

export const DEMO_TZ = 'Asia/Shanghai';
export const demoInstant = (day: CivilDate, hh: number, mm: number) => new Date(zonedTimeToInstant(day, hh, mm, DEMO_TZ));

/** Fixed-date statutory holidays (元旦, 劳动节, 国庆节): a guard for years the calendar does not cover yet. */
const FIXED_HOLIDAYS = /-(01-01|05-0[1-5]|10-0[1-7])$/;

/** The first working day from `from` + `offset` days on that `ok` also holds. */
export function workingDay(calendar: HolidayCalendar, from: CivilDate, offset: number, ok = (_d: CivilDate) => true): CivilDate {
  let d = addDays(from, offset);
  const usable = (x: CivilDate) => calendar.isWorkday(x) && (calendar.covers(Number(x.slice(0, 4))) || !FIXED_HOLIDAYS.test(x)) && ok(x);
  for (let i = 0; i < 60 && !usable(d); i++) d = addDays(d, 1);
  return d;
}

const COURTROOMS = ['一', '三', '五', '七', '十', '十二'];
const JUDGES = ['陈立新', '王芳', '赵建华', '刘静', '孙志强'];

/**
 * A case's hearing at its court: a working day some weeks ahead, at a court's usual start
 * (09:00 or 14:30 firm time). One function, so hearing fields added later are filled in one place.
 */
export async function seedDemoHearing(
  db: Db,
  o: { caseId: string; court: string; attendees: string[]; by: string; now: Date; r: SeededRandom; calendar: HolidayCalendar },
): Promise<void> {
  const day = workingDay(o.calendar, civilDateAt(o.now.getTime(), DEMO_TZ), o.r.int(2, 40));
  const morning = o.r.next() < 0.6;
  const [hh, mm] = morning ? [9, 0] : [14, 30];
  const courtroom = `第${COURTROOMS[o.r.int(0, COURTROOMS.length - 1)]}法庭`;
  await saveEvent(
    db,
    {
      caseId: o.caseId,
      kind: 'hearing',
      title: '开庭审理',
      startsAt: demoInstant(day, hh, mm),
      endsAt: demoInstant(day, hh + 2, mm),
      allDay: false,
      location: o.court,
      hearing: { type: 'court_session', court: o.court, courtroom, judge: JUDGES[o.r.int(0, JUDGES.length - 1)] },
      notes: '携带证据原件及授权委托书',
      attendeeIds: o.attendees,
    },
    o.by,
  );
}

/** Hearings and client meetings in the weeks ahead, so the calendars look like a working firm's. */
export async function seedDemoEvents(
  db: Db,
  o: {
    i: number;
    caseId: string;
    court: string | undefined;
    clientName: string;
    attendees: string[];
    by: string;
    now: Date;
    r: SeededRandom;
    calendar: HolidayCalendar;
  },
): Promise<void> {
  if (o.i % 3 === 1 && o.court) await seedDemoHearing(db, { ...o, court: o.court });
  if (o.i % 4 === 2) {
    const day = workingDay(o.calendar, civilDateAt(o.now.getTime(), DEMO_TZ), o.r.int(1, 20));
    await saveEvent(
      db,
      {
        caseId: o.caseId,
        kind: 'meeting',
        title: `与${o.clientName}沟通案件进展`,
        startsAt: demoInstant(day, 14, 0),
        endsAt: demoInstant(day, 15, 0),
        allDay: false,
        location: '本所 3 号会议室',
        notes: null,
        attendeeIds: o.attendees,
      },
      o.by,
    );
  }
}

/** The partners' weekly meeting, every Monday morning of the coming month that is a working day. */
export async function seedPartnersMeetings(db: Db, o: { now: Date; partnerId: string; attendeeIds: string[]; calendar: HolidayCalendar }) {
  const today = civilDateAt(o.now.getTime(), DEMO_TZ);
  let monday = addDays(today, (8 - dayOfWeek(today)) % 7);
  for (let w = 0; w < 5; w++, monday = addDays(monday, 7)) {
    const day = workingDay(o.calendar, monday, 0);
    await saveEvent(
      db,
      {
        caseId: null,
        kind: 'meeting',
        title: '合伙人例会',
        startsAt: demoInstant(day, 9, 0),
        endsAt: demoInstant(day, 10, 0),
        allDay: false,
        location: '大会议室',
        notes: null,
        attendeeIds: o.attendeeIds,
      },
      o.partnerId,
    );
  }
}
