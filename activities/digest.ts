import { digestContent, recordDigest, type DigestContent, type DigestLine } from '../db/repositories/digests';
import { digestRecipients } from '../db/repositories/preferences';
import { addDays, zonedTimeToInstant } from '../domain/deadlines/civil-date';
import { digestSlot } from '../domain/notifications';
import type { Text } from '../domain/notification-texts';
import { notify } from './notify';
import type { EngineDeps } from './tasks';

export interface DigestInput {
  /** The instant the schedule fired (the workflow's clock); it picks the firm-local day and hour. */
  at: number;
}

export interface DigestResult {
  localDate: string;
  hour: number;
  /** Users whose digest had something in it. */
  sent: number;
  /** Users with nothing due, overdue or in court that day. */
  empty: number;
}

function digestText(lang: string, user: string, date: string, c: DigestContent, timeZone: string): Text {
  const en = lang === 'en';
  const time = (d: Date | null) =>
    d ? new Intl.DateTimeFormat(en ? 'en-GB' : 'zh-CN', { timeZone, hour: '2-digit', minute: '2-digit' }).format(d) + ' ' : '';
  const row = (l: DigestLine) =>
    `- ${time(l.at)}${l.caseNumber ? `${l.caseNumber} ` : ''}${en && l.titleEn ? l.titleEn : l.title}${l.dueDate ? ` (${l.dueDate})` : ''}\n  ${l.link}`;
  const part = (title: string, lines: DigestLine[]) => (lines.length ? [`${title} (${lines.length})`, ...lines.map(row), ''] : []);
  const body = en
    ? [
        `Good morning, ${user}. Your day on ${date}:`,
        '',
        ...part("Today's hearings", c.hearings),
        ...part('Tasks due today', c.dueToday),
        ...part('Overdue', c.overdue),
      ]
    : [
        `${user}，早上好。${date} 的工作安排：`,
        '',
        ...part('今日开庭', c.hearings),
        ...part('今日到期任务', c.dueToday),
        ...part('已逾期', c.overdue),
      ];
  const counts = en
    ? `${c.hearings.length} hearing(s), ${c.dueToday.length} due, ${c.overdue.length} overdue`
    : `开庭 ${c.hearings.length} 项，到期 ${c.dueToday.length} 项，逾期 ${c.overdue.length} 项`;
  return { title: en ? `LexFlow daily digest ${date}: ${counts}` : `律程每日摘要 ${date}：${counts}`, body: body.join('\n') };
}

export function digestActivities(deps: EngineDeps) {
  const { db } = deps;
  const link = (caseId: string, taskId?: string) =>
    taskId ? `${deps.publicUrl}/tasks?task=${taskId}` : caseId ? `${deps.publicUrl}/cases/${caseId}` : `${deps.publicUrl}/calendar`;
  return {
    /**
     * The daily digest of everyone whose digest hour this is: today's hearings, tasks due today,
     * overdue tasks — in app and by mail. Idempotent per user and day (a retry, or the schedule
     * firing twice in an hour, sends nothing new). Users with an empty day get nothing.
     */
    async sendDigests(input: DigestInput): Promise<DigestResult> {
      const { localDate, hour } = digestSlot(input.at, deps.timeZone);
      const day = {
        dayStart: new Date(zonedTimeToInstant(localDate, 0, 0, deps.timeZone)),
        dayEnd: new Date(zonedTimeToInstant(addDays(localDate, 1), 0, 0, deps.timeZone)),
      };
      let sent = 0;
      let empty = 0;
      for (const u of await digestRecipients(db, hour)) {
        const c = await digestContent(db, u.id, day, link);
        const items = c.hearings.length + c.dueToday.length + c.overdue.length;
        if (!items) {
          empty++;
          continue;
        }
        await notify(deps, {
          key: `digest:${u.id}:${localDate}`,
          kind: 'digest',
          recipients: [{ id: u.id, email: u.email, locale: u.locale }],
          caseId: null,
          scheduledFor: new Date(input.at),
          at: input.at,
          email: u.emailEnabled,
          link: `${deps.publicUrl}/tasks`,
          text: (lang) => digestText(lang, u.name, localDate, c, deps.timeZone),
        });
        await recordDigest(db, u.id, localDate, items);
        sent++;
      }
      return { localDate, hour, sent, empty };
    },
  };
}
