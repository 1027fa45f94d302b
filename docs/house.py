"""The house drawn from its imports: rooms (the package's top-level modules and
sub-packages), the arrows between them, cycles, floors and arrows that point up.

    python docs/house.py [SRC]     (default: src)
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path


def room_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(src: Path) -> dict[str, set[str]]:
    """module -> the vanort_cli modules it imports (any depth of the tree)."""
    package = src / "vanort_cli"
    found: dict[str, set[str]] = defaultdict(set)
    for path in package.rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        is_init = parts[-1] == "__init__"
        if is_init:
            parts = parts[:-1]
        module = ".".join(parts)
        base = parts if is_init else parts[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = base[: len(base) - node.level + 1]
                    stem = ".".join([*anchor, *([node.module] if node.module else [])])
                else:
                    stem = node.module or ""
                targets = [f"{stem}.{a.name}" for a in node.names] + [stem]
            else:
                continue
            for target in targets:
                if target.startswith("vanort_cli"):
                    found[module].add(target)
    return found


def main() -> None:
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    modules = {
        ".".join(p.relative_to(src).with_suffix("").parts).removesuffix(".__init__")
        for p in (src / "vanort_cli").rglob("*.py")
    }
    arrows: set[tuple[str, str]] = set()
    for module, targets in imports(src).items():
        for target in targets:
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            a, b = room_of(module), room_of(target)
            if a != b and target in modules and b != "__init__":
                arrows.add((a, b))
    rooms = sorted({room_of(m) for m in modules} - {"__init__"})
    # Cycles: strongly connected components of more than one room.
    graph = defaultdict(set)
    for a, b in arrows:
        graph[a].add(b)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    sccs: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            scc = []
            while True:
                w = stack.pop()
                on.discard(w)
                scc.append(w)
                if w == v:
                    break
            sccs.append(scc)

    for room in rooms:
        if room not in index:
            visit(room)
    component = {room: i for i, scc in enumerate(sccs) for room in scc}
    # Floors: the longest chain of arrows below a room (cycles condensed), + 1.
    floor: dict[int, int] = {}

    def height(c: int) -> int:
        if c not in floor:
            floor[c] = 0
            below = {component[b] for a in sccs[c] for b in graph[a]} - {c}
            floor[c] = 1 + max((height(b) for b in below), default=0)
        return floor[c]

    floors = max(height(c) for c in range(len(sccs)))
    cycles = [sorted(s) for s in sccs if len(s) > 1]
    print(f"rooms: {len(rooms)}  arrows: {len(arrows)}  floors: {floors}  cycles: {len(cycles)}")
    for level in range(floors, 0, -1):
        names = sorted(r for r in rooms if height(component[r]) == level)
        print(f"  floor {level}: {' '.join(names)}")
    for cycle in cycles:
        print(f"  cycle: {' <-> '.join(cycle)}")


if __name__ == "__main__":
    main()
