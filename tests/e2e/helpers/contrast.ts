/**
 * WCAG 2 contrast of every visible text in a page, measured in the browser from computed colours:
 * the text's colour over its element's nearest opaque background (translucent layers composited).
 */
import type { Page } from "playwright-core";

export interface LowContrast {
  text: string;
  ratio: number;
  color: string;
  background: string;
}

/** Texts under `minimum` (4.5 = WCAG AA for body text) inside `root`; controls marked unavailable are exempt, as WCAG allows. */
export function lowContrast(page: Page, root = "body", minimum = 4.5): Promise<LowContrast[]> {
  return page.evaluate(
    ([sel, min]) => {
      type C = { r: number; g: number; b: number; a: number };
      const parse = (c: string): C | null => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return { r, g, b, a };
      };
      const over = (top: C, under: C): C => ({
        r: top.r * top.a + under.r * (1 - top.a),
        g: top.g * top.a + under.g * (1 - top.a),
        b: top.b * top.a + under.b * (1 - top.a),
        a: 1,
      });
      const lum = (c: C) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const background = (el: Element): C => {
        const layers: C[] = [];
        for (let e: Element | null = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0) layers.push(c);
          if (c && c.a >= 1) break;
        }
        return layers.reduceRight((under, top) => over(top, under), {
          r: 255,
          g: 255,
          b: 255,
          a: 1,
        });
      };
      const out: { text: string; ratio: number; color: string; background: string }[] = [];
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
        const bg = background(el);
        const fg = over(parse(getComputedStyle(el).color)!, bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < min)
          out.push({
            text: text.slice(0, 60),
            ratio: Math.round(ratio * 100) / 100,
            color: getComputedStyle(el).color,
            background: `rgb(${bg.r}, ${bg.g}, ${bg.b})`,
          });
      }
      return out;
    },
    [root, minimum] as const
  );
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
export function lowBoundary(
  page: Page,
  selector = ".button, input:not([type=radio]):not([type=checkbox]), select, textarea, .preset span",
  minimum = 3
): Promise<LowBoundary[]> {
  return page.evaluate(
    ([sel, min]) => {
      type C = { r: number; g: number; b: number; a: number };
      const parse = (c: string): C | null => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return { r, g, b, a };
      };
      const over = (top: C, under: C): C => ({
        r: top.r * top.a + under.r * (1 - top.a),
        g: top.g * top.a + under.g * (1 - top.a),
        b: top.b * top.a + under.b * (1 - top.a),
        a: 1,
      });
      const lum = (c: C) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
      };
      const background = (el: Element | null): C => {
        const layers: C[] = [];
        for (let e = el; e; e = e.parentElement) {
          const c = parse(getComputedStyle(e).backgroundColor);
          if (c && c.a > 0) layers.push(c);
          if (c && c.a >= 1) break;
        }
        return layers.reduceRight((under, top) => over(top, under), {
          r: 255,
          g: 255,
          b: 255,
          a: 1,
        });
      };
      const ratio = (a: C, b: C) => {
        const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const out: { control: string; ratio: number; border: string; background: string }[] = [];
      for (const el of Array.from(document.querySelectorAll(sel))) {
        if (
          !(el as HTMLElement).checkVisibility?.() ||
          el.closest('[aria-disabled="true"], :disabled') ||
          (el as HTMLElement).classList.contains("link") ||
          (el as HTMLElement).classList.contains("primary")
        )
          continue;
        const st = getComputedStyle(el);
        const behind = background(el.parentElement);
        const width = parseFloat(st.borderTopWidth);
        const edge =
          width > 0 && parse(st.borderTopColor)!.a > 0
            ? over(parse(st.borderTopColor)!, behind)
            : background(el);
        const r = ratio(edge, behind);
        if (r < min)
          out.push({
            control: `${el.tagName.toLowerCase()}#${el.id || (el.textContent ?? "").slice(0, 20)}`,
            ratio: Math.round(r * 100) / 100,
            border: st.borderTopColor,
            background: `rgb(${behind.r}, ${behind.g}, ${behind.b})`,
          });
      }
      return out;
    },
    [selector, minimum] as const
  );
}
