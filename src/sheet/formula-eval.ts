/**
 * Evaluates the formulas GradSheet writes (en-US text such as `=(L23-E23)^2`,
 * `=IF(AA23=1,F23-LearningRate*AG23,F23)`) over values the caller supplies, in IEEE doubles with
 * the operation order of the text: used to judge a learner's cell "on its own inputs", the core's
 * formula for that cell applied to the values its precedent cells hold in a saved file.
 *
 * It knows what the sheet layer writes, no more: numbers, relative and absolute A1 references,
 * defined names, + − * / ^ (unary minus binds tighter than ^, as in Excel), comparisons, and
 * IF, MAX, MIN, ABS, SQRT, MOD, AND, OR, ISNUMBER, NA. An empty cell is 0 in arithmetic; an error
 * propagates; a non-finite result is #NUM!, a division by 0 #DIV/0!.
 */
import { parseCellA1 } from "./address";

/** A value during evaluation (an empty cell reads as null). */
export type EvalValue = number | string | boolean | { error: string } | null;

export interface EvalInputs {
  /** The value at a cell, 0-based. */
  cell(row: number, col: number): EvalValue;
  /** The value of a defined name; undefined when the name is unknown (#NAME?). */
  name(name: string): EvalValue | undefined;
}

class Fail {
  constructor(readonly error: string) {}
}

type Tok = { t: "num"; v: number } | { t: "id"; v: string } | { t: "op"; v: string };

function tokens(src: string): Tok[] {
  const out: Tok[] = [];
  const re =
    /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)|(\$?[A-Za-z_][A-Za-z0-9_.]*\$?\d*)|(<=|>=|<>|[-+*/^(),=<>]))/y;
  let at = 0;
  while (at < src.length) {
    re.lastIndex = at;
    const m = re.exec(src);
    if (!m) {
      if (/^\s*$/.test(src.slice(at))) break;
      throw new Fail("#NAME?");
    }
    at = re.lastIndex;
    if (m[1] !== undefined) out.push({ t: "num", v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: "id", v: m[2] });
    else out.push({ t: "op", v: m[3] });
  }
  return out;
}

const num = (v: EvalValue): number => {
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "object") throw new Fail(v.error);
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n)) throw new Fail("#VALUE!");
  return n;
};

const finite = (n: number): number => {
  if (n - n !== 0) throw new Fail("#NUM!");
  return n;
};

/** A compiled formula: its value over `inputs`, every relative row reference moved down by `shift` rows. */
export type CompiledFormula = (inputs: EvalInputs, shift?: number) => EvalValue;

type Env = { inputs: EvalInputs; shift: number };
type Node = (env: Env) => EvalValue;

/** Evaluate formula text (with or without its leading "=") over `inputs`. */
export function evaluateFormula(formula: string, inputs: EvalInputs): EvalValue {
  return compileFormula(formula)(inputs, 0);
}

/**
 * Parse formula text once into a function that evaluates it, so a column's formula (its second row's
 * text, filled down) is parsed once and evaluated at every row with a row shift, as Excel's fill
 * down moves relative references. Text it cannot read evaluates to #NAME?.
 */
export function compileFormula(formula: string): CompiledFormula {
  let root: Node;
  try {
    root = parse(tokens(formula.replace(/^=/, "")));
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const error = e.error;
    return () => ({ error });
  }
  return (inputs, shift = 0) => {
    try {
      return root({ inputs, shift });
    } catch (e) {
      if (e instanceof Fail) return { error: e.error };
      throw e;
    }
  };
}

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  "=": (a, b) => a === b,
  "<>": (a, b) => a !== b,
  "<": (a, b) => a < b,
  ">": (a, b) => a > b,
  "<=": (a, b) => a <= b,
  ">=": (a, b) => a >= b,
};

function parse(toks: Tok[]): Node {
  let i = 0;
  const peek = (v: string) => toks[i]?.t === "op" && toks[i].v === v;
  const expect = (v: string) => {
    if (!peek(v)) throw new Fail("#NAME?");
    i++;
  };
  const compare = (): Node => {
    let l = additive();
    while (toks[i]?.t === "op" && String(toks[i].v) in COMPARE) {
      const op = COMPARE[String(toks[i++].v)];
      const a = l,
        b = additive();
      l = (env) => op(num(a(env)), num(b(env)));
    }
    return l;
  };
  const additive = (): Node => {
    let l = term();
    while (peek("+") || peek("-")) {
      const plus = toks[i++].v === "+";
      const a = l,
        b = term();
      l = (env) => {
        const x = num(a(env)),
          y = num(b(env));
        return finite(plus ? x + y : x - y);
      };
    }
    return l;
  };
  const term = (): Node => {
    let l = power();
    while (peek("*") || peek("/")) {
      const times = toks[i++].v === "*";
      const a = l,
        b = power();
      l = (env) => {
        const x = num(a(env)),
          y = num(b(env));
        if (!times && y === 0) throw new Fail("#DIV/0!");
        return finite(times ? x * y : x / y);
      };
    }
    return l;
  };
  const power = (): Node => {
    let l = unary();
    while (peek("^")) {
      i++;
      const a = l,
        b = unary();
      l = (env) => {
        const x = num(a(env)),
          y = num(b(env));
        return finite(y === 2 ? x * x : Math.pow(x, y));
      };
    }
    return l;
  };
  const unary = (): Node => {
    if (peek("-")) {
      i++;
      const a = unary();
      return (env) => -num(a(env));
    }
    if (peek("+")) {
      i++;
      return unary();
    }
    return primary();
  };
  const primary = (): Node => {
    const tok = toks[i++];
    if (!tok) throw new Fail("#NAME?");
    if (tok.t === "num") {
      const v = tok.v;
      return () => v;
    }
    if (tok.t === "op") {
      if (tok.v !== "(") throw new Fail("#NAME?");
      const v = compare();
      expect(")");
      return v;
    }
    if (peek("(")) {
      i++;
      const args: Node[] = [];
      if (!peek(")"))
        for (;;) {
          args.push(compare());
          if (peek(",")) i++;
          else break;
        }
      expect(")");
      const fn = tok.v.toUpperCase();
      return (env) =>
        call(
          fn,
          args.map((a) => caught(() => a(env)))
        );
    }
    const m = /^\$?([A-Za-z]{1,3})(\$?)(\d+)$/.exec(tok.v);
    const ref = m ? parseCellA1(`${m[1]}${m[3]}`) : null;
    if (m && ref) {
      const absolute = m[2] === "$";
      return (env) => env.inputs.cell(ref.row + (absolute ? 0 : env.shift), ref.col);
    }
    const upper = tok.v.toUpperCase();
    if (upper === "TRUE" || upper === "FALSE") {
      const b = upper === "TRUE";
      return () => b;
    }
    const name = tok.v;
    return (env) => {
      const v = env.inputs.name(name);
      if (v === undefined) throw new Fail("#NAME?");
      return v;
    };
  };
  const root = compare();
  if (i !== toks.length) throw new Fail("#NAME?");
  return root;
}

/** An argument's value, an error caught as an error value (so IF ignores one in the branch not taken). */
function caught(f: () => EvalValue): EvalValue {
  try {
    return f();
  } catch (e) {
    if (e instanceof Fail) return { error: e.error };
    throw e;
  }
}

/** IF has both branches evaluated (GradSheet's formulas have no side effects); an error in the branch not taken is ignored. */
function call(fn: string, args: EvalValue[]): EvalValue {
  const bool = (v: EvalValue) => num(v) !== 0;
  switch (fn) {
    case "IF":
      if (args[0] !== null && typeof args[0] === "object") throw new Fail(args[0].error);
      return bool(args[0]) ? (args[1] ?? true) : (args[2] ?? false);
    case "MAX":
      return args.reduce<number>((m, a) => Math.max(m, num(a)), -Infinity);
    case "MIN":
      return args.reduce<number>((m, a) => Math.min(m, num(a)), Infinity);
    case "ABS":
      return Math.abs(num(args[0]));
    case "SQRT": {
      const x = num(args[0]);
      if (x < 0) throw new Fail("#NUM!");
      return Math.sqrt(x);
    }
    case "MOD": {
      const a = num(args[0]),
        b = num(args[1]);
      if (b === 0) throw new Fail("#DIV/0!");
      return a - b * Math.floor(a / b);
    }
    case "AND":
      return args.every(bool);
    case "OR":
      return args.some(bool);
    case "ISNUMBER":
      return typeof args[0] === "number";
    case "NA":
      throw new Fail("#N/A");
    default:
      throw new Fail("#NAME?");
  }
}
