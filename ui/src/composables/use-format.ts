import { useI18n } from 'vue-i18n';
import { useSessionStore } from '@/stores/session';
import { formatFen } from '../../../domain/money';

/** Dates and money as the firm shows them: in its time zone; money from integer fen. */
export function useFormat() {
  const { locale, t, te } = useI18n();
  const session = useSessionStore();
  return {
    dateTime: (iso: string | null | undefined) =>
      iso
        ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short', timeZone: session.timeZone }).format(
            new Date(iso),
          )
        : '—',
    date: (iso: string | null | undefined) =>
      iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: session.timeZone }).format(new Date(iso)) : '—',
    /** A case-type code in words when LexFlow knows it; a firm's own codes show as typed. */
    caseType: (code: string) => (te(`caseTypeNames.${code}`) ? t(`caseTypeNames.${code}`) : code),
    yuan: (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatFen(fen, locale.value)),
  };
}
