import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import { ZPage, ZPageQuery, ZUuid } from './common';

export const ZCaseListQuery = ZPageQuery.extend({
  status: z.enum(['active', 'suspended', 'concluded', 'closed']).optional(),
  q: z.string().trim().max(100).optional(),
});

export const ZCaseListItem = z.object({
  id: ZUuid,
  number: z.string(),
  title: z.string(),
  clientName: z.string(),
  practiceArea: z.string(),
  caseType: z.string(),
  status: z.string(),
  currentStageName: z.string().nullable(),
  leadLawyerName: z.string(),
  openedOn: z.string(),
});
export type CaseListItem = z.infer<typeof ZCaseListItem>;
export const ZCaseList = ZPage(ZCaseListItem);

export const ZClientOptions = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), kind: z.string() })) });
export const ZStaffList = z.object({ items: z.array(z.object({ id: ZUuid, name: z.string(), role: z.enum(ROLES) })) });
