"""Geometry for the server-side SVG pictures: the chronology and the alliance network.

Only numbers are computed here (positions, lanes, colours); the templates write the SVG
elements, so every label goes through Jinja's autoescaping like any other text.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from veille.models import SYMMETRIC

PALETTE = (
    "#2f6690",
    "#c0392b",
    "#3a7d44",
    "#8e5ea2",
    "#d68910",
    "#16a085",
    "#7f6a4e",
    "#c2185b",
    "#546e7a",
    "#5d4037",
    "#0277bd",
    "#9e9d24",
)
CHAR_W = 6.6  # average width of a 12 px label character


def colour(name: str, names: Sequence[str]) -> str:
    """A stable colour for a category (predicate or event kind) among those shown."""
    ordered = sorted(set(names))
    return PALETTE[ordered.index(name) % len(PALETTE)] if name in ordered else PALETTE[0]


def year_of(iso: str) -> float:
    """``2019-07-15`` → 2019.53: a position on a continuous time axis."""
    parts = [int(p) for p in iso[:10].split("-") if p.isdigit()]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 1
    day = parts[2] if len(parts) > 2 else 1
    return year + (month - 1) / 12 + (day - 1) / 365


@dataclass(slots=True)
class Chrono:
    """The chronology picture: a time axis with year ticks and one marker per event."""

    width: int
    height: int
    axis_y: int
    ticks: list[tuple[float, str]] = field(default_factory=list)
    marks: list[dict[str, Any]] = field(default_factory=list)  # x, y, label, anchor, entry, colour
    legend: list[tuple[str, str]] = field(default_factory=list)  # kind, colour


def chronology(entries: Sequence[dict[str, Any]], width: int = 1000, lanes: int = 9) -> Chrono:
    """Events on a proportional time axis; labels stacked in lanes so that none overlap."""
    dated = [e for e in entries if e.get("date") and e["date"][:4].isdigit()]
    if not dated:
        return Chrono(width, 0, 0)
    lo, hi = min(year_of(e["date"]) for e in dated), max(year_of(e["date"]) for e in dated)
    lo, hi = math.floor(lo), max(math.floor(hi) + 1, math.floor(lo) + 1)
    left, right = 24, width - 24
    step = max(1, math.ceil((hi - lo) / 12))
    axis_y = 34
    chrono = Chrono(
        width,
        0,
        axis_y,
        [(left + (y - lo) / (hi - lo) * (right - left), str(y)) for y in range(lo, hi + 1, step)],
    )
    kinds = [e.get("kind") or "event" for e in dated]
    chrono.legend = [(k, colour(k, kinds)) for k in sorted(set(kinds))]
    taken: list[list[tuple[float, float]]] = [[] for _ in range(lanes)]
    deepest = 0
    for entry, kind in zip(dated, kinds, strict=True):
        x = left + (year_of(entry["date"]) - lo) / (hi - lo) * (right - left)
        label = _short(entry.get("title") or "", 34)
        size = 10 + len(label) * CHAR_W
        anchor = "end" if x + size > width else "start"
        box = (x - size, x + 4) if anchor == "end" else (x - 4, x + size)
        lane = next(
            (i for i, boxes in enumerate(taken) if all(box[1] + 6 < a or box[0] > b + 6 for a, b in boxes)),
            None,
        )
        if lane is not None:
            taken[lane].append(box)
            deepest = max(deepest, lane)
        y = axis_y + 30 + (lane or 0) * 22
        chrono.marks.append(
            {
                "x": x,
                "y": y,
                "label": label if lane is not None else "",
                "anchor": anchor,
                "entry": entry,
                "colour": colour(kind, kinds),
            }
        )
    chrono.height = axis_y + 30 + (deepest + 1) * 22
    return chrono


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


@dataclass(slots=True)
class Network:
    """The network picture: nodes (entities) and edges (facts), with positions."""

    width: int
    height: int
    nodes: list[dict[str, Any]] = field(default_factory=list)  # name, x, y, r
    edges: list[dict[str, Any]] = field(default_factory=list)  # path, colour, fact, directed
    legend: list[tuple[str, str]] = field(default_factory=list)  # predicate, colour


def network(
    facts: Sequence[Any], width: int = 1000, height: int | None = None, centre: str | None = None
) -> Network:
    """Entities as nodes, facts (with an object) as edges; parallel edges curve apart. The
    height grows with the number of entities unless given."""
    links = [f for f in facts if f.object and f.object != f.subject]
    degree = Counter(n for f in links for n in (f.subject, f.object))
    height = height or max(300, min(680, 160 + 45 * len(degree)))
    if not degree:
        return Network(width, height)
    pos = _layout(sorted(degree, key=lambda n: (-degree[n], n)), links, width, height, centre)
    preds = [f.predicate for f in links]
    net = Network(width, height, legend=[(p, colour(p, preds)) for p in sorted(set(preds))])
    top = max(degree.values())
    for name, (x, y) in pos.items():
        net.nodes.append(
            {
                "name": name,
                "x": x,
                "y": y,
                "r": 7 + 9 * math.sqrt(degree[name] / top),
                "centre": name == centre,
            }
        )
    place_labels(net.nodes, width, height)
    radius = {n["name"]: n["r"] for n in net.nodes}
    seen: Counter[tuple[str, str]] = Counter()
    for f in links:
        pair = (min(f.subject, f.object), max(f.subject, f.object))
        bend = _bend(seen[pair])
        seen[pair] += 1
        ends = (radius[f.subject] + 2, radius[f.object] + 4)
        net.edges.append(
            {
                "path": _curve(pos[f.subject], pos[f.object], bend, ends),
                "colour": colour(f.predicate, preds),
                "fact": f,
                "directed": f.predicate not in SYMMETRIC,
            }
        )
    return net


NODE_CHAR_W = 9.0  # a 13 px semibold label character, rounded up (capitals measure 8.75 px in Chromium)
NODE_TEXT_H = 15.0


Box = tuple[float, float, float, float]  # left, top, right, bottom


def place_labels(nodes: list[dict[str, Any]], width: float, height: float) -> None:
    """Give each node a label position (``lx``, ``ly``, ``anchor``) where it collides with no
    other label and no node: above the node, else below, right, left, then farther out; the
    biggest nodes choose first. Where no place is free, the least crowded one."""
    placed: list[Box] = []
    circles = [(n["x"] - n["r"], n["y"] - n["r"], n["x"] + n["r"], n["y"] + n["r"]) for n in nodes]
    for node in sorted(nodes, key=lambda n: (-n["r"], n["name"])):
        options = [_label_box(node, spot) for spot in _spots(node["r"])]
        inside = [
            o for o in options if o[1][0] >= 0 and o[1][2] <= width and o[1][1] >= 0 and o[1][3] <= height
        ]
        own = (node["x"] - node["r"], node["y"] - node["r"], node["x"] + node["r"], node["y"] + node["r"])
        others = placed + [c for c in circles if c != own]
        (lx, ly, anchor), box = min(inside or options, key=lambda o: _crowding(o[1], others))
        node.update(lx=lx, ly=ly, anchor=anchor)
        placed.append(box)


def _spots(r: float) -> list[tuple[float, float, str]]:
    """Where a label may go around a node of radius ``r``: (dx, dy of the baseline, text-anchor)."""
    near = [(0, -r - 6, "middle"), (0, r + 15, "middle"), (r + 5, 5, "start"), (-r - 5, 5, "end")]
    far: list[tuple[float, float, str]] = []
    for step in (16, 32, 48, 64):  # rings farther out, for crowded graphs
        far += [
            (0, -r - 6 - step, "middle"),
            (0, r + 15 + step, "middle"),
            (r + 5, 5 - step - 1, "start"),
            (-r - 5, 5 - step - 1, "end"),
            (r + 5, 5 + step + 1, "start"),
            (-r - 5, 5 + step + 1, "end"),
        ]
    return near + far


def _label_box(node: dict[str, Any], spot: tuple[float, float, str]) -> tuple[tuple[float, float, str], Box]:
    dx, dy, anchor = spot
    x, y = node["x"] + dx, node["y"] + dy
    w = len(node["name"]) * NODE_CHAR_W
    left = {"start": x, "middle": x - w / 2, "end": x - w}[anchor]
    return (x, y, anchor), (left - 2, y - NODE_TEXT_H + 3, left + w + 2, y + 4)


def _crowding(box: Box, others: list[Box]) -> float:
    """How much of ``box`` other boxes cover (0: a free place)."""
    return sum(
        max(0.0, min(box[2], o[2]) - max(box[0], o[0])) * max(0.0, min(box[3], o[3]) - max(box[1], o[1]))
        for o in others
    )


def _bend(index: int) -> float:
    """0, +26, -26, +52, … pixels: how far the n-th edge between two nodes curves."""
    return 0.0 if index == 0 else 26.0 * ((index + 1) // 2) * (1 if index % 2 else -1)


def _curve(a: tuple[float, float], b: tuple[float, float], bend: float, trim: tuple[float, float]) -> str:
    """A quadratic curve from node ``a`` to node ``b``, stopping ``trim`` pixels short of each
    centre so that the arrowhead shows outside the node's circle."""
    (x1, y1), (x2, y2) = a, b
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    cx, cy = mx - (y2 - y1) / length * bend, my + (x2 - x1) / length * bend
    x1, y1 = _towards((x1, y1), (cx, cy), trim[0])
    x2, y2 = _towards((x2, y2), (cx, cy), trim[1])
    return f"M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}"


def _towards(p: tuple[float, float], q: tuple[float, float], distance: float) -> tuple[float, float]:
    length = math.hypot(q[0] - p[0], q[1] - p[1]) or 1.0
    return p[0] + (q[0] - p[0]) / length * distance, p[1] + (q[1] - p[1]) / length * distance


def _layout(
    names: list[str], links: Sequence[Any], width: int, height: int, centre: str | None
) -> dict[str, tuple[float, float]]:
    """A circle around ``centre`` for one entity's neighbourhood; else each connected group
    in its own column (wider for bigger groups), laid out by a seeded spring layout
    (networkx: the same picture every time) or, for three nodes or fewer, a small circle."""
    if centre is not None:
        return _circle(names, (0, 0, width, height), centre)
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(names)
    graph.add_edges_from((f.subject, f.object) for f in links)
    groups = sorted((sorted(c) for c in nx.connected_components(graph)), key=lambda c: (-len(c), c[0]))
    weights = [math.sqrt(len(g)) for g in groups]
    pos: dict[str, tuple[float, float]] = {}
    left = 0.0
    for group, weight in zip(groups, weights, strict=True):
        cell_w = width * weight / sum(weights)
        cell = (left, 0.0, cell_w, float(height))
        pos |= _circle(group, cell, None) if len(group) <= 3 else _spring(graph.subgraph(group), cell)
        left += cell_w
    return pos


def _spring(graph: Any, cell: tuple[float, float, float, float]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    x0, y0, w, h = cell
    raw = nx.spring_layout(graph, seed=7, k=1.8 / math.sqrt(graph.number_of_nodes()), iterations=300)
    xs, ys = [float(p[0]) for p in raw.values()], [float(p[1]) for p in raw.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    mx, my = min(70.0, w / 4), 45.0
    return {
        n: (
            x0 + mx + (float(p[0]) - min(xs)) / span_x * (w - 2 * mx),
            y0 + my + (float(p[1]) - min(ys)) / span_y * (h - 2 * my),
        )
        for n, p in raw.items()
    }


def _circle(
    names: list[str], cell: tuple[float, float, float, float], centre: str | None
) -> dict[str, tuple[float, float]]:
    """Nodes on a circle in ``cell`` (x, y, width, height), ``centre`` in the middle; one or
    two nodes around the centre sit side by side."""
    x0, y0, w, h = cell
    cx, cy = x0 + w / 2, y0 + h / 2
    ring = [n for n in names if n != centre]
    radius = min(w, h) / 2 - 60 if centre else min(90.0, min(w, h) / 2 - 50)
    pos = {centre: (cx, cy)} if centre in names else {}
    first = 0.0 if len(ring) <= 2 else -math.pi / 2
    for i, name in enumerate(ring):
        angle = first + 2 * math.pi * i / max(len(ring), 1)
        pos[name] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    return pos
