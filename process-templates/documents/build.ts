import { complaintLoan, complaintNarrative, complaintSale } from './bodies-complaint';
import { agencyOpinion, defence, firmLetter, powerOfAttorney } from './bodies-other';
import { SHIPPED_DOCUMENT_TEMPLATES } from './templates';
import { docx, docxParts } from './wordml';

/**
 * The source of every shipped `<key>.docx`: its body as WordprocessingML. Pure (no file system, so
 * it obeys this folder's lint rule): `npx tsx test/build-document-templates.ts` writes the files,
 * and domain/documents/shipped.test.ts checks each file still equals what its source builds.
 */
export const DOCUMENT_BODIES: Readonly<Record<string, () => string>> = {
  'complaint-elements-sale': complaintSale,
  'complaint-elements-loan': complaintLoan,
  'complaint-narrative': complaintNarrative,
  defence,
  'agency-opinion': agencyOpinion,
  'power-of-attorney': powerOfAttorney,
  'firm-letter': firmLetter,
};

function bodyOf(key: string): string {
  const make = DOCUMENT_BODIES[key];
  if (!make || !SHIPPED_DOCUMENT_TEMPLATES.some((t) => t.key === key)) throw new Error(`no shipped document template ${key}`);
  return make();
}

/** The .docx bytes of a shipped template. */
export const buildDocumentTemplate = (key: string): Uint8Array => docx(bodyOf(key));

/** The XML parts of a shipped template, for comparing a file with its source part by part. */
export const documentTemplateParts = (key: string): Record<string, string> => docxParts(bodyOf(key));
