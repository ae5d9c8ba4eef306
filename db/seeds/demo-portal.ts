import type { Db } from '../connection';
import { searchTokens, tsvectorLiteral } from '../../domain/search/segment';
import { insertCommunication } from '../repositories/communications';
import { insertDocumentRequest } from '../repositories/document-requests';
import { insertMessage } from '../repositories/messages';
import { DEMO_PORTAL_USER } from './demo';

/**
 * What the demo client 刘洋 finds in the portal on a first start: one of their cases — the one with
 * the most to show (documents and a sent invoice) — with three documents shared, a thread with the
 * lead lawyer, an open request for documents and a shared deadline. Runs after the demo documents
 * and invoices; once (not when the case already has messages).
 */
export async function seedDemoPortal(db: Db, opts: { today: string }): Promise<{ caseId: string | null; messages: number }> {
  const user = await db('users').whereRaw('lower(email) = ?', [DEMO_PORTAL_USER.email]).first('id', 'name');
  if (!user) return { caseId: null, messages: 0 };
  const kase = await db('cases as c')
    .join('portal_memberships as m', 'm.client_id', 'c.client_id')
    .join('users as lead', 'lead.id', 'c.lead_lawyer_id')
    .where('m.user_id', user.id)
    .whereNull('m.revoked_at')
    .orderByRaw(
      `(select count(*) from invoices i where i.case_id = c.id and i.status in ('issued', 'partly_paid', 'paid')) > 0 desc,
       (select count(*) from documents d where d.case_id = c.id and d.deleted_at is null) desc, (c.status = 'active') desc, c.number`,
    )
    .first('c.id', 'c.client_id', 'c.lead_lawyer_id', 'lead.name as lead_name');
  if (!kase) return { caseId: null, messages: 0 };
  if (await db('case_messages').where({ case_id: kase.id }).first('id')) return { caseId: kase.id, messages: 0 };

  const shared = await db('documents')
    .where({ case_id: kase.id, confidential: false })
    .whereNull('deleted_at')
    .orderBy('created_at')
    .limit(3)
    .pluck('id');
  await db('documents').whereIn('id', shared).update({ client_visible: true });

  const at = (daysAgo: number, hour: number) =>
    new Date(Date.parse(`${opts.today}T00:00:00+08:00`) - daysAgo * 86_400_000 + hour * 3_600_000);
  const thread: Array<{ from: 'team' | 'client'; daysAgo: number; hour: number; body: string }> = [
    {
      from: 'team',
      daysAgo: 6,
      hour: 10,
      body: '刘先生您好，起诉材料已整理完毕，证据目录已上传到“文档”中，请您核对借款金额和日期是否准确。',
    },
    { from: 'client', daysAgo: 5, hour: 20, body: '李律师好，金额和日期都没问题。借条原件在我这里，需要我什么时候送过去？' },
    { from: 'team', daysAgo: 4, hour: 9, body: '原件请开庭前带来即可。请先在“材料”中上传借条原件照片和身份证复印件，方便我们提交法院。' },
  ];
  let messages = 0;
  await db.transaction(async (trx) => {
    for (const m of thread) {
      const authorId = m.from === 'team' ? kase.lead_lawyer_id : user.id;
      const author = m.from === 'team' ? kase.lead_name : user.name;
      const id = await insertMessage(trx, { caseId: kase.id, authorId, fromClient: m.from === 'client', body: m.body, documentIds: [] });
      const sentAt = at(m.daysAgo, m.hour);
      await trx('case_messages').where({ id }).update({ created_at: sentAt });
      // Both sides have read everything: the receipts show on each message.
      const reader = m.from === 'team' ? user.id : kase.lead_lawyer_id;
      await trx('case_message_reads').insert({ message_id: id, user_id: reader, read_at: new Date(sentAt.getTime() + 3_600_000) });
      await insertCommunication(trx, {
        clientId: kase.client_id,
        caseId: kase.id,
        kind: 'portal',
        occurredAt: sentAt.toISOString(),
        participants: author,
        summary: m.body,
        createdBy: authorId,
        caseMessageId: id,
        tsv: tsvectorLiteral({ B: searchTokens(author), D: searchTokens(m.body) }),
      });
      messages++;
    }
    const due = new Date(Date.parse(`${opts.today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    await insertDocumentRequest(trx, {
      caseId: kase.id,
      title: '请提供起诉所需材料',
      items: ['身份证复印件', '借条原件照片'],
      note: '拍照清晰、四角完整即可，手机拍摄的照片也可以。',
      dueOn: due,
      requestedBy: kase.lead_lawyer_id,
    });
    await trx('calendar_events').where({ case_id: kase.id }).whereIn('kind', ['deadline', 'hearing']).update({ client_visible: true });
  });
  return { caseId: kase.id, messages };
}
