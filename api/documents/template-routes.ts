import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  archiveDocumentTemplate,
  documentTemplates,
  findDocumentTemplate,
  generateCaseDocument,
  insertDocumentTemplate,
} from '../../db/repositories/generated-documents';
import { ZTemplateFields, fillTemplate, sampleData, validateTemplate, type TemplateField } from '../../domain/documents';
import { ZIdParams } from '../contracts/common';
import {
  ZDocument,
  ZDocumentTemplate,
  ZDocumentTemplateKey,
  ZDocumentTemplateMeta,
  ZDocumentTemplates,
  ZGenerateDocument,
  ZTemplateCheck,
} from '../contracts/documents';
import { AppError } from '../app-error';
import type { RouteRegistry } from '../routing';
import { assertCaseAccess } from '../cases';
import { firmTimeZone } from '../firm';
import { documentFor, documentView } from './document-access';
import { receiveFiles } from './multipart';
import type { DocumentDeps } from './documents';
import { removeUnreferenced } from '../../db/repositories/document-records';
import { readObject } from '../../db/storage';

const issues = (error: z.ZodError, prefix: string) =>
  error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].join('.'), message: i.message }));

const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

function templateView(t: { key: string; nameZh: string; nameEn: string; kind: string; builtin: boolean; fields: TemplateField[] }) {
  return { key: t.key, nameZh: t.nameZh, nameEn: t.nameEn, kind: t.kind, builtin: t.builtin, fields: t.fields };
}

/** Document templates: the shipped ones, a lawyer's generate, and an admin's check of a new .docx. */
export function templateRoutes(registry: RouteRegistry, deps: DocumentDeps & { firmTimezone: string }): Router {
  const router = Router();
  const { db, storage } = deps;
  const tag = 'documents';

  /**
   * A .docx template from a multipart body, with its declared fields (and, to add one, its name
   * and key), checked: 422 naming what is wrong. The fields are checked before the file is
   * stored, and a refused file is not kept.
   */
  async function receiveTemplate(req: Request, opts: { meta: boolean }) {
    let declared: TemplateField[] = [];
    let meta: z.infer<typeof ZDocumentTemplateMeta> | undefined;
    const discard = (stored: Array<{ sha256: string; size: number }>) => removeUnreferenced(db, storage, stored).then(() => undefined);
    const { files } = await receiveFiles(req, storage, {
      maxBytes: TEMPLATE_MAX_BYTES,
      maxFiles: 1,
      discard,
      beforeFiles: async (fields) => {
        let raw: unknown = [];
        try {
          raw = fields.fields ? JSON.parse(fields.fields) : [];
        } catch {
          throw new AppError('validation-error', 'The fields are not JSON', { errors: [{ path: 'body.fields', message: 'not JSON' }] });
        }
        const parsed = ZTemplateFields.safeParse(raw);
        if (!parsed.success)
          throw new AppError('validation-error', 'Invalid template fields', { errors: issues(parsed.error, 'body.fields') });
        declared = parsed.data;
        if (opts.meta) {
          const m = ZDocumentTemplateMeta.safeParse(fields);
          if (!m.success) throw new AppError('validation-error', 'Invalid template', { errors: issues(m.error, 'body') });
          meta = m.data;
        }
      },
    });
    const file = files[0];
    const checked = validateTemplate(await readObject(storage, file.sha256), declared);
    if (!checked.ok) {
      await discard([file]);
      throw new AppError('document-template-invalid', checked.problems.map((p) => p.message).join('; '), { problems: checked.problems });
    }
    return { declared, meta, checked, file, discard };
  }

  registry.add(
    router,
    {
      method: 'get',
      path: '/document-templates',
      tag,
      summary:
        'Document templates (民事起诉状, 答辩状, 代理词, 授权委托书, 律师事务所函 …) with the fields a lawyer fills before generating',
      action: 'documentTemplate.read',
      response: ZDocumentTemplates,
    },
    async () => ({ items: (await documentTemplates(db, storage)).map(templateView) }),
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/cases/:id/documents/generate',
      tag,
      summary:
        'Make a .docx from a template filled with the case (parties, court, 案由, 案号, lead lawyer, firm) and the form; filed under 法律文书',
      action: 'document.generate',
      params: ZIdParams,
      body: ZGenerateDocument,
      response: ZDocument,
      status: 201,
      errors: ['not-found', 'validation-error', 'document-template-invalid'],
      auditEntity: 'document',
    },
    async ({ params, body, user, audit, idempotency }) => {
      await assertCaseAccess(db, user!, params.id, 'document.generate');
      // A retry of a generate whose answer was lost: the document it made (and no second 函号).
      if (idempotency?.resumedEntityId) return documentView(await documentFor(db, user!, idempotency.resumedEntityId, 'document.read'));
      const template = await findDocumentTemplate(db, storage, body.templateKey);
      if (!template)
        throw new AppError('validation-error', 'Unknown template', {
          errors: [{ path: 'body.templateKey', message: `no template ${body.templateKey}` }],
        });
      const missing = template.fields.filter(
        (f) => f.required && (body.form[f.key] === undefined || body.form[f.key] === null || body.form[f.key] === ''),
      );
      if (missing.length) {
        throw new AppError('validation-error', 'Fill in the required fields', {
          errors: missing.map((f) => ({ path: `body.form.${f.key}`, message: `${f.labelZh} is required` })),
        });
      }
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: await firmTimeZone(db, deps.firmTimezone) }).format(new Date());
      const { id } = await generateCaseDocument(db, storage, {
        bind: idempotency ? (trx, made) => idempotency.bind(trx, made) : undefined,
        caseId: params.id,
        templateKey: template.key,
        form: body.form,
        createdBy: user!.id,
        today,
      });
      audit({ entityId: id, details: { caseId: params.id, template: template.key } });
      return documentView(await documentFor(db, user!, id, 'document.read'));
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/document-templates/check',
      tag,
      summary:
        'Check a .docx template before it is used (multipart: `fields`, the JSON of its declared form fields, then one `file`): the placeholders it uses, or 422 naming unknown placeholders, broken tags or a file that is no .docx',
      action: 'documentTemplate.manage',
      response: ZTemplateCheck,
      errors: ['validation-error', 'unsupported-media-type', 'document-template-invalid', 'file-too-large'],
      auditEntity: 'document-template',
    },
    async ({ req }) => {
      const { checked, file, discard } = await receiveTemplate(req, { meta: false });
      // Only checked, not kept (unless a template already uses the same bytes).
      await discard([file]);
      return { placeholders: checked.placeholders, loops: checked.loops };
    },
  );
  registry.add(
    router,
    {
      method: 'post',
      path: '/document-templates',
      tag,
      summary:
        'Add a firm template (multipart: `key`, `nameZh`, `nameEn`, `kind`, `fields` (JSON of its declared form fields), then one .docx `file`); checked as /check does',
      action: 'documentTemplate.manage',
      response: ZDocumentTemplate,
      status: 201,
      errors: ['validation-error', 'unsupported-media-type', 'document-template-invalid', 'file-too-large', 'conflict'],
      auditEntity: 'document-template',
    },
    async ({ req, user, audit }) => {
      const { declared, meta, checked, file, discard } = await receiveTemplate(req, { meta: true });
      const m = meta!;
      const added = await insertDocumentTemplate(db, storage, {
        ...m,
        fields: declared,
        placeholders: checked.placeholders,
        sha256: file.sha256,
        size: file.size,
        createdBy: user!.id,
      });
      if (added !== 'added') await discard([file]);
      if (added === 'taken') throw new AppError('conflict', `a template ${m.key} exists`);
      if (added === 'bytes-gone')
        throw new AppError('service-unavailable', 'The recycle bin was emptied while the file arrived; send it again', {
          retryAfterSeconds: 1,
        });
      audit({ entityId: m.key, details: { name: m.nameZh, placeholders: checked.placeholders.length } });
      return templateView((await findDocumentTemplate(db, storage, m.key))!);
    },
  );
  registry.add(
    router,
    {
      method: 'get',
      path: '/document-templates/:key/sample',
      tag,
      summary: 'The template filled with a sample case (a .docx attachment), to see what it makes',
      action: 'documentTemplate.read',
      params: z.object({ key: ZDocumentTemplateKey }),
      errors: ['not-found'],
    },
    async ({ params, res }) => {
      const t = await findDocumentTemplate(db, storage, params.key);
      if (!t) throw new AppError('not-found', `no template ${params.key}`);
      const bytes = fillTemplate(await t.bytes(), sampleData(t.fields));
      res
        .status(200)
        .setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .setHeader(
          'Content-Disposition',
          `attachment; filename="sample.docx"; filename*=UTF-8''${encodeURIComponent(`${t.nameZh}-样例.docx`)}`,
        )
        .end(Buffer.from(bytes));
    },
  );
  registry.add(
    router,
    {
      method: 'delete',
      path: '/document-templates/:key',
      tag,
      summary: 'Archive a firm template (shipped templates stay: 409); documents made from it stay',
      action: 'documentTemplate.manage',
      params: z.object({ key: ZDocumentTemplateKey }),
      errors: ['not-found', 'conflict'],
      auditEntity: 'document-template',
    },
    async ({ params, audit }) => {
      const t = await findDocumentTemplate(db, storage, params.key);
      if (!t) throw new AppError('not-found', `no template ${params.key}`);
      if (t.builtin) throw new AppError('conflict', 'a shipped template cannot be archived');
      await archiveDocumentTemplate(db, params.key);
      audit({ entityId: params.key });
    },
  );
  return router;
}
