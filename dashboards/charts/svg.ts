/**
 * The SVG document plumbing of server-side charts: a linkedom document to draw in, element
 * creation, and an XML serializer. linkedom serializes as HTML (a bare `&` or `<` in an
 * attribute), which is not well-formed XML; `serialize` escapes text and attributes so the
 * result is both valid standalone SVG (for PDF and rsvg) and valid inline SVG in HTML.
 * Also the two steps that make output deterministic: `reindexIds` and `roundGeometry`.
 *
 * API: SvgElement, SvgDocument, SVG_NS, createDocument, element, serialize, reindexIds, roundGeometry.
 */
import { parseHTML } from 'linkedom';

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** The DOM surface used here (linkedom's own types lean on the browser lib, which this project does not load). */
export interface SvgElement {
  readonly nodeType: number;
  readonly localName: string;
  textContent: string | null;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly childNodes: ArrayLike<SvgElement>;
  readonly firstChild: SvgElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  appendChild(child: SvgElement): SvgElement;
  insertBefore(child: SvgElement, ref: SvgElement | null): SvgElement;
  querySelectorAll(selector: string): ArrayLike<SvgElement>;
}
export interface SvgDocument {
  createElementNS(ns: string, tag: string): SvgElement;
}

/** A fresh, empty HTML document (Plot's `document` option). */
export function createDocument(): SvgDocument {
  return (parseHTML('<!doctype html><html><body></body></html>') as unknown as { document: SvgDocument }).document;
}

/** An SVG element with attributes (set in the order given) and optional text. */
export function element(doc: SvgDocument, tag: string, attributes: Readonly<Record<string, string | number>>, text?: string): SvgElement {
  const el = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string): string => escapeText(s).replace(/"/g, '&quot;');
const ELEMENT = 1;
const TEXT = 3;

/** Attributes in the order they were set (linkedom lists the newest first). */
const attributesOf = (el: SvgElement) => Array.from(el.attributes).reverse();

/** `el` as well-formed XML; comments and processing instructions are dropped. */
export function serialize(el: SvgElement): string {
  if (el.nodeType === TEXT) return escapeText(el.textContent ?? '');
  if (el.nodeType !== ELEMENT) return '';
  const attributes = attributesOf(el).map(({ name, value }) => ` ${name}="${escapeAttribute(value)}"`).join('');
  const children = Array.from(el.childNodes).map(serialize).join('');
  return children === '' ? `<${el.localName}${attributes}/>` : `<${el.localName}${attributes}>${children}</${el.localName}>`;
}

const descendants = (root: SvgElement): SvgElement[] => [root, ...Array.from(root.querySelectorAll('*'))];

/** Renames every id to `<prefix>-<n>` in document order and rewrites `#id` and `url(#id)` references. */
export function reindexIds(root: SvgElement, prefix: string): void {
  const all = descendants(root);
  const ids = new Map<string, string>();
  for (const el of all) {
    const id = el.getAttribute('id');
    if (id !== null && !ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  if (ids.size === 0) return;
  for (const el of all) {
    for (const { name, value } of attributesOf(el)) {
      const next = name === 'id' ? (ids.get(value) ?? value) : value.replace(/#([\w-]+)/g, (ref, id: string) => (ids.has(id) ? `#${ids.get(id)}` : ref));
      if (next !== value) el.setAttribute(name, next);
    }
  }
}

/** Attributes that hold coordinates or lengths (and only those: titles and hrefs keep their digits). */
export const GEOMETRY_ATTRIBUTES: ReadonlySet<string> = new Set(['d', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'width', 'height', 'transform', 'points', 'viewBox', 'dx', 'dy']);

/** Every decimal number in a geometry value rounded to `digits` places: '49.99999999999999' -> '50'. */
export function roundNumbers(value: string, digits = 2): string {
  const scale = 10 ** digits;
  return value.replace(/-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/gi, (n) => String(Math.round(Number(n) * scale) / scale + 0));
}

/** Rounds the geometry attributes of `root` and all its descendants in place. */
export function roundGeometry(root: SvgElement, digits = 2): void {
  for (const el of descendants(root)) {
    for (const { name, value } of attributesOf(el)) if (GEOMETRY_ATTRIBUTES.has(name)) el.setAttribute(name, roundNumbers(value, digits));
  }
}
