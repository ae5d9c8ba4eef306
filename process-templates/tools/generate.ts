import fs from 'node:fs';
import path from 'node:path';
import { writeBpmn } from './bpmn-writer';
import { SHIPPED_TEMPLATES } from './shipped';

/** `npx tsx process-templates/tools/generate.ts` rewrites process-templates/*.bpmn from shipped*.ts. */
for (const t of SHIPPED_TEMPLATES) {
  const file = path.join(__dirname, '..', `${t.id}.bpmn`);
  fs.writeFileSync(file, writeBpmn(t));
  process.stdout.write(`wrote ${path.basename(file)}\n`);
}
