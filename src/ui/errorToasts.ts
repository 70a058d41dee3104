/**
 * Error toasts tied to their cause: an error stays until it is dismissed or its cause is fixed
 * (a good price file after a bad one, a valid configuration after an invalid one), and a new
 * error of the same cause replaces the old one instead of piling up.
 */
import type { Toaster, ToastInput } from './toasts';

/** What an error is about; fixing it closes the toast. */
export type ErrorCause = 'prices' | 'fx' | 'example' | 'config' | 'link' | 'run-data' | 'run' | 'export' | 'history' | 'worker';

/** Shows and closes error toasts by cause. */
export interface ErrorToasts {
  show(cause: ErrorCause, input: Omit<ToastInput, 'kind'>): void;
  /** The cause is fixed: its toast closes. */
  resolve(...causes: ErrorCause[]): void;
}

/** Error toasts on `toaster`, one per cause. */
export function createErrorToasts(toaster: Pick<Toaster, 'show' | 'dismiss'>): ErrorToasts {
  const shown = new Map<ErrorCause, number>();
  return {
    show(cause, input) {
      const previous = shown.get(cause);
      if (previous !== undefined) toaster.dismiss(previous);
      shown.set(cause, toaster.show({ ...input, kind: 'error' }));
    },
    resolve(...causes) {
      for (const cause of causes) {
        const id = shown.get(cause);
        if (id === undefined) continue;
        toaster.dismiss(id);
        shown.delete(cause);
      }
    },
  };
}
