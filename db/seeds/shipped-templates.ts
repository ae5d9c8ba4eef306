import { SHIPPED_CHANGE_NOTE } from '../../domain/shipped-templates';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../connection';
import { findTemplateByKey, insertTemplate, insertVersion } from '../repositories/templates';
import { compile } from '../../process-templates/model/compiler';

/**
 * Loads the templates shipped in process-templates/*.bpmn as published version 1, once each
 * (product content: in demo and production mode alike). A shipped file that does not compile is
 * a release bug and stops the start.
 */
export async function ensureShippedTemplates(db: Db, dir: string): Promise<string[]> {
  const loaded: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()) {
    const key = path.basename(file, '.bpmn');
    if (await findTemplateByKey(db, key)) continue;
    const xml = fs.readFileSync(path.join(dir, file), 'utf8');
    const r = await compile(xml);
    if (!r.model)
      throw new Error(`shipped template ${file} does not compile: ${r.errors.map((e) => `${e.elementId} ${e.message}`).join('; ')}`);
    const model = r.model;
    await db.transaction(async (trx) => {
      const t = await insertTemplate(trx, {
        key,
        name: model.name,
        nameEn: model.nameEn ?? null,
        practiceArea: model.practiceArea ?? null,
        caseTypes: model.caseTypes,
        createdBy: null,
      });
      await insertVersion(trx, {
        templateId: t.id,
        bpmnXml: xml,
        model,
        changeNote: SHIPPED_CHANGE_NOTE,
        publishedBy: null,
      });
    });
    loaded.push(key);
  }
  return loaded;
}
