"""Reads a workbook with openpyxl (an independent reader) and prints what it found as JSON.

Usage: read_with_openpyxl.py BOOK.xlsx

Prints sheets (cells with type, value, number format and cached value of formulas; frozen
panes, autofilter, page setup, print titles and area, header and footer), and the charts of
every sheet: openpyxl's reading of each series (name, references, caches), the cells the
references point at, its axes, and a validation of the chart XML against openpyxl's model:
elements openpyxl does not keep, and children out of the schema order openpyxl writes.
"""
import json
import sys
import warnings
import zipfile
from datetime import date, datetime, time

from lxml import etree
from openpyxl import load_workbook
from openpyxl.chart.chartspace import ChartSpace
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.xml.functions import fromstring, tostring

# What openpyxl 3.0 reads but cannot keep (limits of its model, not errors of the XML):
# c:dateAx/c:auto is never read nor written; srgbClr colour transforms (alpha) are dropped;
# an area chart's axes are not linked to it (openpyxl models an area chart with a category axis only).
OPENPYXL_LIMITS = ("/dateAx/auto[", "/srgbClr/alpha[", "/areaChart/axId[")


def plain(value):
    if isinstance(value, (datetime, date)):
        return {"serial": to_excel(value)}
    if isinstance(value, time):
        return {"time": value.isoformat()}
    return value


def sheet_summary(ws, cached):
    cells = []
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None:
                continue
            entry = {"ref": cell.coordinate, "type": cell.data_type, "value": plain(cell.value), "format": cell.number_format}
            if cell.data_type == "f":
                entry["cached"] = plain(cached[cell.coordinate].value)
            cells.append(entry)
    setup = ws.page_setup
    return {
        "cells": cells,
        "freeze": ws.freeze_panes,
        "autofilter": ws.auto_filter.ref,
        "printTitleRows": ws.print_title_rows,
        "printArea": ws.print_area,
        "orientation": setup.orientation,
        "fitToWidth": setup.fitToWidth,
        "fitToHeight": setup.fitToHeight,
        "fitToPage": bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage),
        "header": {"left": ws.oddHeader.left.text, "right": ws.oddHeader.right.text},
        "footer": {"left": ws.oddFooter.left.text, "right": ws.oddFooter.right.text},
        "rowBreaks": [b.id for b in ws.row_breaks.brk],
    }


def range_values(wb, ref):
    """The values of the cells a chart reference names ('Daily'!$B$2:$B$76)."""
    sheet, _, cells = ref.rpartition("!")
    name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
    if name not in wb.sheetnames:
        return {"sheet": name, "missing": True}
    ws = wb[name]
    min_col, min_row, max_col, max_row = range_boundaries(cells.replace("$", ""))
    values = [plain(ws.cell(row=r, column=c).value) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]
    return {"sheet": name, "values": values}


def paths(element, prefix=""):
    """Every element below `element` as path[attributes], in document order."""
    out = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        path = f"{prefix}/{etree.QName(child).localname}"
        attrs = ",".join(f"{etree.QName(k).localname}={v}" for k, v in sorted(child.attrib.items()))
        out.append(f"{path}[{attrs}]")
        out += paths(child, path)
    return out


def child_orders(element, prefix="", out=None):
    """For each element (by path and occurrence), the tags of its children in order, repeats merged."""
    if out is None:
        out = {}
    seen = {}
    for child in element:
        if not isinstance(child.tag, str):
            continue
        tag = etree.QName(child).localname
        seen[tag] = seen.get(tag, 0) + 1
        path = f"{prefix}/{tag}#{seen[tag]}"
        tags = []
        for grandchild in child:
            if isinstance(grandchild.tag, str):
                name = etree.QName(grandchild).localname
                if not tags or tags[-1] != name:
                    tags.append(name)
        out[path] = tags
        child_orders(child, path, out)
    return out


def is_subsequence(ours, theirs):
    it = iter(theirs)
    return all(tag in it for tag in ours)


def validate_chart(xml):
    ours = etree.fromstring(xml)
    space = ChartSpace.from_tree(fromstring(xml))
    back = etree.fromstring(tostring(space.to_tree()))
    kept = set(paths(back))
    lost = [p for p in paths(ours) if p not in kept and not any(limit in p for limit in OPENPYXL_LIMITS)]
    theirs = child_orders(back)
    disorder = []
    for path, tags in child_orders(ours).items():
        reference = theirs.get(path)
        if reference is not None and not is_subsequence([t for t in tags if t in reference], reference):
            disorder.append({"path": path, "ours": tags, "openpyxl": reference})
    return {"lost": lost, "disorder": disorder}


def chart_summary(wb, chart):
    series = []
    for s in chart.series:
        cat = s.cat.numRef or s.cat.strRef if s.cat else None
        cache = s.val.numRef.numCache
        series.append({
            "name": s.tx.v if s.tx and s.tx.v is not None else (s.tx.strRef.f if s.tx and s.tx.strRef else None),
            "values": s.val.numRef.f,
            "valuesCache": {"format": cache.formatCode, "count": cache.ptCount, "points": {p.idx: p.v for p in cache.pt}},
            "valuesCells": range_values(wb, s.val.numRef.f),
            "categories": cat.f if cat else None,
            "categoriesCache": ({"count": (cat.numCache or cat.strCache).ptCount, "points": {p.idx: p.v for p in (cat.numCache or cat.strCache).pt}}
                                if cat and (getattr(cat, "numCache", None) or getattr(cat, "strCache", None)) else None),
            "categoriesKind": "num" if s.cat and s.cat.numRef else "str",
            "categoriesCells": range_values(wb, cat.f) if cat else None,
        })
    title = None
    if chart.title and chart.title.tx and chart.title.tx.rich:
        title = "".join(r.t for p in chart.title.tx.rich.p for r in (p.r or []))
    return {
        "type": type(chart).__name__,
        "title": title,
        "series": series,
        "legend": chart.legend.position if chart.legend else None,
        "anchorRow": chart.anchor._from.row,
        "width": chart.anchor.ext.width,
        "height": chart.anchor.ext.height,
    }


def axes_of(xml):
    space = ChartSpace.from_tree(fromstring(xml))
    return [
        {
            "tag": axis.tagname,
            "format": axis.numFmt.formatCode if axis.numFmt else None,
            "majorUnit": getattr(axis, "majorUnit", None),
            "majorTimeUnit": getattr(axis, "majorTimeUnit", None),
            "deleted": bool(axis.delete),
            "logBase": axis.scaling.logBase if axis.scaling else None,
            "min": axis.scaling.min if axis.scaling else None,
            "max": axis.scaling.max if axis.scaling else None,
            "minorGridlines": getattr(axis, "minorGridlines", None) is not None,
        }
        for axis in space.chart.plotArea._axes
    ]


def main(path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = load_workbook(path)
        cached = load_workbook(path, data_only=True)
    sheets = {ws.title: sheet_summary(ws, cached[ws.title]) for ws in wb.worksheets}
    charts = {ws.title: [chart_summary(wb, c) for c in ws._charts] for ws in wb.worksheets if ws._charts}
    with zipfile.ZipFile(path) as package:
        parts = sorted(n for n in package.namelist() if n.startswith("xl/charts/chart"))
        chart_parts = {n: {"axes": axes_of(package.read(n)), "validation": validate_chart(package.read(n))} for n in parts}
    print(json.dumps({
        "sheetNames": wb.sheetnames,
        "sheets": sheets,
        "charts": charts,
        "chartParts": chart_parts,
        "warnings": [str(w.message) for w in caught],
    }))


if __name__ == "__main__":
    main(sys.argv[1])
