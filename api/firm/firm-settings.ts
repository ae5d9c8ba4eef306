import type { Db } from '../../db/connection';
import { peekCaseNumberCounter } from '../../db/repositories/cases';
import { grantedCapabilities, putSetting, storedFirm, storedFirmLogo, type StoredFirm } from '../../db/repositories/settings';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import {
  DEFAULT_WORKING_HOURS,
  caseNumberPatternProblem,
  defaultCaseNumberPattern,
  formatCaseNumber,
  isIanaTimeZone,
  isValidUscc,
  type CaseNumberPattern,
} from '../../domain/firm';
import { CAPABILITIES, CAPABILITY_NAMES } from '../../domain/policy';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
import { AppError } from '../app-error';
import type { FirmSettings, FirmSettingsPatch } from '../contracts/firm';
import { logoView } from './firm-logo';

/** The firm's time zone (a settings read; the worker reads it from db/ directly, without loading the API). */
export { firmTimeZone } from '../../db/repositories/settings';

const FIRM_NAME = { name: '律师事务所', nameEn: 'Law firm' };

/** The firm's settings as the admin page shows them, with each area's next case number. */
export async function firmSettings(db: Db, fallbackTimeZone: string): Promise<FirmSettings> {
  const f = await storedFirm(db);
  const granted = await grantedCapabilities(db);
  const timezone = f.timezone ?? fallbackTimeZone;
  const year = Number(civilDateAt(Date.now(), timezone).slice(0, 4));
  const caseNumbers = {} as Record<(typeof PRACTICE_AREAS)[number], CaseNumberPattern>;
  const caseNumberPreview = {} as Record<(typeof PRACTICE_AREAS)[number], string>;
  for (const area of PRACTICE_AREAS) {
    const p = f.caseNumbers?.[area] ?? defaultCaseNumberPattern(area);
    caseNumbers[area] = p;
    caseNumberPreview[area] = formatCaseNumber(year, p, await peekCaseNumberCounter(db, year, p.prefix));
  }
  return {
    name: f.name ?? FIRM_NAME.name,
    nameEn: f.nameEn ?? FIRM_NAME.nameEn,
    address: f.address ?? null,
    uscc: f.uscc ?? null,
    timezone,
    workingHours: f.workingHours ?? DEFAULT_WORKING_HOURS,
    quietStart: f.quietHours?.start ?? null,
    quietEnd: f.quietHours?.end ?? null,
    caseNumbers,
    caseNumberPreview,
    logo: logoView(await storedFirmLogo(db)),
    capabilities: CAPABILITY_NAMES.map((name) => ({ name, role: CAPABILITIES[name].role, granted: granted.includes(name) })),
  };
}

/** The firm's public face (every signed-in user): name, time zone and logo. */
export async function firmFace(db: Db, fallbackTimeZone: string) {
  const f = await storedFirm(db);
  return {
    name: f.name ?? FIRM_NAME.name,
    nameEn: f.nameEn ?? FIRM_NAME.nameEn,
    timezone: f.timezone ?? fallbackTimeZone,
    logo: logoView(await storedFirmLogo(db)),
  };
}

function refuse(path: string, message: string): never {
  throw new AppError('unprocessable-entity', message, { errors: [{ path: `body.${path}`, message }] });
}

/** Checks and saves a change of the firm settings in one transaction; answers the settings after it. */
export async function changeFirmSettings(db: Db, patch: FirmSettingsPatch, fallbackTimeZone: string): Promise<FirmSettings> {
  if (patch.uscc && !isValidUscc(patch.uscc.toUpperCase()))
    refuse('uscc', 'not a unified social credit code: 18 characters whose last is the GB 32100-2015 check character');
  if (patch.timezone !== undefined && !isIanaTimeZone(patch.timezone)) refuse('timezone', 'not an IANA time zone, e.g. Asia/Shanghai');
  if (patch.quietHours && patch.quietHours.start === patch.quietHours.end)
    refuse('quietHours', 'quiet hours start and end at different times');
  for (const [area, p] of Object.entries(patch.caseNumbers ?? {})) {
    const problem = p && caseNumberPatternProblem(p);
    if (problem) refuse(`caseNumbers.${area}`, problem);
  }
  await db.transaction(async (trx) => {
    const f = await storedFirm(trx);
    const next: StoredFirm = {
      ...f,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nameEn !== undefined ? { nameEn: patch.nameEn } : {}),
      ...(patch.address !== undefined ? { address: patch.address || null } : {}),
      ...(patch.uscc !== undefined ? { uscc: patch.uscc ? patch.uscc.toUpperCase() : null } : {}),
      ...(patch.timezone !== undefined ? { timezone: patch.timezone } : {}),
      ...(patch.workingHours !== undefined ? { workingHours: patch.workingHours } : {}),
      ...(patch.quietHours !== undefined ? { quietHours: patch.quietHours } : {}),
      ...(patch.caseNumbers !== undefined ? { caseNumbers: { ...f.caseNumbers, ...patch.caseNumbers } } : {}),
    };
    await putSetting(trx, 'firm', next);
    if (patch.capabilities !== undefined) await putSetting(trx, 'capabilities', [...new Set(patch.capabilities)].sort());
  });
  return firmSettings(db, fallbackTimeZone);
}
