/**
 * Spreadsheet formula text read as JavaScript, for the compiled loop (compile.ts): MAX and IF
 * written inline (no calls; MAX of a non-finite value is NaN, as #NUM! propagates, unless the
 * caller checks its arguments: see `jsOf`), SQRT as Math.sqrt, v^2 as v·v and any other power as
 * `**` (Math.pow).
 */

/**
 * Excel formula text as a JavaScript expression over the same names (see the file comment). With
 * `hoisted`, each MAX argument that is an expression becomes a temporary `m<i>` (its expression is
 * pushed to `hoisted` at index i, once) and MAX is a bare Math.max: the caller defines the
 * temporaries and checks them finite, so the NaN rule costs nothing on the path to ŷ. A name as
 * argument is used as it is: the caller checks every name whose overflow could hide in MAX.
 */
export function jsOf(formula: string, hoisted?: string[]): string {
  return operators(calls(formula, hoisted));
}

/** SQRT as Math.sqrt, v^2 and (…)^2 as v·v, any other power as `**`. */
const operators = (text: string): string =>
  text
    .replace(/\bSQRT\(/g, "Math.sqrt(")
    .replace(/(\b[A-Za-z_]\w*)\^2(?![\w.])/g, "($1*$1)")
    // a bracket squared, unless it is a call's (SQRT(v)^2 is √v squared, not √(v·v))
    .replace(/(^|[^\w.])(\([^()]*\))\^2(?![\w.])/g, "$1($2*$2)")
    .replace(/\^/g, "**");

/**
 * MAX(a,b) and IF(c,a,b) written out inline, so the compiled loop makes no calls: MAX as
 * Math.max(a,b) + 0·a + 0·b (NaN when a or b is ±Infinity, as #NUM! propagates; V8 computes each
 * argument once), or with `hoisted` as Math.max of temporaries (see `jsOf`); IF as a conditional.
 */
function calls(text: string, hoisted?: string[]): string {
  const m = /\b(MAX|IF)\(/.exec(text);
  if (!m) return text;
  const open = m.index + m[0].length;
  let depth = 1;
  let end = open;
  const args: string[] = [];
  let from = open;
  for (; depth > 0; end++) {
    const ch = text[end];
    if (ch === undefined) throw new Error(`unbalanced parentheses in ${text}`);
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
    if ((ch === "," && depth === 1) || depth === 0)
      (args.push(calls(text.slice(from, end), hoisted)), (from = end + 1));
  }
  // a number or a name is used as it is; an expression seen before reuses its temporary
  const temp = (a: string) => {
    if (/^\s*(-?[\d.]+|[A-Za-z_]\w*)\s*$/.test(a)) return a.trim();
    const seen = hoisted!.indexOf(operators(a));
    return `m${seen >= 0 ? seen : hoisted!.push(operators(a)) - 1}`;
  };
  const js =
    m[1] === "IF"
      ? `((${args[0]})?(${args[1]}):(${args[2]}))`
      : hoisted
        ? `Math.max(${args.map(temp).join(",")})`
        : `(Math.max(${args.join(",")})${args.map((a) => `+0*(${a})`).join("")})`;
  return text.slice(0, m.index) + js + calls(text.slice(end), hoisted);
}
