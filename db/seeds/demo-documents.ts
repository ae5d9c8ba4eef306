import { Readable } from 'node:stream';
import type { Db } from '../connection';
import type { BlobStorage } from '../storage';
import { makeDocx } from '../factories/docx-document';
import { chineseLegalText } from '../factories/legal-text';
import { makePdf } from '../factories/pdf-document';
import { nameTsvLiteral } from '../repositories/document-names';
import { insertDocument } from '../repositories/documents';
import { bytesStillStored } from '../repositories/document-records';
import { generateCaseDocument } from '../repositories/generated-documents';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What a litigation case holds after its first weeks: evidence, a draft, the power of attorney. */
const EVIDENCE = ['借款合同.pdf', '转账记录.pdf', '催款函.pdf', '送货单.pdf', '对账单.pdf', '聊天记录截图.pdf'];
const DRAFTS = ['代理词（初稿）.docx', '证据目录.docx', '案情摘要.docx'];

/**
 * Documents on the demo firm's cases, so the 文档 section is not empty on a first start: per case
 * a 3-page evidence PDF and a draft DOCX with Chinese legal text, and for litigation cases the
 * 授权委托书 generated from the case. Their text is extracted by the worker's indexer like any
 * upload. Runs once (not when the firm has documents).
 */
export async function seedDemoDocuments(db: Db, storage: BlobStorage, opts: { cases?: number; today: string }): Promise<number> {
  if (await db('documents').first('id')) return 0;
  const cases = await db('cases')
    .orderBy([{ column: 'status' }, { column: 'number' }])
    .limit(opts.cases ?? 24)
    .select('id', 'practice_area', 'lead_lawyer_id');
  let made = 0;
  for (const [i, c] of cases.entries()) {
    const pdfName = EVIDENCE[i % EVIDENCE.length];
    const docxName = DRAFTS[i % DRAFTS.length];
    const pdf = await makePdf(chineseLegalText(1000 + i, 3), { title: pdfName });
    const docx = makeDocx(chineseLegalText(2000 + i, 2), { title: docxName.replace(/\.docx$/, '') });
    for (const [name, bytes, mime, category] of [
      [pdfName, pdf, PDF, 'evidence'],
      [docxName, docx, DOCX, 'pleadings'],
    ] as const) {
      const stored = await storage.put(Readable.from([bytes]), { maxBytes: 50 * 1024 * 1024 });
      await db.transaction(async (trx) => {
        if (!(await bytesStillStored(trx, storage, [stored.sha256]))) throw new Error('the stored demo file went missing');
        await insertDocument(
          trx,
          {
            caseId: c.id,
            clientId: null,
            folderId: null,
            category,
            name,
            nameTsv: nameTsvLiteral(name),
            source: 'upload',
            createdBy: c.lead_lawyer_id,
          },
          { ...stored, mime, name, note: null, uploadedBy: c.lead_lawyer_id },
        );
      });
      made++;
    }
    if (c.practice_area !== 'non_litigation') {
      await generateCaseDocument(db, storage, {
        caseId: c.id,
        templateKey: 'power-of-attorney',
        form: { instance: 'first', powers: 'general', term: '自签署之日起至本案一审终结' },
        createdBy: c.lead_lawyer_id,
        today: opts.today,
      });
      made++;
    }
  }
  return made;
}
