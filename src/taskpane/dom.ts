/**
 * The one way the pane builds its DOM: `h()` for every element, `field()` for a labelled control
 * with its own error message, and `markField()` to show or clear that message. Styles live only
 * in taskpane.css (theme tokens); nothing here sets a colour.
 */

type Attrs = Record<string, string | undefined>;

/** An element with properties set, attributes (`attrs`, e.g. aria-*) set, and children appended. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Omit<HTMLElementTagNameMap[K], "style">> & { attrs?: Attrs } = {},
  ...kids: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const { attrs, ...rest } = props;
  const e = Object.assign(document.createElement(tag), rest);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined) e.setAttribute(k, v);
  e.append(...kids.filter((k): k is Node | string => k !== null && k !== undefined && k !== false));
  return e;
}

/** A labelled control: its wrapper, the control, and the slot its error message goes in. */
export interface Field<C extends HTMLElement = HTMLInputElement> {
  wrap: HTMLDivElement;
  control: C;
  error: HTMLParagraphElement;
}

/** Wrap `control` with its label, an optional one-line hint and an (empty) error message. */
export function field<C extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
  label: string,
  control: C,
  hint?: string
): Field<C> {
  const error = h("p", { id: `${control.id}-error`, className: "field-error", hidden: true });
  const help = hint
    ? h("p", { id: `${control.id}-hint`, className: "hint", textContent: hint })
    : null;
  control.setAttribute("aria-describedby", [help?.id, error.id].filter(Boolean).join(" "));
  const wrap = h(
    "div",
    { className: "field" },
    h("label", { htmlFor: control.id, textContent: label }),
    control,
    help,
    error
  );
  return { wrap, control, error };
}

/** A text input (decimal keyboard on touch devices). */
export function textInput(
  id: string,
  value: string,
  inputMode: "decimal" | "numeric" | "text" = "decimal"
): HTMLInputElement {
  const input = h("input", { id, type: "text", value, autocomplete: "off", spellcheck: false });
  input.inputMode = inputMode;
  return input;
}

/** The field's label as a sentence starts with it ("Learning rate", "From"). */
const labelOf = (f: Field<HTMLElement>): string =>
  f.wrap.querySelector("label")?.textContent?.trim() ?? "This field";

/**
 * Show `message` at the field (aria-invalid, read with the field), or clear it with null. An
 * empty field gets one wording on every tab, whatever the rule said: "Learning rate is empty."
 */
export function markField(f: Field<HTMLElement>, message: string | null): void {
  const value = (f.control as Partial<HTMLInputElement>).value;
  if (message !== null && typeof value === "string" && value.trim() === "")
    message = `${labelOf(f)} is empty.`;
  f.error.textContent = message ?? "";
  f.error.hidden = message === null;
  if (message === null) f.control.removeAttribute("aria-invalid");
  else f.control.setAttribute("aria-invalid", "true");
}

/** A button (type="button" unless given). */
export function button(id: string, text: string, className = "button"): HTMLButtonElement {
  return h("button", { type: "button", id, className, textContent: text });
}
