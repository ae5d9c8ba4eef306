import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/client';

/** A sentence in the user's language for any error an API call threw. */
export function useErrorMessage() {
  const { t, te } = useI18n();
  return (e: unknown): string => {
    if (e instanceof ApiError) {
      const key = `errors.${e.code}`;
      if (te(key)) return t(key, { minutes: Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60)) });
    }
    return t('errors.unknown');
  };
}
