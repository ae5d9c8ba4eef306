import { reactive } from 'vue';

/** The app's one snackbar: short confirmations and errors. */
export const snackbar = reactive({ open: false, text: '', color: 'success' as 'success' | 'error' | 'info' });

export function useNotify() {
  return {
    ok: (text: string) => Object.assign(snackbar, { open: true, text, color: 'success' }),
    error: (text: string) => Object.assign(snackbar, { open: true, text, color: 'error' }),
    info: (text: string) => Object.assign(snackbar, { open: true, text, color: 'info' }),
  };
}
