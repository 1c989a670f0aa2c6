/**
 * Worksheet page setup (ExcelApi 1.9): `pageLayout.setPrintArea`, `orientation`, `zoom` and
 * `horizontalPageBreaks.add` / `removePageBreaks`, stored on the sheet's `print` record. Every member is one action
 * that needs 1.9, so a host below it refuses the request (ApiNotFound) as Excel does.
 */
import type { FakeContext } from "./context";
import { FakeOfficeError } from "./errors";
import type { FakeRangeRef, FakePrint, FakeSheet } from "./state";

const SET = "1.9";

/** The sheet's print record, created on first use. */
const printOf = (s: FakeSheet): FakePrint => (s.print ??= { areas: [], rowBreaks: [] });

/** `pageLayout` of a fake worksheet; `parse` turns an A1 address of the sheet into a rectangle. */
export function fakePageLayout(
  ctx: FakeContext,
  path: string,
  sheet: () => FakeSheet,
  parse: (address: string) => FakeRangeRef
): unknown {
  const act = (name: string, args: unknown[], apply: (p: FakePrint) => void) =>
    ctx.enqueue({ target: `${path}.pageLayout`, name, args, set: SET }, () =>
      apply(printOf(sheet()))
    );
  return {
    setPrintArea(area: string | { ref(): FakeRangeRef }) {
      if (typeof area !== "string") return act("setPrintArea", [], (p) => (p.areas = [area.ref()]));
      act("setPrintArea", [area], (p) => (p.areas = area.split(",").map((a) => parse(a.trim()))));
    },
    set orientation(v: string) {
      if (v !== "Portrait" && v !== "Landscape")
        throw new FakeOfficeError("InvalidArgument", `orientation ${v}`);
      act("orientation", [v], (p) => (p.orientation = v));
    },
    set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
      act("zoom", [v], (p) => (p.zoom = { ...v }));
    },
  };
}

/** `horizontalPageBreaks` of a fake worksheet: `add(range)` breaks the page above the range's first row; `removePageBreaks()` removes every manual one. */
export function fakeRowBreaks(
  ctx: FakeContext,
  path: string,
  sheet: () => FakeSheet,
  parse: (address: string) => FakeRangeRef
): unknown {
  return {
    removePageBreaks() {
      ctx.enqueue(
        { target: `${path}.horizontalPageBreaks`, name: "removePageBreaks", args: [], set: SET },
        () => (printOf(sheet()).rowBreaks = [])
      );
    },
    add(at: string | { ref(): FakeRangeRef; path: string }) {
      ctx.enqueue(
        {
          target: `${path}.horizontalPageBreaks`,
          name: "add",
          args: [typeof at === "string" ? at : at.path],
          set: SET,
        },
        () => {
          const ref = typeof at === "string" ? parse(at) : at.ref();
          printOf(sheet()).rowBreaks.push(ref.row);
        }
      );
    },
  };
}
