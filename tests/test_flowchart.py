"""The drawn flowchart (macros/flowchart.py): it shows exactly the graph of data/pathways.yml,
every word inside its box, one pathway per drawing, within a phone's width."""

from __future__ import annotations

from bs4 import BeautifulSoup
from conftest import VIEWPORTS

from macros import flowchart, pathway_pages
from sitedata.addresses import Linker
from sitedata.pathways import Question

PAGE = "what-to-do/flowchart.md"


def reachable(graph, start_node: str) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes and the (question, next) edges of the graph from ``start_node``."""
    nodes, edges, todo = set(), set(), [start_node]
    while todo:
        node_id = todo.pop()
        nodes.add(node_id)
        node = graph.nodes()[node_id]
        if isinstance(node, Question):
            for option in node.options:
                edges.add((node_id, option.next))
                todo.append(option.next)
    return nodes, edges


def test_each_drawing_has_exactly_the_nodes_and_edges_of_its_start(site):
    graph = site.pathways
    for start in graph.starts:
        svg = BeautifulSoup(str(flowchart.draw_start(graph, start, lambda n: pathway_pages.node_page(graph, n),
                                                     Linker(PAGE))), "html.parser")
        drawn_nodes = {a["data-node"] for a in svg.select("[data-node]")}
        drawn_edges = {(p["data-from"], p["data-to"]) for p in svg.select("path[data-from]")}
        assert (drawn_nodes, drawn_edges) == reachable(graph, start.node), start.id
        # Every answer is written on the drawing, and every box links to its page.
        answers = " ".join(t.get_text() for t in svg.select(".flowchart-svg__answer"))
        for node_id in drawn_nodes:
            node = graph.nodes()[node_id]
            for option in getattr(node, "options", []):
                assert all(word in answers for word in option.label.split()), option.label
        assert all(a["href"].endswith("/") for a in svg.select("a"))  # each box leads to its page


def test_the_emergency_is_drawn_as_one(site):
    graph = site.pathways
    start = next(s for s in graph.starts if s.node == "immediate-danger")
    svg = BeautifulSoup(str(flowchart.draw_start(graph, start, lambda n: n, Linker(PAGE))), "html.parser")
    assert svg.select_one('[data-node="immediate-danger"]')["class"][-1] == "flowchart-svg__node--emergency"


def test_long_text_wraps_to_fit(site):
    assert all(len(line) <= 40 for line in flowchart.wrap("word " * 60, flowchart.WIDTH))


def test_on_a_phone_every_word_is_inside_its_box(browser, site_url, site):
    context = browser.new_context(viewport=VIEWPORTS["phone"], service_workers="block")
    page = context.new_page()
    page.goto(site_url + "what-to-do/flowchart/")
    outside = page.evaluate("""() => [...document.querySelectorAll('.flowchart-svg__node')].filter(node => node.checkVisibility()).filter(node => {
        const box = node.querySelector('rect').getBBox(), text = node.querySelector('text').getBBox();
        return text.x < box.x || text.x + text.width > box.x + box.width || text.y + text.height > box.y + box.height;
      }).map(node => node.dataset.node)""")
    assert outside == []
    drawn = page.eval_on_selector_all(".flowchart-svg", "svgs => svgs.filter(s => s.checkVisibility()).map(s => s.dataset.start)")
    assert drawn == [start.id for start in site.pathways.starts]  # one drawing per way in, in order
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    context.close()

