/**
 * Document templates, pure: the placeholder vocabulary, scanning and validating an uploaded .docx,
 * filling it from a case, and 函号 formatting. Used by the API (upload, preview, generate) and the
 * generateDocument activity; the shipped templates are in process-templates/documents/.
 */
export { BLANK, DocumentTemplateError, type TemplateProblem } from './docx';
export { scanTemplate, validateTemplate, type TemplateScan, type TemplateValidation } from './scan';
export { fillTemplate, sampleData, SAMPLE_CASE } from './fill';
export {
  caseTemplateData,
  partyData,
  TEMPLATE_PARTY_ROLES,
  type TemplateCaseInput,
  type TemplateData,
  type TemplateParty,
  type TemplatePartyRole,
} from './case-data';
export {
  FIELD_TYPES,
  knownLoops,
  knownScalars,
  optionCondition,
  PARTY_FIELDS,
  PARTY_LOOPS,
  PLACEHOLDERS,
  ZTemplateField,
  ZTemplateFields,
  type PlaceholderInfo,
  type TemplateField,
} from './template-fields';
export { formatLetterNumber, letterAreaCode, parseLetterNumber, type LetterNumberParts } from './letter-number';
