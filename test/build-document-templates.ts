import fs from 'node:fs';
import path from 'node:path';
import { buildDocumentTemplate } from '../process-templates/documents/build';
import { SHIPPED_DOCUMENT_TEMPLATES } from '../process-templates/documents/templates';

/**
 * `npx tsx test/build-document-templates.ts` rewrites process-templates/documents/<key>.docx from
 * their sources. It lives here because writing files needs node:fs, which process-templates/ may not import.
 */
const dir = path.join(__dirname, '..', 'process-templates', 'documents');
for (const t of SHIPPED_DOCUMENT_TEMPLATES) {
  const file = path.join(dir, `${t.key}.docx`);
  fs.writeFileSync(file, buildDocumentTemplate(t.key));
  process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
}
