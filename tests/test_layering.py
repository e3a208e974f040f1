"""The import rules between DXNet's top-level packages, read from the code itself.

Every ``import`` in every .py file of every first-party package counts: at module level,
inside functions, and under ``if TYPE_CHECKING:``. The rules and their reasons are in
docs/decisions/0013-shared-kernel-and-layering.md; the table below is the whole of them.
Adding a domain is one line in ``ALLOWED`` (``"knowledge": DOMAIN,``).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

KERNEL = frozenset({"core", "i18n"})
# Base domains: sibling domains may import them (accounts only through ENTRY_POINTS).
BASE_DOMAINS = frozenset({"network", "accounts"})
# What a domain may import: the kernel and the base domains, never a sibling.
DOMAIN = KERNEL | BASE_DOMAINS
# In a row below: every domain (the base domains and every row that is ``DOMAIN``).
EVERY_DOMAIN = "<every domain>"

# Each first-party package, and the first-party packages it may import.
ALLOWED: dict[str, frozenset[str]] = {
    "i18n": frozenset(),  # a leaf: everyone may import it
    "core": frozenset(),  # the shared kernel imports no other first-party package
    "network": KERNEL,
    "accounts": KERNEL | {"network"},
    "recognition": DOMAIN,
    "activities": DOMAIN,
    "surveys": DOMAIN,
    "knowledge": DOMAIN,
    "projects": DOMAIN,
    "support": DOMAIN,
    "schema": KERNEL | {EVERY_DOMAIN},
    "demo": KERNEL | {EVERY_DOMAIN},
    "migrations": KERNEL | {EVERY_DOMAIN},
    "api": KERNEL | {EVERY_DOMAIN, "schema", "demo", "migrations"},
    "bench": KERNEL | {EVERY_DOMAIN, "schema", "demo", "migrations", "api"},
}

# A base domain that its siblings reach through these modules only: its services are its
# public face. Its models may still be imported under TYPE_CHECKING, to type a foreign key.
ENTRY_POINTS: dict[str, frozenset[str]] = {"accounts": frozenset({"accounts.services"})}

# Known arrows that break the rules, each with the change that removes it: (file, module).
# Known exceptions, one line each with the change that removes it (none today).
TEMPORARY: frozenset[tuple[str, str]] = frozenset()

DOMAINS = BASE_DOMAINS | {package for package, allowed in ALLOWED.items() if allowed == DOMAIN}


def allowed_targets(package: str) -> frozenset[str]:
    allowed = ALLOWED[package]
    if EVERY_DOMAIN in allowed:
        allowed = (allowed - {EVERY_DOMAIN}) | DOMAINS
    return allowed


@dataclass(frozen=True)
class Arrow:
    path: str  # relative to the repository root, with forward slashes
    line: int
    source: str  # the importing top-level package
    module: str  # the imported module, fully qualified
    typing_only: bool  # under ``if TYPE_CHECKING:``

    @property
    def target(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.source} -> {self.module}"


def first_party_packages() -> set[str]:
    """Directories at the repository root that are Python packages (tests aside)."""
    return {
        path.parent.name
        for path in ROOT.glob("*/__init__.py")
        if path.parent.name not in {"tests", "pwa", "docs"}
    }


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST, *, typing_only: bool = False) -> Iterator[tuple[ast.stmt, str, bool]]:
    """Every import below ``node``, absolute module names, with whether it is typing-only."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for statement in child.body:
                yield from _imports_of(statement, typing_only=True)
            for statement in child.orelse:
                yield from _imports_of(statement, typing_only=typing_only)
        else:
            yield from _imports_of(child, typing_only=typing_only)


def _imports_of(node: ast.AST, *, typing_only: bool) -> Iterator[tuple[ast.stmt, str, bool]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield node, alias.name, typing_only
    elif isinstance(node, ast.ImportFrom):
        if node.level == 0 and node.module:
            # ``from accounts import services`` reaches the module accounts.services.
            for alias in node.names:
                yield node, f"{node.module}.{alias.name}", typing_only
    else:
        yield from _imports(node, typing_only=typing_only)


def arrows(packages: set[str]) -> Iterator[Arrow]:
    """Every import of another first-party package, from every package's files."""
    for package in sorted(packages):
        for path in sorted((ROOT / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for statement, module, typing_only in _imports(tree):
                top = module.split(".")[0]
                if top in packages and top != package:
                    yield Arrow(
                        path.relative_to(ROOT).as_posix(),
                        statement.lineno,
                        package,
                        module,
                        typing_only,
                    )


def _reaches(arrow: Arrow, entry: str) -> bool:
    return arrow.module == entry or arrow.module.startswith(entry + ".")


def _temporary(arrow: Arrow) -> bool:
    return any(arrow.path == path and _reaches(arrow, module) for path, module in TEMPORARY)


def forbidden(arrow: Arrow) -> str | None:
    """Why the arrow breaks a rule, or None when it is allowed."""
    if _temporary(arrow):
        return None
    if arrow.target not in allowed_targets(arrow.source):
        allowed = ", ".join(sorted(allowed_targets(arrow.source))) or "nothing first-party"
        return f"{arrow.source} may import {allowed}"
    entries = ENTRY_POINTS.get(arrow.target, frozenset())
    gated = entries and arrow.source in DOMAINS and not arrow.typing_only
    if gated and not any(_reaches(arrow, entry) for entry in entries):
        return f"domains reach {arrow.target} through {', '.join(sorted(entries))} only"
    return None


PACKAGES = first_party_packages()
ARROWS = list(arrows(PACKAGES))


def test_every_package_has_a_row_in_the_table() -> None:
    assert set(ALLOWED) == PACKAGES, "add the package to ALLOWED in tests/test_layering.py"
    assert all(allowed_targets(p) <= set(ALLOWED) for p in ALLOWED)


def test_the_scan_sees_imports_in_functions_and_under_type_checking() -> None:
    found = {(a.path, a.module, a.typing_only) for a in ARROWS}
    assert ("api/cli.py", "demo.seed_demo", False) in found  # inside a function
    assert ("recognition/models.py", "accounts.models.User", True) in found


def test_no_import_breaks_the_layering() -> None:
    broken = [f"{arrow}: {why}" for arrow in ARROWS if (why := forbidden(arrow))]
    assert not broken, "forbidden imports:\n" + "\n".join(broken)


def test_no_import_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {package: set() for package in PACKAGES}
    for arrow in ARROWS:
        if forbidden(arrow) is None and not _temporary(arrow):
            graph[arrow.source].add(arrow.target)
    # The table itself must be acyclic, so that what it allows can never form a cycle.
    for package in ALLOWED:
        graph[package] |= allowed_targets(package)
    cycle = _find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 while on the current path, 2 when done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize(
    ("path", "source", "module", "typing_only", "allowed"),
    [
        ("core/x.py", "core", "network.models", False, False),
        ("surveys/x.py", "surveys", "schema.core", False, False),
        ("surveys/x.py", "surveys", "recognition.models", False, False),
        ("surveys/x.py", "surveys", "network.models", False, True),
        ("surveys/x.py", "surveys", "accounts.services", False, True),
        ("surveys/x.py", "surveys", "accounts.models", False, False),
        ("surveys/x.py", "surveys", "accounts.models", True, True),
        ("surveys/x.py", "surveys", "demo.surveys", False, False),
        ("schema/x.py", "schema", "api.settings", False, False),
        ("schema/x.py", "schema", "surveys.models", False, True),
        ("demo/x.py", "demo", "accounts.models", False, True),
        ("demo/x.py", "demo", "schema", False, False),
        ("network/x.py", "network", "accounts.services", False, False),
        ("network/x.py", "network", "i18n", False, True),
    ],
)
def test_the_rules_themselves(
    path: str, source: str, module: str, typing_only: bool, allowed: bool
) -> None:
    arrow = Arrow(path, 1, source, module, typing_only)
    assert (forbidden(arrow) is None) is allowed, forbidden(arrow)
