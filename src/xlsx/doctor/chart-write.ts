/**
 * Writes a fixed ChartModel back into the chart part it was read from, changing only what the
 * fix changed: category groups become c:scatterChart groups (series keep idx, order, name,
 * colours, markers, labels; c:cat becomes a linked c:xVal, c:val becomes c:yVal), category axes
 * become value axes, secondary series join the primary axes, axes are shown, titled or made linear.
 */
import type { AxisModel, CellValue, ChartModel, DataSource } from "../../doctor";
import type { ChartHandles } from "./chart-read";
import { attr, el, kid, kids, path, setAttr, textOf, type XmlElement, type XmlNode } from "./xml";

const SCATTER_SER = [
  "c:idx",
  "c:order",
  "c:tx",
  "c:spPr",
  "c:marker",
  "c:dPt",
  "c:dLbls",
  "c:trendline",
  "c:errBars",
  "c:xVal",
  "c:yVal",
  "c:smooth",
  "c:extLst",
];
const VAL_AX = [
  "c:axId",
  "c:scaling",
  "c:delete",
  "c:axPos",
  "c:majorGridlines",
  "c:minorGridlines",
  "c:title",
  "c:numFmt",
  "c:majorTickMark",
  "c:minorTickMark",
  "c:tickLblPos",
  "c:spPr",
  "c:txPr",
  "c:crossAx",
  "c:crosses",
  "c:crossesAt",
  "c:crossBetween",
  "c:majorUnit",
  "c:minorUnit",
  "c:dispUnits",
  "c:extLst",
];

/** Apply the difference between `before` and `after` to the chart XML behind `h` (in place). */
export function applyChartFix(h: ChartHandles, before: ChartModel, after: ChartModel): void {
  if (before.type !== "scatter" && after.type === "scatter") toScatter(h, after);
  else
    after.series.forEach((s, i) => {
      if (JSON.stringify(s.x) !== JSON.stringify(before.series[i].x)) setXVal(h.series[i].ser, s.x);
    });
  mergeSecondary(h, before, after);
  updateAxes(h, before, after);
}

/** Every category group → a scatter group; their category axes → value axes. */
function toScatter(h: ChartHandles, after: ChartModel): void {
  const converted = new Set<string>();
  h.groups = h.groups.map((g) => {
    if (g.q === "c:scatterChart") return g;
    const sers: XmlElement[] = [];
    h.series.forEach((s, i) => {
      if (s.group !== g) return;
      const ser = scatterSeries(s.ser, after.series[i].x);
      s.ser = ser;
      sers.push(ser);
    });
    const axIds = kids(g, "c:axId");
    for (const a of axIds) converted.add(attr(a, "val") ?? "");
    const varyColors = kid(g, "c:varyColors") ?? el("c:varyColors", { val: "0" });
    const dLbls = kid(g, "c:dLbls");
    const group = el("c:scatterChart", {}, [
      el("c:scatterStyle", { val: "lineMarker" }),
      varyColors,
      ...sers,
      ...(dLbls ? [dLbls] : []),
      ...axIds,
    ]);
    replace(h.plotArea, g, group);
    for (const s of h.series) if (s.group === g) s.group = group;
    return group;
  });
  h.axes = h.axes.map((a) => {
    if (!converted.has(attr(kid(a, "c:axId"), "val") ?? "")) return a;
    if (a.q === "c:valAx") {
      // A scatter's value axes cross at the data points, not between categories.
      const cb = kid(a, "c:crossBetween");
      if (cb) setAttr(cb, "val", "midCat");
      // It stood at the first category; on a value x axis "autoZero" would move it to x = 0.
      const crosses = kid(a, "c:crosses");
      if (crosses && attr(crosses, "val") === "autoZero") setAttr(crosses, "val", "min");
      return a;
    }
    const v = valueAxis(a);
    replace(h.plotArea, a, v);
    return v;
  });
}

/**
 * A line/area c:ser rebuilt as a scatter c:ser with linked X values, keeping its look: name,
 * colours (an area's fill colour becomes the line and marker colour), markers, labels, extensions,
 * and the category cells' own cache and number format when they become the X values.
 */
function scatterSeries(ser: XmlElement, x: DataSource): XmlElement {
  const keep = (names: string[]) => kids(ser).filter((c) => names.includes(c.q));
  const spPr = kid(ser, "c:spPr");
  const fill = kid(spPr, "a:solidFill");
  const markers = keep(["c:marker"]);
  if (spPr && fill) {
    const ln = kid(spPr, "a:ln");
    if (!ln) spPr.children.push(el("a:ln", { w: "19050" }, [clone(fill)]));
    else if (!kid(ln, "a:solidFill") && !kid(ln, "a:gradFill"))
      ln.children = [
        clone(fill),
        ...ln.children.filter((c) => c.type !== "element" || c.q !== "a:noFill"),
      ];
    if (!markers.length) markers.push(colouredMarker(fill));
  }
  const cat = kid(ser, "c:cat");
  const sameCells = x.kind === "ref" && textOf(path(cat, "c:numRef", "c:f")).trim() === x.ref;
  const xVal = sameCells ? el("c:xVal", {}, [path(cat, "c:numRef")!]) : xValElement(x);
  const val = kid(ser, "c:val");
  const yVal = el("c:yVal", {}, val ? val.children : []);
  const smooth = kid(ser, "c:smooth") ?? el("c:smooth", { val: "0" });
  const before = keep(["c:idx", "c:order", "c:tx", "c:spPr"]);
  const after = keep(["c:dPt", "c:dLbls", "c:trendline", "c:errBars"]);
  return el("c:ser", {}, [
    ...before,
    ...markers,
    ...after,
    xVal,
    yVal,
    smooth,
    ...keep(["c:extLst"]),
  ]);
}

/** A marker filled and outlined in `fill`'s colour. */
function colouredMarker(fill: XmlElement): XmlElement {
  return el("c:marker", {}, [
    el("c:symbol", { val: "circle" }),
    el("c:size", { val: "5" }),
    el("c:spPr", {}, [clone(fill), el("a:ln", { w: "9525" }, [clone(fill)])]),
  ]);
}

/** Replace or insert a scatter series' c:xVal. */
function setXVal(ser: XmlElement, x: DataSource): void {
  const old = kid(ser, "c:xVal");
  const fresh = xValElement(x);
  if (old) replace(ser, old, fresh);
  else insertInOrder(ser, fresh, SCATTER_SER);
}

/** c:xVal for a data source: a c:numRef with its cached numbers, or a literal list. */
function xValElement(x: DataSource): XmlElement {
  if (x.kind === "ref")
    return el("c:xVal", {}, [
      el("c:numRef", {}, [el("c:f", {}, [text(x.ref)]), ...(x.values ? [numCache(x.values)] : [])]),
    ]);
  if (x.kind === "literal") return el("c:xVal", {}, [numCache(x.values, "c:numLit")]);
  return el("c:xVal");
}

function numCache(values: CellValue[], name = "c:numCache"): XmlElement {
  const pts: XmlElement[] = [];
  values.forEach((v, i) => {
    if (typeof v === "number" && Number.isFinite(v))
      pts.push(el("c:pt", { idx: String(i) }, [el("c:v", {}, [text(String(v))])]));
  });
  return el(name, {}, [
    el("c:formatCode", {}, [text("General")]),
    el("c:ptCount", { val: String(values.length) }),
    ...pts,
  ]);
}

/** A c:catAx/c:dateAx rebuilt as a c:valAx with the same id, position, title and formatting. */
function valueAxis(a: XmlElement): XmlElement {
  const v = el(
    "c:valAx",
    {},
    kids(a).filter((c) => VAL_AX.includes(c.q) && c.q !== "c:extLst")
  );
  if (!kid(v, "c:crossBetween")) insertInOrder(v, el("c:crossBetween", { val: "midCat" }), VAL_AX);
  return v;
}

/** Series moved from the secondary to the primary axes: join the primary group, drop unused axes. */
function mergeSecondary(h: ChartHandles, before: ChartModel, after: ChartModel): void {
  const moved = after.series.flatMap((s, i) =>
    s.axisGroup === "primary" && before.series[i].axisGroup === "secondary" ? [i] : []
  );
  if (!moved.length) return;
  const ids = (g: XmlElement): string[] => kids(g, "c:axId").map((a) => attr(a, "val") ?? "");
  const isPrimary = (g: XmlElement): boolean => ids(g).every((x) => h.primaryIds.includes(x));
  for (const i of moved) {
    const s = h.series[i];
    if (isPrimary(s.group)) continue;
    const target = h.groups.find((g) => isPrimary(g) && g.q === s.group.q);
    if (target) {
      s.group.children = s.group.children.filter((c) => c !== s.ser);
      const last = kids(target, "c:ser").pop();
      target.children.splice(last ? target.children.indexOf(last) + 1 : 0, 0, s.ser);
      s.group = target;
    } else {
      kids(s.group, "c:axId").forEach((a, k) =>
        setAttr(a, "val", h.primaryIds[k] ?? h.primaryIds[0])
      );
    }
  }
  for (const g of [...h.groups]) {
    if (kids(g, "c:ser").length) continue;
    h.plotArea.children = h.plotArea.children.filter((c) => c !== g);
    h.groups = h.groups.filter((x) => x !== g);
  }
  const used = new Set(h.groups.flatMap(ids));
  for (const a of [...h.axes]) {
    if (used.has(attr(kid(a, "c:axId"), "val") ?? "")) continue;
    h.plotArea.children = h.plotArea.children.filter((c) => c !== a);
  }
  h.axes = h.axes.filter((a) => used.has(attr(kid(a, "c:axId"), "val") ?? ""));
}

/** Visibility, titles and log scales of the axes that remain. */
function updateAxes(h: ChartHandles, before: ChartModel, after: ChartModel): void {
  h.axes.forEach((a) => {
    const id = attr(kid(a, "c:axId"), "val") ?? "";
    const k = h.axisIds.indexOf(id);
    const was = k >= 0 ? before.axes[k] : undefined;
    if (!was) return;
    const now = after.axes.find((x) => x.group === was.group && x.direction === was.direction);
    if (!now) return;
    if (now.visible && !was.visible) {
      setAttr(kid(a, "c:delete") ?? insertInOrder(a, el("c:delete"), VAL_AX), "val", "0");
      const pos = kid(a, "c:tickLblPos");
      if (pos && attr(pos, "val") === "none") setAttr(pos, "val", "nextTo");
    }
    if (now.title && !was.title && !kid(a, "c:title")) insertInOrder(a, axisTitle(now), VAL_AX);
    if (was.scale === "log" && now.scale === "linear") {
      const scaling = kid(a, "c:scaling");
      if (scaling)
        scaling.children = scaling.children.filter(
          (c) => !(c.type === "element" && c.q === "c:logBase")
        );
    }
  });
}

function axisTitle(a: AxisModel): XmlElement {
  const bodyPr =
    a.direction === "vertical" ? el("a:bodyPr", { rot: "-5400000", vert: "horz" }) : el("a:bodyPr");
  return el("c:title", {}, [
    el("c:tx", {}, [
      el("c:rich", {}, [
        bodyPr,
        el("a:lstStyle"),
        el("a:p", {}, [
          el("a:pPr", {}, [el("a:defRPr")]),
          el("a:r", {}, [el("a:t", {}, [text(a.title ?? "")])]),
        ]),
      ]),
    ]),
    el("c:overlay", { val: "0" }),
  ]);
}

// ---- tree edits --------------------------------------------------------------------------------

function text(t: string): XmlNode {
  return { type: "text", text: t };
}

function clone(e: XmlElement): XmlElement {
  return JSON.parse(JSON.stringify(e)) as XmlElement;
}

function replace(parent: XmlElement, old: XmlElement, fresh: XmlElement): void {
  const k = parent.children.indexOf(old);
  if (k < 0) throw new Error(`internal: ${old.name} is not a child of ${parent.name}`);
  parent.children[k] = fresh;
}

/** Insert `child` where the schema's sequence `order` puts it; returns the child. */
function insertInOrder(parent: XmlElement, child: XmlElement, order: string[]): XmlElement {
  const rank = order.indexOf(child.q);
  const k = parent.children.findIndex((c) => c.type === "element" && order.indexOf(c.q) > rank);
  if (k < 0) parent.children.push(child);
  else parent.children.splice(k, 0, child);
  return child;
}
