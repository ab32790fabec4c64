/** A few DOM helpers: the page builds its markup with these, never from HTML strings. */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined>;

/** An element with attributes (false/null/undefined left out) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== false && v !== null && v !== undefined)
      el.setAttribute(k, v === true ? "" : String(v));
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false)
      el.append(typeof c === "number" ? String(c) : c);
  return el;
}

/** The element with this id; fails loudly if the page's markup lacks it. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el as T;
}
