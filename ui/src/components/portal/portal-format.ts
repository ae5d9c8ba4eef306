import { useI18n } from 'vue-i18n';
import type { PortalStage } from '@/api/portal';

/** What the portal shows in the reader's language: a stage's client label, civil dates ('YYYY-MM-DD'). */
export function usePortalText() {
  const { locale } = useI18n();
  const en = () => locale.value === 'en';
  return {
    label: (s: Pick<PortalStage, 'label' | 'labelEn'>) => (en() && s.labelEn ? s.labelEn : s.label),
    description: (s: Pick<PortalStage, 'description' | 'descriptionEn'>) => (en() ? (s.descriptionEn ?? s.description) : s.description),
    /** A civil date as written in the reader's language (it is a date, not an instant: no time zone moves it). */
    civil: (d: string | null | undefined) =>
      d ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`)) : '—',
  };
}
