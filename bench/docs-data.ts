import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createDb, type Db } from '../db/connection';
import { makeDocx } from '../db/factories/docx-document';
import { chineseLegalText } from '../db/factories/legal-text';
import { makePdf } from '../db/factories/pdf-document';
import { seededRandom } from '../db/factories/seeded-random';
import { createStorage, type BlobStorage } from '../db/storage';
import { nameTsvLiteral } from '../db/repositories/document-names';
import { DOCX_MIME, extractText } from '../activities/documents/extract';
import { indexPending } from '../activities/documents/indexer';
import { projectRoot } from '../cli/runtime/paths';
import { waitUntil } from '../cli/runtime/ports';
import { searchTokens, warmSegmenter } from '../domain/search/segment';
import { cpuMs, pool } from './support';

/**
 * The document benchmark's corpus and its loader. Generating a PDF costs ~27 ms (pdfkit with font
 * subsets), so a few hundred distinct PDFs are made and each is filed under many documents (same
 * bytes: one sha256, one stored object, the same text); a DOCX is cheap (~1 ms), so every DOCX
 * document is its own file with its own text. Planted words give search questions with known answers.
 */
export const PAGES = 3;

/** Words put into the text at known rates (chineseLegalText's `plant`), besides its own frequent words. */
export const PLANTED = {
  /** Every 100th DOCX (about 0.3 % of the documents). */
  uncommon: '冷链仓储',
  /** Every 2,000th DOCX: a handful of documents. */
  rare: '鸿蒙星辰',
  /** One distinct PDF in 50, so every document that reuses it: about 1.4 % of the documents. */
  pdfShared: '海事担保',
} as const;

export interface CorpusFile {
  bytes: Buffer;
  mime: string;
  sha256: string;
  ext: 'pdf' | 'docx';
}

export interface Corpus {
  /** Per document, its file (PDFs shared, DOCX unique). */
  files: CorpusFile[];
  distinctPdfs: number;
  seconds: number;
}

const plantFor = (seed: number, kind: 'pdf' | 'docx') => {
  const plant: Array<{ page: number; word: string }> = [];
  if (kind === 'docx' && seed % 100 === 7) plant.push({ page: 2, word: PLANTED.uncommon });
  if (kind === 'docx' && seed % 2000 === 1234) plant.push({ page: 3, word: PLANTED.rare });
  if (kind === 'pdf' && seed % 50 === 3) plant.push({ page: 2, word: PLANTED.pdfShared });
  return plant;
};

/** `count` documents' files, a `pdfShare` of them PDF (drawn from `distinctPdfs` files), the rest unique DOCX, stored in `storage`. */
export async function makeCorpus(storage: BlobStorage, count: number, pdfShare: number, distinctPdfs: number): Promise<Corpus> {
  const t0 = Date.now();
  const r = seededRandom(2026);
  const put = async (bytes: Buffer) => (await storage.put(Readable.from([bytes]), { maxBytes: bytes.length + 1 })).sha256;
  const pdfs: CorpusFile[] = await pool(distinctPdfs, 2, async (i) => {
    const bytes = await makePdf(chineseLegalText(10_000 + i, PAGES, { plant: plantFor(i, 'pdf') }), { title: `证据-${i}` });
    return { bytes, mime: 'application/pdf', sha256: await put(bytes), ext: 'pdf' as const };
  });
  const files: CorpusFile[] = [];
  let docx = 0;
  for (let i = 0; i < count; i++) {
    if (r.next() < pdfShare) {
      files.push(pdfs[r.int(0, pdfs.length - 1)]);
      continue;
    }
    const seed = docx++;
    const pages = chineseLegalText(50_000 + seed, PAGES, { plant: plantFor(seed, 'docx') });
    const bytes = makeDocx(
      pages.flatMap((p) => p.split('\n')),
      { title: `文书-${seed}` },
    );
    files.push({ bytes, mime: DOCX_MIME, sha256: '', ext: 'docx' });
  }
  // Unique files: stored 8 at a time (each put fsyncs).
  const unique = files.filter((f) => !f.sha256);
  await pool(unique.length, 8, async (i) => void (unique[i].sha256 = await put(unique[i].bytes)));
  return { files, distinctPdfs, seconds: (Date.now() - t0) / 1000 };
}

const NAMES = [
  '民事起诉状',
  '证据目录',
  '借条复印件',
  '银行转账凭证',
  '代理词',
  '民事答辩状',
  '庭审笔录',
  '律师函',
  '和解协议',
  '民事判决书',
];
const CATEGORIES = ['evidence', 'evidence', 'pleadings', 'pleadings', 'contracts', 'communications', 'hearing', 'other'];

/**
 * One document row and one version row per corpus file, on cases drawn at random, made by the case's
 * lead; bulk inserts of 1,000. Every version is waiting for text, but held by a lease that never
 * ends (`text_claimed_until` = infinity), so no indexer takes it before `releaseSlice` gives it out.
 * Returns the version ids in upload order.
 */
export async function loadDocuments(db: Db, corpus: Corpus): Promise<{ versionIds: string[]; seconds: number }> {
  const t0 = Date.now();
  const r = seededRandom(77);
  const cases: Array<{ id: string; lead_lawyer_id: string }> = await db('cases').select('id', 'lead_lawyer_id');
  const since = Date.UTC(2024, 0, 1);
  const step = (Date.now() - since) / corpus.files.length;
  const versionIds: string[] = [];
  for (let start = 0; start < corpus.files.length; start += 1000) {
    const batch = corpus.files.slice(start, start + 1000).map((f, k) => {
      const i = start + k;
      const c = r.pick(cases);
      const name = `${r.pick(NAMES)}-${i + 1}.${f.ext}`;
      return { f, c, name, at: new Date(since + i * step) };
    });
    const docs: Array<{ id: string }> = await db('documents')
      .insert(
        batch.map(({ c, name, at }) => ({
          case_id: c.id,
          category_key: r.pick(CATEGORIES),
          name,
          name_tsv: db.raw('?::tsvector', [nameTsvLiteral(name)]),
          confidential: r.next() < 0.05,
          created_by: c.lead_lawyer_id,
          created_at: at,
          updated_at: at,
        })),
      )
      .returning('id');
    const versions: Array<{ id: string }> = await db('document_versions')
      .insert(
        batch.map(({ f, c, name, at }, k) => ({
          document_id: docs[k].id,
          number: 1,
          sha256: f.sha256,
          size_bytes: f.bytes.length,
          mime: f.mime,
          name,
          uploaded_by: c.lead_lawyer_id,
          uploaded_at: at,
          text_claimed_until: 'infinity',
        })),
      )
      .returning('id');
    versionIds.push(...versions.map((v) => v.id));
  }
  await db.raw('analyze documents, document_versions');
  return { versionIds, seconds: (Date.now() - t0) / 1000 };
}

/** Lets the indexers take these versions (their lease ends now). */
export async function releaseSlice(db: Db, versionIds: string[]): Promise<void> {
  for (let i = 0; i < versionIds.length; i += 5000) {
    await db('document_versions')
      .whereIn('id', versionIds.slice(i, i + 5000))
      .update({ text_claimed_until: null });
  }
}

/** How the indexed versions came out: documents per text status, and pages stored. */
export async function indexedCounts(db: Db): Promise<{ byStatus: Record<string, number>; pages: number }> {
  const rows: Array<{ text_status: string; n: string }> = await db('document_versions')
    .select('text_status')
    .count({ n: '*' })
    .groupBy('text_status');
  const [{ n }] = await db('document_pages').count({ n: '*' });
  return { byStatus: Object.fromEntries(rows.map((x) => [x.text_status, Number(x.n)])), pages: Number(n) };
}

/**
 * An indexer process (`bench/docs.ts indexer`): loads jieba and starts the PDF reader thread, says
 * "ready", and on "go" runs the worker's `indexPending` until the queue is empty; then prints what it
 * did and the CPU it used. Start-up is kept out of the measurement: a worker process runs for days.
 */
export async function indexerChild(): Promise<void> {
  const db = createDb(process.env.BENCH_DOCS_CHILD_DB!, { poolMax: 2 });
  const storage = createStorage({ kind: 'local', root: process.env.BENCH_DOCS_CHILD_FILES! });
  warmSegmenter();
  await extractText(await makePdf(['预热']), 'application/pdf');
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const done = await indexPending({ db, storage });
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(`${JSON.stringify({ done, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  await db.destroy();
  process.exit(0);
}

/** `extractText` alone over the first documents' files (the same mix), then with jieba segmentation too. */
export async function extractionBaseline(files: CorpusFile[], sampleSize: number) {
  const sample = files.slice(0, sampleSize);
  await extractText(sample[0].bytes, sample[0].mime); // the PDF reader thread starts once per process
  const byType = { pdf: { n: 0, seconds: 0 }, docx: { n: 0, seconds: 0 } };
  const texts: string[] = [];
  for (const f of sample) {
    const t0 = performance.now();
    texts.push((await extractText(f.bytes, f.mime)).pages.map((p) => p.text).join('\n'));
    byType[f.ext].n++;
    byType[f.ext].seconds += (performance.now() - t0) / 1000;
  }
  const t0 = performance.now();
  for (const t of texts) searchTokens(t);
  const segment = (performance.now() - t0) / 1000;
  return { n: sample.length, extract: byType.pdf.seconds + byType.docx.seconds, segment, byType };
}

/** One phase: `n` indexer processes share one slice of the queue; wall time from "go" to the last one done. */
export async function indexPhase(n: number, slice: string[], env: NodeJS.ProcessEnv, pgPid: number, db: Db) {
  const children: ChildProcess[] = [];
  const outs: string[] = [];
  for (let i = 0; i < n; i++) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot(), 'bench', 'docs.ts'), 'indexer'], {
      env,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    outs.push('');
    child.stdout!.on('data', (d) => (outs[i] += d));
    children.push(child);
  }
  await waitUntil(async () => outs.every((o) => o.includes('ready')), 120_000);
  await releaseSlice(db, slice);
  const pg0 = cpuMs(pgPid, true);
  const t0 = performance.now();
  const exits = children.map((c) => new Promise((resolve) => c.once('exit', resolve)));
  for (const c of children) c.stdin!.write('go\n');
  await Promise.all(exits);
  const seconds = (performance.now() - t0) / 1000;
  const results = outs.map((o) => JSON.parse(o.split('\n').find((l) => l.startsWith('{'))!) as { done: number; cpuMs: number });
  const done = results.reduce((s, r) => s + r.done, 0);
  const indexerCpu = results.reduce((s, r) => s + r.cpuMs, 0);
  return { n, done, seconds, indexerCpuPerDoc: indexerCpu / done, pgCpuPerDoc: (cpuMs(pgPid, true) - pg0) / done };
}
