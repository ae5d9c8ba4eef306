import { AUDIT_ACTIONS, AUDIT_FALLBACK, AUDIT_SENTENCES, auditActionOf, auditEventCode, auditEventOf, fillAuditSentence } from './events';

const placeholders = (m: string) => [...m.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('audit sentences', () => {
  it('codes are stable, vue-i18n-safe names of the actions', () => {
    expect(auditEventCode('POST /api/v1/cases/:id/close')).toBe('post_cases_id_close');
    expect(auditEventCode('POST /api/v1/clients/:id/id-number/reveal')).toBe('post_clients_id_id_number_reveal');
    expect(auditEventCode('document.view')).toBe('document_view');
    expect(auditEventOf({ action: 'POST /api/v1/nothing-here', entity: 'unrouted' })).toBe('unrouted');
    for (const code of Object.keys(AUDIT_SENTENCES['zh-CN'])) expect(code).toMatch(/^[a-z0-9_]+$/);
  });

  it('every action has one code, a sentence in both languages with the same placeholders, starting with who did it', () => {
    const codes = AUDIT_ACTIONS.map(auditEventCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      const zh = AUDIT_SENTENCES['zh-CN'][code];
      const en = AUDIT_SENTENCES.en[code];
      expect({ code, zh: typeof zh, en: typeof en }).toEqual({ code, zh: 'string', en: 'string' });
      expect({ code, zh: placeholders(zh) }).toEqual({ code, zh: placeholders(en) });
      expect(zh.startsWith('{actor} ') && en.startsWith('{actor} ')).toBe(true);
      expect(zh + en).not.toMatch(/\/api\/|[@|]/);
      expect(placeholders(zh).every((p) => ['actor', 'subject', 'case'].includes(p))).toBe(true);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      expect(en).not.toMatch(/[\u4e00-\u9fff]/);
      expect(auditActionOf(code)).toBe(AUDIT_ACTIONS[codes.indexOf(code)]);
    }
    expect(placeholders(AUDIT_FALLBACK['zh-CN'])).toEqual(placeholders(AUDIT_FALLBACK.en));
  });

  it('reads as the firm would say it', () => {
    const values = { actor: '王建国', subject: '2026民0003', case: null };
    expect(fillAuditSentence(AUDIT_SENTENCES['zh-CN'][auditEventCode('POST /api/v1/cases/:id/close')], values)).toBe(
      '王建国 关闭了案件 2026民0003',
    );
    expect(
      fillAuditSentence(AUDIT_SENTENCES.en[auditEventCode('POST /api/v1/cases/:id/close')], { ...values, actor: 'Wang Jianguo' }),
    ).toBe('Wang Jianguo closed case 2026民0003');
  });
});
