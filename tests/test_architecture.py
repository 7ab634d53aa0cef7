"""The package's layout keeps its promises (see ARCHITECTURE.md).

Read from the source with :mod:`ast`, not by importing: every import, including those
inside functions, counts.

- dependencies flow one way: core → io → analysis → plots → outputs → cli;
- no import loop between modules;
- a private name (``_x``) is imported only inside its own folder;
- no function is longer than 80 lines (its docstring not counted) unless it says why
  in a comment starting ``# Long:``.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "voteanalysis"

#: Each folder (layer) may import from itself and the layers listed.
CORE = "core"
LAYERS: dict[str, set[str]] = {
    CORE: {CORE},
    "io": {CORE, "io"},
    "analysis": {CORE, "io", "analysis"},
    "plots": {CORE, "io", "analysis", "plots"},
    "outputs": {CORE, "io", "analysis", "plots", "outputs"},
    "cli": {CORE, "io", "analysis", "plots", "outputs", "cli"},
    "package": {CORE, "io", "analysis", "plots", "outputs", "cli", "package"},
}
MAX_LINES = 80


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "package"
    if parts[1] in {"io", "analysis", "plots", "outputs", "cli"}:
        return parts[1]
    return CORE


def _folder(module: str) -> str:
    """The folder a module sits in: ``voteanalysis`` or ``voteanalysis.io`` etc."""
    path = SRC.parent / Path(*module.split("."))
    return module if path.is_dir() else module.rsplit(".", 1)[0]


def _is_module(dotted: str) -> bool:
    path = SRC.parent / Path(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path) -> list[tuple[str, str, int]]:
    """(module imported, name imported or '', line) for every kit import in a file."""
    module = _module(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if target.split(".")[0] != "voteanalysis":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if _is_module(sub):
                    found.append((sub, "", node.lineno))
                else:
                    found.append((target, alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            found += [
                (a.name, "", node.lineno) for a in node.names if a.name.startswith("voteanalysis")
            ]
    return found


FILES = sorted(SRC.rglob("*.py"))
IDS = [str(p.relative_to(SRC)) for p in FILES]


def _edges() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for path in FILES:
        for target, _, _ in _imports(path):
            if target != _module(path):
                edges[_module(path)].add(target)
    return edges


def test_the_layout_tests_read_imports_right() -> None:
    # Hand-checked facts about the tree, so the checks below cannot pass vacuously.
    edges = _edges()
    assert "voteanalysis.io.kit" in edges["voteanalysis.io"]
    assert "voteanalysis.errors" in edges["voteanalysis.io.paths"]
    assert _layer("voteanalysis.io.kit") == "io"
    assert _layer("voteanalysis.errors") == CORE
    assert _layer("voteanalysis.cli") == "cli"
    assert _folder("voteanalysis.plots.tally") == "voteanalysis.plots"


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_dependencies_flow_one_way(path: Path) -> None:
    module = _module(path)
    allowed = LAYERS[_layer(module)]
    wrong = [
        f"line {line}: {module} imports {target} ({_layer(target)})"
        for target, _, line in _imports(path)
        if _layer(target) not in allowed
    ]
    assert not wrong, "\n".join(wrong)


def test_no_import_loop() -> None:
    edges = _edges()
    loops = []
    state: dict[str, int] = {}  # 1 = on the path, 2 = done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                loops.append(" -> ".join([*path[path.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    assert not loops, "\n".join(loops)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_private_names_stay_in_their_folder(path: Path) -> None:
    module = _module(path)
    here = _folder(module)
    wrong = []
    for target, name, line in _imports(path):
        private_module = any(
            p.startswith("_") and not p.startswith("__") for p in target.split(".")
        )
        private_name = name.startswith("_") and not name.startswith("__")
        if (private_module or private_name) and _folder(target) != here:
            wrong.append(f"line {line}: {module} imports {target}{'.' + name if name else ''}")
    assert not wrong, "\n".join(wrong)


def _function_lengths(path: Path) -> list[tuple[str, int, int]]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    out = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        assert node.end_lineno is not None
        length = node.end_lineno - node.lineno + 1
        first = node.body[0]
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            assert first.end_lineno is not None
            length -= first.end_lineno - first.lineno + 1
        body = lines[node.lineno - 1 : node.end_lineno]
        if length > MAX_LINES and not any(line.strip().startswith("# Long:") for line in body):
            out.append((node.name, node.lineno, length))
    return out


def test_the_length_rule_counts_lines() -> None:
    sample = Path(__file__).resolve().parent / "data" / "long_function_sample.py"
    assert _function_lengths(sample) == [("long_one", 4, 83)]


@pytest.mark.parametrize("path", FILES, ids=IDS)
def test_functions_are_short_or_say_why(path: Path) -> None:
    long = _function_lengths(path)
    assert not long, "\n".join(f"{name} (line {line}): {n} lines" for name, line, n in long)
