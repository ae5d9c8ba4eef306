import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/client';

/**
 * A sentence in the user's language for any error an API call threw; with `detail`, followed by
 * the server's explanation (e.g. which template already claims a case type).
 */
export function useErrorMessage() {
  const { t, te } = useI18n();
  const sentence = (e: unknown): string => {
    if (e instanceof ApiError) {
      const key = `errors.${e.code}`;
      const seconds = e.retryAfterSeconds ?? 60;
      if (te(key)) return t(key, { minutes: Math.max(1, Math.ceil(seconds / 60)), seconds });
    }
    return t('errors.unknown');
  };
  return (e: unknown, options: { detail?: boolean } = {}): string =>
    options.detail && e instanceof ApiError && e.problem?.detail
      ? t('errors.withDetail', { message: sentence(e), detail: e.problem.detail })
      : sentence(e);
}
