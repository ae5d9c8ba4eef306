import { addDays, civilDateAt, zonedTimeToInstant } from '../../../domain/deadlines/civil-date';
import { useSessionStore } from '@/stores/session';

/** Wall-clock dates and times on the firm's clock, whatever the browser's time zone. */
export function useFirmTime() {
  const session = useSessionStore();
  const tz = () => session.timeZone;
  const hhmm = (ms: number) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: tz(), hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
  return {
    today: () => civilDateAt(Date.now(), tz()),
    /** 'YYYY-MM-DD' and 'HH:MM' of an instant. */
    parts: (iso: string) => ({ date: civilDateAt(Date.parse(iso), tz()), time: hhmm(Date.parse(iso)) }),
    /** 'YYYY-MM-DD HH:MM' of an instant, the form the calendar component reads. */
    wall: (iso: string) => `${civilDateAt(Date.parse(iso), tz())} ${hhmm(Date.parse(iso))}`,
    /** The instant of a firm-local date and time, as ISO. */
    instant: (date: string, time = '00:00') =>
      new Date(zonedTimeToInstant(date, Number(time.slice(0, 2)), Number(time.slice(3, 5)), tz())).toISOString(),
    addDays,
  };
}
