import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { Db } from '../connection';
import { readObject, type BlobStorage } from '../storage';
import type { TemplateField } from '../../domain/documents/template-fields';
import {
  caseTemplateData,
  fillTemplate,
  formatLetterNumber,
  letterAreaCode,
  type TemplateCaseInput,
  type TemplateParty,
} from '../../domain/documents';
import { nameTsvLiteral } from './document-names';
import { bytesStillStored, lockAgainstPurge } from './document-records';
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

/** A template a document can be made from: shipped (built from source) or uploaded by an admin (bytes in storage). */
export interface UsableTemplate {
  key: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  fields: TemplateField[];
  builtin: boolean;
  bytes(): Promise<Uint8Array>;
}

function toUsable(r: Record<string, any>, storage: BlobStorage): UsableTemplate {
  return {
    key: r.key,
    nameZh: r.name_zh,
    nameEn: r.name_en,
    kind: r.kind,
    fields: r.fields,
    builtin: false,
    bytes: () => readObject(storage, r.sha256),
  };
}

export async function findDocumentTemplate(db: Db, storage: BlobStorage, key: string): Promise<UsableTemplate | undefined> {
  const shipped = shippedTemplate(key);
  if (shipped) return { ...shipped, builtin: true, bytes: async () => buildDocumentTemplate(shipped.key) };
  const r = await db('document_templates').where({ key }).whereNull('archived_at').first();
  return r ? toUsable(r, storage) : undefined;
}

/** Every usable template: the shipped ones first, then the firm's own by name. */
export async function documentTemplates(db: Db, storage: BlobStorage): Promise<UsableTemplate[]> {
  const own = await db('document_templates').whereNull('archived_at').orderBy('name_zh');
  return [
    ...SHIPPED_DOCUMENT_TEMPLATES.map((t) => ({ ...t, builtin: true, bytes: async () => buildDocumentTemplate(t.key) })),
    ...own.map((r) => toUsable(r, storage)),
  ];
}

/** An admin's template (already checked), or false when the key is taken (a shipped key included). */
export async function insertDocumentTemplate(
  db: Db,
  storage: BlobStorage,
  t: {
    key: string;
    nameZh: string;
    nameEn: string;
    kind: string;
    fields: TemplateField[];
    placeholders: string[];
    sha256: string;
    size: number;
    createdBy: string;
  },
): Promise<'added' | 'taken' | 'bytes-gone'> {
  if (shippedTemplate(t.key)) return 'taken';
  return db.transaction(async (trx) => {
    if (!(await bytesStillStored(trx, storage, [t.sha256]))) return 'bytes-gone';
    const rows = await trx('document_templates')
      .insert({
        key: t.key,
        name_zh: t.nameZh,
        name_en: t.nameEn,
        kind: t.kind,
        fields: JSON.stringify(t.fields),
        placeholders: JSON.stringify(t.placeholders),
        sha256: t.sha256,
        size_bytes: t.size,
        created_by: t.createdBy,
      })
      .onConflict('key')
      .ignore()
      .returning('key');
    return rows.length ? 'added' : 'taken';
  });
}

export async function archiveDocumentTemplate(db: Db, key: string): Promise<boolean> {
  return (await db('document_templates').where({ key }).whereNull('archived_at').update({ archived_at: db.fn.now() })) > 0;
}

const ROLE: Record<string, TemplateParty['role']> = { client: 'plaintiff', opposing: 'defendant', third_party: 'third-party' };

/** The case as the templates see it. Our client is put first as plaintiff, the opposing parties as defendants. */
export async function templateCaseInput(db: Db, caseId: string, today: string): Promise<TemplateCaseInput> {
  const c = await findCase(db, caseId);
  if (!c) throw new Error(`no case ${caseId}`);
  const client = await findClient(db, c.clientId);
  const parties = await listParties(db, caseId);
  const lead = await db('users as u')
    .leftJoin('staff_profiles as p', 'p.user_id', 'u.id')
    .where('u.id', c.leadLawyerId)
    .first('u.name', 'p.licence_no');
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
    leadLawyer: lead ? { name: lead.name, licenceNo: lead.licence_no ?? null } : null,
    firm: { name: firm.name ?? '律师事务所', address: firm.address, phone: firm.phone, letterPrefix: firm.letterPrefix ?? '律' },
    today,
  };
}

/** The next 函号 of this year (a row per year, incremented in the statement). */
async function nextLetterNumber(db: Db | Knex.Transaction, year: number, practiceArea: string, prefix: string): Promise<string> {
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
export async function generateCaseDocument(
  db: Db,
  storage: BlobStorage,
  g: GenerateInput & { bind?: (trx: Knex.Transaction, id: string) => Promise<void> },
): Promise<{ id: string; name: string; created: boolean }> {
  if (g.generationKey) {
    const earlier = await documentByGenerationKey(db, g.generationKey);
    if (earlier) return { ...earlier, created: false };
  }
  const template = await findDocumentTemplate(db, storage, g.templateKey);
  if (!template) throw new Error(`no document template ${g.templateKey}`);
  const input = await templateCaseInput(db, g.caseId, g.today);
  const source = await template.bytes();
  const name = `${template.nameZh}-${input.case.number ?? ''}.docx`.replace(/-\.docx$/, '.docx');
  // One transaction: a 函号 taken is given back if anything after it fails; the purge lock is held
  // from before the bytes are stored, so an emptying of the recycle bin cannot take them meanwhile.
  return db.transaction(async (trx) => {
    if (g.generationKey) {
      const earlier = await documentByGenerationKey(trx, g.generationKey);
      if (earlier) return { ...earlier, created: false };
    }
    await lockAgainstPurge(trx);
    const letterNo =
      template.kind === 'letter'
        ? await nextLetterNumber(trx, Number(g.today.slice(0, 4)), input.case.practiceArea ?? 'civil', input.firm.letterPrefix ?? '律')
        : null;
    const bytes = fillTemplate(source, caseTemplateData({ ...input, fields: template.fields, form: g.form, letterNo }));
    const stored = await storage.put(Readable.from([Buffer.from(bytes)]), { maxBytes: 50 * 1024 * 1024 });
    const id = await insertDocument(
      trx,
      {
        caseId: g.caseId,
        clientId: null,
        folderId: null,
        category: 'pleadings',
        name,
        nameTsv: nameTsvLiteral(name),
        source: 'generated',
        generationKey: g.generationKey ?? null,
        createdBy: g.createdBy,
      },
      { sha256: stored.sha256, size: stored.size, mime: DOCX_MIME, name, note: null, uploadedBy: g.createdBy },
    );
    await g.bind?.(trx, id);
    return { id, name, created: true };
  });
}

/**
 * A file the system made (an invoice PDF …) filed as a document of a case in the caller's
 * transaction; the purge lock is taken before the bytes are stored. One document per generation key.
 */
export async function fileGeneratedDocument(
  trx: Knex.Transaction,
  storage: BlobStorage,
  f: { caseId: string; category: string; name: string; mime: string; bytes: Uint8Array; createdBy: string; generationKey: string },
): Promise<string> {
  const earlier = await documentByGenerationKey(trx, f.generationKey);
  if (earlier) return earlier.id;
  await lockAgainstPurge(trx);
  const stored = await storage.put(Readable.from([Buffer.from(f.bytes)]), { maxBytes: 50 * 1024 * 1024 });
  return insertDocument(
    trx,
    {
      caseId: f.caseId,
      clientId: null,
      folderId: null,
      category: f.category,
      name: f.name,
      nameTsv: nameTsvLiteral(f.name),
      source: 'generated',
      generationKey: f.generationKey,
      createdBy: f.createdBy,
    },
    { sha256: stored.sha256, size: stored.size, mime: f.mime, name: f.name, note: null, uploadedBy: f.createdBy },
  );
}
