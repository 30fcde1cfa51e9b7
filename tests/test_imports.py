"""No import circle among veille's modules, function-local imports included.

Every ``import`` and ``from … import`` statement of every module under ``veille/`` is read
with ``ast`` (at module level, inside functions, under ``if TYPE_CHECKING``), and each is an
edge from the module to the veille module it names: ``from veille import batch`` names
``veille.batch``, ``from veille.reconcile import refresh`` names ``veille.reconcile`` (its
``__init__``). The orchestrator sits above its executors: a circle means some module below
reaches back up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import veille

ROOT = Path(veille.__file__).parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(node: ast.Import | ast.ImportFrom, here: str, is_package: bool, known: set[str]) -> set[str]:
    """The veille modules an import statement names (relative imports resolved)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = here.split(".")[: len(here.split(".")) - node.level + (1 if is_package else 0)]
            base = ".".join([*package, *([base] if base else [])])
        names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
    found = set()
    for name in names:
        while name and name not in known:  # ``import veille.x.y`` where y is a function: veille.x
            name = name.rpartition(".")[0]
        if name:
            found.add(name)
    return found


def import_graph() -> nx.DiGraph:
    paths = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}
    known = set(paths)
    graph = nx.DiGraph()
    graph.add_nodes_from(known)
    for name, path in paths.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in imported(node, name, path.name == "__init__.py", known):
                    if target != name:
                        graph.add_edge(name, target)
    return graph


def test_the_graph_sees_function_local_imports() -> None:
    graph = import_graph()
    assert graph.has_edge("veille.pipeline", "veille.batch")  # module level
    assert graph.has_edge("veille.pipeline", "veille.ingest.sources")  # inside ``ingest``
    assert graph.has_edge("veille.dask_runner", "veille.batch")


def test_the_executors_never_reach_the_pipeline() -> None:
    graph = import_graph()
    for executor in ("veille.batch", "veille.dask_runner"):
        assert not nx.has_path(graph, executor, "veille.pipeline"), nx.shortest_path(
            graph, executor, "veille.pipeline"
        )


def test_no_import_circle() -> None:
    graph = import_graph()
    circles = [sorted(c) for c in nx.strongly_connected_components(graph) if len(c) > 1]
    described = []
    for members in circles:
        cycle = nx.find_cycle(graph.subgraph(members))
        line = " → ".join([*(a for a, _ in cycle), cycle[0][0]])
        described.append(line if len(cycle) == len(members) else f"{line} (knot: {', '.join(members)})")
    assert not described, "import circle(s) among veille's modules:\n  " + "\n  ".join(described)
