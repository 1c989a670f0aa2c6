/**
 * Light or dark, from Office's theme when the pane runs in Office (its body background, passed in
 * as plain data by the entry point), else from the browser's `prefers-color-scheme`. The choice
 * is one attribute on <html>; every colour is a token in taskpane.css for each scheme.
 */

/** The part of `Office.context.officeTheme` the pane reads (colours as "#rrggbb"). */
export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
}

/** Relative luminance of "#rrggbb" (WCAG 2), or null when it is not such a colour. */
export function luminance(hex: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  const [r, g, b] = [0, 2, 4]
    .map((i) => parseInt(m[1].slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** "dark" when Office's body background is dark, "light" when light, null when Office says nothing. */
export function schemeOf(theme: OfficeThemeColors | null | undefined): "light" | "dark" | null {
  const l = theme?.bodyBackgroundColor ? luminance(theme.bodyBackgroundColor) : null;
  return l === null ? null : l < 0.2 ? "dark" : "light";
}

/** Follow Office's theme, or without one the browser's colour scheme (and its later changes). */
export function applyTheme(
  theme: OfficeThemeColors | null | undefined,
  root: HTMLElement = document.documentElement
): void {
  const scheme = schemeOf(theme);
  if (scheme) {
    root.dataset.theme = scheme;
    return;
  }
  const media =
    typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  const follow = () => (root.dataset.theme = media?.matches ? "dark" : "light");
  follow();
  media?.addEventListener("change", follow);
}
