"""What the facade reads of graphsync_models/tolerant.py: each model's fields as keyword parameters."""

from __future__ import annotations

import ast
from dataclasses import dataclass

BUILTINS = frozenset(
    {"str", "int", "float", "bool", "bytes", "dict", "None", "tolerant", "builtins", "Sequence"}
)


@dataclass
class Param:
    name: str
    annotation: str
    required: bool = False
    wire: str = ""


def model_fields(source: str) -> tuple[dict[str, list[Param]], dict[str, str]]:
    """{class: its fields as keyword parameters} of the tolerant module, and {imported name: module}."""
    tree = ast.parse(source)
    defined = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    defined |= {
        t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)
    }
    imports = {
        a.asname or a.name: n.module or ""
        for n in tree.body
        if isinstance(n, ast.ImportFrom)
        for a in n.names
    }
    found: dict[str, list[Param]] = {}
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            continue
        params = []
        for statement in node.body:
            if not isinstance(statement, ast.AnnAssign) or not isinstance(statement.target, ast.Name):
                continue
            if statement.target.id.startswith("field_odata_"):
                continue  # OData annotations (@odata.type): never a caller's argument
            annotation = statement.annotation
            if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "Annotated":
                annotation = annotation.slice.elts[0]  # type: ignore[attr-defined]
            params.append(
                Param(
                    statement.target.id,
                    ast.unparse(_Qualify(defined).visit(annotation)),
                    statement.value is None,
                )
            )
        found[node.name] = sorted(params, key=lambda p: not p.required)
    return found, imports


class _Qualify(ast.NodeTransformer):
    """Names the tolerant module defines as `tolerant.Name`, and `list` as `builtins.list` (a resource's
    `list()` method would shadow it in the class body)."""

    def __init__(self, defined: set[str]) -> None:
        self.defined = defined

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id in self.defined:
            return ast.Attribute(ast.Name("tolerant", ast.Load()), node.id, ast.Load())
        if node.id == "list":
            return ast.Attribute(ast.Name("builtins", ast.Load()), node.id, ast.Load())
        return node


def type_names(param: Param) -> set[str]:
    return {
        n.id for n in ast.walk(ast.parse(param.annotation, mode="eval")) if isinstance(n, ast.Name)
    } - BUILTINS
