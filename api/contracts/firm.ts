import { z } from 'zod';
import { CAPABILITY_NAMES } from '../../domain/policy';
import { WEEKDAYS } from '../../domain/firm';
import { CLOCK_RE } from '../../domain/notifications';
import { PRACTICE_AREAS } from '../../process-templates/model/schema';
import { ROLES } from '../../domain/roles';
import { ZUuid, nonEmptyPatch } from './common';

/** The firm's logo (letterhead image), where to fetch it; null while the firm has none. */
export const ZFirmLogo = z
  .object({
    url: z.string().describe('GET it signed in; the query changes with the image, so it may be cached'),
    mime: z.enum(['image/png', 'image/jpeg']),
    size: z.number().int(),
  })
  .nullable();

export const ZFirm = z.object({
  name: z.string(),
  nameEn: z.string(),
  timezone: z.string().describe('IANA time zone every date of the firm is shown in, e.g. Asia/Shanghai'),
  logo: ZFirmLogo,
});
export type Firm = z.infer<typeof ZFirm>;

const ZClock = z.string().regex(CLOCK_RE, 'HH:MM');
const ZWorkingDay = z
  .object({ start: ZClock, end: ZClock })
  .nullable()
  .refine((d) => d === null || d.start < d.end, { message: 'the day ends after it starts' });
export const ZWorkingHours = z
  .object(Object.fromEntries(WEEKDAYS.map((d) => [d, ZWorkingDay])) as Record<(typeof WEEKDAYS)[number], typeof ZWorkingDay>)
  .describe('Working hours per weekday (mon … sun), null for a day off');

export const ZCaseNumberPattern = z.object({
  prefix: z.string().max(8).describe('Characters between the year and the counter, e.g. 民 or 京民'),
  digits: z.number().int().describe('Digits of the counter, 3 to 6'),
});
const ZCaseNumbers = z.partialRecord(z.enum(PRACTICE_AREAS), ZCaseNumberPattern);

export const ZFirmSettings = z
  .object({
    name: z.string(),
    nameEn: z.string(),
    address: z.string().nullable(),
    uscc: z.string().nullable().describe('统一社会信用代码 (GB 32100-2015, 18 characters with its check character)'),
    timezone: z.string(),
    workingHours: ZWorkingHours,
    quietStart: ZClock.nullable().describe('Quiet hours of users who set none: mail waits until they end'),
    quietEnd: ZClock.nullable(),
    caseNumbers: z.record(z.enum(PRACTICE_AREAS), ZCaseNumberPattern),
    caseNumberPreview: z
      .record(z.enum(PRACTICE_AREAS), z.string())
      .describe('The next number of each area this year, as the pattern makes it'),
    logo: ZFirmLogo,
    capabilities: z.array(z.object({ name: z.enum(CAPABILITY_NAMES as [string, ...string[]]), role: z.enum(ROLES), granted: z.boolean() })),
  })
  .meta({ id: 'FirmSettings' });
export type FirmSettings = z.infer<typeof ZFirmSettings>;

export const ZFirmSettingsPatch = nonEmptyPatch(
  z.object({
    name: z.string().trim().min(1).max(200).optional(),
    nameEn: z.string().trim().min(1).max(200).optional(),
    address: z.string().trim().max(500).nullable().optional(),
    uscc: z.string().trim().max(40).nullable().optional(),
    timezone: z.string().max(64).optional(),
    workingHours: ZWorkingHours.optional(),
    quietHours: z.object({ start: ZClock, end: ZClock }).nullable().optional().describe('The default quiet hours (null: none)'),
    caseNumbers: ZCaseNumbers.optional().describe('Patterns to change, by practice area'),
    capabilities: z
      .array(z.enum(CAPABILITY_NAMES as [string, ...string[]]))
      .max(CAPABILITY_NAMES.length)
      .optional()
      .describe('Every capability granted (the others are revoked)'),
  }),
);
export type FirmSettingsPatch = z.infer<typeof ZFirmSettingsPatch>;

export const ZPersonParams = z.object({ id: ZUuid });
export const ZStaffProfile = z
  .object({
    userId: ZUuid,
    name: z.string(),
    role: z.enum(ROLES),
    active: z.boolean(),
    licenceNo: z.string().nullable().describe('律师执业证号: 17 digits'),
    practiceAreas: z.array(z.enum(PRACTICE_AREAS)),
    supervisor: z.object({ id: ZUuid, name: z.string() }).nullable().describe('Whom their tasks escalate to'),
    workingHours: ZWorkingHours.nullable().describe("null: the firm's working hours"),
    may: z.object({ editOwn: z.boolean(), assign: z.boolean() }).describe('What the viewer may change here'),
  })
  .meta({ id: 'StaffProfile' });
export type StaffProfileView = z.infer<typeof ZStaffProfile>;

export const ZStaffProfilePatch = nonEmptyPatch(
  z.object({
    licenceNo: z.string().trim().max(40).nullable().optional(),
    workingHours: ZWorkingHours.nullable().optional(),
    practiceAreas: z.array(z.enum(PRACTICE_AREAS)).max(PRACTICE_AREAS.length).optional().describe('Admins only'),
    supervisorId: ZUuid.nullable().optional().describe('Admins only: an active colleague, not below this person'),
  }),
);
export type StaffProfilePatch = z.infer<typeof ZStaffProfilePatch>;
