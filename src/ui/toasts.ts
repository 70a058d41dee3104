/**
 * Toast notifications a page or a host can reuse: one `aria-live` region, queued, closed with
 * Escape or a close button, paused while hovered or focused. Text only: every string goes in
 * through `textContent`.
 *
 * @example
 * const toasts = createToaster(document.body);
 * toasts.show({ kind: 'success', title: 'Exported', message: 'report.pdf (120 KB)' });
 */
import { ToastQueue, type Toast, type ToastInput } from './toastQueue';

export type { Toast, ToastInput, ToastKind, ToastAction } from './toastQueue';

/** The toast region's controller. */
export interface Toaster {
  show(input: ToastInput): number;
  dismiss(id: number): void;
  /** The live region element (for tests and styling). */
  region: HTMLElement;
}

const ICON: Record<Toast['kind'], string> = { success: '✓', error: '!', info: 'i', cancelled: '–' };

/** Creates the toast region inside `parent` and returns its controller. */
export function createToaster(parent: HTMLElement, maxVisible = 3): Toaster {
  const region = document.createElement('div');
  region.className = 'toasts';
  region.setAttribute('aria-live', 'polite');
  region.setAttribute('aria-relevant', 'additions text');
  region.setAttribute('role', 'status');
  parent.appendChild(region);
  const rendered = new Map<number, HTMLElement>();

  const queue = new ToastQueue((visible) => {
    const ids = new Set(visible.map((t) => t.id));
    for (const [id, node] of rendered) {
      if (!ids.has(id)) {
        node.remove();
        rendered.delete(id);
      }
    }
    for (const toast of visible) {
      if (!rendered.has(toast.id)) {
        const node = renderToast(toast, queue);
        rendered.set(toast.id, node);
        region.appendChild(node);
      }
    }
  }, maxVisible);

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    // An open dialog takes Escape for itself.
    if (document.querySelector('dialog[open]')) return;
    if (queue.dismissLatest()) event.preventDefault();
  });

  return { show: (input) => queue.show(input), dismiss: (id) => queue.dismiss(id), region };
}

function renderToast(toast: Toast, queue: ToastQueue): HTMLElement {
  const node = document.createElement('div');
  node.className = `toast toast-${toast.kind}`;
  node.dataset.kind = toast.kind;
  node.dataset.toastId = String(toast.id);
  const icon = document.createElement('span');
  icon.className = 'toast-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = ICON[toast.kind];
  const body = document.createElement('div');
  body.className = 'toast-body';
  const title = document.createElement('strong');
  title.className = 'toast-title';
  title.textContent = toast.title;
  body.appendChild(title);
  if (toast.message !== '') {
    const message = document.createElement('p');
    message.className = 'toast-message';
    message.textContent = toast.message;
    body.appendChild(message);
  }
  if (toast.actions.length > 0) {
    const actions = document.createElement('div');
    actions.className = 'toast-actions';
    for (const action of toast.actions) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.label;
      button.addEventListener('click', () => {
        queue.dismiss(toast.id);
        action.run();
      });
      actions.appendChild(button);
    }
    body.appendChild(actions);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'toast-close';
  close.setAttribute('aria-label', 'Dismiss notification');
  close.textContent = '×';
  close.addEventListener('click', () => queue.dismiss(toast.id));
  node.append(icon, body, close);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      queue.dismiss(toast.id);
    }
  });
  node.addEventListener('mouseenter', () => queue.pause(toast.id));
  node.addEventListener('mouseleave', () => queue.resume(toast.id));
  node.addEventListener('focusin', () => queue.pause(toast.id));
  node.addEventListener('focusout', () => queue.resume(toast.id));
  return node;
}
