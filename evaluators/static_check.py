"""Static (AST) detection of the library calls a problem forbids.

A problem lists forbidden dotted names (``torch.nn.functional.scaled_dot_product_attention``,
``torch.nn.MultiheadAttention``, ``sklearn``). We resolve the submission's imports and aliases
(``import torch.nn.functional as F``, ``from torch import nn``, ``from sklearn.cluster import
KMeans as K``) and flag any use whose resolved dotted name equals a forbidden name or lies under
it, plus ``getattr(obj, "name")`` / ``__import__("name")`` string tricks naming a forbidden
attribute or module. The submission still runs; the grader caps its score. Routes no reading of
the source can follow (names built at run time, ``eval``) are caught at run time instead
(:mod:`evaluators.forbidden`).

A forbidden name of the form ``*.leaf`` (wave-2 problems) matches by name alone: any attribute
``<anything>.leaf`` (``F.rms_norm``, ``torch.rms_norm``, ``x.unfold``), any imported name whose last
part is ``leaf`` and any ``getattr``/``__import__`` string equal to it; ``leaf`` may hold ``*``
wildcards (``*._scaled_dot_product_*``).

Parsing happens in the service process, so it is bounded: source that Python's own parser or
compiler refuses for its depth (30 000 chained ``+``, 60 000 unary minus signs: a
``RecursionError`` or ``MemoryError`` inside ``ast.parse``) is reported by
:func:`syntax_problem` like a syntax error, never raised.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatchcase

LEAF = "*."


def _resolve(node: ast.AST, aliases: dict[str, str]) -> str | None:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    root = aliases.get(node.id, node.id)
    return ".".join([root, *reversed(parts)])


def _collect_aliases(tree: ast.AST) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for name in node.names:
                if name.asname:
                    aliases[name.asname] = name.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for name in node.names:
                aliases[name.asname or name.name] = f"{node.module}.{name.name}"
    return aliases


def _matches(dotted: str, forbidden: tuple[str, ...]) -> str | None:
    for name in forbidden:
        if name.startswith(LEAF):
            if any(fnmatchcase(part, name[len(LEAF):]) for part in dotted.split(".")[1:]):
                return name
        elif dotted == name or dotted.startswith(name + "."):
            return name
    return None


def _leaf_hit(leaf: str, forbidden: tuple[str, ...]) -> str | None:
    """A ``*.leaf`` pattern matching a bare name (an attribute or a ``getattr`` string)."""
    return next((n for n in forbidden if n.startswith(LEAF)
                 and fnmatchcase(leaf, n[len(LEAF):])), None)


def _imported_modules(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [n.name for n in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [f"{node.module}.{n.name}" for n in node.names]
    return found


def _string_tricks(tree: ast.AST, forbidden: tuple[str, ...]) -> list[str]:
    leaves = {name.rsplit(".", 1)[-1]: name for name in forbidden}
    hits = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id not in ("getattr", "__import__") or not node.args:
            continue
        strings = [a.value for a in node.args if isinstance(a, ast.Constant)
                   and isinstance(a.value, str)]
        for text in strings:
            if (leaf := _leaf_hit(text, forbidden)) is not None:
                hits.append(leaf)
            elif text in leaves:
                hits.append(leaves[text])
            elif (hit := _matches(text, forbidden)) is not None:
                hits.append(hit)
    return hits


def _parse(source: str) -> ast.AST | str:
    """The module's AST, or a message saying why Python cannot compile it."""
    try:
        return ast.parse(source, filename="solution.py")
    except SyntaxError as exc:
        return f"SyntaxError at line {exc.lineno}: {exc.msg}"
    except (RecursionError, MemoryError) as exc:
        return (f"{type(exc).__name__}: the code is nested too deeply for Python's parser "
                "(thousands of chained operators or brackets); simplify the expression")
    except ValueError as exc:  # e.g. source Python refuses to read
        return f"ValueError: {exc}"


def syntax_problem(source: str) -> str | None:
    """A message if Python cannot parse ``source`` (syntax, depth), else None."""
    tree = _parse(source)
    return tree if isinstance(tree, str) else None


def find_forbidden(source: str, forbidden: tuple[str, ...]) -> list[str]:
    """Forbidden names the source uses, sorted and de-duplicated ([] if none or unparsable)."""
    if not forbidden:
        return []
    tree = _parse(source)
    if isinstance(tree, str):
        return []
    aliases = _collect_aliases(tree)
    hits = [h for m in _imported_modules(tree) if (h := _matches(m, forbidden))]
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and (leaf := _leaf_hit(node.attr, forbidden)):
            hits.append(leaf)
        if isinstance(node, (ast.Attribute, ast.Name)):
            dotted = _resolve(node, aliases)
            if dotted and (hit := _matches(dotted, forbidden)):
                hits.append(hit)
    hits += _string_tricks(tree, forbidden)
    return sorted(set(hits))
