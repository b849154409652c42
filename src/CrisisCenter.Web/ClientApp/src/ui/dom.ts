// Building DOM without HTML strings: every piece of text becomes a Text node, so user text can never become markup.

export type Child = Node | string | number | null | undefined | false | readonly Child[];

export interface Props {
  class?: string | null | readonly (string | false | null | undefined)[];
  /** Attributes set with setAttribute. Event-handler attributes (on*) are refused: handlers go in `on`. */
  attrs?: Record<string, string | number | boolean | null | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) applyProps(element, props);
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, ...(child as readonly Child[]));
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

function applyProps(element: HTMLElement, props: Props): void {
  if (props.class) {
    const classes = typeof props.class === "string" ? [props.class] : props.class;
    for (const name of classes) if (name) element.classList.add(...name.split(" ").filter(Boolean));
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) setAttribute(element, name, value);
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    if (handler) element.addEventListener(type, handler as EventListener);
  }
}

export function setAttribute(element: Element, name: string, value: string | number | boolean | null | undefined): void {
  if (/^on/i.test(name)) throw new Error(`Event handler attributes are not allowed (${name}); use addEventListener.`);
  if (value === null || value === undefined || value === false) element.removeAttribute(name);
  else element.setAttribute(name, value === true ? "" : String(value));
}

let idCounter = 0;
/** A document-unique id, for label/aria wiring. */
export function uniqueId(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** A link inside the single-page app (hash routes). */
export function appLink(route: string, props: Props | null, ...children: Child[]): HTMLAnchorElement {
  const link = h("a", props, ...children);
  link.href = "#" + route;
  return link;
}

/** An external link only for http(s) URLs; anything else (javascript:, data:) stays plain text. */
export function safeExternalLink(url: string): Node {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) return document.createTextNode(url);
  const link = h("a", { attrs: { rel: "noopener noreferrer nofollow", target: "_blank" } }, url);
  link.href = parsed.href;
  return link;
}
