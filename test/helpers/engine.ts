import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connection';
import { addCaseMembers, insertCase } from '../../db/repositories/cases';
import { insertTemplate, insertVersion } from '../../db/repositories/templates';
import { compile } from '../../process-templates/model/compiler';
import type { TemplateModel } from '../../process-templates/model/schema';

export async function compileOrThrow(xml: string): Promise<TemplateModel> {
  const r = await compile(xml);
  if (!r.model) throw new Error(JSON.stringify(r.errors));
  return r.model;
}

/** Stores a template with published versions (one per XML), returning the version ids and models. */
export async function storeTemplate(db: Db, key: string, ...xmls: string[]): Promise<Array<{ id: string; model: TemplateModel }>> {
  const t = await insertTemplate(db, { key, name: key, caseTypes: [], createdBy: null });
  const out = [];
  for (const xml of xmls) {
    const model = await compileOrThrow(xml);
    const v = await insertVersion(db, { templateId: t.id, bpmnXml: xml, model, changeNote: null, publishedBy: null });
    out.push({ id: v.id, model });
  }
  return out;
}

/** A case row of the demo firm (lead 李明, partner 王建国 on the team), without starting its workflow. */
export async function insertTestCase(db: Db, versionId: string | null = null) {
  const client = await db('clients').orderBy('name').first();
  const lead = await db('users').where({ email: 'li.ming@demo.lexflow' }).first();
  const partner = await db('users').where({ email: 'partner@demo.lexflow' }).first();
  const c = await insertCase(db, {
    number: `T${randomUUID().slice(0, 8)}`,
    title: '测试案件',
    clientId: client.id,
    practiceArea: 'civil',
    caseType: 'first_instance',
    priority: 'normal',
    templateVersionId: versionId,
    workflowId: null,
    leadLawyerId: lead.id,
    openedOn: '2026-09-01',
    createdBy: lead.id,
  });
  await addCaseMembers(db, c.id, [
    { userId: lead.id, role: 'lead' },
    { userId: partner.id, role: 'partner' },
  ]);
  return { caseId: c.id, leadId: lead.id as string, partnerId: partner.id as string };
}

/** Polls until `fn` returns a truthy value (real time; the time-skipping server does not skip meanwhile). */
export async function eventually<T>(fn: () => Promise<T | undefined | null | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
