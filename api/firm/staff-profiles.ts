import type { Db } from '../../db/connection';
import {
  findStaffProfile,
  lockSupervisorChanges,
  saveStaffProfile,
  supervisorChain,
  type StaffProfile,
} from '../../db/repositories/staff-profiles';
import { findActiveColleague } from '../../db/repositories/user-lookups';
import { isValidLicenceNo } from '../../domain/firm';
import { can, ownerDecision, viewerOf, type Capability } from '../../domain/policy';
import type { Role } from '../../domain/roles';
import { AppError } from '../app-error';
import type { StaffProfilePatch, StaffProfileView } from '../contracts/firm';

interface Viewer {
  id: string;
  role: Role;
  capabilities?: readonly Capability[];
}

function view(p: StaffProfile, viewer: Viewer): StaffProfileView {
  return {
    userId: p.userId,
    name: p.name,
    role: p.role,
    active: p.active,
    licenceNo: p.licenceNo,
    practiceAreas: p.practiceAreas as StaffProfileView['practiceAreas'],
    supervisor: p.supervisor,
    workingHours: p.workingHours,
    may: {
      editOwn: ownerDecision(viewerOf(viewer), 'profile.edit', p.userId) === 'allow',
      assign: can(viewerOf(viewer), 'profile.assign'),
    },
  };
}

export async function staffProfile(db: Db, viewer: Viewer, userId: string): Promise<StaffProfileView> {
  const p = await findStaffProfile(db, userId);
  if (!p) throw new AppError('not-found', 'no such colleague');
  return view(p, viewer);
}

function refuse(path: string, message: string): never {
  throw new AppError('unprocessable-entity', message, { errors: [{ path: `body.${path}`, message }] });
}

/**
 * Changes a profile: its owner their licence number and working hours, an admin everything — the
 * practice areas and the supervisor too, who must be an active colleague not below this person.
 */
export async function changeStaffProfile(db: Db, viewer: Viewer, userId: string, patch: StaffProfilePatch): Promise<StaffProfileView> {
  if (!(await findStaffProfile(db, userId))) throw new AppError('not-found', 'no such colleague');
  if (ownerDecision(viewerOf(viewer), 'profile.edit', userId) !== 'allow')
    throw new AppError('forbidden', 'only its owner or an admin changes a profile');
  if ((patch.practiceAreas !== undefined || patch.supervisorId !== undefined) && !can(viewerOf(viewer), 'profile.assign'))
    throw new AppError('forbidden', 'only an admin sets practice areas and the supervisor');
  if (patch.licenceNo && !isValidLicenceNo(patch.licenceNo)) refuse('licenceNo', 'a lawyer’s licence number (执业证号) is 17 digits');
  await db.transaction(async (trx) => {
    if (patch.supervisorId) {
      await lockSupervisorChanges(trx);
      if (patch.supervisorId === userId) refuse('supervisorId', 'nobody supervises themselves');
      if (!(await findActiveColleague(trx, patch.supervisorId))) refuse('supervisorId', 'the supervisor must be an active colleague');
      if ((await supervisorChain(trx, patch.supervisorId)).includes(userId))
        refuse('supervisorId', 'this person already supervises the chosen supervisor (directly or further up)');
    }
    await saveStaffProfile(trx, userId, {
      licenceNo: patch.licenceNo === undefined ? undefined : patch.licenceNo || null,
      workingHours: patch.workingHours,
      practiceAreas: patch.practiceAreas === undefined ? undefined : [...new Set(patch.practiceAreas)],
      supervisorId: patch.supervisorId,
    });
  });
  return staffProfile(db, viewer, userId);
}
