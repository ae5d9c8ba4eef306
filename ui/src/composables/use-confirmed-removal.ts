import { useConfirm } from './use-confirm';
import { useErrorMessage } from './use-error-message';
import { useNotify } from './use-notify';

/**
 * Removing something the user sees: ask first (the confirm button says what happens), then do it,
 * then refresh; a refusal from the server is shown, never thrown. Resolves to whether it was removed.
 */
export function useConfirmedRemoval() {
  const confirm = useConfirm();
  const notify = useNotify();
  const errorMessage = useErrorMessage();
  return async (
    ask: { title: string; text: string },
    remove: () => Promise<unknown>,
    after?: () => Promise<unknown> | unknown,
  ): Promise<boolean> => {
    if (!(await confirm({ title: ask.title, text: ask.text, confirm: ask.title, danger: true }))) return false;
    try {
      await remove();
      await after?.();
      return true;
    } catch (e) {
      notify.error(errorMessage(e));
      return false;
    }
  };
}
