/**
 * The Explain tab's small rules: the core's first line in the pane's words, and the number links as one stop in the tab order (a roving tabindex).
 */
/** The core's first line in the pane's words: "Step 27 (epoch 1)", "learning rate" for "lr". */
export const plainHead = (head: string): string =>
  head.replace(/\(epoch (\d+), row \d+\)/, "(epoch $1)").replace(/\blr (?=\S)/g, "learning rate ");

/** The links as one stop in the tab order: Tab reaches the current one, arrow keys, Home and End move. */
export function roving(links: HTMLAnchorElement[]): void {
  links.forEach((a, i) =>
    a.addEventListener("keydown", (ev) => {
      const to =
        ev.key === "ArrowRight" || ev.key === "ArrowDown"
          ? links[Math.min(i + 1, links.length - 1)]
          : ev.key === "ArrowLeft" || ev.key === "ArrowUp"
            ? links[Math.max(i - 1, 0)]
            : ev.key === "Home"
              ? links[0]
              : ev.key === "End"
                ? links[links.length - 1]
                : null;
      if (!to) return;
      ev.preventDefault();
      a.tabIndex = -1;
      to.tabIndex = 0;
      to.focus();
    })
  );
}
