import { useI18n } from 'vue-i18n';
import { ApiError } from '@/api/client';
import { useErrorMessage } from '@/composables/use-error-message';

/** The sentence for a refused password: the server's reason (it holds the common-password list), else the error. */
export function usePasswordProblem() {
  const { t } = useI18n();
  const errorMessage = useErrorMessage();
  const keys: Record<string, string> = {
    'too-short': 'people.password.tooShort',
    'too-long': 'people.password.tooLong',
    common: 'people.password.common',
    'contains-email': 'people.password.containsEmail',
  };
  return (e: unknown): string => {
    if (e instanceof ApiError && e.code === 'weak-password') {
      const reason = e.problem?.errors?.[0]?.message ?? '';
      return keys[reason] ? t(keys[reason]) : t('errors.weak-password');
    }
    return errorMessage(e);
  };
}
