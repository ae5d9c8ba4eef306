import { defaultCaseNumberPattern, type CaseNumberPattern, type WorkingHours } from '../../domain/firm';
import type { Db } from '../connection';

export async function getSetting<T>(db: Db, key: string): Promise<T | undefined> {
  const row = await db('settings').where({ key }).first<{ value: T } | undefined>('value');
  return row?.value;
}

export async function putSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db('settings')
    .insert({ key, value: JSON.stringify(value) })
    .onConflict('key')
    .merge({ value: JSON.stringify(value), updated_at: db.fn.now() });
}

/** The firm's time zone as stored in its settings; `fallback` (the configured default) until one is set. */
export async function firmTimeZone(db: Db, fallback: string): Promise<string> {
  return (await getSetting<{ timezone?: string }>(db, 'firm'))?.timezone ?? fallback;
}

/** The names of the optional capabilities the firm has granted (domain/policy/capabilities.ts says what each is). */
export async function grantedCapabilities(db: Db): Promise<string[]> {
  return capabilityNames(await getSetting<unknown>(db, 'capabilities'));
}

/** The stored `capabilities` setting as names (anything else in it is ignored). */
export function capabilityNames(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** The firm settings the app keeps under `firm` (every field optional: a fresh firm has set nothing). */
export interface StoredFirm {
  name?: string;
  nameEn?: string;
  address?: string | null;
  uscc?: string | null;
  timezone?: string;
  workingHours?: WorkingHours;
  quietHours?: { start: string; end: string } | null;
  caseNumbers?: Partial<Record<string, CaseNumberPattern>>;
}

export async function storedFirm(db: Db): Promise<StoredFirm> {
  return (await getSetting<StoredFirm>(db, 'firm')) ?? {};
}

/** The case-number pattern of a practice area: the firm's, or the area character with four digits. */
export async function caseNumberPatternOf(db: Db, practiceArea: string): Promise<CaseNumberPattern> {
  return (await storedFirm(db)).caseNumbers?.[practiceArea] ?? defaultCaseNumberPattern(practiceArea);
}

/** The firm's default quiet hours (for users who saved no preferences), or null. */
export async function firmQuietHours(db: Db): Promise<{ start: string; end: string } | null> {
  return (await storedFirm(db)).quietHours ?? null;
}

/** The firm's logo (letterhead image): its content address in the blob storage, type and size. */
export interface StoredFirmLogo {
  sha256: string;
  mime: 'image/png' | 'image/jpeg';
  size: number;
}

/** The logo kept under its own key, so a firm-settings PATCH (which rewrites `firm`) never drops it. */
export async function storedFirmLogo(db: Db): Promise<StoredFirmLogo | null> {
  return (await getSetting<StoredFirmLogo | null>(db, 'firmLogo')) ?? null;
}

/** Sets (or, with null, clears) the firm's logo. */
export async function putFirmLogo(db: Db, logo: StoredFirmLogo | null): Promise<void> {
  await putSetting(db, 'firmLogo', logo);
}
