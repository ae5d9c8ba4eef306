import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PDF_WORKER_SOURCE } from './pdf-worker-source';

/**
 * Text per page of a PDF with pdf.js (unpdf's serverless build), run in a worker thread of its
 * own for each document. A hostile PDF can make pdf.js spin or eat memory: in a thread it is
 * stopped at the deadline (terminate) and at `maxHeapMb`, and never blocks the worker's event loop
 * (Temporal heartbeats, other activities). The thread also loads unpdf — ESM only — by a native
 * import(), which works the same under tsx, compiled dist/ and jest (whose module system cannot).
 * Pages are read one at a time up to `maxPages`, and reading stops once `maxChars` characters are in.
 */
export interface PdfText {
  pages: Array<{ page: number; text: string }>;
  pageCount: number;
  truncated: boolean;
}

export interface PdfLimits {
  maxChars: number;
  maxPages: number;
  deadline: number;
  maxHeapMb?: number;
}

/**
 * unpdf's ES module and, when pdfjs-dist is installed, its predefined CMaps (UniGB-UCS2-H …, used by
 * Chinese PDFs with non-embedded fonts: without them their text cannot be decoded) and standard fonts.
 */
function pdfjsFiles(): { unpdfUrl: string; cMapUrl?: string; standardFontDataUrl?: string } {
  const unpdfUrl = pathToFileURL(join(dirname(require.resolve('unpdf')), 'index.mjs')).href;
  try {
    const base = dirname(require.resolve('pdfjs-dist/package.json'));
    return {
      unpdfUrl,
      cMapUrl: pathToFileURL(join(base, 'cmaps') + '/').href,
      standardFontDataUrl: pathToFileURL(join(base, 'standard_fonts') + '/').href,
    };
  } catch {
    return { unpdfUrl };
  }
}

type WorkerAnswer = { ok: true; pages: string[]; pageCount: number } | { ok: false; error: string };
type Job = { data: Uint8Array; limits: PdfLimits; resolve: (text: PdfText) => void; reject: (err: Error) => void };

/**
 * One reader thread per process, reused: starting a thread and loading pdf.js costs ~150 ms, more
 * than reading a typical document. Documents are read one after another; a document past its
 * deadline (or a thread that crashed or ran out of memory) costs the thread, and the next document
 * starts a new one. The idle thread is unref'd: it never keeps the process alive.
 */
class PdfReader {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private busy = false;

  read(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
    // The thread gets its own copy of the bytes (moved, not cloned); the caller keeps its buffer.
    const data = new Uint8Array(bytes);
    return new Promise((resolve, reject) => {
      this.queue.push({ data, limits, resolve, reject });
      this.next();
    });
  }

  private thread(maxHeapMb: number): Worker {
    if (!this.worker) {
      this.worker = new Worker(PDF_WORKER_SOURCE, {
        eval: true,
        workerData: pdfjsFiles(),
        resourceLimits: { maxOldGenerationSizeMb: maxHeapMb },
        stdout: true,
        stderr: true,
      });
    }
    return this.worker;
  }

  private next(): void {
    if (this.busy) return;
    const job = this.queue.shift();
    if (!job) return this.worker?.unref();
    if (Date.now() >= job.limits.deadline) {
      job.reject(new Error('PDF text extraction took too long'));
      return this.next();
    }
    this.busy = true;
    const worker = this.thread(job.limits.maxHeapMb ?? 1024);
    worker.ref();
    const done = (err: Error | undefined, text?: PdfText) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (err) {
        // A thread that failed this way may still be busy or broken: it is not used again.
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        job.reject(err);
      } else job.resolve(text!);
      this.busy = false;
      this.next();
    };
    const onMessage = (answer: WorkerAnswer) => {
      if (!answer.ok) return done(new Error(answer.error));
      const pages = answer.pages.map((text, i) => ({ page: i + 1, text }));
      done(undefined, { pages, pageCount: answer.pageCount, truncated: pages.length < answer.pageCount });
    };
    const onError = (err: Error) => done(err);
    const onExit = (code: number) => done(new Error(`PDF reader stopped (exit code ${code})`));
    const timer = setTimeout(() => done(new Error('PDF text extraction took too long')), job.limits.deadline - Date.now());
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage({ data: job.data, maxChars: job.limits.maxChars, maxPages: job.limits.maxPages }, [job.data.buffer as ArrayBuffer]);
  }
}

const reader = new PdfReader();

export function readPdfText(bytes: Uint8Array, limits: PdfLimits): Promise<PdfText> {
  return reader.read(bytes, limits);
}
