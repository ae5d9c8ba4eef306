/**
 * Messages of the billing UI (money): zh-CN first, English with exactly the same keys (the compiler
 * checks it through Messages, and ui/src/i18n/messages.test.ts checks the placeholders).
 */
export const zh = {
  title: '账单与收款',
};

export const en: typeof zh = {
  title: 'Invoices and payments',
};
