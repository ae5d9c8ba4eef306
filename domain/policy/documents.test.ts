import { documentScope, maySeeDocument } from './documents';

/** The document rule, role by role (the SQL in db/repositories/documents.ts applies the same scope). */
const LEAD = 'lead';
const doc = (over: Partial<Parameters<typeof maySeeDocument>[1]> = {}) => ({
  confidential: false,
  categoryFinanceVisible: false,
  createdBy: 'maker',
  leadLawyerId: LEAD,
  viewerOnTeam: false,
  ...over,
});

describe('who sees a document', () => {
  it.each([
    ['a partner off the team sees a confidential file', 'partner', 'p', doc({ confidential: true }), true],
    ['an admin sees an ordinary file of any case', 'admin', 'a', doc(), true],
    ['an admin does not see a confidential file', 'admin', 'a', doc({ confidential: true }), false],
    ['finance sees a finance category', 'finance', 'f', doc({ categoryFinanceVisible: true }), true],
    ['finance does not see evidence', 'finance', 'f', doc(), false],
    ['finance does not see a confidential contract', 'finance', 'f', doc({ categoryFinanceVisible: true, confidential: true }), false],
    ['a lawyer on the team sees an ordinary file', 'lawyer', 'l', doc({ viewerOnTeam: true }), true],
    ['a lawyer off the team sees nothing', 'lawyer', 'l', doc(), false],
    ['the lead sees a confidential file', 'lawyer', LEAD, doc({ viewerOnTeam: true, confidential: true }), true],
    ['its maker sees a confidential file', 'assistant', 'maker', doc({ viewerOnTeam: true, confidential: true }), true],
    ['an assistant on the team does not see a confidential file', 'assistant', 's', doc({ viewerOnTeam: true, confidential: true }), false],
  ] as const)('%s', (_what, role, userId, facts, seen) => {
    expect(maySeeDocument(documentScope({ userId, role }), facts)).toBe(seen);
  });
});
