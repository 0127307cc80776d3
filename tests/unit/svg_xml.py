"""Reading the SVG charts of charts/svg.py back as XML in tests: the chart itself and its legend's names."""

from __future__ import annotations

import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"


def figure(text: str) -> ET.Element:
    """The whole figure as XML: the HTML legend and the chart (it is well-formed, whatever the labels)."""
    return ET.fromstring(text.replace("<svg ", f'<svg xmlns="{NS[1:-1]}" '))


def parse(text: str) -> ET.Element:
    """The chart itself: the <svg> with role=img."""
    (chart,) = [e for e in figure(text).iter(f"{NS}svg") if e.get("data-testid") == "svgChart"]
    return chart


def legend(text: str) -> list[str]:
    (row,) = [e for e in figure(text).iter("div") if e.get("data-testid") == "svgLegend"]
    return ["".join(span.itertext()) for span in row.iter("span")]
