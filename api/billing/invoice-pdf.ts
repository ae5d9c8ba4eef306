import PDFDocument from 'pdfkit';
import { fontRuns, subsetBytes, subsetFor, subsetInWeight, type FontSubset } from '../../db/factories/pdf-fonts';
import { amountInWords, DISBURSEMENT_NOTE, percentText, type LocalText } from '../../domain/fees';
import { fenToYuan, formatFen } from '../../domain/money';

/**
 * The bill (账单 / 收费通知) a firm sends a client, as an A4 PDF: a pure function of the invoice's
 * data, so the same input is the same bytes. The firm is the issuer; this is not the tax
 * authority's 发票, which the firm issues separately (every page's footer says so). Text is drawn
 * in Noto Sans SC subsets embedded from the npm package (no system font), laid out here so long
 * texts wrap inside their cells and the line table continues on the next page under its header.
 */
export type InvoicePdfLocale = 'zh-CN' | 'en';

export interface InvoicePdfLine {
  itemName: string;
  description: string | null;
  inclusiveFen: number;
  netFen: number;
  taxFen: number;
  /** 代垫费用: paid in the client's name, listed in its own section outside VAT. */
  disbursement?: boolean;
}

export interface InvoicePdfInput {
  /** '2026-0007'; null while a draft. */
  number: string | null;
  kind: 'invoice' | 'credit_note';
  /** The number of the invoice a credit note reverses. */
  creditOf?: string | null;
  status: 'draft' | 'issued' | 'partly_paid' | 'paid' | 'void';
  /** Civil dates, 'YYYY-MM-DD'. */
  issuedOn: string | null;
  dueOn: string | null;
  issuer: {
    name: string;
    taxId: string | null;
    address: string | null;
    phone: string | null;
    bankName: string | null;
    bankAccount: string | null;
  };
  client: { name: string; taxId: string | null; address: string | null };
  caseRef: { number: string; title: string } | null;
  vatRateBp: number;
  lines: InvoicePdfLine[];
  totals: { netFen: number; taxFen: number; inclusiveFen: number; disbursementFen: number; totalDueFen: number };
  paidFen: number;
  outstandingFen: number;
  payments?: Array<{ receivedOn: string; methodLabel: string; amountFen: number }>;
  /** The firm's logo (PNG or JPEG bytes), drawn above its name; the bytes are input, so the PDF stays a function of it. */
  logo?: Buffer | null;
  note?: string | null;
}

const tx = (zh: string, en: string): LocalText => ({ zh, en });
const L = {
  invoice: tx('账单', 'Invoice'),
  draftInvoice: tx('账单（草稿）', 'Draft invoice'),
  creditNote: tx('贷项通知单', 'Credit note'),
  subtitle: tx('收费通知', 'Fee note'),
  reverses: tx('冲销', 'Reverses'),
  phone: tx('电话', 'Tel.'),
  taxId: tx('纳税人识别号', 'Taxpayer ID'),
  address: tx('地址', 'Address'),
  client: tx('客户（付款方）', 'Client (payer)'),
  creditClient: tx('客户', 'Client'),
  number: tx('账单编号', 'Invoice no.'),
  creditNumber: tx('通知单编号', 'Credit note no.'),
  unnumbered: tx('草稿（开具时编号）', 'Draft (numbered on issue)'),
  issuedOn: tx('开具日期', 'Issue date'),
  dueOn: tx('付款期限', 'Payment due'),
  caseRef: tx('案件', 'Matter'),
  status: tx('状态', 'Status'),
  item: tx('项目名称', 'Item'),
  description: tx('说明', 'Description'),
  net: tx('不含税金额', 'Net'),
  rate: tx('税率', 'Rate'),
  tax: tx('税额', 'VAT'),
  inclusive: tx('价税合计', 'Total incl. VAT'),
  subtotal: tx('合计', 'Subtotal'),
  disbursements: tx('代垫费用', 'Disbursements'),
  amount: tx('金额', 'Amount'),
  totalNet: tx('不含税金额合计', 'Total excluding VAT'),
  totalTax: tx('税额合计', 'VAT total'),
  totalInclusive: tx('价税合计', 'Total including VAT'),
  totalDue: tx('应付总额', 'Total due'),
  totalCredit: tx('冲销总额', 'Total credited'),
  inWords: tx('大写金额', 'Amount in words (Chinese capitals)'),
  paid: tx('已付金额', 'Paid'),
  outstanding: tx('尚欠金额', 'Outstanding'),
  payments: tx('已收款项', 'Payments received'),
  receivedOn: tx('收款日期', 'Received on'),
  method: tx('付款方式', 'Method'),
  payTo: tx('付款信息', 'How to pay'),
  accountName: tx('户名', 'Account name'),
  bankName: tx('开户银行', 'Bank'),
  bankAccount: tx('账号', 'Account no.'),
  quoteNumber: tx('付款时请在附言中注明账单编号', 'Please quote the invoice number with your payment'),
  note: tx('备注', 'Note'),
  continued: tx('续', 'continued'),
  notFapiao: tx(
    '本账单为收费通知，不是增值税发票；增值税发票由本所另行开具。',
    'This is a fee note, not a VAT invoice (fapiao); the firm issues the VAT invoice separately.',
  ),
  creditNotFapiao: tx(
    '本通知单不是增值税发票；红字增值税发票由本所另行开具。',
    'This credit note is not a VAT invoice (fapiao); the firm issues the red-letter VAT invoice separately.',
  ),
  page: tx('第 {n} 页，共 {total} 页', 'Page {n} of {total}'),
};
/** Punctuation around a value in each language: 税额合计（6%）, VAT total (6%). */
const PUNCT = { 'zh-CN': { colon: '：', open: '（', close: '）' }, en: { colon: ': ', open: ' (', close: ')' } } as const;
const STATUS: Record<InvoicePdfInput['status'], LocalText> = {
  draft: tx('草稿', 'Draft'),
  issued: tx('已开具', 'Issued'),
  partly_paid: tx('部分付款', 'Partly paid'),
  paid: tx('已付清', 'Paid'),
  void: tx('已作废', 'Void'),
};
/** Across the page in both languages, whatever the locale: a void or draft bill must be told at a glance. */
const STAMP = {
  void: { text: '作废 VOID', color: '#c62828', opacity: 0.22 },
  draft: { text: '草稿 DRAFT', color: '#757575', opacity: 0.18 },
};

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const WIDTH = PAGE.width - 2 * MARGIN;
/** Content stops here; the footer sits below. */
const BOTTOM = PAGE.height - 64;
const PAD = 4;
const INK = '#212121';
const GREY = '#616161';
const RULE = '#bdbdbd';

interface Style {
  size: number;
  bold?: boolean;
  color?: string;
  opacity?: number;
}
const BODY: Style = { size: 9 };
const CELL: Style = { size: 8.5 };
const SMALL: Style = { size: 7.5, color: GREY };

/**
 * User text made drawable: a character Noto Sans SC cannot draw becomes □ (a name must never fail the
 * bill), tabs become spaces, other control and invisible format characters go, and curly quotes
 * inside Latin text become straight ones (the font's are full-width: client’s would read "client’  s").
 */
function clean(text: string, singleLine = false): string {
  let out = '';
  const normalized = text
    .replace(/\r\n?/g, '\n')
    .replace(/(?<=[A-Za-z0-9])[‘’]|[‘’](?=[A-Za-z0-9])/g, "'")
    .replace(/“(?=[A-Za-z0-9])|(?<=[A-Za-z0-9.,!?])”/g, '"');
  for (const char of normalized) {
    if (char === '\n') out += singleLine ? ' ' : '\n';
    else if (char === '\t') out += ' ';
    else if (/[\p{Cc}\p{Cf}]/u.test(char)) continue;
    else out += subsetFor(char) ? char : '□';
  }
  return out;
}

/** Ideographs and full-width forms may break anywhere; a Latin word moves to the next line whole. */
const TOKEN = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|\s+|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+/gu;
/** Closing punctuation never starts a line (Chinese typesetting); it may hang past the cell's edge. */
const NO_LINE_START = /^[，。、；：？！）》」』】”’…%,.;:?!)]/u;
/** Opening brackets never end a line: they move down with what they open. */
const NO_LINE_END = /[（《「『【“‘]$/u;

/** Draws and measures text in the Noto Sans SC subsets, registering each with the document on first use. */
class Pen {
  private readonly registered = new Set<string>();
  private readonly widths = new Map<string, number>();

  constructor(readonly doc: PDFKit.PDFDocument) {}

  private runs(text: string, style: Style) {
    return fontRuns(text).map((run) => ({ text: run.text, subset: style.bold ? subsetInWeight(run.subset, 700) : run.subset }));
  }

  private use(subset: FontSubset, style: Style): PDFKit.PDFDocument {
    if (!this.registered.has(subset.name)) {
      this.doc.registerFont(subset.name, subsetBytes(subset));
      this.registered.add(subset.name);
    }
    return this.doc.font(subset.name).fontSize(style.size);
  }

  width(text: string, style: Style): number {
    const key = `${style.bold ? 'b' : 'r'}${style.size}|${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = 0;
      for (const run of this.runs(text, style)) w += this.use(run.subset, style).widthOfString(run.text);
      this.widths.set(key, w);
    }
    return w;
  }

  /** One line at (x, y) (y is the top of the line); right or centre alignment within `width` from x. */
  text(
    text: string,
    x: number,
    y: number,
    style: Style,
    align: { width: number; align: 'left' | 'right' | 'center' } = { width: 0, align: 'left' },
  ) {
    if (!text) return;
    const w = this.width(text, style);
    let at = align.align === 'right' ? x + align.width - w : align.align === 'center' ? x + (align.width - w) / 2 : x;
    this.doc.fillColor(style.color ?? INK, style.opacity);
    for (const run of this.runs(text, style)) {
      this.use(run.subset, style).text(run.text, at, y, { lineBreak: false });
      at += this.doc.widthOfString(run.text);
    }
  }

  /** The style, smaller if need be, that sets the text on one line of `width`. */
  shrunk(text: string, width: number, style: Style): Style {
    const w = this.width(text, style);
    return w <= width ? style : { ...style, size: (style.size * width) / w };
  }

  /** The text cut to one line of `width`, with … where it was cut. */
  fit(text: string, width: number, style: Style): string {
    if (this.width(text, style) <= width) return text;
    const chars = [...text];
    while (chars.length && this.width(`${chars.join('')}…`, style) > width) chars.pop();
    return `${chars.join('')}…`;
  }

  /** Lines no wider than `width` (a word wider than a line is split by character); paragraphs stay lines. */
  wrap(text: string, width: number, style: Style): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      let used = 0;
      const push = () => {
        const carry = line.length > 1 && NO_LINE_END.test(line) ? line.slice(-1) : '';
        lines.push(line.slice(0, line.length - carry.length).trimEnd());
        [line, used] = [carry, carry ? this.width(carry, style) : 0];
      };
      const add = (piece: string, w: number) => {
        line += piece;
        used += w;
      };
      for (const token of paragraph.match(TOKEN) ?? []) {
        if (/^\s/.test(token)) {
          if (line) add(token, this.width(token, style));
          continue;
        }
        const w = this.width(token, style);
        const hangs = NO_LINE_START.test(token);
        if (line && used + w > width && !hangs) push();
        if (w <= width || hangs) add(token, w);
        else
          for (const char of token) {
            const cw = this.width(char, style);
            if (line && used + cw > width) push();
            add(char, cw);
          }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }
}

interface Column {
  width: number;
  align: 'left' | 'right' | 'center';
  /** An amount: one line always, set smaller rather than split when it is wider than the column. */
  figure?: boolean;
}
interface Row {
  cells: string[];
  bold?: boolean;
}

/** Noto Sans SC's ascent and descent take 1.45 em: a line of 1.5 em never touches the next. */
const lineHeight = (style: Style) => style.size * 1.5;
/** Where a continuation page's content starts, below its running head. */
const CONTINUED_TOP = MARGIN + lineHeight(SMALL) + 2;

/** The page flow: a cursor, new pages when content would reach the footer, and the open table's header repeated on them. */
class Sheet {
  y = MARGIN;
  /** What a continuation page starts with below its running head: the header of the table being drawn. */
  private continuation: (() => void) | undefined;

  constructor(
    readonly pen: Pen,
    private readonly runningHead: string,
  ) {}

  newPage(): void {
    const first = this.pen.doc.bufferedPageRange().count === 0;
    this.pen.doc.addPage({ size: 'A4', margin: 0 });
    this.y = MARGIN - 8;
    if (!first) {
      this.pen.text(this.pen.fit(this.runningHead, WIDTH, SMALL), MARGIN, this.y, SMALL);
      this.rule(this.y + lineHeight(SMALL) + 2, RULE);
      this.y = CONTINUED_TOP;
      this.continuation?.();
    }
  }

  /** Keeps `height` points together: a new page when they would not fit above the footer. */
  room(height: number): void {
    if (this.y + height > BOTTOM) this.newPage();
  }

  rule(y: number, color: string, from = MARGIN, to = MARGIN + WIDTH, width = 0.5): void {
    this.pen.doc.moveTo(from, y).lineTo(to, y).lineWidth(width).strokeColor(color).stroke();
  }

  /** Wrapped text over the full width (or from x over width), the cursor moved below it. */
  paragraph(text: string, style: Style, x = MARGIN, width = WIDTH, align: Column['align'] = 'left'): void {
    for (const line of this.pen.wrap(text, width, style)) {
      this.room(lineHeight(style));
      this.pen.text(line, x, this.y, style, { width, align });
      this.y += lineHeight(style);
    }
  }

  /**
   * A table whose header row repeats on every page it runs onto. A row is kept on one page when it
   * fits on one; a row taller than a page (a very long description) is split between pages.
   */
  table(columns: Column[], header: string[], rows: Row[], style: Style = CELL): void {
    const xs = columns.map((_, i) => MARGIN + columns.slice(0, i).reduce((sum, c) => sum + c.width, 0));
    const lh = lineHeight(style);
    const inner = (i: number) => columns[i].width - 2 * PAD;
    const cellLines = (cells: string[], s: Style) =>
      cells.map((cell, i) => (columns[i].figure ? [cell] : this.pen.wrap(cell, inner(i), s)));
    const headStyle = { ...style, bold: true };
    const headLines = header.map((cell, i) => this.pen.wrap(cell, inner(i), headStyle));
    const headHeight = Math.max(...headLines.map((l) => l.length)) * lh + 2 * PAD;
    const drawHeader = () => {
      this.pen.doc.rect(MARGIN, this.y, WIDTH, headHeight).fillColor('#eeeeee').fill();
      headLines.forEach((lines, i) =>
        lines.forEach((line, k) =>
          this.pen.text(line, xs[i] + PAD, this.y + PAD + k * lh, headStyle, {
            width: columns[i].width - 2 * PAD,
            align: columns[i].align,
          }),
        ),
      );
      this.y += headHeight;
      this.rule(this.y, GREY);
    };
    const pageRoom = BOTTOM - CONTINUED_TOP - headHeight;
    // The header never ends a page alone: it stays with the first row, or with the first lines of a row taller than a page.
    const firstLines = rows.length ? Math.max(...cellLines(rows[0].cells, style).map((l) => l.length)) : 0;
    const firstRow = firstLines * lh + 2 * PAD;
    this.room(headHeight + (firstRow <= pageRoom ? firstRow : 3 * lh + 2 * PAD));
    drawHeader();
    this.continuation = drawHeader;
    for (const row of rows) {
      const rowStyle = row.bold ? { ...style, bold: true } : style;
      const lines = cellLines(row.cells, rowStyle);
      const count = Math.max(1, ...lines.map((l) => l.length));
      const height = count * lh + 2 * PAD;
      if (this.y + height > BOTTOM && height <= pageRoom) this.newPage();
      if (row.bold) this.rule(this.y, GREY, MARGIN, MARGIN + WIDTH, 0.8);
      for (let from = 0; from < count;) {
        if (this.y + lh + 2 * PAD > BOTTOM) this.newPage();
        const to = Math.min(count, from + Math.floor((BOTTOM - this.y - 2 * PAD) / lh));
        lines.forEach((cell, i) =>
          cell.slice(from, to).forEach((line, k) =>
            this.pen.text(
              line,
              xs[i] + PAD,
              this.y + PAD + k * lh,
              columns[i].figure ? this.pen.shrunk(line, inner(i), rowStyle) : rowStyle,
              {
                width: inner(i),
                align: columns[i].align,
              },
            ),
          ),
        );
        this.y += (to - from) * lh + 2 * PAD;
        this.rule(this.y, RULE);
        from = to;
      }
    }
    this.continuation = undefined;
  }
}

/** Yuan with two decimals and thousands separators, from the fen's decimal digits (no float division). */
const DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const amount = (fen: number) => DECIMAL.format(fenToYuan(fen));

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A civil date as the reader writes it: 2026年3月5日, 5 Mar 2026 (text that is not such a date is shown as it is). */
function civilDate(date: string | null, locale: InvoicePdfLocale): string {
  if (!date) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return clean(date, true);
  const [, y, m, d] = match;
  return locale === 'en' ? `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}` : `${y}年${Number(m)}月${Number(d)}日`;
}

/** What the sections share: the data, the reader's language and the page flow. */
interface Bill {
  input: InvoicePdfInput;
  locale: InvoicePdfLocale;
  t: (text: LocalText) => string;
  punct: (typeof PUNCT)[InvoicePdfLocale];
  sheet: Sheet;
  pen: Pen;
}

const one = (text: string | null | undefined) => (text ? clean(text, true) : '—');

function title(input: InvoicePdfInput, t: Bill['t']): string {
  if (input.kind === 'credit_note') return t(L.creditNote);
  return input.number === null || input.status === 'draft' ? t(L.draftInvoice) : t(L.invoice);
}

const STATUS_COLOR: Record<InvoicePdfInput['status'], string> = {
  draft: '#757575',
  issued: '#1565c0',
  partly_paid: '#ef6c00',
  paid: '#2e7d32',
  void: '#c62828',
};

/** Label–value rows, measured first so a block can be placed beside another. */
function fieldBlock(bill: Bill, rows: Array<[string, string]>, width: number) {
  const labelWidth = bill.locale === 'en' ? 80 : 66;
  const wrapped = rows.map(([label, value]) => ({ label, lines: bill.pen.wrap(value, width - labelWidth, BODY) }));
  const height = wrapped.reduce((sum, row) => sum + row.lines.length * lineHeight(BODY) + 2, 0);
  const draw = (x: number, top: number) => {
    let y = top;
    for (const { label, lines } of wrapped) {
      bill.pen.text(label, x, y, { ...BODY, color: GREY });
      lines.forEach((line, i) => bill.pen.text(line, x + labelWidth, y + i * lineHeight(BODY), BODY));
      y += lines.length * lineHeight(BODY) + 2;
    }
  };
  return { height, draw };
}

/** Where the letterhead logo fits, centred above the firm's name (points). */
const LOGO_BOX = { width: 180, height: 48 };

/**
 * Draws the logo fitted into its box; false when pdfkit cannot read the image (the upload checks
 * only its signature): the bill goes out with its name and no logo rather than not at all.
 */
function drawLogo(doc: PDFKit.PDFDocument, logo: Buffer, y: number): boolean {
  try {
    doc.image(logo, MARGIN + (WIDTH - LOGO_BOX.width) / 2, y, {
      fit: [LOGO_BOX.width, LOGO_BOX.height],
      align: 'center',
      valign: 'center',
    });
    return true;
  } catch {
    return false;
  }
}

/** The firm as letterhead, then the title with the status framed at its right. */
function letterhead(bill: Bill): void {
  const { input, t, sheet, pen } = bill;
  const { issuer } = input;
  if (input.logo && drawLogo(pen.doc, input.logo, sheet.y)) sheet.y += LOGO_BOX.height + 6;
  sheet.paragraph(one(issuer.name), { size: 16, bold: true }, MARGIN, WIDTH, 'center');
  const contact = [
    issuer.address && one(issuer.address),
    issuer.phone && `${t(L.phone)} ${one(issuer.phone)}`,
    issuer.taxId && `${t(L.taxId)} ${one(issuer.taxId)}`,
  ].filter(Boolean);
  sheet.y += 2;
  if (contact.length) sheet.paragraph(contact.join('  ·  '), SMALL, MARGIN, WIDTH, 'center');
  sheet.y += 6;
  sheet.rule(sheet.y, INK, MARGIN, MARGIN + WIDTH, 1.2);
  sheet.rule(sheet.y + 2.5, INK, MARGIN, MARGIN + WIDTH, 0.4);
  sheet.y += 14;
  const heading = { size: 18, bold: true };
  pen.text(title(input, t), MARGIN, sheet.y, heading, { width: WIDTH, align: 'center' });
  const status = t(STATUS[input.status]);
  const stamp = { size: 10, bold: true, color: STATUS_COLOR[input.status] };
  const w = pen.width(status, stamp) + 12;
  const top = sheet.y + 4;
  pen.doc
    .roundedRect(MARGIN + WIDTH - w, top, w, lineHeight(stamp) + 4, 3)
    .lineWidth(1)
    .strokeColor(stamp.color)
    .stroke();
  pen.text(status, MARGIN + WIDTH - w, top + 2, stamp, { width: w, align: 'center' });
  sheet.y += lineHeight(heading) + 2;
  const credit = input.kind === 'credit_note';
  const sub = credit ? (input.creditOf ? `${t(L.reverses)} ${one(input.creditOf)}` : '') : t(L.subtitle);
  if (sub) sheet.paragraph(sub, { size: 9.5, color: GREY }, MARGIN, WIDTH, 'center');
  sheet.y += 10;
}

/** The client (payer) on the left; number, dates, matter and status on the right. */
function parties(bill: Bill): void {
  const { input, t, sheet, pen } = bill;
  const half = WIDTH / 2;
  const name = { size: 11, bold: true };
  const top = sheet.y;
  pen.text(t(input.kind === 'credit_note' ? L.creditClient : L.client), MARGIN, top, { ...BODY, bold: true, color: GREY });
  const nameLines = pen.wrap(one(input.client.name), half - 12, name);
  nameLines.forEach((line, i) => pen.text(line, MARGIN, top + lineHeight(BODY) + 2 + i * lineHeight(name), name));
  const clientTop = top + lineHeight(BODY) + 4 + nameLines.length * lineHeight(name);
  const client = fieldBlock(
    bill,
    [
      [t(L.taxId), one(input.client.taxId)],
      [t(L.address), one(input.client.address)],
    ],
    half - 12,
  );
  client.draw(MARGIN, clientTop);
  const credit = input.kind === 'credit_note';
  const rows: Array<[string, string]> = [[t(credit ? L.creditNumber : L.number), input.number ? one(input.number) : t(L.unnumbered)]];
  if (credit && input.creditOf) rows.push([t(L.reverses), one(input.creditOf)]);
  rows.push([t(L.issuedOn), civilDate(input.issuedOn, bill.locale)]);
  if (!credit) rows.push([t(L.dueOn), civilDate(input.dueOn, bill.locale)]);
  rows.push([t(L.caseRef), input.caseRef ? `${one(input.caseRef.number)}\n${one(input.caseRef.title)}` : '—']);
  rows.push([t(L.status), t(STATUS[input.status])]);
  const meta = fieldBlock(bill, rows, half - 8);
  meta.draw(MARGIN + half + 8, top);
  sheet.y = Math.max(clientTop + client.height, top + meta.height) + 12;
}

/** Column widths of the tables; the description takes what the others leave. */
const ITEM_WIDTH = 118;
const AMOUNT_WIDTH = 76;
const textCol = (width: number): Column => ({ width, align: 'left' });
const figureCol = (width: number): Column => ({ width, align: 'right', figure: true });
const LINE_COLUMNS = [
  textCol(ITEM_WIDTH),
  textCol(WIDTH - ITEM_WIDTH - 72 - 36 - 62 - AMOUNT_WIDTH),
  figureCol(72),
  figureCol(36),
  figureCol(62),
  figureCol(AMOUNT_WIDTH),
];
const THREE_COLUMNS = [textCol(ITEM_WIDTH), textCol(WIDTH - ITEM_WIDTH - AMOUNT_WIDTH), figureCol(AMOUNT_WIDTH)];

/** The VAT lines with their sums, then the disbursements in a section of their own. */
function lineTables(bill: Bill): void {
  const { input, t, sheet } = bill;
  const { totals } = input;
  const taxable = input.lines.filter((line) => !line.disbursement);
  const disbursed = input.lines.filter((line) => line.disbursement);
  const rate = `${percentText(input.vatRateBp)}%`;
  if (taxable.length) {
    const rows: Row[] = taxable.map((line) => ({
      cells: [
        clean(line.itemName),
        clean(line.description ?? ''),
        amount(line.netFen),
        rate,
        amount(line.taxFen),
        amount(line.inclusiveFen),
      ],
    }));
    rows.push({ cells: [t(L.subtotal), '', amount(totals.netFen), '', amount(totals.taxFen), amount(totals.inclusiveFen)], bold: true });
    sheet.table(LINE_COLUMNS, [t(L.item), t(L.description), t(L.net), t(L.rate), t(L.tax), t(L.inclusive)], rows);
    sheet.y += 12;
  }
  if (disbursed.length) {
    sheet.room(lineHeight(BODY) + lineHeight(SMALL) + 48);
    sheet.paragraph(t(L.disbursements), { ...BODY, bold: true });
    sheet.paragraph(clean(t(DISBURSEMENT_NOTE)), SMALL);
    sheet.y += 3;
    const rows: Row[] = disbursed.map((line) => ({
      cells: [clean(line.itemName), clean(line.description ?? ''), amount(line.inclusiveFen)],
    }));
    rows.push({ cells: [t(L.subtotal), '', amount(totals.disbursementFen)], bold: true });
    sheet.table(THREE_COLUMNS, [t(L.item), t(L.description), t(L.amount)], rows);
    sheet.y += 12;
  }
}

/** The firm's account to pay into, boxed; none where no payment is asked for (a credit note, a void bill). */
function payToBox(bill: Bill, width: number) {
  const { input, t, pen } = bill;
  if (input.kind === 'credit_note' || input.status === 'void') return undefined;
  const { issuer } = input;
  const inner = width - 16;
  const fields = fieldBlock(
    bill,
    [
      [t(L.accountName), one(issuer.name)],
      [t(L.bankName), one(issuer.bankName)],
      [t(L.bankAccount), one(issuer.bankAccount)],
    ],
    inner,
  );
  const ask = pen.wrap(input.number ? `${t(L.quoteNumber)}${bill.punct.colon}${one(input.number)}` : t(L.quoteNumber), inner, SMALL);
  const height = 2 * PAD + lineHeight(BODY) + 4 + fields.height + ask.length * lineHeight(SMALL) + 2 * PAD;
  const draw = (x: number, top: number) => {
    let y = top + 2 * PAD;
    pen.text(t(L.payTo), x + 8, y, { ...BODY, bold: true });
    y += lineHeight(BODY) + 4;
    fields.draw(x + 8, y);
    y += fields.height;
    ask.forEach((line, i) => pen.text(line, x + 8, y + i * lineHeight(SMALL), SMALL));
    pen.doc.rect(x, top, width, height).lineWidth(0.6).strokeColor(RULE).stroke();
  };
  return { height, draw };
}

/**
 * The sums on the right — totals, the amount due in 大写, what was paid and what is still owed —
 * beside the account to pay into on the left, kept together on one page.
 */
function summary(bill: Bill): void {
  const { input, t, punct, sheet, pen } = bill;
  const { totals } = input;
  const credit = input.kind === 'credit_note';
  const money = (fen: number) => formatFen(fen, bill.locale);
  type Sum = [label: string, fen: number, strong: boolean];
  const sums: Sum[] = [
    [t(L.totalNet), totals.netFen, false],
    [`${t(L.totalTax)}${punct.open}${percentText(input.vatRateBp)}%${punct.close}`, totals.taxFen, false],
    [t(L.totalInclusive), totals.inclusiveFen, false],
  ];
  if (input.lines.some((line) => line.disbursement) || totals.disbursementFen !== 0)
    sums.push([t(L.disbursements), totals.disbursementFen, false]);
  sums.push([t(credit ? L.totalCredit : L.totalDue), totals.totalDueFen, true]);
  const owed: Sum[] =
    // Nothing is asked of the client on a credit note or a void bill: paid and owed only show if money came in.
    (credit || input.status === 'void') && input.paidFen === 0
      ? []
      : [
          [t(L.paid), input.paidFen, false],
          [t(L.outstanding), input.outstandingFen, true],
        ];
  const strong = { size: 10, bold: true };
  const rowHeight = ([, , isStrong]: Sum) => (isStrong ? lineHeight(strong) + 4 : lineHeight(BODY) + 3);
  const x = MARGIN + WIDTH * 0.44;
  const width = MARGIN + WIDTH - x;
  const valueWidth = Math.max(90, ...[...sums, ...owed].map(([, fen]) => pen.width(money(fen), strong) + 2 * PAD));
  const wordsStyle = { ...BODY, bold: true };
  const words = pen.wrap(`${t(L.inWords)}${punct.colon}${amountInWords(totals.totalDueFen)}`, width - 4 * PAD, wordsStyle);
  const wordsHeight = words.length * lineHeight(BODY) + 2 * PAD + 2;
  const sumsHeight = [...sums, ...owed].reduce((h, row) => h + rowHeight(row), 0);
  const rightHeight = sumsHeight + 4 + wordsHeight + (owed.length ? 8 : 0);
  const box = payToBox(bill, WIDTH * 0.4);
  sheet.room(Math.max(rightHeight, box?.height ?? 0));
  const top = sheet.y;
  box?.draw(MARGIN, top);
  let y = top;
  const drawSum = (row: Sum) => {
    const [label, fen, isStrong] = row;
    const style = isStrong ? strong : BODY;
    if (isStrong) sheet.rule(y - 1, GREY, x, x + width, 0.8);
    pen.text(label, x, y + 1, { ...style, color: isStrong ? INK : GREY }, { width: width - valueWidth - 8, align: 'right' });
    pen.text(money(fen), x + width - valueWidth, y + 1, style, { width: valueWidth - PAD, align: 'right' });
    y += rowHeight(row);
  };
  sums.forEach(drawSum);
  y += 4;
  pen.doc.rect(x, y, width, wordsHeight).fillColor('#f5f5f5').fill();
  words.forEach((line, i) => pen.text(line, x + 2 * PAD, y + PAD + 1 + i * lineHeight(BODY), wordsStyle));
  y += wordsHeight + (owed.length ? 8 : 0);
  owed.forEach(drawSum);
  sheet.y = top + Math.max(rightHeight, box?.height ?? 0) + 14;
}

/** Payments received so far, by date. */
function payments(bill: Bill): void {
  const { input, t, sheet } = bill;
  if (!input.payments?.length) return;
  sheet.room(lineHeight(BODY) + 48);
  sheet.paragraph(t(L.payments), { ...BODY, bold: true });
  sheet.y += 3;
  const rows = input.payments.map((p) => ({ cells: [civilDate(p.receivedOn, bill.locale), one(p.methodLabel), amount(p.amountFen)] }));
  sheet.table(THREE_COLUMNS, [t(L.receivedOn), t(L.method), t(L.amount)], rows);
  sheet.y += 12;
}

function note(bill: Bill): void {
  const text = bill.input.note?.trim();
  if (!text) return;
  bill.sheet.room(lineHeight(BODY) * 2);
  bill.sheet.paragraph(bill.t(L.note), { ...BODY, bold: true });
  bill.sheet.paragraph(clean(text), BODY);
}

/** On every page, once the pages are counted: the notice that this is not the 发票, the page number, and a void or draft stamp. */
function finishPages(bill: Bill): void {
  const { input, t, pen, sheet } = bill;
  const { doc } = pen;
  const { start, count } = doc.bufferedPageRange();
  const stamp = input.status === 'void' ? STAMP.void : input.number === null || input.status === 'draft' ? STAMP.draft : undefined;
  const notice = t(input.kind === 'credit_note' ? L.creditNotFapiao : L.notFapiao);
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const y = BOTTOM + 14;
    sheet.rule(y, RULE);
    const pageText = t(L.page)
      .replace('{n}', String(i - start + 1))
      .replace('{total}', String(count));
    const lines = pen.wrap(notice, WIDTH - pen.width(pageText, SMALL) - 16, SMALL);
    lines.forEach((line, k) => pen.text(line, MARGIN, y + 5 + k * lineHeight(SMALL), SMALL));
    pen.text(pageText, MARGIN, y + 5, SMALL, { width: WIDTH, align: 'right' });
    if (stamp) {
      const style = { size: 76, bold: true, color: stamp.color, opacity: stamp.opacity };
      doc.save();
      doc.rotate(-32, { origin: [PAGE.width / 2, PAGE.height / 2] });
      pen.text(stamp.text, 0, PAGE.height / 2 - lineHeight(style) / 2, style, { width: PAGE.width, align: 'center' });
      doc.restore();
    }
  }
}

/** The bill as PDF bytes; the same input gives the same bytes (a fixed creation date, no random ids). */
export async function renderInvoicePdf(input: InvoicePdfInput, opts: { locale?: InvoicePdfLocale } = {}): Promise<Buffer> {
  const locale = opts.locale ?? 'zh-CN';
  const t = (text: LocalText) => (locale === 'en' ? text.en : text.zh);
  const punct = PUNCT[locale];
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    bufferPages: true,
    info: { Title: `${title(input, t)} ${input.number ?? ''}`.trim(), CreationDate: new Date(0) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const pen = new Pen(doc);
  const runningHead = `${one(input.issuer.name)} · ${title(input, t)} ${input.number ? one(input.number) : ''}`.trimEnd();
  const sheet = new Sheet(pen, `${runningHead}${punct.open}${t(L.continued)}${punct.close}`);
  const bill: Bill = { input, locale, t, punct, sheet, pen };
  sheet.newPage();
  letterhead(bill);
  parties(bill);
  lineTables(bill);
  summary(bill);
  payments(bill);
  note(bill);
  finishPages(bill);
  doc.end();
  return finished;
}
