import { readPdfText } from '../../activities/documents/pdf-text';
import { amountInWords, DISBURSEMENT_NOTE, INVOICE_ITEM_NAMES, invoiceTotals } from '../../domain/fees';
import { fenToYuan } from '../../domain/money';
import { makePng } from '../../test/helpers/document-fixtures';
import { renderInvoicePdf, type InvoicePdfInput, type InvoicePdfLine } from './invoice-pdf';

/**
 * The text of each page as pdf.js reads it back: unpdf's pdf.js in the document indexer's reader
 * thread (jest's module system cannot load the ESM-only unpdf itself). It joins a page's text items
 * as unpdf's extractText(…, { mergePages: false }) does: each item, and a line break after an item
 * that ends a line.
 */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const text = await readPdfText(new Uint8Array(pdf), { maxChars: 10_000_000, maxPages: 100, deadline: Date.now() + 30_000 });
  return text.pages.map((p) => p.text);
}

/** How often an amount stands on its own in the text (10,600.00 is not counted inside 110,600.00). */
function occurrences(text: string, figure: string): number {
  const escaped = figure.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.match(new RegExp(`(?<![\\d,.])${escaped}(?!\\d)`, 'g'))?.length ?? 0;
}

const squash = (text: string) => text.replace(/\s+/g, '');

type LineInput = Pick<InvoicePdfLine, 'itemName' | 'description' | 'inclusiveFen' | 'disbursement'>;

/** An invoice as billing would hand it over: VAT split per line by the domain rules, totals the sums of the lines. */
function invoice(lines: LineInput[], overrides: Partial<InvoicePdfInput> = {}): InvoicePdfInput {
  const vatRateBp = overrides.vatRateBp ?? 600;
  const split = invoiceTotals(
    lines.filter((l) => !l.disbursement),
    vatRateBp,
  );
  const disbursed = lines.filter((l) => l.disbursement).map((l) => ({ ...l, netFen: l.inclusiveFen, taxFen: 0 }));
  const disbursementFen = disbursed.reduce((sum, l) => sum + l.inclusiveFen, 0);
  const totalDueFen = split.inclusiveFen + disbursementFen;
  const paidFen = overrides.paidFen ?? 0;
  return {
    number: '2026-0007',
    kind: 'invoice',
    status: 'issued',
    issuedOn: '2026-03-05',
    dueOn: '2026-04-04',
    issuer: {
      name: '北京市明理律师事务所',
      taxId: '91110105MA01ABCD2X',
      address: '北京市朝阳区建国路88号现代城A座18层',
      phone: '010-8523 6677',
      bankName: '招商银行北京建国路支行',
      bankAccount: '1109 0812 3410 201',
    },
    client: { name: '上海远航国际贸易有限公司', taxId: '91310115MA1K4XYZ9P', address: '上海市浦东新区世纪大道100号' },
    caseRef: { number: '(2026)京0105民初1234号', title: '远航公司诉华东物流买卖合同纠纷' },
    vatRateBp,
    lines: [...split.lines, ...disbursed],
    totals: { netFen: split.netFen, taxFen: split.taxFen, inclusiveFen: split.inclusiveFen, disbursementFen, totalDueFen },
    paidFen,
    outstandingFen: totalDueFen - paidFen,
    ...overrides,
  };
}

const FEE: LineInput = {
  itemName: INVOICE_ITEM_NAMES.legalService,
  description: '一审代理费第一期（签约时 30%）',
  inclusiveFen: 1_060_000,
};
const TRAVEL: LineInput = { itemName: INVOICE_ITEM_NAMES.rechargedCost, description: '赴上海调查取证差旅费', inclusiveFen: 31_800 };
const COURT_FEE: LineInput = { itemName: '诉讼费', description: '一审案件受理费', inclusiveFen: 885_000, disbursement: true };

describe('renderInvoicePdf: the bill a client receives, read back as text', () => {
  it('names the firm, the client, the number and each item, with net, VAT at 6 %, total and the amount in 大写', async () => {
    const input = invoice([FEE]);
    const pdf = await renderInvoicePdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfPages(pdf);
    expect(pages).toHaveLength(1);
    const [text] = pages;
    for (const part of [
      '北京市明理律师事务所',
      '纳税人识别号 91110105MA01ABCD2X',
      '上海远航国际贸易有限公司',
      '91310115MA1K4XYZ9P',
      '账单编号 2026-0007',
      '开具日期 2026年3月5日',
      '付款期限 2026年4月4日',
      '(2026)京0105民初1234号',
      '*鉴证咨询服务*法律服务费',
      '一审代理费第一期（签约时 30%）',
      '不含税金额',
      '价税合计',
      '10,000.00 6% 600.00 10,600.00',
      '应付总额 ¥10,600.00',
      '大写金额：壹万零陆佰元整',
      '招商银行北京建国路支行',
      '1109 0812 3410 201',
      '增值税发票由本所另行开具',
      '第 1 页，共 1 页',
    ])
      expect(text).toContain(part);
    expect(text).not.toContain('作废');
    expect(text).not.toContain('代垫费用');
  });

  it('embeds every font it uses, as subsets of Noto Sans SC (no system font is named)', async () => {
    const raw = (await renderInvoicePdf(invoice([FEE, COURT_FEE]))).toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([^\s/]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(1);
    for (const font of fonts) expect(font).toMatch(/^[A-Z]{6}\+NotoSansSC-(Regular|Bold)$/);
    // Each font is named twice (the Type0 font and its CID font), and its file is in the PDF once.
    expect(raw.match(/\/FontFile2 /g)).toHaveLength(new Set(fonts).size);
  });

  it('speaks English when asked, every label translated, the item names and 大写 kept as the law writes them', async () => {
    const text = (await pdfPages(await renderInvoicePdf(invoice([FEE, TRAVEL]), { locale: 'en' }))).join('\n');
    for (const part of [
      'Invoice no. 2026-0007',
      'Issue date 5 Mar 2026',
      'Payment due 4 Apr 2026',
      'Client (payer)',
      'Item Description Net Rate VAT Total incl. VAT',
      '*鉴证咨询服务*法律服务费',
      '*鉴证咨询服务*办案费用',
      '300.00 6% 18.00 318.00',
      'Total due CN¥10,918.00',
      '壹万零玖佰壹拾捌元整',
      'not a VAT invoice (fapiao)',
      'Page 1 of 1',
    ])
      expect(text).toContain(part);
    for (const chinese of ['账单编号', '开具日期', '价税合计', '应付总额', '大写金额', '付款信息', '第 1 页'])
      expect(text).not.toContain(chinese);
  });

  it('marks a void bill 作废 / VOID and asks for no payment', async () => {
    const text = (await pdfPages(await renderInvoicePdf(invoice([FEE], { status: 'void' })))).join('\n');
    expect(text).toContain('作废 VOID');
    expect(text).toContain('状态 已作废');
    expect(text).not.toContain('付款信息');
    expect(text).not.toContain('尚欠金额');
  });

  it('heads a draft 账单（草稿）, stamped 草稿, with no number yet', async () => {
    const input = invoice([FEE], { number: null, status: 'draft', issuedOn: null, dueOn: null });
    const text = (await pdfPages(await renderInvoicePdf(input))).join('\n');
    expect(text).toContain('账单（草稿）');
    expect(text).toContain('草稿 DRAFT');
    expect(text).toContain('账单编号 草稿（开具时编号）');
    expect(text).not.toContain('2026-0007');
  });

  it('shows a credit note as 贷项通知单 with the invoice it reverses and negative amounts, 负 in 大写', async () => {
    const input = invoice([{ ...FEE, inclusiveFen: -1_060_000 }], { number: '2026-0009', kind: 'credit_note', creditOf: '2026-0003' });
    const text = (await pdfPages(await renderInvoicePdf({ ...input, outstandingFen: 0 }))).join('\n');
    for (const part of ['贷项通知单', '冲销 2026-0003', '通知单编号 2026-0009', '-10,000.00 6% -600.00 -10,600.00', '冲销总额 -¥10,600.00'])
      expect(text).toContain(part);
    expect(text).toContain(`大写金额：${amountInWords(-1_060_000)}`);
    expect(text).toContain('负壹万零陆佰元整');
    expect(text).toContain('红字增值税发票由本所另行开具');
    expect(text).not.toContain('付款信息');
  });

  it('lists 代垫费用 in a section of their own, outside VAT, and counts them into the total due', async () => {
    const text = (await pdfPages(await renderInvoicePdf(invoice([FEE, COURT_FEE])))).join('\n');
    const section = text.slice(text.indexOf('代垫费用\n'));
    expect(section).toContain(DISBURSEMENT_NOTE.zh);
    expect(section).toContain('诉讼费 一审案件受理费 8,850.00');
    expect(occurrences(text, '8,850.00')).toBe(3); // the line, its section's subtotal and the summary
    expect(text).toContain('代垫费用 ¥8,850.00');
    expect(text).toContain('应付总额 ¥19,450.00');
    expect(text).toContain('壹万玖仟肆佰伍拾元整');
    // The VAT sums leave the disbursement out.
    expect(text).toContain('价税合计 ¥10,600.00');
  });

  it('shows the payments received and what is still owed (尚欠)', async () => {
    const payments = [
      { receivedOn: '2026-03-12', methodLabel: '银行转账', amountFen: 300_000 },
      { receivedOn: '2026-03-20', methodLabel: '微信支付', amountFen: 200_000 },
    ];
    const input = invoice([FEE], { status: 'partly_paid', paidFen: 500_000, payments });
    const text = (await pdfPages(await renderInvoicePdf(input))).join('\n');
    for (const part of [
      '已收款项',
      '2026年3月12日 银行转账 3,000.00',
      '2026年3月20日 微信支付 2,000.00',
      '已付金额 ¥5,000.00',
      '尚欠金额 ¥5,600.00',
    ])
      expect(text).toContain(part);
  });

  it('wraps a long description inside its cell and splits a row taller than a page, losing no character', async () => {
    const long = Array.from(
      { length: 40 },
      (_, i) => `第${i + 1}段：审阅借款合同、担保合同及往来函件，梳理争议焦点并起草法律意见书。`,
    ).join('\n');
    const pages = await pdfPages(await renderInvoicePdf(invoice([{ ...FEE, description: long }])));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const amounts = '10,000.00 6% 600.00 10,600.00';
    expect(pages[0]).toContain(amounts); // on the row's first part, once
    expect(pages.join('\n').split(amounts)).toHaveLength(2);
    expect(pages[1]).toContain('项目名称 说明 不含税金额 税率 税额 价税合计');
    // Without the page furniture between its parts (footer, running head, repeated header), the description is whole and in order.
    const furniture = [
      /本账单为收费通知.*?第\d+页，共\d+页/g,
      /北京市明理律师事务所·账单2026-0007（续）项目名称说明不含税金额税率税额价税合计/g,
      squash(amounts),
    ];
    const body = furniture.reduce<string>((text, part) => text.split(part).join(''), squash(pages.join('\n')));
    expect(body).toContain(squash(long));
  });

  it('draws a character the font lacks as □ instead of failing, and straightens quotes inside English words', async () => {
    const input = invoice([{ ...FEE, description: 'Client’s “urgent” review 😀' }], {
      client: { name: '远航😀公司', taxId: null, address: null },
    });
    const text = (await pdfPages(await renderInvoicePdf(input, { locale: 'en' }))).join('\n');
    expect(text).toContain('远航□公司');
    expect(text).toContain(`Client's "urgent" review □`);
  });
});

describe('renderInvoicePdf: a long invoice', () => {
  /** 60 lines whose amounts (¥50,010.01 … ¥50,600.60, nets near 47,000 and VAT near 2,800) never coincide. */
  const lines: LineInput[] = Array.from({ length: 60 }, (_, i) => ({
    itemName: INVOICE_ITEM_NAMES.legalService,
    description: `计时服务第${i + 1}项：${i % 7 === 0 ? '起草并修改股权转让协议、董事会决议及相关附件，与对方律师多轮电话会议沟通交易结构' : '合同审查'}`,
    inclusiveFen: 5_000_000 + (i + 1) * 1_001,
  }));
  const input = invoice(lines);
  const figure = (fen: number) => new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 }).format(fenToYuan(fen));

  it('runs onto further pages with the table header repeated, every line’s amounts there exactly once', async () => {
    const pages = await pdfPages(await renderInvoicePdf(input));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const text = pages.join('\n');
    for (const line of input.lines) {
      for (const fen of [line.netFen, line.taxFen, line.inclusiveFen]) expect(occurrences(text, figure(fen))).toBe(1);
    }
    for (const page of pages.slice(1)) {
      expect(page).toContain('北京市明理律师事务所 · 账单 2026-0007（续）');
      expect(page).toContain('项目名称 说明 不含税金额 税率 税额 价税合计');
    }
    expect(pages[0]).toContain('计时服务第1项');
    expect(pages[pages.length - 1]).toContain('计时服务第60项');
    expect(text).toContain(`应付总额 ¥${figure(input.totals.totalDueFen)}`);
    expect(text).toContain(amountInWords(input.totals.totalDueFen));
    pages.forEach((page, i) => expect(page).toContain(`第 ${i + 1} 页，共 ${pages.length} 页`));
  });

  it('gives the same bytes for the same input, and other bytes for another', async () => {
    const first = await renderInvoicePdf(input);
    expect((await renderInvoicePdf(structuredClone(input))).equals(first)).toBe(true);
    expect((await renderInvoicePdf({ ...input, number: '2026-0008' })).equals(first)).toBe(false);
  });
});

describe('renderInvoicePdf: the firm logo on the letterhead', () => {
  const images = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g) ?? [];

  it('draws the logo as an image XObject when the input has one, and none without, the text unchanged', async () => {
    const input = invoice([FEE]);
    const plain = await renderInvoicePdf(input);
    expect(images(plain)).toHaveLength(0);
    const logo = makePng(60, 20);
    const withLogo = await renderInvoicePdf({ ...input, logo });
    expect(images(withLogo)).toHaveLength(1);
    expect(withLogo.toString('latin1')).toMatch(/\/Width 60\s+\/Height 20|\/Height 20[\s\S]{0,80}\/Width 60/);
    expect((await pdfPages(withLogo)).join('\n')).toContain(input.issuer.name);
    // Still a pure function of its input, the logo bytes among it.
    expect((await renderInvoicePdf({ ...input, logo: Buffer.from(logo) })).equals(withLogo)).toBe(true);
  });

  it('leaves out a logo pdfkit cannot read (a PNG signature and nothing else) instead of failing the bill', async () => {
    const broken = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const pdf = await renderInvoicePdf({ ...invoice([FEE]), logo: broken });
    expect(images(pdf)).toHaveLength(0);
  });
});
