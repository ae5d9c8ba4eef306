/** ISO-8601 durations as BPMN timers and due rules write them (P15D, P3M, P2Y, PT48H, P1DT12H, P2W). */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
}

const RE = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/;

export function parseIsoDuration(text: string): IsoDuration | undefined {
  const s = text.trim().toUpperCase();
  const m = RE.exec(s);
  if (!m || s === 'P' || s.endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes] = m.slice(1).map((v) => (v ? Number(v) : 0));
  return { years, months, weeks, days, hours, minutes };
}

export function isIsoDuration(text: string): boolean {
  return parseIsoDuration(text) !== undefined;
}

/** Milliseconds of a duration with no calendar parts (weeks, days, hours, minutes); undefined if it has months or years. */
export function fixedDurationMs(d: IsoDuration): number | undefined {
  if (d.years || d.months) return undefined;
  return (((d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60_000;
}

export function formatIsoDuration(d: IsoDuration): string {
  const date = `${d.years ? `${d.years}Y` : ''}${d.months ? `${d.months}M` : ''}${d.weeks ? `${d.weeks}W` : ''}${d.days ? `${d.days}D` : ''}`;
  const time = `${d.hours ? `${d.hours}H` : ''}${d.minutes ? `${d.minutes}M` : ''}`;
  return `P${date}${time ? `T${time}` : ''}` === 'P' ? 'PT0M' : `P${date}${time ? `T${time}` : ''}`;
}
