import { Readable } from 'node:stream';
import type { Db } from '../connection';
import type { BlobStorage } from '../storage';
import {
  caseTemplateData,
  fillTemplate,
  formatLetterNumber,
  letterAreaCode,
  type TemplateCaseInput,
  type TemplateParty,
} from '../../domain/documents';
import { searchTokens, tsvectorLiteral } from '../../domain/search/segment';
import { buildDocumentTemplate } from '../../process-templates/documents/build';
import { SHIPPED_DOCUMENT_TEMPLATES, type ShippedDocumentTemplate } from '../../process-templates/documents/templates';
import { findCase } from './cases';
import { listParties } from './case-parties';
import { findClient } from './clients';
import { getSetting } from './settings';
import { documentByGenerationKey, insertDocument } from './documents';

/**
 * Documents made from a template and a case: the one path both the lawyer's "generate" and the
 * engine's generateDocument step take, so both fill the same data the same way. Shipped templates
 * are built from their source (process-templates/documents); a generation key makes a retried
 * step find the document it made instead of making a second.
 */
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function shippedTemplate(key: string): ShippedDocumentTemplate | undefined {
  return SHIPPED_DOCUMENT_TEMPLATES.find((t) => t.key === key);
}

const ROLE: Record<string, TemplateParty['role']> = { client: 'plaintiff', opposing: 'defendant', third_party: 'third-party' };

/** The case as the templates see it. Our client is put first as plaintiff, the opposing parties as defendants. */
export async function templateCaseInput(db: Db, caseId: string, today: string): Promise<TemplateCaseInput> {
  const c = await findCase(db, caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  const client = await findClient(db, c.clientId);
  const parties = await listParties(db, caseId);
  const lead = await db('users').where({ id: c.leadLawyerId }).first('name');
  const firm = (await getSetting<{ name?: string; address?: string; phone?: string; letterPrefix?: string }>(db, 'firm')) ?? {};
  const asParty = (
    role: TemplateParty['role'],
    p: { kind: string; name: string; idNumber?: string | null; address?: string | null; phone?: string | null },
  ) => ({
    role,
    kind: p.kind === 'person' ? ('person' as const) : ('org' as const),
    name: p.name,
    ...(p.kind === 'person' ? { idNumber: p.idNumber ?? undefined } : { creditCode: p.idNumber ?? undefined }),
    address: p.address ?? undefined,
    phone: p.phone ?? undefined,
  });
  const clientParty = client ? [asParty('plaintiff', client)] : [];
  const others = parties.filter((p) => p.role !== 'client' && ROLE[p.role]).map((p) => asParty(ROLE[p.role], p));
  return {
    case: {
      number: c.number,
      title: c.title,
      causeOfAction: c.causeOfAction ?? undefined,
      court: c.court ?? undefined,
      amountInDisputeFen: c.amountInDisputeFen ?? undefined,
      practiceArea: c.practiceArea,
      openedAt: c.createdAt.toISOString().slice(0, 10),
    },
    client: clientParty[0] ?? null,
    parties: [...clientParty, ...others],
    leadLawyer: lead ? { name: lead.name } : null,
    firm: { name: firm.name ?? '律师事务所', address: firm.address, phone: firm.phone, letterPrefix: firm.letterPrefix ?? '律' },
    today,
  };
}

/** The next 函号 of this year (a row per year, incremented in the statement). */
async function nextLetterNumber(db: Db, year: number, practiceArea: string, prefix: string): Promise<string> {
  const [row] = await db('document_counters')
    .insert({ scope: 'firm-letter', year, last: 1 })
    .onConflict(['scope', 'year'])
    .merge({ last: db.raw('document_counters.last + 1') })
    .returning('last');
  return formatLetterNumber({ year, prefix, areaCode: letterAreaCode(practiceArea), seq: row.last });
}

export interface GenerateInput {
  caseId: string;
  templateKey: string;
  form: Record<string, unknown>;
  createdBy: string;
  /** Engine steps: one document per key. */
  generationKey?: string;
  today: string;
}

/** Fills the template from the case and the form, stores the .docx and files it under 法律文书. Answers the document id. */
export async function generateCaseDocument(db: Db, storage: BlobStorage, g: GenerateInput): Promise<{ id: string; created: boolean }> {
  if (g.generationKey) {
    const earlier = await documentByGenerationKey(db, g.generationKey);
    if (earlier) return { id: earlier.id, created: false };
  }
  const template = shippedTemplate(g.templateKey);
  if (!template) throw new Error(`no document template ${g.templateKey}`);
  const input = await templateCaseInput(db, g.caseId, g.today);
  const letterNo =
    template.kind === 'letter'
      ? await nextLetterNumber(db, Number(g.today.slice(0, 4)), input.case.practiceArea ?? 'civil', input.firm.letterPrefix ?? '律')
      : null;
  const bytes = fillTemplate(
    buildDocumentTemplate(template.key),
    caseTemplateData({ ...input, fields: template.fields, form: g.form, letterNo }),
  );
  const stored = await storage.put(Readable.from([Buffer.from(bytes)]), { maxBytes: 50 * 1024 * 1024 });
  const name = `${template.nameZh}-${input.case.number ?? ''}.docx`.replace(/-\.docx$/, '.docx');
  return db.transaction(async (trx) => {
    if (g.generationKey) {
      const earlier = await documentByGenerationKey(trx, g.generationKey);
      if (earlier) return { id: earlier.id, created: false };
    }
    const id = await insertDocument(
      trx,
      {
        caseId: g.caseId,
        clientId: null,
        folderId: null,
        category: 'pleadings',
        name,
        nameTsv: tsvectorLiteral({ A: searchTokens(template.nameZh) }),
        source: 'generated',
        generationKey: g.generationKey ?? null,
        createdBy: g.createdBy,
      },
      { sha256: stored.sha256, size: stored.size, mime: DOCX_MIME, name, note: null, uploadedBy: g.createdBy },
    );
    return { id, created: true };
  });
}
