/** The evaluator that judges a learner's cell on its own inputs: GradSheet's formula text over given values. */
import { describe, expect, it } from "vitest";
import { evaluateFormula, type EvalValue } from "../../../src/sheet/formula-eval";

const cells: Record<string, EvalValue> = {
  A1: 2,
  B1: 3,
  C1: null,
  D1: { error: "#NUM!" },
  E1: "x",
};
const inputs = {
  cell: (r: number, c: number) => cells[`${String.fromCharCode(65 + c)}${r + 1}`] ?? null,
  name: (n: string) => ({ LearningRate: 0.5, DiffStep: 0.01 })[n],
};
const ev = (f: string) => evaluateFormula(f, inputs);

describe("evaluateFormula", () => {
  it("computes arithmetic in Excel's precedence: unary minus before ^, ^ before * and /", () => {
    expect(ev("=A1+B1*2")).toBe(8);
    expect(ev("=-A1^2")).toBe(4);
    expect(ev("=(A1-B1)^2")).toBe(1);
    expect(ev("=2^3^2")).toBe(64); // left to right, as Excel
    expect(ev("=A1-LearningRate*B1")).toBe(0.5);
    expect(ev("=$A$1/DiffStep")).toBe(200);
    expect(ev("=1e-300*1e-300")).toBe(0);
  });

  it("knows the functions GradSheet writes", () => {
    expect(ev("=MAX(0,A1-B1)")).toBe(0);
    expect(ev("=IF(A1>1,B1,NA())")).toBe(3);
    expect(ev("=IF(A1=2,1,0)")).toBe(1);
    expect(ev("=ABS(A1-B1)/MAX(ABS(B1),1e-300)")).toBeCloseTo(1 / 3, 15);
    expect(ev("=SQRT(B1*3)")).toBe(3);
    expect(ev("=MOD(7,B1)")).toBe(1);
    expect(ev("=IF(OR(MOD(A1,2)=0,A1=29),1,0)")).toBe(1);
    expect(ev("=AND(ISNUMBER(A1),ISNUMBER(C1))")).toBe(false);
  });

  it("reads an empty cell as 0 and passes errors on", () => {
    expect(ev("=C1+1")).toBe(1);
    expect(ev("=D1+1")).toEqual({ error: "#NUM!" });
    expect(ev("=IF(ISNUMBER(D1),D1,NA())")).toEqual({ error: "#N/A" });
    expect(ev("=A1/C1")).toEqual({ error: "#DIV/0!" });
    expect(ev("=1e308*10")).toEqual({ error: "#NUM!" });
    expect(ev("=E1*2")).toEqual({ error: "#VALUE!" });
    expect(ev("=SQRT(-1)")).toEqual({ error: "#NUM!" });
  });

  it("answers #NAME? for names and text it does not know", () => {
    expect(ev("=Nope*2")).toEqual({ error: "#NAME?" });
    expect(ev("=SUM(A1)")).toEqual({ error: "#NAME?" });
    expect(ev("=A1+")).toEqual({ error: "#NAME?" });
    expect(ev("=A1 B1")).toEqual({ error: "#NAME?" });
  });
});
