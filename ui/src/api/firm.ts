import type { z } from 'zod';
import type { ZFirmSettings, ZFirmSettingsPatch, ZStaffProfile, ZStaffProfilePatch } from '../../../api/contracts/firm';
import { api } from './client';

export type FirmSettings = z.infer<typeof ZFirmSettings>;
export type FirmSettingsPatch = z.input<typeof ZFirmSettingsPatch>;
export type StaffProfile = z.infer<typeof ZStaffProfile>;
export type StaffProfilePatch = z.input<typeof ZStaffProfilePatch>;

const profile = (id: string) => `/people/${encodeURIComponent(id)}/profile`;

/** The firm's settings (admins) and staff profiles. */
export const firmApi = {
  settings: () => api<FirmSettings>('GET', '/firm/settings'),
  save: (patch: FirmSettingsPatch) => api<FirmSettings>('PATCH', '/firm/settings', patch),
  /** The logo as the raw body (PNG or JPEG); the server checks its type from its bytes. */
  uploadLogo: (file: File) => api<FirmSettings>('PUT', '/firm/logo', file, file.type),
  removeLogo: () => api<void>('DELETE', '/firm/logo'),
  profile: (id: string) => api<StaffProfile>('GET', profile(id)),
  saveProfile: (id: string, patch: StaffProfilePatch) => api<StaffProfile>('PATCH', profile(id), patch),
};
