"""The package layout shows the pipeline: each subpackage imports only those before it, and no module
imports another that imports it back (directly or through others), at the top or inside a function."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import rightsgraph

PACKAGE = Path(rightsgraph.__file__).parent
# The pipeline's order: a package may import itself and the packages before it, never one after it.
LAYERS = ["core", "sparql", "authoring", "validate", "store", "network", "export", "build", "api", "cli"]


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> nx.DiGraph:
    """Module -> the rightsgraph modules it imports, anywhere in its body."""
    graph = nx.DiGraph()
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    for name, path in modules.items():
        graph.add_node(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.level == 0, f"{path}: relative import; the package imports by absolute name"
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            found = next((t for t in targets if t in modules), None)
            if found and found != name:
                graph.add_edge(name, found)
    return graph


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def test_rightsgraph_has_no_import_cycle() -> None:
    cycles = list(nx.simple_cycles(imports()))
    assert cycles == [], cycles


def test_every_module_lives_in_a_pipeline_package() -> None:
    loose = [m for m in imports() if layer(m) not in [*LAYERS, "root", "__main__"]]
    assert loose == [], f"modules outside the pipeline's packages: {loose}"


def test_each_package_imports_only_the_packages_before_it() -> None:
    wrong = [
        (a, b)
        for a, b in imports().edges
        if layer(a) in LAYERS and layer(b) in LAYERS and LAYERS.index(layer(b)) > LAYERS.index(layer(a))
    ]
    assert wrong == [], f"imports against the pipeline's order: {wrong}"


def test_no_core_module_imports_the_package_root() -> None:
    wrong = [(a, b) for a, b in imports().edges if b == "rightsgraph" and layer(a) not in ("cli", "root")]
    assert wrong == [], wrong


def test_the_readme_lists_every_package_in_the_pipelines_order() -> None:
    readme = (PACKAGE.parents[1] / "README.md").read_text(encoding="utf-8")
    listed = [
        line.split("`")[1].removeprefix("rightsgraph.")
        for line in readme.splitlines()
        if line.startswith("| `rightsgraph.")
    ]
    assert listed == LAYERS
