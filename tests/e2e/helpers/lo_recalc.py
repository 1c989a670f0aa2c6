#!/usr/bin/python3
"""Recalculate a spreadsheet in headless LibreOffice and dump every sheet's used range as JSON.

GradSheet's end-to-end oracle (adapted from the team's reference script). Run it with the
*system* Python that has python3-uno (Debian: /usr/bin/python3):
    /usr/bin/python3 lo_recalc.py book.xlsx -o values.json [--set LearningRate=0.001] [--pdf out.pdf]

--set NAME=VALUE (repeatable) types VALUE into the cell a defined name points at (workbook-wide,
or scoped to a sheet) and recalculates again, as a learner would; "baseline" then holds the sheets
as loaded and recalculated before the new values, "sheets" after. --pdf exports the recalculated
book to PDF in the same session (charts included). The JSON also lists the defined names as
LibreOffice read them, and each sheet's charts with the cell ranges of their series.

Output:
  {"engine": "LibreOffice 7.4.7.2", "file": "book.xlsx", "timings_s": {...},
   "names": [{"name": "LearningRate", "content": "$Run.$C$3", "sheet": null}],
   "sheets": [{"name": "Train", "rows": [[...], ...],
               "charts": [{"name": "...", "series": [{"x": "$Run.$A$10:$A$67", "y": "..."}]}],
               "notes": [{"row": 2, "col": 2, "text": "..."}]}]}
  rows[r][c] is row r+1, column c+1: a number (the exact double LibreOffice holds), a string,
  null (empty), or {"error": "#DIV/0!", "code": 532} for a formula whose result is an error.
Each call starts its own soffice with a throw-away profile and pipe name and works on a copy of
the file, so calls may run in parallel. --jobs FILE opens many files in that one session (one
profile for a whole suite) and prints {"results": [...]}, one dump per file. Exit status: 0 ok, 2 bad input, 3 LibreOffice failed or
timed out.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# LibreOffice's internal error codes -> the error value a spreadsheet user would recognise.
LO_ERRORS = {
    502: "#NUM!",  # invalid argument, e.g. SQRT(-1)
    503: "#NUM!",  # floating point overflow, e.g. 1e308*10
    504: "#VALUE!",  # error in parameter list
    519: "#VALUE!",
    522: "#CYCLE!",  # circular reference (LibreOffice shows Err:522)
    523: "#CYCLE!",  # iteration does not converge
    524: "#REF!",
    525: "#NAME?",
    532: "#DIV/0!",
    32767: "#N/A",
}

# Profile settings: recalculate xlsx and ods files on load. LibreOffice's default (1, "never")
# keeps the cached values stored in the file; calculateAll() below also forces a recalculation.
REGISTRY = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

SCRATCH_SHEET = "__lo_recalc_errors__"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start_office(soffice, workdir, pipe_name):
    profile = os.path.join(workdir, "profile")
    os.makedirs(os.path.join(profile, "user"))
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(REGISTRY)
    args = [
        soffice, "--headless", "--invisible", "--nologo", "--nodefault", "--norestore",
        "--nolockcheck", "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name,
    ]
    # Own session: the watchdog can kill soffice and all its helpers as one process group.
    return subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


def connect(proc, pipe_name):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            return resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe_name)
        except NoConnectException:
            if proc.poll() is not None:
                raise RuntimeError("soffice exited with status %s before accepting a connection"
                                   % proc.returncode)
            time.sleep(0.1)


def col_name(c):
    name = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        name = chr(65 + r) + name
    return name


def error_codes(doc, sheet, addr):
    """Error codes of a block of error cells, in bulk: per-cell UNO calls cost ~1-2 ms each,
    so fill a scratch sheet with =ERRORTYPE(<cell>) over the same block and read it at once."""
    sheets = doc.getSheets()
    if not sheets.hasByName(SCRATCH_SHEET):
        sheets.insertNewByName(SCRATCH_SHEET, sheets.getCount())
    scratch = sheets.getByName(SCRATCH_SHEET)
    c0, r0, c1, r1 = addr.StartColumn, addr.StartRow, addr.EndColumn, addr.EndRow
    quoted = "$'%s'" % sheet.getName().replace("'", "''")
    scratch.getCellByPosition(c0, r0).setFormula("=ERRORTYPE(%s.%s%d)" % (quoted, col_name(c0), r0 + 1))
    if c1 > c0:
        scratch.getCellRangeByPosition(c0, r0, c1, r0).fillAuto(
            uno.Enum("com.sun.star.sheet.FillDirection", "TO_RIGHT"), 1)
    if r1 > r0:
        scratch.getCellRangeByPosition(c0, r0, c1, r1).fillAuto(
            uno.Enum("com.sun.star.sheet.FillDirection", "TO_BOTTOM"), 1)
    return scratch.getCellRangeByPosition(c0, r0, c1, r1).getDataArray()


def cell_json(v):
    if isinstance(v, float) and not math.isfinite(v):
        return {"error": "#NUM!", "code": None}
    return None if v == "" else v  # None here also marks an error cell until it is filled in


def dump_sheet(doc, sheet):
    from com.sun.star.sheet.FormulaResult import ERROR as FORMULA_ERROR
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    rng = sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)
    rows = [[cell_json(v) for v in row] for row in rng.getDataArray()]
    for addr in rng.queryFormulaCells(FORMULA_ERROR).getRangeAddresses():
        for i, codes in enumerate(error_codes(doc, sheet, addr)):
            for j, code in enumerate(codes):
                code = int(code) if isinstance(code, float) else None
                rows[addr.StartRow + i][addr.StartColumn + j] = {
                    "error": LO_ERRORS.get(code, "Err:%s" % code), "code": code}
    return {"name": sheet.getName(), "rows": rows, "charts": chart_info(sheet), "notes": notes(sheet)}


def notes(sheet):
    """Cell notes (comments) as LibreOffice read them: 0-based row and column, and the text."""
    out = []
    annotations = sheet.getAnnotations()
    for i in range(annotations.getCount()):
        a = annotations.getByIndex(i)
        pos = a.getPosition()
        out.append({"row": pos.Row, "col": pos.Column, "text": a.getString()})
    return out


def chart_info(sheet):
    """Each embedded chart's series as the cell ranges LibreOffice reads them from."""
    charts = []
    table_charts = sheet.getCharts()
    for i in range(table_charts.getCount()):
        tc = table_charts.getByIndex(i)
        series = []
        try:
            diagram = tc.getEmbeddedObject().getFirstDiagram()
            for cs in diagram.getCoordinateSystems():
                for ct in cs.getChartTypes():
                    for ser in ct.getDataSeries():
                        roles = {}
                        for seq in ser.getDataSequences():
                            values = seq.getValues()
                            role = values.getPropertyValue("Role")
                            roles[role] = values.getSourceRangeRepresentation()
                        series.append({"x": roles.get("values-x"), "y": roles.get("values-y"),
                                       "type": ct.getChartType()})
        except Exception as e:  # informative: an unreadable chart shows as an error entry
            series.append({"error": str(e)})
        charts.append({"name": tc.getName(), "series": series})
    return charts


def named_cells(doc):
    """Defined names: workbook-wide ones, then each sheet's own (LibreOffice 7.4 keeps those per sheet)."""
    out = []
    ranges = doc.NamedRanges
    for n in ranges.getElementNames():
        out.append({"name": n, "content": ranges.getByName(n).getContent(), "sheet": None})
    sheets = doc.getSheets()
    for i in range(sheets.getCount()):
        sheet = sheets.getByIndex(i)
        try:
            local = sheet.NamedRanges
        except AttributeError:
            continue
        for n in local.getElementNames():
            out.append({"name": n, "content": local.getByName(n).getContent(), "sheet": sheet.getName()})
    return out


def set_named(doc, assignments):
    """Type each VALUE into the cell NAME points at: NAME is workbook-wide, or Sheet!NAME for a sheet-scoped name."""
    for name, value in assignments:
        sheet_name, _, local = name.rpartition("!")
        ranges = doc.getSheets().getByName(sheet_name).NamedRanges if sheet_name else doc.NamedRanges
        if not ranges.hasByName(local):
            raise KeyError("no defined name %s" % name)
        cells = ranges.getByName(local).getReferredCells()
        cells.getCellByPosition(0, 0).setValue(float(value))


def print_only(doc, area):
    """Print only AREA (e.g. "AZ1:BP40") of the first sheet, on one page shaped like the area (for --pdf)."""
    sheet = doc.getSheets().getByIndex(0)
    rng = sheet.getCellRangeByName(area)
    sheet.setPrintAreas((rng.getRangeAddress(),))
    style = doc.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
    style.HeaderIsOn = False
    style.FooterIsOn = False
    size = rng.getPropertyValue("Size")  # 1/100 mm
    style.IsLandscape = size.Width > size.Height
    style.Width = size.Width + style.LeftMargin + style.RightMargin
    style.Height = size.Height + style.TopMargin + style.BottomMargin
    style.ScaleToPages = 1


def dump_all(doc):
    """Every sheet of the book, without the scratch sheet error_codes adds (removed again)."""
    sheets = doc.getSheets()
    names = [n for n in sheets.getElementNames() if n != SCRATCH_SHEET]
    out = [dump_sheet(doc, sheets.getByName(n)) for n in names]
    if sheets.hasByName(SCRATCH_SHEET):
        sheets.removeByName(SCRATCH_SHEET)
    return out


def product_version(ctx):
    try:
        cp = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.configuration.ConfigurationProvider", ctx)
        node = cp.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess",
            (prop("nodepath", "/org.openoffice.Setup/Product"),))
        return "%s %s" % (node.getByName("ooName"), node.getByName("ooSetupVersionAboutBox"))
    except Exception:  # informative only
        return "LibreOffice"


def open_and_dump(desktop, ctx, path, workdir, recalc, assignments=(), pdf=None, print_area=None, save=None):
    """Load a copy of PATH in the running soffice, recalculate, optionally print, and dump it."""
    t0 = time.monotonic()
    # Work on a copy: LibreOffice writes a lock file beside the document it opens, and this
    # script adds a scratch sheet (never saved).
    copy = os.path.join(workdir, "%s_%s" % (uuid.uuid4().hex[:6], os.path.basename(path)))
    shutil.copyfile(path, copy)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(copy), "_blank", 0,
                                       (prop("Hidden", True),))
    if doc is None:
        raise RuntimeError("LibreOffice could not open %s" % path)
    try:
        t1 = time.monotonic()
        baseline = None
        if assignments:
            # The book as loaded (recalculated) first, then again after the new values are typed in.
            doc.calculateAll()
            baseline = dump_all(doc)
            set_named(doc, assignments)
        if recalc:
            doc.calculateAll()
        t2 = time.monotonic()
        if save:
            # The recalculated book saved as .xlsx, as a learner's LibreOffice saves it (before any scratch sheet).
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(save)),
                           (prop("FilterName", "Calc MS Excel 2007 XML"),))
        if pdf and print_area:
            print_only(doc, print_area)
        if pdf:
            doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(pdf)), (prop("FilterName", "calc_pdf_Export"),))
        t3 = time.monotonic()
        names = named_cells(doc)
        out = dump_all(doc)
        t4 = time.monotonic()
        return {
            "engine": product_version(ctx),
            "file": os.path.basename(path),
            "timings_s": {"load": round(t1 - t0, 3), "calculateAll": round(t2 - t1, 3),
                          "pdf": round(t3 - t2, 3), "dump": round(t4 - t3, 3)},
            "names": names,
            "sheets": out,
            "baseline": baseline,
        }
    finally:
        doc.close(True)


def run(jobs, soffice, timeout, recalc, assignments=()):
    """Open every job's file in one soffice session (one profile); a list of dumps, in job order."""
    t0 = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="lo_recalc_")
    pipe_name = "lo_recalc_%d_%s" % (os.getpid(), uuid.uuid4().hex[:8])
    proc = start_office(soffice, workdir, pipe_name)
    # Watchdog: a hung start/load/recalc blocks inside UNO, so kill soffice and let the call fail.
    expired = threading.Event()

    def kill_office():
        expired.set()
        try:
            os.killpg(proc.pid, 9)
        except ProcessLookupError:
            pass

    watchdog = threading.Timer(timeout, kill_office)
    watchdog.daemon = True
    watchdog.start()
    desktop = None
    try:
        ctx = connect(proc, pipe_name)
        start = round(time.monotonic() - t0, 3)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        out = []
        for job in jobs:
            dump = open_and_dump(desktop, ctx, job["input"], workdir, recalc, assignments,
                                 job.get("pdf"), job.get("print_area"), job.get("save"))
            dump["timings_s"]["start"] = start
            out.append(dump)
        return out
    except Exception:
        if expired.is_set():
            raise TimeoutError("gave up after %g s (soffice killed)" % timeout)
        raise
    finally:
        watchdog.cancel()
        try:
            if desktop is not None:
                desktop.terminate()
        except Exception:
            pass  # the bridge drops when soffice exits; expected
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, 9)
            proc.wait()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input", nargs="?", help=".xlsx/.ods/... file to recalculate")
    ap.add_argument("--jobs", help="JSON file listing many files to open in one soffice session: "
                    '[{"input": "a.xlsx", "pdf": "a.pdf", "print_area": "E1:M24"}, ...]; '
                    "prints {\"results\": [dump, ...]} in the same order")
    ap.add_argument("-o", "--output", help="JSON file to write (default: stdout)")
    ap.add_argument("--timeout", type=float, default=300, help="overall limit in seconds (default 300)")
    ap.add_argument("--soffice", default=os.environ.get("SOFFICE", "soffice"))
    ap.add_argument("--no-recalc", action="store_true", help="skip calculateAll() (for experiments)")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="type VALUE into the cell of defined name NAME (Sheet!NAME when sheet-scoped) first")
    ap.add_argument("--pdf", help="also export the recalculated book to this PDF file")
    ap.add_argument("--print-area", help="with --pdf: print only this range of the first sheet (e.g. AZ1:BP40), on one page of its shape")
    a = ap.parse_args()
    assignments = []
    for item in a.set:
        name, eq, value = item.partition("=")
        try:
            float(value)
        except ValueError:
            eq = ""
        if not eq or not name:
            print("lo_recalc: --set wants NAME=NUMBER, got %r" % item, file=sys.stderr)
            return 2
        assignments.append((name, value))
    if a.jobs:
        with open(a.jobs) as f:
            jobs = json.load(f)
    elif a.input:
        jobs = [{"input": a.input, "pdf": a.pdf, "print_area": a.print_area}]
    else:
        print("lo_recalc: give a file or --jobs FILE", file=sys.stderr)
        return 2
    for job in jobs:
        if not os.path.isfile(job["input"]):
            print("lo_recalc: no such file: %s" % job["input"], file=sys.stderr)
            return 2
    try:
        results = run(jobs, a.soffice, a.timeout, not a.no_recalc, assignments)
    except Exception as e:
        print("lo_recalc: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 3
    result = {"results": results} if a.jobs else results[0]
    text = json.dumps(result, allow_nan=False)
    if a.output:
        with open(a.output, "w") as f:
            f.write(text)
    else:
        sys.stdout.write(text + "\n")
    print("lo_recalc: %s %s" % (results[0]["engine"], json.dumps([r["timings_s"] for r in results])), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
