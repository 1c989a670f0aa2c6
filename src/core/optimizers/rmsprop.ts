/** RMSProp, s ← β·s + (1 − β)·g²; w ← w − lr·g / (√s + ε): the step and its formula side by side. */
import { square } from "../formula-text";
import { averaged, n, overRoot, stepped } from "../explain/parts";
import { optimizer } from "../optimizer";

export const rmsprop = optimizer({
  id: "rmsprop",
  label: "RMSProp",
  rule: "s ← β·s + (1 − β)·g²;  w ← w − lr·g / (√s + ε)",
  state: ["s"],
  uses: ["beta", "eps"],
  step(w, g, s, o, _t, lr, c) {
    const ms = c.beta * s[o] + (1 - c.beta) * (g * g);
    s[o] = ms;
    return w - (lr * g) / (Math.sqrt(ms) + c.eps);
  },
  rate: (lr, slot, _t, c) => lr / (Math.sqrt(slot("s")) + c.eps),
  explain: (s, v, w, g) => {
    const { beta, eps } = s.optimizerSettings;
    const root = n(v.state[`s_${w}`], { q: "state", slot: "s", w }, false);
    return [
      `s ← β·s + (1 − β)·g² = `,
      ...averaged(v, w, "s", { value: beta, q: "beta" }, g, true),
      `; ${w} ← ${w} − lr·g/(√s + ε) = `,
      ...stepped(s, v, w, [...g, ...overRoot(root, eps)]),
    ];
  },
  sheet: {
    state: {
      s: {
        group: "mean square",
        next: (c) => `${c.setting("beta")}*${c.prev("s")}+(1-${c.setting("beta")})*${square(c.g)}`,
        note: (g) =>
          `s ← β·s + (1 − β)·(${g})²: the running mean of the squared derivative (starts at 0)`,
      },
    },
    update: (c) => `${c.setting("lr")}*${c.g}/(SQRT(${c.state("s")})+${c.setting("eps")})`,
    note: (w, g) => `new ${w} = ${w} − lr·${g} / (√s + ε)`,
    rate: (c) => `${c.setting("lr")}/(SQRT(${c.state("s")})+${c.setting("eps")})`,
  },
});
