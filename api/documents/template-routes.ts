import { Router } from 'express';
import { generateCaseDocument, shippedTemplate } from '../../db/repositories/generated-documents';
import { SHIPPED_DOCUMENT_TEMPLATES } from '../../process-templates/documents/templates';
import { ZTemplateFields, validateTemplate } from '../../domain/documents';
import { ZIdParams } from '../contracts/common';
import { ZDocument, ZDocumentTemplates, ZGenerateDocument, ZTemplateCheck } from '../contracts/documents';
import { AppError } from '../app-error';
import type { RouteRegistry } from '../routing';
import { assertCaseAccess } from '../cases';
import { firmTimeZone } from '../firm';
import { documentFor, documentView } from './document-access';
import { receiveFiles } from './multipart';
import type { DocumentDeps } from './documents';

const TEMPLATE_MAX_BYTES = 10 * 1024 * 1024;

/** Document templates: the shipped ones, a lawyer's generate, and an admin's check of a new .docx. */
export function templateRoutes(registry: RouteRegistry, deps: DocumentDeps & { firmTimezone: string }): Router {
  const router = Router();
  const { db, storage } = deps;
  const tag = 'documents';
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
    async () => ({ items: SHIPPED_DOCUMENT_TEMPLATES.map((t) => ({ ...t, builtin: true })) }),
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
    async ({ params, body, user, audit }) => {
      await assertCaseAccess(db, user!, params.id, 'document.generate');
      const template = shippedTemplate(body.templateKey);
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
      const { fields, files } = await receiveFiles(req, storage, { maxBytes: TEMPLATE_MAX_BYTES, maxFiles: 1 });
      let declared: unknown = [];
      try {
        declared = fields.fields ? JSON.parse(fields.fields) : [];
      } catch {
        throw new AppError('validation-error', 'The fields are not JSON', { errors: [{ path: 'body.fields', message: 'not JSON' }] });
      }
      const parsed = ZTemplateFields.safeParse(declared);
      if (!parsed.success) {
        throw new AppError('validation-error', 'Invalid template fields', {
          errors: parsed.error.issues.map((i) => ({ path: ['body', 'fields', ...i.path.map(String)].join('.'), message: i.message })),
        });
      }
      const parts: Buffer[] = [];
      for await (const p of await storage.get(files[0].sha256)) parts.push(p as Buffer);
      const r = validateTemplate(Buffer.concat(parts), parsed.data);
      if (!r.ok) throw new AppError('document-template-invalid', r.problems.map((p) => p.message).join('; '), { problems: r.problems });
      return { placeholders: r.placeholders, loops: r.loops };
    },
  );
  return router;
}
