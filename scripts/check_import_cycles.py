"""Fails when a Python package of the project imports itself in a cycle, counting imports inside functions too
(a cycle hidden in a function body is still a cycle). Usage: python scripts/check_import_cycles.py PACKAGE..."""

from __future__ import annotations

import sys
from pathlib import Path

import grimp

# The packages live in glue-jobs/; grimp finds them on sys.path (the editable install's finder is not enough).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "glue-jobs"))


def find_cycles(graph, modules: set[str]) -> list[list[str]]:
    """Every elementary cycle's first appearance in a depth-first walk, each as [a, b, ..., a]."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(graph.find_modules_directly_imported_by(module) & modules):
            if state.get(target) == 1:
                cycles.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(modules):
        if module not in state:
            visit(module)
    return cycles


def main(packages: list[str]) -> int:
    graph = grimp.build_graph(*packages, include_external_packages=False, cache_dir=None)
    modules = set(graph.modules)
    cycles = find_cycles(graph, modules)
    for cycle in cycles:
        print("import cycle: " + " -> ".join(cycle), file=sys.stderr)
    print(f"check_import_cycles: {len(modules)} modules of {', '.join(packages)}, {len(cycles)} cycle(s)")
    return 1 if cycles else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["lakehouse", "jobs"]))
