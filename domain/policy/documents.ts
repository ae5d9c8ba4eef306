import type { Role } from '../roles';

/**
 * Which documents a viewer sees, as one plain object that db/ applies in SQL (lists, search) and
 * `maySeeDocument` applies to one row, so the two never disagree.
 * - `firmWide`: documents of every case and client; otherwise those of the cases whose team the
 *   viewer is on (and of the clients of those cases).
 * - `financeOnly`: only categories marked finance-visible (invoices, contracts).
 * - `confidential`: 'all', or 'own' — a confidential document only where the viewer leads its case
 *   or made the document (a lawyer who marks a file confidential keeps it).
 * Partners see everything; admins everything but confidential files; finance the finance
 * categories; lawyers and assistants their cases'. Clients see documents only through the portal.
 */
export interface DocumentScope {
  readonly userId: string;
  readonly firmWide: boolean;
  readonly financeOnly: boolean;
  readonly confidential: 'all' | 'own';
}

export function documentScope(viewer: { readonly userId: string; readonly role: Role }): DocumentScope {
  const { userId, role } = viewer;
  switch (role) {
    case 'partner':
      return { userId, firmWide: true, financeOnly: false, confidential: 'all' };
    case 'admin':
      return { userId, firmWide: true, financeOnly: false, confidential: 'own' };
    case 'finance':
      return { userId, firmWide: true, financeOnly: true, confidential: 'own' };
    default:
      return { userId, firmWide: false, financeOnly: false, confidential: 'own' };
  }
}

/** The facts of one document the rule looks at. */
export interface DocumentFacts {
  readonly confidential: boolean;
  readonly categoryFinanceVisible: boolean;
  readonly createdBy: string;
  readonly leadLawyerId: string | null;
  /** The viewer is on the team of its case (or of a case of its client). */
  readonly viewerOnTeam: boolean;
}

export function maySeeDocument(scope: DocumentScope, doc: DocumentFacts): boolean {
  if (!scope.firmWide && !doc.viewerOnTeam) return false;
  if (scope.financeOnly && !doc.categoryFinanceVisible) return false;
  if (doc.confidential && scope.confidential === 'own') return doc.leadLawyerId === scope.userId || doc.createdBy === scope.userId;
  return true;
}
