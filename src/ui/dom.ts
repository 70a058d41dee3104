/**
 * A tiny element builder. Text goes in through `textContent` only, never `innerHTML`, so a
 * strategy or asset name like `<img src=x onerror=…>` always shows as text.
 */

/** A child for `el()`: a node, text, or nothing (skipped). */
export type Child = Node | string | null | undefined | false;

/** What `el()` sets on a new element. */
export interface ElementProps {
  className?: string;
  id?: string;
  /** Attributes set with `setAttribute` (values are text, never markup). */
  attrs?: Record<string, string>;
  dataset?: Record<string, string>;
  text?: string;
  on?: Partial<{ [K in keyof HTMLElementEventMap]: (event: HTMLElementEventMap[K]) => void }>;
}

/** Creates an element with props and children (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.id) node.id = props.id;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const [k, v] of Object.entries(props.dataset ?? {})) node.dataset[k] = v;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [type, handler] of Object.entries(props.on ?? {})) node.addEventListener(type, handler as EventListener);
  appendChildren(node, children);
  return node;
}

/** Appends children, turning strings into text nodes. */
export function appendChildren(node: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces every child of `node`. */
export function replaceChildren(node: Element, children: Child[]): void {
  node.replaceChildren();
  appendChildren(node, children);
}

/** The element with this id, typed; throws when the page shell lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`Page shell is missing #${id}`);
  return node as T;
}

/** Human file size: `1.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
