/**
 * Toast notifications a page or a host can reuse: one `aria-live` region in the bottom-right
 * corner (the bottom edge on a phone), queued, closed with Escape or a close button, paused
 * while hovered or focused. Success and info toasts leave by themselves; errors stay until
 * dismissed or their cause is fixed. Text only: every string goes in through `textContent`.
 *
 * The toaster brings its own styles (`TOAST_CSS`): a constructed stylesheet adopted by the
 * document, which no Content-Security-Policy blocks, or a `<style>` element where constructed
 * sheets are missing (allowed by the documented policy's `style-src 'unsafe-inline'`). Hosts
 * theme it with CSS variables (`--bf-toast-accent`, `--bf-toast-bg`, …) or pass
 * `{ styles: false }` and style the `bf-toast*` classes themselves.
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

/** Options of `createToaster`. */
export interface ToasterOptions {
  /** Most toasts shown at once (the rest wait); default 3. */
  maxVisible?: number;
  /** Add the toaster's own styles (default true); false when the host styles `bf-toast*` itself. */
  styles?: boolean;
}

/**
 * The toasts' styles: a stack in the bottom-right corner, 360 px wide, above the page; on
 * narrow screens the full width of the bottom edge. Colours meet WCAG AA contrast.
 */
export const TOAST_CSS = `
.bf-toasts { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; display: flex; flex-direction: column; gap: 8px; width: min(360px, calc(100vw - 32px)); pointer-events: none; font-family: var(--bf-toast-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif); font-size: 14px; line-height: 1.4; }
.bf-toast { pointer-events: auto; display: flex; gap: 10px; align-items: flex-start; box-sizing: border-box; background: var(--bf-toast-bg, #ffffff); color: var(--bf-toast-text, #1c2430); border: 1px solid var(--bf-toast-border, #c9d0da); border-left: 5px solid var(--bf-toast-accent, #2356c7); border-radius: 8px; padding: 10px 10px 10px 12px; box-shadow: 0 6px 20px rgb(16 24 40 / 18%); animation: bf-toast-in 160ms ease-out; }
.bf-toast-success { border-left-color: var(--bf-toast-success, #137a3a); }
.bf-toast-error { border-left-color: var(--bf-toast-error, #b3261e); }
.bf-toast-cancelled { border-left-color: var(--bf-toast-muted, #5b6675); }
.bf-toast-icon { flex: none; display: inline-grid; place-items: center; width: 20px; height: 20px; border-radius: 50%; font-size: 12px; font-weight: 700; color: #fff; background: var(--bf-toast-accent, #2356c7); }
.bf-toast-success .bf-toast-icon { background: var(--bf-toast-success, #137a3a); }
.bf-toast-error .bf-toast-icon { background: var(--bf-toast-error, #b3261e); }
.bf-toast-cancelled .bf-toast-icon { background: var(--bf-toast-muted, #5b6675); }
.bf-toast-body { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.bf-toast-title { display: block; font-weight: 600; }
.bf-toast-message { margin: 2px 0 0; color: var(--bf-toast-muted-text, #3d4755); }
.bf-toast-actions { display: flex; gap: 6px; margin-top: 8px; }
.bf-toast-actions button { font: inherit; font-size: 13px; padding: 3px 10px; border-radius: 6px; border: 1px solid var(--bf-toast-accent, #2356c7); background: var(--bf-toast-accent, #2356c7); color: #fff; cursor: pointer; }
.bf-toast-close { flex: none; font: inherit; font-size: 18px; line-height: 1; width: 28px; height: 28px; margin: -4px -2px 0 0; border: none; border-radius: 6px; background: transparent; color: var(--bf-toast-muted, #5b6675); cursor: pointer; }
.bf-toast-close:hover { background: rgb(0 0 0 / 6%); }
.bf-toast button:focus-visible { outline: 3px solid var(--bf-toast-focus, #1a47b8); outline-offset: 2px; }
@keyframes bf-toast-in { from { opacity: 0; transform: translateY(8px); } to { opacity: 1; transform: none; } }
@media (prefers-reduced-motion: reduce) { .bf-toast { animation: none; } }
@media (max-width: 600px) { .bf-toasts { right: 8px; left: 8px; bottom: 8px; width: auto; } }
`;

const styled = new WeakSet<Document>();

/** Adds `TOAST_CSS` to the document once. */
function addToastStyles(doc: Document): void {
  if (styled.has(doc)) return;
  styled.add(doc);
  const view = doc.defaultView;
  if (view && 'adoptedStyleSheets' in doc && typeof view.CSSStyleSheet === 'function' && 'replaceSync' in view.CSSStyleSheet.prototype) {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(TOAST_CSS);
    // Adopted sheets come after the document's own in the cascade: hosts theme with the variables, or pass `styles: false`.
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  const style = doc.createElement('style');
  style.dataset.backfolio = 'toasts';
  style.textContent = TOAST_CSS;
  doc.head.appendChild(style);
}

/** Creates the toast region inside `parent` and returns its controller. */
export function createToaster(parent: HTMLElement, options: ToasterOptions | number = {}): Toaster {
  const { maxVisible = 3, styles = true } = typeof options === 'number' ? { maxVisible: options } : options;
  if (styles) addToastStyles(parent.ownerDocument);
  const region = document.createElement('div');
  region.className = 'bf-toasts';
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
  node.className = `bf-toast bf-toast-${toast.kind}`;
  node.dataset.kind = toast.kind;
  node.dataset.toastId = String(toast.id);
  const icon = document.createElement('span');
  icon.className = 'bf-toast-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = ICON[toast.kind];
  const body = document.createElement('div');
  body.className = 'bf-toast-body';
  const title = document.createElement('strong');
  title.className = 'bf-toast-title';
  title.textContent = toast.title;
  body.appendChild(title);
  if (toast.message !== '') {
    const message = document.createElement('p');
    message.className = 'bf-toast-message';
    message.textContent = toast.message;
    body.appendChild(message);
  }
  if (toast.actions.length > 0) {
    const actions = document.createElement('div');
    actions.className = 'bf-toast-actions';
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
  close.className = 'bf-toast-close';
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
