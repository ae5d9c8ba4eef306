import { Router } from 'express';
import type { Db } from '../../db/connection';
import { ZFirm, ZFirmSettings, ZFirmSettingsPatch, ZPersonParams, ZStaffProfile, ZStaffProfilePatch } from '../contracts/firm';
import type { RouteRegistry } from '../routing';
import { changeFirmSettings, firmFace, firmSettings } from './firm-settings';
import { changeStaffProfile, staffProfile } from './staff-profiles';

export function firmRoutes(registry: RouteRegistry, deps: { db: Db; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db } = deps;
  const tz = deps.config.firmTimezone;
  registry.add(
    router,
    {
      method: 'get',
      path: '/firm',
      tag: 'firm',
      summary: "The firm's name and time zone",
      action: 'authenticated',
      response: ZFirm,
    },
    async () => firmFace(db, tz),
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/firm/settings',
      tag: 'firm',
      summary:
        "The firm's settings: name, address, 统一社会信用代码, time zone, hours, case-number patterns (with the next number), capabilities",
      action: 'firmSettings.read',
      response: ZFirmSettings,
    },
    async () => firmSettings(db, tz),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/firm/settings',
      tag: 'firm',
      summary:
        'Change firm settings (422: a bad 统一社会信用代码, time zone or case-number pattern); `capabilities` is the full granted set',
      action: 'firmSettings.edit',
      auditEntity: 'firm',
      body: ZFirmSettingsPatch,
      response: ZFirmSettings,
      errors: ['unprocessable-entity'],
    },
    async ({ body, audit }) => {
      const settings = await changeFirmSettings(db, body, tz);
      audit({ details: { fields: Object.keys(body), ...(body.capabilities ? { capabilities: body.capabilities } : {}) } });
      return settings;
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/people/:id/profile',
      tag: 'firm',
      summary: "A colleague's staff profile: 执业证号, practice areas, supervisor, working hours",
      action: 'profile.read',
      params: ZPersonParams,
      response: ZStaffProfile,
      errors: ['not-found'],
    },
    async ({ params, user }) => staffProfile(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/people/:id/profile',
      tag: 'firm',
      summary:
        'Change a staff profile: its owner the licence number and working hours; admins also practice areas and the supervisor (no cycles)',
      action: 'profile.edit',
      auditEntity: 'staff_profile',
      params: ZPersonParams,
      body: ZStaffProfilePatch,
      response: ZStaffProfile,
      errors: ['not-found', 'forbidden', 'unprocessable-entity'],
    },
    async ({ params, body, user, audit }) => {
      const p = await changeStaffProfile(db, user!, params.id, body);
      audit({ entityId: params.id, details: { fields: Object.keys(body) } });
      return p;
    },
  );
  return router;
}
