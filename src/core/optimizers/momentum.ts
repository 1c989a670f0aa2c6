/** Momentum, v ← β·v + (1 − β)·g; w ← w − lr·v (graddesc's momentum sheet, state from 0). */
import { averaged, n, stepped } from "../explain/parts";
import { optimizer } from "../optimizer";

export const momentum = optimizer({
  id: "momentum",
  label: "Momentum",
  rule: "v ← β·v + (1 − β)·g;  w ← w − lr·v",
  state: ["v"],
  uses: ["beta"],
  step(w, g, s, o, _t, lr, c) {
    const v = c.beta * s[o] + (1 - c.beta) * g;
    s[o] = v;
    return w - lr * v;
  },
  explain: (s, v, w, g) => [
    `v ← β·v + (1 − β)·g = `,
    ...averaged(v, w, "v", { value: s.optimizerSettings.beta, q: "beta" }, g, false),
    `; ${w} ← ${w} − lr·v = `,
    ...stepped(s, v, w, [n(v.state[`v_${w}`], { q: "state", slot: "v", w })]),
  ],
  sheet: {
    state: {
      v: {
        group: "momentum",
        next: (c) => `${c.setting("beta")}*${c.prev("v")}+(1-${c.setting("beta")})*${c.g}`,
        note: (g) => `v ← β·v + (1 − β)·${g}: the running average of ${g} (starts at 0)`,
      },
    },
    update: (c) => `${c.setting("lr")}*${c.state("v")}`,
    note: (w) => `new ${w} = ${w} − lr·v`,
  },
});
