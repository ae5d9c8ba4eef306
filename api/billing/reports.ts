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

type Lang = 'zh-CN' | 'en';
/** One cell of an export: what a CSV writes (exact text) and what a workbook holds (a number where it sums). */
interface Cell {
  text: string;
  value: string | number | null;
}
/** A report as a table, for CSV and Excel alike; `formats` by 1-based column (Excel number formats). */
export interface Sheet {
  name: string;
  headings: string[];
  rows: Cell[][];
  formats: Record<number, string>;
}

const text = (t: string): Cell => ({ text: t, value: t });
const money = (fen: number): Cell => ({ text: fenToYuan(fen), value: Number(fenToYuan(fen)) });
const ratio = (bp: number | null): Cell => ({
  text: bp === null ? '' : `${(bp / 100).toFixed(2)}%`,
  value: bp === null ? null : bp / 10_000,
});
const count = (n: number): Cell => ({ text: String(n), value: n });
const MONEY = '#,##0.00';
const PERCENT = '0.00%';

export function revenueSheet(r: Awaited<ReturnType<typeof lawyerRevenue>>, lang: Lang): Sheet {
  return {
    name: lang === 'en' ? 'Revenue by lawyer' : '律师月度收入',
    headings:
      lang === 'en'
        ? ['Month', 'Lawyer', 'Billed (CNY)', 'Collected (CNY)', 'Time value (CNY)', 'Realisation', 'Collection rate']
        : ['月份', '律师', '开票金额（元）', '回款金额（元）', '工时价值（元）', '实现率', '回款率'],
    rows: r.rows.map((x) => [
      text(x.month),
      text(x.name),
      money(x.billedFen),
      money(x.collectedFen),
      money(x.timeValueFen),
      ratio(x.realisationBp),
      ratio(x.collectionRateBp),
    ]),
    formats: { 3: MONEY, 4: MONEY, 5: MONEY, 6: PERCENT, 7: PERCENT },
  };
}

export function ageingSheet(
  a: { asOf: string; buckets: Array<{ bucket: string; outstandingFen: number; invoices: number }>; totalFen: number },
  lang: Lang,
): Sheet {
  const label = (b: string) => (lang === 'en' ? `${b} days past due` : `逾期 ${b} 天`);
  return {
    name: lang === 'en' ? `Receivables ${a.asOf}` : `应收账款 ${a.asOf}`,
    headings: lang === 'en' ? ['Days past due', 'Invoices', 'Outstanding (CNY)'] : ['账龄', '账单数', '未收金额（元）'],
    rows: [
      ...a.buckets.map((b) => [text(label(b.bucket)), count(b.invoices), money(b.outstandingFen)]),
      [text(lang === 'en' ? 'Total' : '合计'), count(a.buckets.reduce((s, b) => s + b.invoices, 0)), money(a.totalFen)],
    ],
    formats: { 3: MONEY },
  };
}

/** CSV with a BOM (Excel opens UTF-8 then); cells quoted, and a leading = + - @ neutralised against formula injection. */
export function csvOf(sheet: Sheet): string {
  const cell = (v: string) => {
    const safe = /^[=+\-@]/.test(v) && !/^-?\d/.test(v) ? `'${v}` : v;
    return `"${safe.replace(/"/g, '""')}"`;
  };
  const lines = [sheet.headings.map(cell).join(','), ...sheet.rows.map((row) => row.map((c) => cell(c.text)).join(','))];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** The same table as an .xlsx workbook: amounts as numbers in yuan with two decimals (from fen by digits). */
export async function xlsxOf(sheet: Sheet): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet.name);
  ws.addRow(sheet.headings).font = { bold: true };
  for (const row of sheet.rows) ws.addRow(row.map((c) => c.value));
  for (const [col, fmt] of Object.entries(sheet.formats)) ws.getColumn(Number(col)).numFmt = fmt;
  ws.columns.forEach((col) => (col.width = 18));
  return Buffer.from(await book.xlsx.writeBuffer());
}
