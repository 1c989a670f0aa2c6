/** Plain SGD, w ← w − lr·g: the step and its formula side by side. */
import { stepped } from "../explain/parts";
import { optimizer } from "../optimizer";

export const sgd = optimizer({
  id: "sgd",
  label: "SGD",
  rule: "w ← w − lr·g",
  state: [],
  uses: [],
  step: (w, g, _s, _o, _t, lr) => w - lr * g,
  explain: (s, v, w, g) => [`${w} ← ${w} − lr·g = `, ...stepped(s, v, w, g)],
  sheet: {
    state: {},
    update: (c) => `${c.setting("lr")}*${c.g}`,
    note: (w, g) => `new ${w} = ${w} − lr·${g}`,
  },
});
