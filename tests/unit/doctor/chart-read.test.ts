import { describe, expect, it } from "vitest";
import { isDateFormat, readChart } from "../../../src/xlsx/doctor/chart-read";
import { parseXml } from "../../../src/xlsx/doctor/xml";

/** A chart part with one group of the given XML and two axes. */
const part = (group: string, axes: string) =>
  parseXml(
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea>${group}${axes}</c:plotArea></c:chart></c:chartSpace>`
  );
const ser = `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:v>typed</c:v></c:tx><c:val><c:numLit><c:ptCount val="3"/><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="2"><c:v>3</c:v></c:pt></c:numLit></c:val></c:ser>`;
const ids = `<c:axId val="1"/><c:axId val="2"/>`;
const cat = (el: string, pos = "b") =>
  `<${el}><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${pos}"/><c:crossAx val="2"/></${el}>`;
const val = (pos = "l", extra = "") =>
  `<c:valAx><c:axId val="2"/><c:scaling>${extra}<c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="${pos}"/><c:title/><c:crossAx val="1"/></c:valAx>`;

describe("readChart (DrawingML → plain model)", () => {
  it("reads a typed-in series name and values with gaps, and an empty axis title as Excel shows it", () => {
    const r = readChart(
      part(
        `<c:lineChart><c:grouping val="standard"/>${ser}${ids}</c:lineChart>`,
        cat("c:catAx") + val()
      ),
      "p"
    )!;
    expect(r.model.series[0]).toMatchObject({
      name: "typed",
      nameSource: { kind: "literal", values: ["typed"] },
      x: { kind: "none" },
      y: { kind: "literal", values: [1, null, 3] },
    });
    expect(r.model.axes[1]).toMatchObject({
      direction: "vertical",
      visible: false,
      title: "Axis Title",
    });
  });

  it("tells columns from horizontal bars, and reads log scales and bounds", () => {
    const bars = readChart(
      part(
        `<c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/>${ser}${ids}</c:barChart>`,
        cat("c:catAx", "l") + val("b", '<c:logBase val="2"/><c:max val="8"/><c:min val="1"/>')
      ),
      "p"
    )!;
    expect(bars.model.type).toBe("bar");
    expect(bars.model.axes.map((a) => [a.kind, a.direction])).toEqual([
      ["category", "horizontal"],
      ["value", "vertical"],
    ]);
    expect(bars.model.axes[1]).toMatchObject({ scale: "log", logBase: 2, min: 1, max: 8 });
  });

  it("reads date axes as date categories", () => {
    const r = readChart(
      part(`<c:lineChart>${ser}${ids}</c:lineChart>`, cat("c:dateAx") + val()),
      "p"
    )!;
    expect(r.model.axes[0]).toMatchObject({ kind: "date", direction: "horizontal" });
  });

  it("reads an automatic category axis over date-formatted cells as the date axis Excel draws", () => {
    const dated = ser.replace(
      "<c:val>",
      '<c:cat><c:numRef><c:f>S!$A$1:$A$3</c:f><c:numCache><c:formatCode>m/d/yyyy</c:formatCode><c:ptCount val="3"/></c:numCache></c:numRef></c:cat><c:val>'
    );
    const auto = cat("c:catAx").replace("</c:catAx>", '<c:auto val="1"/></c:catAx>');
    expect(
      readChart(part(`<c:lineChart>${dated}${ids}</c:lineChart>`, auto + val()), "p")!.model.axes[0]
        .kind
    ).toBe("date");
    const text = auto.replace('<c:auto val="1"/>', '<c:auto val="0"/>');
    expect(
      readChart(part(`<c:lineChart>${dated}${ids}</c:lineChart>`, text + val()), "p")!.model.axes[0]
        .kind
    ).toBe("category");
  });

  it.each([
    ["m/d/yyyy", true],
    ["mmm-yy", true],
    ["[$-409]d-mmm;@", true],
    ["yyyy-mm-dd hh:mm", true],
    ["General", false],
    ["0.00", false],
    ["h:mm", false],
    ["mm:ss", false],
    ['0.0" days"', false],
  ])("tells the date format %j: %s", (code, date) => {
    expect(isDateFormat(code)).toBe(date);
  });

  it.each([
    ["stacked lines", `<c:lineChart><c:grouping val="stacked"/>${ser}${ids}</c:lineChart>`],
    ["a pie", `<c:pieChart>${ser}</c:pieChart>`],
    ["3-D lines", `<c:line3DChart>${ser}${ids}</c:line3DChart>`],
    [
      "scatter mixed with lines",
      `<c:scatterChart>${ser}${ids}</c:scatterChart><c:lineChart>${ser}${ids}</c:lineChart>`,
    ],
  ])("reads %s as 'other', which the doctor leaves alone", (_, group) => {
    expect(readChart(part(group, cat("c:catAx") + val()), "p")!.model.type).toBe("other");
  });

  it("returns null for a chart part without a plot area", () => {
    expect(
      readChart(
        parseXml(
          `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart/></c:chartSpace>`
        ),
        "p"
      )
    ).toBeNull();
  });
});
