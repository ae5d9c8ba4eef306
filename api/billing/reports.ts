import ExcelJS from 'exceljs';
import type { Db } from '../../db/connection';
import { lawyerMonthlyRevenue } from '../../db/repositories/invoices';
import { civilDateAt } from '../../domain/deadlines/civil-date';
import { collectionRateBp, realisationBp } from '../../domain/fees';
import { fenToYuan } from '../../domain/money';
import { AppError } from '../app-error';
import { firmTimeZone } from '../firm';

/** Finance reports: revenue, collections and realisation per lawyer and month, as JSON, CSV or Excel. */

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = y * 12 + (m - 1) + by;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

export async function lawyerRevenue(db: Db, q: { from?: string; to?: string }, config: { firmTimezone: string }) {
  const thisMonth = civilDateAt(Date.now(), await firmTimeZone(db, config.firmTimezone)).slice(0, 7);
  const to = q.to ?? thisMonth;
  const from = q.from ?? shiftMonth(to, -11);
  if (from > to) throw new AppError('validation-error', 'from is after to', { errors: [{ path: 'query.from', message: 'after to' }] });
  if (shiftMonth(from, 60) <= to)
    throw new AppError('validation-error', 'at most five years at a time', { errors: [{ path: 'query.from', message: 'range too long' }] });
  const rows = await lawyerMonthlyRevenue(db, { fromMonth: from, toMonth: to });
  return {
    from,
    to,
    rows: rows.map((r) => ({
      ...r,
      realisationBp: realisationBp(r.billedFen, r.timeValueFen),
      collectionRateBp: collectionRateBp(r.collectedFen, r.billedFen),
    })),
  };
}

const HEADINGS = {
  'zh-CN': ['月份', '律师', '开票金额（元）', '回款金额（元）', '工时价值（元）', '实现率', '回款率'],
  en: ['Month', 'Lawyer', 'Billed (CNY)', 'Collected (CNY)', 'Time value (CNY)', 'Realisation', 'Collection rate'],
} as const;

type Report = Awaited<ReturnType<typeof lawyerRevenue>>;
const pct = (bp: number | null) => (bp === null ? '' : `${(bp / 100).toFixed(2)}%`);

function table(r: Report, lang: 'zh-CN' | 'en'): string[][] {
  return [
    [...HEADINGS[lang]],
    ...r.rows.map((x) => [
      x.month,
      x.name,
      fenToYuan(x.billedFen),
      fenToYuan(x.collectedFen),
      fenToYuan(x.timeValueFen),
      pct(x.realisationBp),
      pct(x.collectionRateBp),
    ]),
  ];
}

/** CSV with a BOM (Excel opens UTF-8 then); cells quoted, and a leading = + - @ neutralised against formula injection. */
export function revenueCsv(r: Report, lang: 'zh-CN' | 'en'): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  return `\ufeff${table(r, lang)
    .map((row) => row.map(cell).join(','))
    .join('\r\n')}\r\n`;
}

/** The same table as an .xlsx workbook: amounts as numbers in yuan with two decimals (exact: from fen as text). */
export async function revenueXlsx(r: Report, lang: 'zh-CN' | 'en'): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(lang === 'en' ? 'Revenue by lawyer' : '律师月度收入');
  sheet.addRow([...HEADINGS[lang]]).font = { bold: true };
  for (const x of r.rows) {
    sheet.addRow([
      x.month,
      x.name,
      Number(fenToYuan(x.billedFen)),
      Number(fenToYuan(x.collectedFen)),
      Number(fenToYuan(x.timeValueFen)),
      x.realisationBp === null ? null : x.realisationBp / 10_000,
      x.collectionRateBp === null ? null : x.collectionRateBp / 10_000,
    ]);
  }
  for (const c of [3, 4, 5]) sheet.getColumn(c).numFmt = '#,##0.00';
  for (const c of [6, 7]) sheet.getColumn(c).numFmt = '0.00%';
  sheet.columns.forEach((col) => (col.width = 16));
  return Buffer.from(await book.xlsx.writeBuffer());
}
