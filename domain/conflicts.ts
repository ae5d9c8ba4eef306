import { PARTY_ROLES, RECORD_ROLES } from './records';

/**
 * Conflict-of-interest (利益冲突) rules: how a match between a name being checked and a party on
 * record is classified. The search finds candidates; these rules say what each one means.
 *
 * - `conflict`: the firm would act against its own client, or for a party it acts against
 *   (律师执业行为规范 第50–51条); stops intake unless a partner records a waiver (知情同意).
 * - `review`: a match that needs a human look — a fuzzy name, a third or related party.
 * - `info`: the party is already on the same side (an existing client checked as a client).
 */
/** A name checked takes the role it would have on the case. */
export const SUBJECT_ROLES = PARTY_ROLES;
export type SubjectRole = (typeof SUBJECT_ROLES)[number];

/** What the matched record is: a client of the firm, a party of a case in some role, a client's contact. */
export type RecordRole = (typeof RECORD_ROLES)[number];
export type MatchKind = 'id' | 'exact' | 'contains' | 'similar';
export type Severity = 'conflict' | 'review' | 'info';

export function classify(subject: SubjectRole, record: RecordRole, match: MatchKind): Severity {
  let severity: Severity;
  if (subject === 'client') severity = record === 'opposing' ? 'conflict' : record === 'client' ? 'info' : 'review';
  else if (subject === 'opposing')
    severity = record === 'client' || record === 'contact' ? 'conflict' : record === 'opposing' ? 'info' : 'review';
  else severity = record === 'client' || record === 'opposing' ? 'review' : 'info';
  // A name that is only similar is a question for a person, not a finding.
  if (match === 'similar' && severity === 'conflict') return 'review';
  return severity;
}

export function overallResult(severities: Severity[]): 'clear' | 'review' | 'conflict' {
  if (severities.includes('conflict')) return 'conflict';
  if (severities.includes('review')) return 'review';
  return 'clear';
}
