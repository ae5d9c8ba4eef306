/**
 * Civil dates ('YYYY-MM-DD') with arithmetic that never touches the host's local time zone, and
 * conversions between instants and a zone's civil dates. Pure and universal (Node and browser).
 */
export type CivilDate = string;

const RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCivilDate(s: string): boolean {
  const m = RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function parts(date: CivilDate): [number, number, number] {
  const m = RE.exec(date);
  if (!m || !isCivilDate(date)) throw new RangeError(`not a date: ${date}`);
  return [+m[1], +m[2], +m[3]];
}

function fromUtc(d: Date): CivilDate {
  return d.toISOString().slice(0, 10);
}

export function addDays(date: CivilDate, n: number): CivilDate {
  const [y, m, d] = parts(date);
  return fromUtc(new Date(Date.UTC(y, m - 1, d + n)));
}

/** Same day-of-month n months later; when that day does not exist, the last day of that month. */
export function addMonths(date: CivilDate, n: number): CivilDate {
  const [y, m, d] = parts(date);
  const lastDay = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return fromUtc(new Date(Date.UTC(y, m - 1 + n, Math.min(d, lastDay))));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CivilDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

export function yearOf(date: CivilDate): number {
  return parts(date)[0];
}

export function compareDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function daysBetween(a: CivilDate, b: CivilDate): number {
  const [ya, ma, da] = parts(a);
  const [yb, mb, db] = parts(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function zonedParts(ms: number, timeZone: string) {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  return { y: +p.year, mo: +p.month, d: +p.day, h: +p.hour, mi: +p.minute, s: +p.second };
}

/** The civil date an instant falls on in `timeZone`. */
export function civilDateAt(ms: number, timeZone: string): CivilDate {
  const p = zonedParts(ms, timeZone);
  return `${String(p.y).padStart(4, '0')}-${String(p.mo).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
}

/** The instant a wall-clock time of `timeZone` denotes (for the zone's offset at that moment). */
export function zonedTimeToInstant(date: CivilDate, hh: number, mm: number, timeZone: string): number {
  const [y, m, d] = parts(date);
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (ms: number) => {
    const p = zonedParts(ms, timeZone);
    return Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s) - ms;
  };
  const first = guess - offset(guess);
  return guess - offset(first);
}

/** 24:00 of `date` in `timeZone`, i.e. the first instant of the next day: when a date-based period ends. */
export function endOfDay(date: CivilDate, timeZone: string): number {
  return zonedTimeToInstant(addDays(date, 1), 0, 0, timeZone);
}
