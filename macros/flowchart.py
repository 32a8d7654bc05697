"""The flowchart, drawn: each way in of data/pathways.yml as boxes and arrows in SVG, laid out
when the site is built.

The layout is our own indented tree, not Graphviz: from one start the pathways form a tree (a
question's answers lead on, an outcome ends a branch), and an indented tree reads top to bottom
at any depth within a phone's width, never needs sideways scrolling, needs no crossing
minimisation and no system package. Each start is drawn on its own, one pathway at a time.

Text is wrapped by an estimate of its width (no font metrics at build time): lines are kept
well short of the box, so a wider fallback font still fits.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sitedata.addresses import Linker, built_address
from sitedata.pathways import Outcome, PathwayGraph

from . import components
from .text import Html

# In the drawing's own units, which are CSS pixels: it is drawn at 328 px, the column of a 360 px
# phone, so that its text is 16 px there (and narrower screens scale it down).
WIDTH = 328
INDENT = 22  # each level of the tree is this far in
PAD = 8  # inside a box
LINE = 20  # one line of text
GAP = 8  # between one row and the next
CHAR_WIDTH = 8.9  # an estimate for 16 px sans-serif, on the wide side


def wrap(text: str, width: float) -> list[str]:
    """``text`` in lines that fit ``width`` (estimated)."""
    most = max(8, int((width - 2 * PAD) / CHAR_WIDTH))
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= most:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


@dataclass
class Drawing:
    """The SVG parts of one start's tree, and how far down it has got."""

    marker: str  # the id of this drawing's arrowhead
    parts: list[dict] = field(default_factory=list)  # in drawing order: components/flowchart-drawing.html
    y: float = 0
    gap: float = GAP  # between one row and the next

    def box(self, kind: str, node_id: str, text: str, href: str, depth: int, page: str = "") -> tuple[float, float]:
        """A box for a node at ``depth``; returns (its left x, its middle y). ``page``: the
        address of its page, for a last line "see page N" that tools/pdf.py fills in."""
        x = depth * INDENT
        lines = wrap(text, WIDTH - x)
        height = 2 * PAD + LINE * (len(lines) + bool(page))
        self.parts.append({
            "part": "box", "kind": kind, "node": node_id, "href": href, "x": x + 0.5, "y": self.y + 0.5, "width": WIDTH - x - 1,
            "height": height - 1,
            "lines": [{"x": x + PAD, "y": self.y + PAD + LINE * (n + 1) - 5, "text": line} for n, line in enumerate(lines)],
            "page": {"address": page, "x": x + PAD, "y": self.y + PAD + LINE * (len(lines) + 1) - 5} if page else None})
        middle = self.y + height / 2
        self.y += height + self.gap
        return x, middle

    def answer(self, label: str, depth: int) -> None:
        x = depth * INDENT
        for line in wrap(label, WIDTH - x):
            self.y += LINE
            self.parts.append({"part": "answer", "text": line, "x": x, "y": self.y - 5})
        self.y += 2

    def arrow(self, from_id: str, to_id: str, x: float, top: float, middle: float, to_x: float) -> None:
        """Down from the parent's box (at ``x``), then across to the child's box at ``to_x``."""
        self.parts.append({"part": "arrow", "from": from_id, "to": to_id, "d": f"M{x} {top} V{middle} H{to_x - 2}"})


def layout(graph: PathwayGraph, start, page_of, linker: Linker, paper: bool = False) -> Drawing:
    """One start's pathways laid out top to bottom. On ``paper`` every outcome box has a last
    line for its page in the policy PDF."""
    nodes = graph.nodes()
    # On paper the rows are closer, so that the whole flowchart fits one sheet in larger type.
    drawing = Drawing(marker=f"flowchart-arrow-{start.id}{'-paper' if paper else ''}", gap=GAP / 2 if paper else GAP)

    def place(node_id: str, depth: int) -> tuple[float, float]:
        node = nodes[node_id]
        href = linker.page(page_of(node_id))
        if isinstance(node, Outcome):
            kind = "emergency" if node.emergency else "outcome"
            return drawing.box(kind, node_id, node.title, href, depth, built_address(page_of(node_id)) if paper else "")
        x, middle = drawing.box("question", node_id, node.text, href, depth)
        top = drawing.y - drawing.gap
        for option in node.options:
            drawing.answer(option.label, depth + 1)
            child_x, child_middle = place(option.next, depth + 1)
            drawing.arrow(node_id, option.next, x + INDENT / 2, top, child_middle, child_x)
        return x, middle

    place(start.node, 0)
    return drawing


def svg(drawing: Drawing, start_id: str, mm: float | None = None) -> Html:
    """The drawing, at its own size, or on paper at ``mm`` millimetres a unit."""
    return components.render("flowchart-drawing", width=WIDTH, height=drawing.y, mm=mm, start=start_id,
                             marker=drawing.marker, parts=drawing.parts)


def draw_start(graph: PathwayGraph, start, page_of, linker: Linker) -> Html:
    """One start's drawing for the screen: 328 px wide, its text 16 px."""
    return svg(layout(graph, start, page_of, linker), start.id)


# The tallest drawing's height on the A4 sheet, in millimetres: what the page's heading, the
# emergency strip and the footer leave of it (site.css, @page flowchart). The sheet is portrait:
# the indented trees are tall and narrow, and two columns of them on a portrait sheet print
# their text at about 6 pt (the tallest way in has 20 boxes), where a landscape sheet would
# need 4 pt.
SHEET_HEIGHT_MM = 200


def paper_sheet(graph: PathwayGraph, page_of, linker: Linker) -> Html:
    """Every start on one A4 sheet, all at one scale (the tallest fills the height), each
    outcome box naming its page in the PDF."""
    drawings = [(start, layout(graph, start, page_of, linker, paper=True)) for start in graph.starts]
    scale = SHEET_HEIGHT_MM / max(drawing.y for _, drawing in drawings)  # millimetres per unit
    return components.render("flowchart-sheet", figures=[
        {"label": start.label, "drawing": svg(drawing, start.id, mm=scale)} for start, drawing in drawings])
