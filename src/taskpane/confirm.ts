/**
 * An inline confirm (role="alertdialog") with a safe default: focus goes to the choice that
 * changes nothing, Escape chooses it, and focus returns to the control that asked.
 */
import { button, h } from "./dom";

export interface Confirm {
  el: HTMLDivElement;
  /** Ask `question`; resolves true only when the learner picks `yes`. */
  ask(question: string, yes: string, no: string): Promise<boolean>;
}

export function confirmBox(id: string): Confirm {
  const text = h("p", { id: `${id}-text` });
  const yes = button(`${id}-yes`, "");
  const no = button(`${id}-no`, "", "button primary");
  const el = h(
    "div",
    {
      id,
      className: "message-bar warning",
      hidden: true,
      attrs: { role: "alertdialog", "aria-labelledby": text.id, "aria-modal": "false" },
    },
    text,
    h("div", { className: "actions" }, no, yes)
  );
  return {
    el,
    ask(question, yesText, noText) {
      const back = document.activeElement as HTMLElement | null;
      text.textContent = question;
      yes.textContent = yesText;
      no.textContent = noText;
      el.hidden = false;
      no.focus();
      return new Promise((resolve) => {
        const done = (answer: boolean) => {
          el.hidden = true;
          yes.removeEventListener("click", onYes);
          no.removeEventListener("click", onNo);
          el.removeEventListener("keydown", onKey);
          back?.focus();
          resolve(answer);
        };
        const onYes = () => done(true);
        const onNo = () => done(false);
        const onKey = (ev: KeyboardEvent) => {
          if (ev.key !== "Escape") return;
          ev.preventDefault();
          done(false);
        };
        yes.addEventListener("click", onYes);
        no.addEventListener("click", onNo);
        el.addEventListener("keydown", onKey);
      });
    },
  };
}
