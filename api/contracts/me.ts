import { z } from 'zod';
import { CLOCK_RE } from '../../domain/notifications';
import { ZBigintId, ZTimestamp, ZUuid } from './common';

export const ZNotification = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    link: z.string().nullable(),
    caseId: ZUuid.nullable(),
    createdAt: ZTimestamp,
    readAt: ZTimestamp.nullable(),
  })
  .meta({ id: 'Notification' });
export const ZNotificationQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  before: z.coerce.number().int().positive().optional().describe('Older than this id (paging back)'),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const ZNotifications = z.object({ items: z.array(ZNotification), unread: z.number().int() });
export const ZMarkRead = z
  .object({ ids: z.array(ZBigintId).max(500).optional(), all: z.boolean().optional() })
  .refine((b) => b.all || b.ids?.length, { message: 'ids or all' });
export const ZUnread = z.object({ unread: z.number().int() });

const ZClock = z.string().regex(CLOCK_RE, 'HH:MM');
export const ZPreferences = z
  .object({
    emailEnabled: z.boolean(),
    quietStart: ZClock.nullable(),
    quietEnd: ZClock.nullable(),
    digestEnabled: z.boolean(),
    digestHour: z.number().int().min(0).max(23),
  })
  .refine((p) => (p.quietStart === null) === (p.quietEnd === null), { message: 'quiet hours need a start and an end', path: ['quietEnd'] });
