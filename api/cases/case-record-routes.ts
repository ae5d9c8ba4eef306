import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { findCase } from '../../db/repositories/cases';
import { caseTimeline } from '../../db/repositories/timeline';
import { OTHER_PARTY_ROLES } from '../../domain/records';
import { ZRevealedIdNumber, ZTimeline } from '../contracts/clients';
import {
  ZArchiveCase,
  ZCase,
  ZCasePatch,
  ZCaseTags,
  ZNote,
  ZNoteInput,
  ZParties,
  ZParty,
  ZPartyInput,
  ZPartyPatch,
  ZReopenCase,
  ZTeam,
  ZTeamMember,
} from '../contracts/cases';
import { ZIdParams, ZPage, ZPageQuery, ZUuid } from '../contracts/common';
import { auditRead } from '../read-audit';
import { pageAnswer, pageWindow, type RouteRegistry } from '../routing';
import type { Engine } from '../engine';
import { assertCaseAccess } from './case-access';
import { addParty, caseParties, changeParty, removeParty, revealPartyIdNumber } from './case-parties';
import {
  addNote,
  addTeamMember,
  archiveCase,
  caseNotes,
  caseTeam,
  changeNote,
  patchCase,
  removeTeamMember,
  reopenCase,
  tagCase,
} from './case-record';
import { caseView } from './case-view';

const ZId = ZIdParams;

/** The case record around the workflow: details, parties, team, notes, tags, timeline, archive and reopen. */
export function caseRecordRoutes(registry: RouteRegistry, deps: { db: Db; temporal: Engine; config: { firmTimezone: string } }): Router {
  const router = Router();
  const { db, temporal } = deps;
  const tag = 'cases';
  const view = async (id: string) => caseView(db, (await findCase(db, id))!);

  registry.add(
    router,
    {
      method: 'patch',
      path: '/cases/:id',
      tag,
      summary: 'Change the case details (a partner changes the lead lawyer)',
      action: 'case.update',
      params: ZId,
      body: ZCasePatch,
      response: ZCase,
      errors: ['not-found', 'conflict', 'forbidden'],
      auditEntity: 'case',
    },
    async ({ params, body, user, audit }) => {
      await patchCase(db, user!, params.id, body);
      audit({ details: { fields: Object.keys(body) } });
      return view(params.id);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/parties',
      tag,
      summary: 'Client, opposing, third and related parties',
      action: 'caseParty.read',
      params: ZId,
      response: ZParties,
      errors: ['not-found'],
    },
    async ({ params, user, req }) => {
      const parties = await caseParties(db, user!, params.id);
      await auditRead(db, req, { actorId: user!.id, route: '/cases/:id/parties', entity: 'case', entityId: params.id });
      return parties;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/parties',
      tag,
      summary: 'Add a party (run a conflict check for it first)',
      action: 'caseParty.edit',
      params: ZId,
      body: ZPartyInput.extend({ role: z.enum(OTHER_PARTY_ROLES) }),
      response: ZParty,
      status: 201,
      errors: ['not-found'],
      auditEntity: 'caseParty',
    },
    async ({ params, body, user, audit }) => {
      const p = await addParty(db, user!, params.id, body);
      audit({ entityId: p.id, details: { caseId: params.id, role: p.role } });
      return p;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/cases/:id/parties/:partyId',
      tag,
      summary: 'Change a party',
      action: 'caseParty.edit',
      params: ZId.extend({ partyId: ZUuid }),
      body: ZPartyPatch,
      response: ZParty,
      errors: ['not-found'],
      auditEntity: 'caseParty',
    },
    async ({ params, body, user, audit }) => {
      const p = await changeParty(db, user!, params.id, params.partyId, body);
      audit({ entityId: p.id, details: { caseId: params.id, fields: Object.keys(body) } });
      return p;
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/parties/:partyId/id-number/reveal',
      tag,
      summary: "A party's full identity number (every other answer masks a person's); audited as whose number was seen",
      action: 'caseParty.revealId',
      params: ZId.extend({ partyId: ZUuid }),
      response: ZRevealedIdNumber,
      errors: ['not-found'],
      auditEntity: 'caseParty',
      idempotent: false,
    },
    async ({ params, user, audit }) => {
      const r = await revealPartyIdNumber(db, user!, params.id, params.partyId);
      // Whose number was seen, never the number.
      audit({ entityId: params.partyId, details: { caseId: params.id, field: 'idNumber', kind: r.kind, hadNumber: r.idNumber !== null } });
      return { idNumber: r.idNumber };
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/cases/:id/parties/:partyId',
      tag,
      summary: 'Remove a party (not the client)',
      action: 'caseParty.edit',
      params: ZId.extend({ partyId: ZUuid }),
      errors: ['not-found', 'conflict'],
      auditEntity: 'caseParty',
    },
    async ({ params, user, audit }) => {
      await removeParty(db, user!, params.id, params.partyId);
      audit({ entityId: params.partyId, details: { caseId: params.id } });
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/team',
      tag,
      summary: 'The case team with roles',
      action: 'case.read',
      params: ZId,
      response: ZTeam,
      errors: ['not-found'],
    },
    async ({ params, user }) => caseTeam(db, user!, params.id),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/team',
      tag,
      summary: 'Add a colleague to the team (or change their role)',
      action: 'caseTeam.edit',
      params: ZId,
      body: ZTeamMember,
      response: ZTeam,
      errors: ['not-found', 'conflict'],
      auditEntity: 'case',
    },
    async ({ params, body, user, audit }) => {
      const r = await addTeamMember(db, user!, params.id, body);
      audit({ details: { added: body.userId, role: body.role } });
      return r;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/cases/:id/team/:userId',
      tag,
      summary: 'Take a colleague off the team (not the lead)',
      action: 'caseTeam.edit',
      params: ZId.extend({ userId: ZUuid }),
      errors: ['not-found', 'conflict'],
      auditEntity: 'case',
    },
    async ({ params, user, audit }) => {
      await removeTeamMember(db, user!, params.id, params.userId);
      audit({ details: { removed: params.userId } });
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/notes',
      tag,
      summary: 'Case notes, newest first',
      action: 'caseNote.read',
      params: ZId,
      query: ZPageQuery,
      response: ZPage(ZNote),
      errors: ['not-found'],
    },
    async ({ params, query, user }) => pageAnswer(query, await caseNotes(db, user!, params.id, pageWindow(query))),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/notes',
      tag,
      summary: 'Add a note (searchable)',
      action: 'caseNote.add',
      params: ZId,
      body: ZNoteInput,
      response: ZNote,
      status: 201,
      errors: ['not-found'],
      auditEntity: 'caseNote',
    },
    async ({ params, body, user, audit }) => {
      const n = await addNote(db, user!, params.id, body.body);
      audit({ entityId: n.id, details: { caseId: params.id } });
      return n;
    },
  );
  registry.add(
    router,
    {
      method: 'patch',
      path: '/cases/:id/notes/:noteId',
      tag,
      summary: 'Edit your note',
      action: 'caseNote.edit',
      params: ZId.extend({ noteId: ZUuid }),
      body: ZNoteInput,
      response: ZNote,
      errors: ['not-found', 'forbidden'],
      auditEntity: 'caseNote',
    },
    async ({ params, body, user, audit }) => {
      const n = await changeNote(db, user!, params.id, params.noteId, body.body);
      audit({ entityId: params.noteId, details: { caseId: params.id } });
      return n!;
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/cases/:id/notes/:noteId',
      tag,
      summary: 'Delete a note (its author or a partner)',
      action: 'caseNote.delete',
      params: ZId.extend({ noteId: ZUuid }),
      errors: ['not-found', 'forbidden'],
      auditEntity: 'caseNote',
    },
    async ({ params, user, audit }) => {
      await changeNote(db, user!, params.id, params.noteId, null);
      audit({ entityId: params.noteId, details: { caseId: params.id } });
    },
  );

  registry.add(
    router,
    {
      method: 'put',
      path: '/cases/:id/tags',
      tag,
      summary: "Set the case's tags and categories (from the vocabularies)",
      action: 'caseTag.edit',
      params: ZId,
      body: ZCaseTags,
      response: ZCase,
      errors: ['not-found', 'validation-error'],
      auditEntity: 'case',
    },
    async ({ params, body, user, audit }) => {
      await tagCase(db, user!, params.id, body.tagIds);
      audit({ details: { tagIds: body.tagIds } });
      return view(params.id);
    },
  );

  registry.add(
    router,
    {
      method: 'get',
      path: '/cases/:id/timeline',
      tag,
      summary: 'Every stage change, task, event, communication, note, bill and check of the case, newest first',
      action: 'case.timeline',
      params: ZId,
      query: ZPageQuery,
      response: ZTimeline,
      errors: ['not-found'],
    },
    async ({ params, query, user }) => {
      await assertCaseAccess(db, user!, params.id);
      const { limit, offset } = pageWindow(query);
      return pageAnswer(query, await caseTimeline(db, params.id, limit, offset));
    },
  );

  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/archive',
      tag,
      summary: '结案归档: archive a closed case once its checklist is complete',
      action: 'case.archive',
      params: ZId,
      body: ZArchiveCase,
      response: ZCase,
      errors: ['not-found', 'conflict', 'unprocessable-entity'],
      auditEntity: 'case',
    },
    async ({ params, body, user, audit }) => {
      await archiveCase(db, user!, params.id, body);
      audit({ details: { checklist: body.checklist } });
      return view(params.id);
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/reopen',
      tag,
      summary: 'Reopen a closed case: its workflow resumes in a stage (default: where it closed)',
      action: 'case.reopen',
      params: ZId,
      body: ZReopenCase,
      response: ZCase,
      errors: ['not-found', 'conflict', 'service-unavailable', 'case-start-pending'],
      auditEntity: 'case',
    },
    async ({ params, body, user, audit }) => {
      const r = await reopenCase(db, temporal, user!, params.id, body, deps.config.firmTimezone);
      audit({ details: { reason: body.reason, stageId: r.stageId } });
      return view(params.id);
    },
  );

  return router;
}
