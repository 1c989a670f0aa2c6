/**
 * The lines of a step's explanation (see `explainStep` in ./index): numbers as `Part`s with the
 * quantity each one is, so the CLI prints them and the pane links each to its cell.
 */
import { learnerNumber } from "../learner-number";
import { MODELS } from "../models";
import { OPTIMIZERS } from "../optimizers";
import { n } from "./parts";
import type { ExplainLine, ExplainSettings, Part, StepExplanation, StepValues } from "./types";
import { explainUpdate } from "./updates";

/** ŷ's right-hand side with every weight named: the model's `terms`, else its formula ("c·(a·x + b) + d"). */
function formulaOf(settings: ExplainSettings): string {
  const m = MODELS[settings.model];
  return m.terms ?? m.formula.replace(/^ŷ = /, "");
}

/** The formula with every weight and x replaced by its number. */
function substituted(formula: string, v: StepValues): Part[] {
  const parts: Part[] = [];
  let last = 0;
  const re = /\b([a-z]\d*)\b/g;
  for (let m = re.exec(formula); m; m = re.exec(formula)) {
    const name = m[1];
    const isWeight = name in v.weights;
    if (!isWeight && name !== "x") continue;
    parts.push(formula.slice(last, m.index));
    parts.push(isWeight ? n(v.weights[name], { q: "weight", w: name }) : n(v.x, { q: "x" }));
    last = m.index! + name.length;
  }
  parts.push(formula.slice(last));
  return parts.filter((p) => p !== "");
}

function forwardLines(settings: ExplainSettings, v: StepValues): ExplainLine[] {
  const names = Object.keys(v.weights);
  const lines: ExplainLine[] = [
    {
      label: "weights used",
      parts: names.flatMap((w, i) => [
        `${i ? ", " : "weights used: "}${w} = `,
        n(v.weights[w], { q: "weight", w }, false),
      ]),
    },
  ];
  const wide = MODELS[settings.model].width !== undefined;
  // A ReLU model (its entry says what a dead ReLU means) writes max(0, z) after each z.
  const relu = MODELS[settings.model].deadRelu !== undefined;
  (v.z ?? []).forEach((z, j) => {
    const s = wide ? String(j + 1) : "";
    const a = `a${s}`,
      b = `b${s}`;
    lines.push({
      label: `z${s}`,
      parts: [
        `z${s} = ${a}·x + ${b} = `,
        n(v.weights[a], { q: "weight", w: a }),
        "·",
        n(v.x, { q: "x" }),
        " + ",
        n(v.weights[b], { q: "weight", w: b }),
        " = ",
        n(z, { q: "z", w: s }, false),
        ...(!relu
          ? []
          : [
              `; max(0, z${s}) = `,
              n(Math.max(0, z), { q: "relu", w: s }, false),
              z > 0 ? "" : ` (≤ 0: the ReLU is off for this x, so de/d${a}, de/d${b} are 0)`,
            ]),
      ],
    });
  });
  lines.push({
    label: "ŷ",
    parts: ["ŷ = ", ...substituted(formulaOf(settings), v), " = ", n(v.pred, { q: "pred" }, false)],
  });
  lines.push({
    label: "e",
    parts: [
      "e = (ŷ − y)² = (",
      n(v.pred, { q: "pred" }, false),
      " − ",
      n(v.y, { q: "y" }),
      ")² = ",
      n(v.error, { q: "error" }, false),
    ],
  });
  return lines;
}

function derivativeLines(settings: ExplainSettings, v: StepValues): ExplainLine[] {
  const h = (): Part => n(settings.h, { q: "h" });
  return Object.keys(v.weights).map((w) => {
    const analytic: Part[] = [
      `analytic 2·(ŷ − y)·∂ŷ/∂${w} = `,
      n(v.analytic[w], { q: "analytic", w }, false),
    ];
    const forward: Part[] = [
      `forward (e(${w} + h) − e)/h = (`,
      n(v.bumped[w], { q: "bumped", w }, false),
      " − ",
      n(v.error, { q: "error" }, false),
      ")/",
      h(),
      " = ",
      n(v.forward[w], { q: "forward", w }, false),
    ];
    const central: Part[] =
      v.central && v.lowered
        ? [
            `central (e(${w} + h) − e(${w} − h))/(2·h) = (`,
            n(v.bumped[w], { q: "bumped", w }, false),
            " − ",
            n(v.lowered[w], { q: "lowered", w }, false),
            ")/(2·",
            h(),
            ") = ",
            n(v.central[w], { q: "central", w }, false),
          ]
        : [];
    const used =
      settings.gradient === "analytic"
        ? analytic
        : settings.gradient === "forward"
          ? forward
          : central;
    return {
      label: `de/d${w}`,
      parts: [
        `de/d${w}: `,
        ...used,
        ...(settings.gradient === "analytic" ? [] : ["; beside it the ", ...analytic]),
      ],
    };
  });
}

function updateLines(settings: ExplainSettings, v: StepValues): ExplainLine[] {
  const names = Object.keys(v.weights);
  const kind = settings.gradient === "analytic" ? "analytic" : settings.gradient;
  const own = (w: string): Part => n((v[kind] ?? {})[w], { q: kind, w });
  const b = v.batch;
  if (b && !b.update)
    return [
      {
        label: "batch",
        parts: [
          `row ${b.count} of a mini-batch of ${settings.batchSize}: it adds its de/dw to the batch's sum Σ (`,
          ...names.flatMap((w, i) => [
            `${i ? ", " : ""}Σ ${w} = `,
            n(b.sum[w], { q: "sum", w }, false),
          ]),
          "); the weights stay until the batch's last row, which updates with the mean Σ/n",
        ],
      },
    ];
  const lines: ExplainLine[] = [];
  if (b)
    lines.push({
      label: "batch",
      parts: [
        `the batch's last row (n = `,
        n(b.count, { q: "batchCount" }, false),
        `): g is the mean de/dw of its rows, Σ/n`,
      ],
    });
  for (const w of names) {
    const g: Part[] = b
      ? ["(", n(b.sum[w], { q: "sum", w }, false), "/", n(b.count, { q: "batchCount" }, false), ")"]
      : [own(w)];
    lines.push({ label: w, parts: explainUpdate(settings, v, w, g) });
  }
  lines.push({
    label: "new weights",
    parts: names.flatMap((w, i) => [
      `${i ? ", " : "new weights: "}${w} = `,
      n(v.newWeights[w], { q: "next", w }, false),
    ]),
  });
  return lines;
}

function stabilityLine(settings: ExplainSettings, v: StepValues): ExplainLine {
  const m = MODELS[settings.model];
  const gp = new Float64Array(m.weights.length);
  m.predGrad(
    Float64Array.from(m.weights, (w) => v.weights[w]),
    v.x,
    gp
  );
  // Without a per-weight rate (the entry's `rate`), η_w = lr for every weight.
  const uniform = OPTIMIZERS[settings.optimizer].rate === undefined;
  const squares = m.weights
    .flatMap((w, i): Part[] => [i ? " + " : "", n(gp[i]), "²"])
    .filter((p) => p !== "");
  const verdict =
    v.k > 2
      ? " > 2: this step overshoots: ŷ moves past y by more than it was off, so this row's error grows"
      : " ≤ 2: this step does not overshoot";
  const head: Part[] = uniform
    ? ["k = 2·lr·‖∇ŷ‖² = 2·", n(settings.lr, { q: "lr" }), "·(", ...squares, ") = "]
    : [
        "k = 2·Σ η_w·(∂ŷ/∂w)², η_w = lr/(√(mean square) + ε) the effective rate, with ∂ŷ/∂w = (",
        ...m.weights
          .flatMap((_, i): Part[] => [i ? ", " : "", n(gp[i], undefined, false)])
          .filter((p) => p !== ""),
        ") = ",
      ];
  return { label: "k", parts: [...head, n(v.k, { q: "k" }, false), verdict] };
}

/** Every line: forward pass, derivatives, update (or the batch's sum), new weights, k. */
export function explainLines(settings: ExplainSettings, v: StepValues): ExplainLine[] {
  return [
    ...forwardLines(settings, v),
    ...derivativeLines(settings, v),
    ...updateLines(settings, v),
    stabilityLine(settings, v),
  ];
}

/** A number part as a learner reads it; a negative one in brackets where it follows an operator. */
export function partText(p: Part): string {
  if (typeof p === "string") return p;
  const s = learnerNumber(p.value);
  return p.paren && p.value < 0 ? `(${s})` : s;
}

/** "Step 27 (epoch 1, row 27): x = 70, y = 170 · 2 neurons, SGD, lr 1e-4, analytic derivatives". */
export function stepHeading(settings: ExplainSettings, v: StepValues): string {
  const grad =
    settings.gradient === "analytic"
      ? "analytic derivatives"
      : `${settings.gradient} differences (h = ${learnerNumber(settings.h)})`;
  const batch = settings.batchSize > 1 ? `, mini-batches of ${settings.batchSize}` : "";
  return `Step ${v.step} (epoch ${v.epoch}, row ${v.row}): x = ${learnerNumber(v.x)}, y = ${learnerNumber(v.y)} · ${MODELS[settings.model].label}, ${OPTIMIZERS[settings.optimizer].label}, lr ${learnerNumber(settings.lr)}, ${grad}${batch}`;
}

/** The explanation as plain text, one line per `ExplainLine` under its heading: what the CLI prints and the pane shows. */
export function explanationText(
  settings: ExplainSettings,
  v: StepValues,
  e: StepExplanation
): string {
  return (
    [stepHeading(settings, v), ...e.lines.map((l) => l.parts.map(partText).join(""))].join("\n") +
    "\n"
  );
}
