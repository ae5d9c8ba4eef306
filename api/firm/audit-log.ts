import type { Db } from '../../db/connection';
import {
  auditActors,
  auditSubjectLabels,
  caseReaders,
  listAudit,
  type AuditFilter,
  type AuditRecord,
} from '../../db/repositories/audit-log';
import {
  AUDIT_FALLBACK,
  AUDIT_SENTENCES,
  CASE_READ_ACTIONS,
  auditActionOf,
  auditEventOf,
  fillAuditSentence,
  type AuditLang,
} from '../../domain/audit/events';

/** At most this many rows go into one CSV export (the newest); the file says when more matched. */
export const AUDIT_EXPORT_MAX = 10_000;

type Query = {
  entity?: string;
  actorId?: string;
  subjectId?: string;
  event?: string;
  from?: string;
  to?: string;
};

function filterOf(q: Query, timeZone: string): AuditFilter {
  const events = q.event?.split(',').filter(Boolean);
  return {
    entity: q.entity,
    actorId: q.actorId,
    subjectId: q.subjectId,
    // An event code no sentence knows stands for no action: it matches nothing.
    actions: events?.map((e) => (e === 'unrouted' ? 'unrouted' : (auditActionOf(e) ?? `unknown:${e}`))),
    from: q.from,
    to: q.to,
    timeZone,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Rows as the UI shows them: the event code, and what the records they name are called. */
async function entries(db: Db, rows: AuditRecord[]) {
  const caseIdOf = (r: AuditRecord) =>
    str(r.details?.caseId) ?? (r.entity === 'case' || r.entity === 'cases' ? (r.entityId ?? null) : null);
  const ids = rows.flatMap((r) => [r.entityId, caseIdOf(r)].filter((x): x is string => Boolean(x)));
  const labels = await auditSubjectLabels(db, ids);
  return rows.map((r) => {
    const caseId = caseIdOf(r);
    return {
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      event: auditEventOf(r),
      entity: r.entity,
      entityId: r.entityId ?? null,
      subjectLabel: r.entityId ? (labels.get(r.entityId) ?? null) : null,
      caseId,
      caseLabel: caseId ? (labels.get(caseId) ?? null) : null,
      clientId: str(r.details?.clientId) ?? (r.entity === 'client' || r.entity === 'clients' ? (r.entityId ?? null) : null),
      status: r.status,
    };
  });
}

export async function auditPage(db: Db, q: Query & { page: number; pageSize: number }, timeZone: string) {
  const { items, total } = await listAudit(db, { ...filterOf(q, timeZone), limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  return { items: await entries(db, items), total, page: q.page, pageSize: q.pageSize };
}

export const auditActorList = async (db: Db) => ({ items: await auditActors(db) });

/** At most this many people are listed as having viewed one case (the audit log has them all). */
const CASE_VIEWERS_MAX = 100;

/** "Who looked at this file": the people who read the case, its parties or its documents. */
export async function caseViewers(db: Db, caseId: string) {
  const items = await caseReaders(db, caseId, CASE_READ_ACTIONS, CASE_VIEWERS_MAX);
  return { items: items.map((v) => ({ ...v, lastViewedAt: v.lastViewedAt.toISOString() })) };
}

const HEAD: Record<AuditLang, string[]> = {
  'zh-CN': ['时间', '操作人', '事件', '对象', '结果'],
  en: ['Time', 'Who', 'What happened', 'Record', 'Result'],
};
const RESULT: Record<AuditLang, (s: number | null) => string> = {
  'zh-CN': (s) => (s === null ? '未完成' : s < 400 ? '成功' : `被拒绝（${s}）`),
  en: (s) => (s === null ? 'unfinished' : s < 400 ? 'done' : `refused (${s})`),
};
const MORE: Record<AuditLang, (n: number) => string> = {
  'zh-CN': (n) => `仅导出最新的 ${n} 条，请缩小筛选范围`,
  en: (n) => `Only the newest ${n} rows are exported; narrow the filters`,
};

function cell(v: string): string {
  // Formula injection: a cell Excel would evaluate is quoted as text.
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered rows as CSV (UTF-8 with a BOM, so Excel reads Chinese), newest first, at most AUDIT_EXPORT_MAX. */
export async function auditCsv(db: Db, q: Query, lang: AuditLang, timeZone: string): Promise<{ csv: string; rows: number; total: number }> {
  const { items, total } = await listAudit(db, { ...filterOf(q, timeZone), limit: AUDIT_EXPORT_MAX, offset: 0 });
  const rows = await entries(db, items);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'medium' });
  const unknown = lang === 'zh-CN' ? '（未登录）' : '(not signed in)';
  const lines = [HEAD[lang].map(cell).join(',')];
  for (const r of rows) {
    const sentence = AUDIT_SENTENCES[lang][r.event] ?? AUDIT_FALLBACK[lang];
    const text = fillAuditSentence(sentence, { actor: r.actorName ?? unknown, subject: r.subjectLabel, case: r.caseLabel });
    lines.push(
      [time.format(new Date(r.at)), r.actorName ?? unknown, text, r.subjectLabel ?? r.caseLabel ?? '', RESULT[lang](r.status)]
        .map(cell)
        .join(','),
    );
  }
  if (total > rows.length) lines.push(cell(MORE[lang](AUDIT_EXPORT_MAX)));
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: rows.length, total };
}
