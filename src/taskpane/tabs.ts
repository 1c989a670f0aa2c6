/**
 * The pane's tabs (Run, Experiments, Chart doctor, Explain), as Microsoft's own add-ins show
 * tasks: one click to each, one task on screen at a time. ARIA tabs: arrow keys, Home and End
 * move between tabs; Tab goes into the panel.
 */
import { h } from "./dom";

export interface Tab {
  id: string;
  label: string;
  /** The panel's content root (a section other modules may mount into). */
  panel: HTMLElement;
}

export interface Tabs {
  el: HTMLDivElement;
  select(id: string, focus?: boolean): void;
  /** Show or hide a tab (e.g. Explain until its module mounts). */
  setAvailable(id: string, on: boolean): void;
}

export function tabs(list: Tab[]): Tabs {
  const buttons = list.map((t) =>
    h("button", {
      type: "button",
      id: `tab-${t.id}`,
      className: "tab",
      textContent: t.label,
      attrs: { role: "tab", "aria-controls": t.panel.id },
    })
  );
  const bar = h(
    "div",
    { className: "tabs", attrs: { role: "tablist", "aria-label": "GradSheet tasks" } },
    ...buttons
  );
  list.forEach((t, i) => {
    t.panel.setAttribute("role", "tabpanel");
    t.panel.setAttribute("aria-labelledby", buttons[i].id);
    t.panel.tabIndex = -1;
  });
  const el = h("div", { className: "tabbed" }, bar, ...list.map((t) => t.panel));
  const select = (id: string, focus = false) => {
    list.forEach((t, i) => {
      const on = t.id === id;
      buttons[i].setAttribute("aria-selected", String(on));
      buttons[i].tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
      if (on && focus) buttons[i].focus();
    });
    el.dataset.tab = id;
  };
  const visible = () => buttons.filter((b) => !b.hidden);
  buttons.forEach((b, i) => {
    b.addEventListener("click", () => select(list[i].id));
    b.addEventListener("keydown", (ev) => {
      const v = visible();
      const k = v.indexOf(b);
      const to =
        ev.key === "ArrowRight"
          ? v[(k + 1) % v.length]
          : ev.key === "ArrowLeft"
            ? v[(k - 1 + v.length) % v.length]
            : ev.key === "Home"
              ? v[0]
              : ev.key === "End"
                ? v[v.length - 1]
                : null;
      if (!to) return;
      ev.preventDefault();
      select(list[buttons.indexOf(to)].id, true);
    });
  });
  select(list[0].id);
  return {
    el,
    select,
    setAvailable(id, on) {
      const i = list.findIndex((t) => t.id === id);
      if (i >= 0) buttons[i].hidden = !on;
    },
  };
}
