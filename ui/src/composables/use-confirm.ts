import { reactive } from 'vue';

interface ConfirmRequest {
  title: string;
  text: string;
  confirm: string;
  danger: boolean;
  resolve?: (ok: boolean) => void;
}

/** One confirmation dialog for the whole app (ConfirmDialog.vue shows it). */
export const confirmState = reactive<{ open: boolean; request: ConfirmRequest | null }>({ open: false, request: null });

export function useConfirm() {
  return (request: Omit<ConfirmRequest, 'resolve' | 'danger'> & { danger?: boolean }): Promise<boolean> =>
    new Promise((resolve) => {
      confirmState.request = { danger: false, ...request, resolve };
      confirmState.open = true;
    });
}

export function answerConfirm(ok: boolean): void {
  confirmState.request?.resolve?.(ok);
  confirmState.open = false;
}
