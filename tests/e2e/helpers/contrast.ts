/**
 * WCAG 2 contrast of a page's texts and controls. The browser only reads computed colours (the
 * text or border colour and the background colours from the element outwards); the maths (parse,
 * compositing translucent layers, relative luminance, contrast ratio) runs here in Node, once.
 */
import type { Page } from "playwright-core";

/** An sRGB colour with alpha: r, g, b in 0–255, a in 0–1. */
export interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

const WHITE: Rgba = { r: 255, g: 255, b: 255, a: 1 };

/** A computed CSS colour (`rgb(…)` or `rgba(…)`, commas or spaces), or null for anything else. */
export function parseColour(c: string): Rgba | null {
  const m = /rgba?\(([^)]+)\)/.exec(c);
  if (!m) return null;
  const [r, g, b, a = 1] = m[1]
    .split(/[\s,/]+/)
    .filter(Boolean)
    .map(Number);
  return { r, g, b, a };
}

/** `top` painted over the opaque `under` (source-over): each channel top·a + under·(1 − a). */
export function over(top: Rgba, under: Rgba): Rgba {
  return {
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  };
}

/**
 * The colour behind an element: its background layers, innermost first, up to the first opaque
 * one, composited over white (the page's canvas).
 */
export function backgroundOf(layers: readonly string[]): Rgba {
  const seen: Rgba[] = [];
  for (const layer of layers) {
    const c = parseColour(layer);
    if (c && c.a > 0) seen.push(c);
    if (c && c.a >= 1) break;
  }
  return seen.reduceRight((under, top) => over(top, under), WHITE);
}

/** WCAG 2 relative luminance: 0.2126 R + 0.7152 G + 0.0722 B of the linearised sRGB channels. */
export function luminance(c: Rgba): number {
  const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}

/** WCAG 2 contrast ratio (L1 + 0.05) / (L2 + 0.05), L1 the lighter: 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const rgb = (c: Rgba): string => `rgb(${c.r}, ${c.g}, ${c.b})`;
const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/** Texts under `minimum` (4.5 = WCAG AA for body text) inside `root`; controls marked unavailable are exempt, as WCAG allows. */
export async function lowContrast(
  page: Page,
  root = "body",
  minimum = 4.5
): Promise<LowContrast[]> {
  const texts = await page.evaluate((sel) => {
    const out: { text: string; color: string; layers: string[] }[] = [];
    for (const el of Array.from(document.querySelector(sel)!.querySelectorAll("*"))) {
      const text = Array.from(el.childNodes)
        .filter((n) => n.nodeType === 3 && n.textContent!.trim())
        .map((n) => n.textContent!.trim())
        .join(" ");
      if (
        !text ||
        !(el as HTMLElement).checkVisibility?.() ||
        el.closest('[aria-disabled="true"], :disabled, option')
      )
        continue;
      const layers: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement)
        layers.push(getComputedStyle(e).backgroundColor);
      out.push({ text: text.slice(0, 60), color: getComputedStyle(el).color, layers });
    }
    return out;
  }, root);
  const low: LowContrast[] = [];
  for (const t of texts) {
    const bg = backgroundOf(t.layers);
    const ratio = contrastRatio(over(parseColour(t.color)!, bg), bg);
    if (ratio < minimum)
      low.push({ text: t.text, ratio: round2(ratio), color: t.color, background: rgb(bg) });
  }
  return low;
}

export interface LowBoundary {
  control: string;
  ratio: number;
  border: string;
  background: string;
}

/**
 * Controls inside `root` whose boundary (their border colour) is under `minimum` against the
 * background they sit on (WCAG 2.1 SC 1.4.11 asks 3:1). Unavailable controls are exempt, as WCAG
 * allows; a control without a visible border is measured by its own background instead.
 */
export async function lowBoundary(
  page: Page,
  selector = ".button, input:not([type=radio]):not([type=checkbox]), select, textarea, .preset span",
  minimum = 3
): Promise<LowBoundary[]> {
  const controls = await page.evaluate((sel) => {
    const out: { control: string; width: number; border: string; layers: string[] }[] = [];
    for (const el of Array.from(document.querySelectorAll(sel))) {
      if (
        !(el as HTMLElement).checkVisibility?.() ||
        el.closest('[aria-disabled="true"], :disabled') ||
        (el as HTMLElement).classList.contains("link") ||
        (el as HTMLElement).classList.contains("primary")
      )
        continue;
      const st = getComputedStyle(el);
      const layers: string[] = [];
      for (let e: Element | null = el; e; e = e.parentElement)
        layers.push(getComputedStyle(e).backgroundColor);
      out.push({
        control: `${el.tagName.toLowerCase()}#${el.id || (el.textContent ?? "").slice(0, 20)}`,
        width: parseFloat(st.borderTopWidth),
        border: st.borderTopColor,
        layers,
      });
    }
    return out;
  }, selector);
  const low: LowBoundary[] = [];
  for (const c of controls) {
    const behind = backgroundOf(c.layers.slice(1));
    const border = parseColour(c.border);
    const edge =
      c.width > 0 && border && border.a > 0 ? over(border, behind) : backgroundOf(c.layers);
    const ratio = contrastRatio(edge, behind);
    if (ratio < minimum)
      low.push({
        control: c.control,
        ratio: round2(ratio),
        border: c.border,
        background: rgb(behind),
      });
  }
  return low;
}
