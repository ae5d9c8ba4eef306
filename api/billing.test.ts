import ExcelJS from 'exceljs';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { startMailDispatcher } from '../activities/mail-dispatcher';
import { extractText } from '../activities/documents/extract';
import { makePdf } from '../db/factories/pdf-document';
import { lawyerMonthlyRevenue, lawyerMonthlyRevenueFromRows } from '../db/repositories/invoices';
import { openRestingCase, startApiStack, type ApiStack } from '../test/helpers/api-stack';
import { makePng } from '../test/helpers/document-fixtures';

/**
 * Fees, time, expenses and invoices over HTTP (issue 16) on a real PostgreSQL and Temporal: the fee
 * rules refuse what the PRC rules forbid, time and expenses become draft lines once approved,
 * finance invoices them, the PDF is filed, payments and what is left owing add up.
 */
let stack: ApiStack;
let caseId: string;

const fixed = (amountFen: number, instalments: Array<{ label: string; percentBp: number; stageId?: string | null }>) => ({
  kind: 'fixed',
  amountFen,
  instalments,
});

beforeAll(async () => {
  stack = await startApiStack('billing', { historical: 0 });
  ({ caseId } = await openRestingCase(stack, { client: '上海明诚贸易有限公司', title: '买卖合同纠纷' }));
  await stack.as['li.ming'].patch(`/api/v1/cases/${caseId}`, { causeOfAction: '买卖合同纠纷', amountInDisputeFen: 200_000_000 });
}, 120_000);
afterAll(async () => stack?.close());

async function caseOf(title: string, patch: Record<string, unknown>) {
  const { caseId: id } = await openRestingCase(stack, { client: `${title}当事人`, title });
  const r = await stack.as['li.ming'].patch(`/api/v1/cases/${id}`, patch);
  expect(r.status).toBe(200);
  return id;
}

describe('fee arrangements', () => {
  it('refuses amounts that are not integer fen, and instalments that do not make 100 %', async () => {
    const lawyer = stack.as['li.ming'];
    const put = (components: unknown[]) => lawyer.put(`/api/v1/cases/${caseId}/fee-arrangement`, { components });
    expect((await put([fixed(10_000.5, [])])).status).toBe(400);
    expect((await put([fixed(-1, [])])).status).toBe(400);
    const short = await put([
      fixed(3_000_000, [
        { label: '签约', percentBp: 3000 },
        { label: '判决', percentBp: 6000, stageId: 'Stage_Judgment' },
      ]),
    ]);
    expect(short.status).toBe(422);
    expect(short.body.type).toMatch(/\/fee-arrangement-invalid$/);
    expect(short.body.errors[0].path).toContain('instalments');
  });

  it('keeps every version, and offers the instalment due on signing as a draft line', async () => {
    const lawyer = stack.as['li.ming'];
    const first = await lawyer.put(`/api/v1/cases/${caseId}/fee-arrangement`, {
      components: [
        fixed(3_000_000, [
          { label: '签约', percentBp: 3000 },
          { label: '庭审', percentBp: 4000, stageId: 'Stage_Trial' },
          { label: '判决', percentBp: 3000, stageId: 'Stage_Judgment' },
        ]),
      ],
    });
    expect(first.status).toBe(200);
    const second = await lawyer.put(`/api/v1/cases/${caseId}/fee-arrangement`, {
      components: [
        fixed(3_000_000, [
          { label: '签约', percentBp: 3000 },
          { label: '判决', percentBp: 7000, stageId: 'Stage_Judgment' },
        ]),
      ],
      note: '客户要求调整付款节点',
    });
    expect(second.body.version).toBe(2);
    const view = (await lawyer.get(`/api/v1/cases/${caseId}/fee-arrangement`)).body;
    expect(view.history.map((v: any) => v.version)).toEqual([2, 1]);
    expect(view.current.agreedFeeFen).toBe(3_000_000);
    expect(view.contingency).toMatchObject({ allowed: true, capFen: 33_000_000 });
    const lines = (await lawyer.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items;
    // Saved twice, offered once: the line remembers its source.
    expect(lines.filter((l: any) => l.source === 'instalment')).toEqual([
      expect.objectContaining({ amountFen: 900_000, itemName: '*鉴证咨询服务*法律服务费', invoiceId: null }),
    ]);
    const audit = await stack.tdb.db('audit_log').where({ entity: 'fee-arrangement', entity_id: caseId, status: 200 }).select('details');
    expect(audit).toHaveLength(2);
  });

  it('refuses a contingency fee for a banned family or case type, naming the legal basis', async () => {
    const divorce = await caseOf('离婚纠纷', { causeOfAction: '离婚后财产纠纷', amountInDisputeFen: 100_000_000 });
    const r = await stack.as['li.ming'].put(`/api/v1/cases/${divorce}/fee-arrangement`, {
      components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }],
      contingencyDisclosed: true,
    });
    expect(r.status).toBe(422);
    expect(r.body.type).toMatch(/\/contingency-banned$/);
    expect(r.body.detail).toContain('律师服务收费管理办法');
    expect(r.body.basis).toContain('第十一条');
    const view = (await stack.as['li.ming'].get(`/api/v1/cases/${divorce}/fee-arrangement`)).body;
    expect(view.contingency.allowed).toBe(false);
    const wages = await caseOf('追索劳动报酬', { causeOfAction: '追索劳动报酬纠纷', amountInDisputeFen: 5_000_000 });
    const w = await stack.as['li.ming'].put(`/api/v1/cases/${wages}/fee-arrangement`, {
      components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }],
    });
    expect(w.body.type).toMatch(/\/contingency-banned$/);
    // A collective action, flagged by the lawyer, is refused whatever its 案由 (第十二条).
    const c = await stack.as['li.ming'].put(`/api/v1/cases/${caseId}/fee-arrangement`, {
      components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 1000 }],
      collective: true,
    });
    expect(c.body.type).toMatch(/\/contingency-banned$/);
    expect(c.body.basis).toContain('第十二条');
  });

  it('blocks a contingency above the 2021 cap with the cap in fen, unless a partner records why', async () => {
    const kase = await caseOf('借款合同纠纷', { causeOfAction: '民间借贷纠纷', amountInDisputeFen: 500_000_000 });
    const lawyer = stack.as['li.ming'];
    const agreement = await lawyer.upload(`/api/v1/cases/${kase}/documents`, [
      {
        name: '风险代理合同.pdf',
        data: await makePdf(['风险代理合同', '委托人已知悉风险代理的含义及收费上限。']),
        type: 'application/pdf',
      },
    ]);
    expect(agreement.status).toBe(201);
    const documentId = agreement.body.items[0].id;
    // ¥5,000,000 in dispute: the cap is ¥780,000; 20 % of it is ¥1,000,000.
    const body = {
      components: [{ kind: 'contingency', baseFeeFen: 0, percentBp: 2000 }],
      contingencyDisclosed: true,
      agreementDocumentId: documentId,
    };
    const over = await lawyer.put(`/api/v1/cases/${kase}/fee-arrangement`, body);
    expect(over.status).toBe(422);
    expect(over.body.type).toMatch(/\/contingency-cap-exceeded$/);
    expect(over.body.capFen).toBe(78_000_000);
    const lawyerReason = await lawyer.put(`/api/v1/cases/${kase}/fee-arrangement`, { ...body, overrideReason: '客户坚持并书面确认' });
    expect(lawyerReason.status).toBe(422);
    const partner = await stack.as.partner.put(`/api/v1/cases/${kase}/fee-arrangement`, {
      ...body,
      overrideReason: '经律所收费审查委员会审议同意',
    });
    expect(partner.status).toBe(200);
    expect(partner.body.overrideReason).toBe('经律所收费审查委员会审议同意');
    // At the cap it passes for anyone on the case; without the disclosure or the agreement it does not.
    const atCap = { ...body, components: [{ kind: 'contingency', baseFeeFen: 8_000_000, percentBp: 1400 }] };
    expect((await lawyer.put(`/api/v1/cases/${kase}/fee-arrangement`, atCap)).status).toBe(200);
    const undisclosed = await lawyer.put(`/api/v1/cases/${kase}/fee-arrangement`, {
      ...atCap,
      contingencyDisclosed: false,
      agreementDocumentId: null,
    });
    expect(undisclosed.status).toBe(422);
    expect(undisclosed.body.errors.map((e: any) => e.path)).toEqual(['body.contingencyDisclosed', 'body.agreementDocumentId']);
  });

  it('is the case team’s and the partners’: finance reads, a lawyer off the case finds nothing', async () => {
    const body = { components: [fixed(100_000, [])] };
    expect((await stack.as.finance.put(`/api/v1/cases/${caseId}/fee-arrangement`, body)).status).toBe(403);
    expect((await stack.as.finance.get(`/api/v1/cases/${caseId}/fee-arrangement`)).status).toBe(200);
    expect((await stack.as['zhang.ting'].get(`/api/v1/cases/${caseId}/fee-arrangement`)).status).toBe(404);
    expect((await stack.as['zhang.ting'].put(`/api/v1/cases/${caseId}/fee-arrangement`, body)).status).toBe(404);
    expect((await stack.as.client.get(`/api/v1/cases/${caseId}/fee-arrangement`)).status).toBe(403);
  });
});

describe('time', () => {
  it('keeps one timer per user across tabs, and stops it into an entry rounded up to 6 minutes', async () => {
    const lawyer = stack.as['li.ming'];
    await lawyer.del('/api/v1/timer');
    const started = await lawyer.post('/api/v1/timer/start', { caseId, narrative: '起草起诉状' });
    expect(started.status).toBe(200);
    expect(started.body.timer).toMatchObject({ running: true, caseId });
    // The second tab sees the same timer, and cannot start another.
    expect((await lawyer.get('/api/v1/timer')).body.timer.caseId).toBe(caseId);
    expect((await lawyer.post('/api/v1/timer/start', { caseId })).status).toBe(409);
    expect((await lawyer.post('/api/v1/timer/pause')).body.timer.running).toBe(false);
    // 7 minutes recorded so far (as if it had run that long): billed as 12.
    await stack.tdb
      .db('timers')
      .where({ user_id: stack.ids['li.ming'] })
      .update({ accumulated_seconds: 7 * 60 });
    const stopped = await lawyer.post('/api/v1/timer/stop', { billable: true });
    expect(stopped.status).toBe(201);
    expect(stopped.body).toMatchObject({ minutes: 12, secondsRecorded: 420, narrative: '起草起诉状', status: 'submitted' });
    expect((await lawyer.get('/api/v1/timer')).body.timer).toBeNull();
    expect((await lawyer.post('/api/v1/timer/stop', {})).status).toBe(409);
  });

  it('lets only its recorder change an entry, partners approve it at the rate, and approved time become a draft line once', async () => {
    const lawyer = stack.as['li.ming'];
    const e = (await lawyer.post('/api/v1/time-entries', { caseId, workDate: '2026-12-01', minutes: 50, narrative: '会见客户，梳理证据' }))
      .body;
    expect(e.minutes).toBe(54);
    expect((await stack.as['zhang.ting'].patch(`/api/v1/time-entries/${e.id}`, { minutes: 10 })).status).toBe(404);
    expect((await lawyer.post(`/api/v1/time-entries/${e.id}/approve`, {})).status).toBe(403);
    const ok = await stack.as.partner.post(`/api/v1/time-entries/${e.id}/approve`, { note: null });
    expect(ok.status).toBe(200);
    // The lead's default rate ¥2,000/h × 54 min = ¥1,800.00.
    expect(ok.body).toMatchObject({ status: 'approved', rateFen: 200_000, valueFen: 180_000 });
    expect((await stack.as.partner.post(`/api/v1/time-entries/${e.id}/approve`, {})).status).toBe(200);
    expect((await lawyer.patch(`/api/v1/time-entries/${e.id}`, { minutes: 10 })).status).toBe(409);
    const lines = (await lawyer.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items.filter((l: any) => l.source === 'time_entry');
    expect(lines).toHaveLength(1);
    expect(lines[0].amountFen).toBe(180_000);
    const mine = (await lawyer.get('/api/v1/time-entries?from=2026-11-30&to=2026-12-06')).body;
    expect(mine.items.every((x: any) => x.user.id === stack.ids['li.ming'])).toBe(true);
    expect(mine.totalMinutes).toBeGreaterThanOrEqual(54);
    expect((await stack.as['zhang.ting'].get('/api/v1/time-entries')).body.items).toEqual([]);
    expect((await stack.as.partner.get(`/api/v1/time-entries?userId=${stack.ids['li.ming']}`)).body.total).toBeGreaterThanOrEqual(2);
  });
});

describe('expenses and invoices', () => {
  let invoiceId: string;

  it('records a 诉讼费 with its receipt, approved by finance into a draft disbursement line', async () => {
    const lawyer = stack.as['li.ming'];
    const receipt = await lawyer.upload(`/api/v1/cases/${caseId}/documents`, [
      { name: '诉讼费收据.pdf', data: await makePdf(['诉讼费收据', '金额：人民币贰万壹仟捌佰元整']), type: 'application/pdf' },
    ]);
    const bad = await lawyer.post(`/api/v1/cases/${caseId}/expenses`, {
      category: 'court_fee',
      amountFen: 12.5,
      spentOn: '2026-12-01',
      paidBy: 'firm',
    });
    expect(bad.status).toBe(400);
    const x = await lawyer.post(`/api/v1/cases/${caseId}/expenses`, {
      category: 'court_fee',
      amountFen: 2_180_000,
      spentOn: '2026-12-01',
      paidBy: 'firm',
      receiptDocumentId: receipt.body.items[0].id,
      rebillable: true,
    });
    expect(x.status).toBe(201);
    expect((await lawyer.post(`/api/v1/expenses/${x.body.id}/approve`, {})).status).toBe(403);
    expect((await stack.as.finance.post(`/api/v1/expenses/${x.body.id}/approve`, {})).body.status).toBe('approved');
    const line = (await lawyer.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items.find((l: any) => l.source === 'expense');
    expect(line).toMatchObject({ amountFen: 2_180_000, disbursement: true, itemName: '代垫诉讼费' });
  });

  it('lets finance alone invoice the draft lines, splitting VAT per line; an issued invoice never changes', async () => {
    const drafts = (await stack.as.finance.get(`/api/v1/cases/${caseId}/invoice-lines`)).body.items.filter((l: any) => !l.invoiceId);
    expect(drafts.map((l: any) => l.source).sort()).toEqual(['expense', 'instalment', 'time_entry']);
    const body = { caseId, lineIds: drafts.map((l: any) => l.id) };
    expect((await stack.as['li.ming'].post('/api/v1/invoices', body)).status).toBe(403);
    const created = await stack.as.finance.post('/api/v1/invoices', body);
    expect(created.status).toBe(201);
    invoiceId = created.body.id;
    // ¥9,000 + ¥1,800 taxed at 6 % (8,490.57 + 509.43, 1,698.11 + 101.89), ¥21,800 disbursed without VAT.
    expect(created.body).toMatchObject({ status: 'draft', number: null, vatRateBp: 600, totalFen: 3_260_000, taxFen: 50_943 + 10_189 });
    expect((await stack.as.finance.post('/api/v1/invoices', body)).status).toBe(409);
    const issued = await stack.as.finance.post(`/api/v1/invoices/${invoiceId}/issue`, {});
    expect(issued.status).toBe(200);
    expect(issued.body.number).toMatch(/^\d{4}-0001$/);
    expect(issued.body.documentId).toBeTruthy();
    expect((await stack.as.finance.del(`/api/v1/invoices/${invoiceId}`)).status).toBe(409);
    expect((await stack.as.finance.post(`/api/v1/invoices/${invoiceId}/issue`, {})).status).toBe(409);
    const pdf = await stack.as['li.ming'].download(`/api/v1/invoices/${invoiceId}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await extractText(new Uint8Array(pdf.bytes), 'application/pdf')).pages.map((p) => p.text).join('\n');
    for (const expected of ['上海明诚贸易有限公司', issued.body.number, '*鉴证咨询服务*法律服务费', '32,600.00'])
      expect(text).toContain(expected);
    expect((await stack.as['zhang.ting'].get(`/api/v1/invoices/${invoiceId}`)).status).toBe(404);
    expect((await stack.as['zhang.ting'].download(`/api/v1/invoices/${invoiceId}/pdf`)).status).toBe(404);
  });

  it('records a partial payment, refuses paying more than is owed unless kept as credit, and the figures agree', async () => {
    const fin = stack.as.finance;
    const part = await fin.post(`/api/v1/invoices/${invoiceId}/payments`, {
      amountFen: 1_000_000,
      method: 'bank',
      receivedOn: '2026-12-02',
    });
    expect(part.status).toBe(201);
    expect(part.body.invoice).toMatchObject({ status: 'partly_paid', paidFen: 1_000_000, outstandingFen: 2_260_000 });
    const over = await fin.post(`/api/v1/invoices/${invoiceId}/payments`, {
      amountFen: 3_000_000,
      method: 'wechat',
      receivedOn: '2026-12-02',
    });
    expect(over.status).toBe(422);
    expect(over.body.type).toMatch(/\/overpayment$/);
    expect(
      (await stack.as['li.ming'].post(`/api/v1/invoices/${invoiceId}/payments`, { amountFen: 1, method: 'cash', receivedOn: '2026-12-02' }))
        .status,
    ).toBe(403);
    const finance = (await stack.as['li.ming'].get(`/api/v1/cases/${caseId}/finance`)).body;
    expect(finance).toMatchObject({ billedFen: 3_260_000, receivedFen: 1_000_000, outstandingFen: 2_260_000, expensesFen: 2_180_000 });
    const ageingCsv = (await fin.download('/api/v1/reports/receivables-ageing.csv?lang=en')).bytes.toString('utf8');
    expect(ageingCsv).toContain('"Days past due","Invoices","Outstanding (CNY)"');
    expect(ageingCsv).toMatch(/"Total","\d+","\d+\.\d\d"/);
    const ageing = (await fin.get('/api/v1/reports/receivables-ageing')).body;
    expect(ageing.buckets.find((b: any) => b.bucket === '0-30').outstandingFen).toBeGreaterThanOrEqual(2_260_000);
    expect((await fin.post(`/api/v1/invoices/${invoiceId}/void`, { reason: '开错了' })).status).toBe(409);
    const rows = await stack.tdb.db('audit_log').where({ entity: 'payment' }).select('details', 'status');
    expect(rows.some((r: any) => r.details?.after?.status === 'partly_paid' && r.details?.before?.paidFen === 0)).toBe(true);
  });

  it('reports each lawyer’s month: billed, collected, time value, realisation; as CSV and Excel too', async () => {
    const month = (await stack.tdb.db('invoices').where({ id: invoiceId }).first('issued_on')).issued_on.slice(0, 7);
    const r = await stack.as.partner.get(`/api/v1/reports/lawyer-revenue?from=${month}&to=${month}`);
    expect(r.status).toBe(200);
    const row = r.body.rows.find((x: any) => x.userId === stack.ids['li.ming']);
    expect(row).toMatchObject({ month, billedFen: 3_260_000, collectedFen: 1_000_000, collectionRateBp: 3067 });
    expect((await stack.as['li.ming'].get('/api/v1/reports/lawyer-revenue')).status).toBe(403);
    // What the triggers keep is what the rows sum to.
    const range = { fromMonth: '2026-01', toMonth: month };
    expect(await lawyerMonthlyRevenue(stack.tdb.db, range)).toEqual(await lawyerMonthlyRevenueFromRows(stack.tdb.db, range));
    expect((await stack.as.partner.get('/api/v1/reports/lawyer-revenue?from=2026-13')).status).toBe(400);
    const csv = await stack.as.finance.download(`/api/v1/reports/lawyer-revenue.csv?from=${month}&to=${month}`);
    const text = csv.bytes.toString('utf8');
    expect(text.startsWith('\ufeff"月份"')).toBe(true);
    expect(text).toContain(`"${month}","李明","32600.00","10000.00"`);
    const xlsx = await stack.as.finance.download(`/api/v1/reports/lawyer-revenue.xlsx?from=${month}&to=${month}&lang=en`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(3).value).toBe('Billed (CNY)');
    const values = sheet
      .getSheetValues()
      .slice(2)
      .map((v) => (v as unknown[]).slice(1));
    expect(values).toContainEqual(expect.arrayContaining([month, '李明', 32600, 10000]));
  });
});

describe('after issue', () => {
  async function issuedInvoice(amountFen: number) {
    const kase = await caseOf('服务合同纠纷', { causeOfAction: '服务合同纠纷', amountInDisputeFen: 10_000_000 });
    await stack.as['li.ming'].put(`/api/v1/cases/${kase}/fee-arrangement`, {
      components: [fixed(amountFen, [{ label: '签约', percentBp: 10_000 }])],
    });
    const line = (await stack.as.finance.get(`/api/v1/cases/${kase}/invoice-lines`)).body.items[0];
    const draft = (await stack.as.finance.post('/api/v1/invoices', { caseId: kase, lineIds: [line.id] })).body;
    const issued = (await stack.as.finance.post(`/api/v1/invoices/${draft.id}/issue`, { dueOn: '2099-01-01' })).body;
    return { kase, line, invoice: issued };
  }

  it('draws the firm logo on its letterhead, and an issued one keeps the logo it was issued with', async () => {
    const images = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
    const setLogo = async (png: Buffer) =>
      (
        await fetch(`${stack.app.url}/api/v1/firm/logo`, {
          method: 'PUT',
          headers: { cookie: stack.as.admin.cookie, 'content-type': 'image/png' },
          body: png,
        })
      ).status;
    expect(await setLogo(makePng(30, 10, [200, 0, 0]))).toBe(200);
    const { invoice } = await issuedInvoice(100_000);
    const first = await stack.as.finance.download(`/api/v1/invoices/${invoice.id}/pdf`);
    expect(images(first.bytes)).toBe(1);
    // Another logo later: the issued invoice's PDF is the same bytes, as filed.
    expect(await setLogo(makePng(30, 10, [0, 0, 200]))).toBe(200);
    const again = await stack.as.finance.download(`/api/v1/invoices/${invoice.id}/pdf`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect((await stack.as.admin.del('/api/v1/firm/logo')).status).toBe(204);
    expect((await stack.as.finance.download(`/api/v1/invoices/${invoice.id}/pdf`)).bytes.equals(first.bytes)).toBe(true);
  });

  it('voids an unpaid invoice (its line is a draft again), and credits a paid one instead of editing it', async () => {
    const fin = stack.as.finance;
    const a = await issuedInvoice(1_000_000);
    expect((await fin.post(`/api/v1/invoices/${a.invoice.id}/void`, { reason: '' })).status).toBe(400);
    const voided = await fin.post(`/api/v1/invoices/${a.invoice.id}/void`, { reason: '抬头开错' });
    expect(voided.body).toMatchObject({ status: 'void', voidReason: '抬头开错', outstandingFen: 0 });
    const lines = (await fin.get(`/api/v1/cases/${a.kase}/invoice-lines`)).body.items;
    expect(lines.map((l: any) => l.invoiceId)).toEqual([null]);
    const b = await issuedInvoice(2_000_000);
    await fin.post(`/api/v1/invoices/${b.invoice.id}/payments`, { amountFen: 500_000, method: 'alipay', receivedOn: '2026-12-02' });
    const credit = await fin.post(`/api/v1/invoices/${b.invoice.id}/credit-note`, { reason: '客户解除委托，退还未发生部分' });
    expect(credit.status).toBe(201);
    expect(credit.body).toMatchObject({ kind: 'credit_note', creditOf: b.invoice.id, status: 'issued', totalFen: -2_000_000 });
    expect(credit.body.lines[0]).toMatchObject({ amountFen: -2_000_000, source: 'credit' });
    const original = (await fin.get(`/api/v1/invoices/${b.invoice.id}`)).body;
    expect(original).toMatchObject({ status: 'paid', paidFen: 500_000, writtenOffFen: 1_500_000, outstandingFen: 0 });
    expect((await fin.post(`/api/v1/invoices/${b.invoice.id}/credit-note`, { reason: '再次' })).status).toBe(409);
  });

  it('writes off part of what is owed with a reason, never more than is owed', async () => {
    const fin = stack.as.finance;
    const { invoice } = await issuedInvoice(1_000_000);
    expect((await fin.post(`/api/v1/invoices/${invoice.id}/write-offs`, { amountFen: 2_000_000, reason: '无法收回' })).status).toBe(422);
    expect((await fin.post(`/api/v1/invoices/${invoice.id}/write-offs`, { amountFen: 100.5, reason: '无法收回' })).status).toBe(400);
    const off = await fin.post(`/api/v1/invoices/${invoice.id}/write-offs`, { amountFen: 300_000, reason: '客户经营困难，协商减免' });
    expect(off.body).toMatchObject({ status: 'issued', writtenOffFen: 300_000, outstandingFen: 700_000 });
    const paid = await fin.post(`/api/v1/invoices/${invoice.id}/payments`, {
      amountFen: 800_000,
      method: 'cash',
      receivedOn: '2026-12-02',
      overpaymentAsCredit: true,
    });
    expect(paid.body).toMatchObject({ appliedFen: 700_000, creditFen: 100_000, invoice: { status: 'paid', outstandingFen: 0 } });
  });

  it('keeps the billing settings for admins and finance, refusing a VAT rate that is not one', async () => {
    const current = (await stack.as['li.ming'].get('/api/v1/billing/settings')).body;
    expect(current).toMatchObject({ vatRateBp: 600, timeIncrementMinutes: 6 });
    const next = { ...current, vatRateBp: 300, issuer: { ...current.issuer, taxId: '91110105MA01TEST0X', bankName: '中国银行北京分行' } };
    expect((await stack.as['li.ming'].put('/api/v1/billing/settings', next)).status).toBe(403);
    expect((await stack.as.finance.put('/api/v1/billing/settings', { ...next, vatRateBp: 550 })).status).toBe(400);
    expect((await stack.as.finance.put('/api/v1/billing/settings', { ...next, timeIncrementMinutes: 7 })).status).toBe(400);
    const saved = await stack.as.finance.put('/api/v1/billing/settings', next);
    expect(saved.body).toMatchObject({ vatRateBp: 300, issuer: { taxId: '91110105MA01TEST0X' } });
    // A new invoice takes the rate in force; an issued one keeps its own.
    const { invoice } = await issuedInvoice(1_030_000);
    expect(invoice).toMatchObject({ vatRateBp: 300, taxFen: 30_000, totalFen: 1_030_000 });
    // With cost rates, a case's profit counts its approved time at cost (李明's 54 minutes as a lawyer at ¥600/h).
    const before = (await stack.as.finance.get(`/api/v1/cases/${caseId}/finance`)).body;
    expect(before.timeCostFen).toBeNull();
    await stack.as.finance.put('/api/v1/billing/settings', {
      ...next,
      costRatesFen: { partner: 150_000, lawyer: 60_000, assistant: 20_000 },
    });
    const after = (await stack.as.finance.get(`/api/v1/cases/${caseId}/finance`)).body;
    expect(after.timeCostFen).toBe(54_000);
    expect(after.profitFen).toBe(before.profitFen - 54_000);
    await stack.as.finance.put('/api/v1/billing/settings', current);
    expect((await stack.as.finance.get(`/api/v1/invoices/${invoice.id}`)).body.vatRateBp).toBe(300);
  });

  it('mails an issued invoice to the client with its PDF attached, through the outbox to a real SMTP server', async () => {
    const { invoice, kase } = await issuedInvoice(1_000_000);
    const client = (await stack.as.finance.get(`/api/v1/invoices/${invoice.id}`)).body.clientId;
    const noAddress = await stack.as.finance.post(`/api/v1/invoices/${invoice.id}/send`, {});
    expect(noAddress.status).toBe(422);
    expect((await stack.as['li.ming'].post(`/api/v1/invoices/${invoice.id}/send`, { to: 'cfo@client.example' })).status).toBe(403);
    await stack.tdb.db('clients').where({ id: client }).update({ email: 'cfo@client.example' });
    const queued = await stack.as.finance.post(`/api/v1/invoices/${invoice.id}/send`, {});
    expect(queued.status).toBe(202);
    expect(queued.body).toEqual({ to: 'cfo@client.example', queued: true });
    const received: Array<{ to: string; subject: string; text: string; files: Array<{ name: string; type: string; bytes: Buffer }> }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, done) {
        simpleParser(stream).then((m) => {
          received.push({
            to: (Array.isArray(m.to) ? m.to[0] : m.to)!.text,
            subject: m.subject ?? '',
            text: m.text ?? '',
            files: m.attachments.map((a) => ({ name: a.filename ?? '', type: a.contentType, bytes: a.content })),
          });
          done();
        }, done);
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const dispatcher = startMailDispatcher({
      db: stack.tdb.db,
      smtpUrl: `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`,
      from: 'LexFlow <no-reply@lexflow.test>',
      logger: pino({ level: 'silent' }),
      everyMs: 60_000,
      storage: stack.app.storage,
    });
    try {
      await dispatcher.runOnce();
    } finally {
      await dispatcher.stop();
      await new Promise<void>((r) => server.close(() => r()));
    }
    const mail = received.find((m) => m.to === 'cfo@client.example')!;
    expect(mail.subject).toContain(invoice.number);
    expect(mail.text).toContain('¥10,000.00');
    expect(mail.files.map((f) => [f.name, f.type])).toEqual([[`账单-${invoice.number}.pdf`, 'application/pdf']]);
    const text = (await extractText(new Uint8Array(mail.files[0].bytes), 'application/pdf')).pages.map((p) => p.text).join('\n');
    expect(text).toContain(invoice.number);
    expect(kase).toBeTruthy();
  });

  it('answers a create retried after its answer was lost with what the first made, never a second one', async () => {
    const lawyer = stack.as['li.ming'];
    const { db } = stack.tdb;
    // The API died after committing, before it kept the answer: the key's row has no answer, its lease ran out.
    const lose = (key: string) =>
      db('idempotency_keys')
        .where({ key })
        .update({ status: null, response: null, lease_until: new Date(Date.now() - 60_000) });
    const send = (c: typeof lawyer, path: string, json: unknown, key: string) =>
      c.request('POST', path, { json, headers: { 'idempotency-key': key } });
    const entry = { caseId, workDate: '2026-12-02', minutes: 18, narrative: '重试的工时' };
    const first = await send(lawyer, '/api/v1/time-entries', entry, 'billing-retry-time');
    await lose('billing-retry-time');
    const again = await send(lawyer, '/api/v1/time-entries', entry, 'billing-retry-time');
    expect([again.status, again.body.id]).toEqual([201, first.body.id]);
    expect(await db('time_entries').where({ narrative: '重试的工时' })).toHaveLength(1);
    const expense = { category: 'courier', amountFen: 2_300, spentOn: '2026-12-02', paidBy: 'firm', description: '重试的快递费' };
    const x1 = await send(lawyer, `/api/v1/cases/${caseId}/expenses`, expense, 'billing-retry-expense');
    await lose('billing-retry-expense');
    const x2 = await send(lawyer, `/api/v1/cases/${caseId}/expenses`, expense, 'billing-retry-expense');
    expect(x2.body.id).toBe(x1.body.id);
    expect(await db('expenses').where({ description: '重试的快递费' })).toHaveLength(1);
    const { kase } = await issuedInvoice(700_000).then(async (r) => ({ kase: r.kase }));
    await lawyer.put(`/api/v1/cases/${kase}/fee-arrangement`, { components: [fixed(500_000, [{ label: '签约', percentBp: 10_000 }])] });
    const entry2 = (await lawyer.post('/api/v1/time-entries', { caseId: kase, workDate: '2026-12-02', minutes: 60, narrative: '开票' }))
      .body;
    await stack.as.partner.post(`/api/v1/time-entries/${entry2.id}/approve`, {});
    const line = (await stack.as.finance.get(`/api/v1/cases/${kase}/invoice-lines`)).body.items.find((l: any) => !l.invoiceId);
    const i1 = await send(stack.as.finance, '/api/v1/invoices', { caseId: kase, lineIds: [line.id] }, 'billing-retry-invoice');
    await lose('billing-retry-invoice');
    const i2 = await send(stack.as.finance, '/api/v1/invoices', { caseId: kase, lineIds: [line.id] }, 'billing-retry-invoice');
    expect([i2.status, i2.body.id]).toEqual([201, i1.body.id]);
    // A payment retried after its answer was lost is recorded once.
    await stack.as.finance.post(`/api/v1/invoices/${i1.body.id}/issue`, {});
    const pay = { amountFen: 100_000, method: 'bank', receivedOn: '2026-12-02' };
    const p1 = await send(stack.as.finance, `/api/v1/invoices/${i1.body.id}/payments`, pay, 'billing-retry-payment');
    await lose('billing-retry-payment');
    const p2 = await send(stack.as.finance, `/api/v1/invoices/${i1.body.id}/payments`, pay, 'billing-retry-payment');
    expect([p2.status, p2.body.id, p2.body.invoice.paidFen]).toEqual([201, p1.body.id, 100_000]);
    expect(await db('payment_allocations').where({ invoice_id: i1.body.id })).toHaveLength(1);
  });

  it('spreads one transfer from a client over their open invoices, oldest first', async () => {
    const fin = stack.as.finance;
    const { db } = stack.tdb;
    const clientId = (await stack.as['li.ming'].post('/api/v1/clients', { kind: 'organisation', name: '合并付款测试有限公司' })).body.id;
    const ids: string[] = [];
    for (const [n, total, issued] of [
      [1, 300_000, '2026-10-01'],
      [2, 500_000, '2026-11-01'],
    ] as const) {
      const kase = (await db('cases').where({ lead_lawyer_id: stack.ids['li.ming'] }).first('id')).id;
      const [row] = await db('invoices')
        .insert({
          number: `MERGE-${n}`,
          case_id: kase,
          client_id: clientId,
          status: 'issued',
          vat_rate_bp: 600,
          issued_on: issued,
          due_on: issued,
          total_fen: total,
          created_by: stack.ids.finance,
        })
        .returning('id');
      ids.push(row.id);
    }
    const pay = (amountFen: number, overpaymentAsCredit = false) =>
      fin.post(`/api/v1/clients/${clientId}/payments`, { amountFen, method: 'bank', receivedOn: '2026-12-02', overpaymentAsCredit });
    expect((await pay(900_000)).status).toBe(422);
    expect(
      (await stack.as['li.ming'].post(`/api/v1/clients/${clientId}/payments`, { amountFen: 1, method: 'bank', receivedOn: '2026-12-02' }))
        .status,
    ).toBe(403);
    const first = await pay(400_000);
    expect(first.status).toBe(201);
    expect(first.body.allocations).toEqual([
      { invoiceId: ids[0], number: 'MERGE-1', amountFen: 300_000 },
      { invoiceId: ids[1], number: 'MERGE-2', amountFen: 100_000 },
    ]);
    const statuses = await db('invoices').whereIn('id', ids).orderBy('number').pluck('status');
    expect(statuses).toEqual(['paid', 'partly_paid']);
    const rest = await pay(450_000, true);
    expect(rest.body).toMatchObject({ creditFen: 50_000, allocations: [{ invoiceId: ids[1], amountFen: 400_000 }] });
  });
});
