type Props = Record<string, string | boolean | number | undefined | ((event: Event) => void)>;

/**
 * Builds an element. Text goes in through textContent and attributes through setAttribute — never innerHTML —
 * so nothing a customer, an agent or the host page writes can become markup.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  children: (Node | string | null | undefined | false)[] = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (name === 'text') element.textContent = String(value);
    else if (name === 'className') element.className = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A one-path icon (the path is the widget's own constant, never data). */
export function icon(path: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const shape = document.createElementNS(SVG_NS, 'path');
  shape.setAttribute('d', path);
  shape.setAttribute('fill-rule', 'evenodd');
  svg.append(shape);
  return svg;
}

export const CHAT_ICON =
  'M6 3h12a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-4 4V5a2 2 0 0 1 2-2zM7 9v2h2V9zm4 0v2h2V9zm4 0v2h2V9z';
export const CLIP_ICON =
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6h-1.5z';

/** A textarea grows with what is typed, up to a few lines. */
export function fitHeight(input: HTMLTextAreaElement, max = 96): void {
  input.style.height = 'auto';
  input.style.height = `${Math.min(input.scrollHeight, max)}px`;
}
