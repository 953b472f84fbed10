"""graphsync_client/facade.py: `GraphSync` and `AsyncGraphSync`, resource-shaped access generated from the spec.

Every operation of the derived spec lands on a resource class named after its path:

- a segment is a property (`.jobs`, `.schema`, `.filter_operators`), a path parameter a call
  (`.jobs(job_id)`); a top-level collection with nothing of its own is a method of `GraphSync`
  (`.service_principals(id)`), and a segment with nothing of its own but one child is passed through
  (`/servicePrincipals/{id}` leads straight to its `synchronization`);
- GET answering a collection (a `value` array) is `list()`, an iterator over every page's items
  (following `@odata.nextLink` where there is one); any other GET is `get()`; POST on a collection is `create()`, PUT `put()`, PATCH
  `update()`, DELETE `delete()`; `$count` is the parent's `count()`;
- a POST-only last segment is an action of its parent (`.jobs(job_id).start()`,
  `.jobs.validate_credentials(...)`).

Query options become keyword arguments (`top`, `filter`, `orderby`, ...; not `$skiptoken`, the
iterator's, nor `$select`, whose partial objects the results' types would misdescribe).
A request body becomes keyword arguments named and typed as the tolerant model's fields, or, when the
body's schema is also a response (a schema read, changed and put back), the model itself. Results are
`graphsync_models.tolerant` models. Each path has its own class (`ServicePrincipalJobsResource`,
`ApplicationJobsResource`), as their operations differ (bulkUpload is a service principal's only).
The module is rendered from codegen/facade-templates/facade.py.jinja.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from derive import HTTP_METHODS, deref
from facade_fields import Param, model_fields, type_names

TEMPLATES = Path(__file__).resolve().parent / "facade-templates"
QUERY_TYPES = {"integer": "int", "string": "str", "boolean": "bool", "number": "float"}
# `$skiptoken` is the iterator's; `$select` would answer objects without the properties the results'
# types promise (x-graph-answered): the low-level functions (`GraphSync.low_level()`) offer both.
LEFT_OUT = frozenset({"$skiptoken", "$select"})
# GraphSync's own attributes: no top-level path may take their names.
RESERVED = frozenset({"http", "low_level", "close", "aclose"})


class FacadeError(Exception):
    """The spec has a shape the facade cannot express."""


@dataclass
class Method:
    name: str
    http: str
    suffix: str
    doc: str
    kind: str  # list, model, none, count
    result: str | None = None
    page: str | None = None
    query: list[Param] = field(default_factory=list)
    body: list[Param] = field(default_factory=list)
    body_model: str | None = None
    body_whole: bool = False
    media_type: str | None = None

    @property
    def signature(self) -> str:
        """The parameters after `self`: a whole body positional, every other one keyword-only."""
        required = [f"{p.name}: {p.annotation}" for p in self.body if p.required]
        optional = [
            f"{p.name}: {p.annotation} = {'None' if self.body_whole else 'MISSING'}" for p in self.body
        ]
        optional = [text for p, text in zip(self.body, optional, strict=True) if not p.required]
        optional += [f"{p.name}: {p.annotation} = None" for p in self.query]
        if self.body_whole:
            return ", ".join(["self", *required, *(["*", *optional] if optional else [])])
        return ", ".join(["self", *(["*", *required, *optional] if required or optional else [])])

    @property
    def returns(self) -> str:
        return {"none": "None", "count": "int"}.get(self.kind, f"tolerant.{self.result}")

    @property
    def params_argument(self) -> str:
        return (
            ", params={" + ", ".join(f"{p.wire!r}: {p.name}" for p in self.query) + "}" if self.query else ""
        )

    @property
    def send(self) -> str:
        """The session call (without `await`)."""
        path = f"self._path + {self.suffix!r}" if self.suffix else "self._path"
        body = ""
        if self.body_whole:
            body = f", body=body, media_type={self.media_type!r}"
        elif self.body_model:
            fields = ", ".join(f"{p.name}={p.name}" for p in self.body)
            body = f", body=tolerant.{self.body_model}({fields}), media_type={self.media_type!r}"
        return f"self._session.send({self.http!r}, {path}{self.params_argument}{body})"


@dataclass
class Node:
    key: tuple[str, ...]
    cls: str
    methods: dict[str, Method] = field(default_factory=dict)
    children: dict[str, Node] = field(default_factory=dict)
    item: Node | None = None
    item_param: str = ""

    @property
    def display(self) -> str:
        return "/" + "/".join(self.key).replace("{}", "{id}")

    @property
    def call(self) -> Node | None:
        """What calling this node with a parameter gives (its item, past any passed-through segment)."""
        return None if self.item is None else _target(self.item)

    @property
    def call_suffix(self) -> str:
        """The segments a call adds after the parameter (those passed through)."""
        node, suffix = self.item, ""
        while node is not None and _passes_through(node):
            seg, node = next(iter(node.children.items()))
            suffix += "/" + seg
        return suffix

    @property
    def properties(self) -> list[tuple[str, str, Node]]:
        """(attribute, path segments, node) of each child, past any passed-through segment."""
        found = []
        for seg, child in self.children.items():
            path, node = "/" + seg, child
            while _passes_through(node):
                inner, node = next(iter(node.children.items()))
                path += "/" + inner
            found.append((_snake(seg), path, node))
        return found


def write_facade(package: Path, spec: dict[str, Any], classes: dict[str, str]) -> None:
    """Render graphsync_client/facade.py into `package`, reading the tolerant models next to it."""
    models = package.parent.parent / "models" / "graphsync_models" / "tolerant.py"
    fields, imports = model_fields(models.read_text(encoding="utf-8"))
    root = _tree(spec, classes, fields)
    if root.methods or root.item is not None:
        raise FacadeError("an operation on `/` or on `/{id}`: GraphSync has no place for it")
    entrances = [(attribute, path, child, _is_call(child)) for attribute, path, child in root.properties]
    taken = sorted({attribute for attribute, *_ in entrances} & RESERVED)
    if taken:
        raise FacadeError(f"a top-level path would be GraphSync's own {', '.join(taken)}")
    calls = {id(child) for *_, child, is_call in entrances if is_call}
    nodes: list[Node] = []
    _collect(root, nodes)
    nodes = [n for n in nodes if n is not root and not _passes_through(n) and id(n) not in calls]
    names = [node.cls for node in nodes]
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise FacadeError(f"two paths would be the same class: {', '.join(twice)}")
    used = {
        n for node in nodes for m in node.methods.values() for p in m.query + m.body for n in type_names(p)
    }
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    text = environment.get_template("facade.py.jinja").render(
        nodes=nodes,
        root=root,
        entrances=entrances,
        imports=sorted({(imports[name], name) for name in used if name in imports}),
        title=spec["info"]["title"],
    )
    (package / "facade.py").write_text(text, encoding="utf-8")


def _tree(spec: dict[str, Any], classes: dict[str, str], fields: dict[str, list[Param]]) -> Node:
    """The resource tree of every operation, from the root (the `GraphSync` class itself)."""
    shape: dict[str, set[str]] = {}
    operations: list[tuple[str, str, dict[str, Any]]] = []
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            op = item.get(method)
            if isinstance(op, dict):
                shape.setdefault(path, set()).add(method)
                operations.append((method.upper(), path, op))
    if not operations:
        raise FacadeError("the spec has no operation")
    root = Node((), "")
    responses = _response_models(spec, classes)
    for http, path, op in operations:
        _place(root, http, path, op, shape, spec, classes, fields, responses)
    _name(root, [])
    return root


def _passes_through(node: Node) -> bool:
    """A node with nothing of its own but one child segment (`/servicePrincipals/{id}` before its
    `synchronization`): its accessor leads to that child directly."""
    return not node.methods and node.item is None and len(node.children) == 1


def _is_call(node: Node) -> bool:
    """A top-level collection with nothing of its own (`/servicePrincipals`): a method of GraphSync."""
    return node.item is not None and not node.methods and not node.children


def _target(node: Node) -> Node:
    while _passes_through(node):
        node = next(iter(node.children.values()))
    return node


def _name(node: Node, words: list[str]) -> None:
    """Class names from the path's words, singular before a parameter, without a passed-through segment:
    `/servicePrincipals/{id}/synchronization/jobs/{id}` is `ServicePrincipalJobResource`."""
    node.cls = "".join(words) + "Resource"
    if node.item is not None:
        _name(node.item, [*words[:-1], _singular(words[-1])] if words else ["Item"])
    for seg, child in node.children.items():
        _name(child, words if _passes_through(node) and node.key else [*words, seg[:1].upper() + seg[1:]])


def _place(
    root: Node,
    http: str,
    rest: str,
    op: dict[str, Any],
    shape: dict[str, set[str]],
    spec: dict[str, Any],
    classes: dict[str, str],
    fields: dict[str, list[Param]],
    responses: set[str],
) -> None:
    segments = [s for s in rest.split("/") if s]
    suffix, name = "", None
    if segments and segments[-1] == "$count":
        segments, suffix, name = segments[:-1], "/$count", "count"
    elif _is_action(rest, http, shape):
        segments, suffix, name = segments[:-1], "/" + segments[-1], _snake(segments[-1])
    node = root
    for seg in segments:
        if seg.startswith("{"):
            if node.item is None:
                node.item = Node(node.key + ("{}",), "")
                node.item_param = _snake(seg.strip("{}").removesuffix("-id")) + "_id"
            node = node.item
        else:
            if seg not in node.children:
                node.children[seg] = Node(node.key + (seg,), "")
            node = node.children[seg]
    if name is None:
        name = {"GET": "get", "PUT": "put", "PATCH": "update", "DELETE": "delete", "POST": "create"}[http]
    method = _method(name, http, suffix, op, spec, classes, fields, responses)
    if method.kind == "list":
        method.name = "list"
    if method.name in node.methods:
        raise FacadeError(f"{http} {rest}: two operations would be {node.display}'s {method.name}()")
    node.methods[method.name] = method


def _is_action(rest: str, http: str, shape: dict[str, set[str]]) -> bool:
    """A POST-only last segment with nothing below it: a method of the parent."""
    last = rest.rsplit("/", 1)[-1]
    if http != "POST" or not last or last.startswith("{") or shape.get(rest) != {"post"}:
        return False
    return not any(other.startswith(rest + "/") for other in shape)


def _method(
    name: str,
    http: str,
    suffix: str,
    op: dict[str, Any],
    spec: dict[str, Any],
    classes: dict[str, str],
    fields: dict[str, list[Param]],
    responses: set[str],
) -> Method:
    summary = str(op.get("summary") or op.get("operationId") or "").strip().rstrip(".")
    method = Method(name, http, suffix, summary, "none")
    status, content = _success(op, spec)
    if suffix == "/$count":
        method.kind, method.result = "count", "int"
    elif content:
        schema = deref(spec, content.get("schema", {}))
        pointer = content.get("schema", {}).get("$ref", "").removeprefix("#")
        method.result = classes.get(pointer)
        if method.result is None:
            raise FacadeError(f"{op.get('operationId')}: the {status} body has no model")
        items = schema.get("properties", {}).get("value", {})
        if http == "GET" and items.get("type") == "array" and "$ref" in items.get("items", {}):
            method.kind, method.page = "list", method.result
            method.result = classes[items["items"]["$ref"].removeprefix("#")]
        else:
            method.kind = "model"
    for parameter in op.get("parameters", []):
        parameter = deref(spec, parameter)
        if parameter.get("in") != "query" or parameter["name"] in LEFT_OUT:
            continue
        method.query.append(
            Param(_snake(parameter["name"].lstrip("$")), _query_type(parameter), False, parameter["name"])
        )
    body = deref(spec, op.get("requestBody", {}))
    if body:
        (media_type, media), *_ = body["content"].items()
        model = classes.get(media.get("schema", {}).get("$ref", "").removeprefix("#"))
        if model is None or model not in fields:
            raise FacadeError(f"{op.get('operationId')}: the request body has no tolerant model")
        method.body_model, method.media_type = model, media_type
        if model in responses:
            method.body_whole = True
            method.body = [Param("body", f"tolerant.{model}", bool(body.get("required")))]
        else:
            method.body = fields[model]
    return method


def _success(op: dict[str, Any], spec: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for status in sorted(op.get("responses", {})):
        if status.startswith("2"):
            response = deref(spec, op["responses"][status])
            content = response.get("content", {})
            json_types = [m for m in content if m == "application/json" or m.endswith("+json")]
            return status, content[json_types[0]] if json_types else {}
    raise FacadeError(f"{op.get('operationId')}: no 2xx response")


def _response_models(spec: dict[str, Any], classes: dict[str, str]) -> set[str]:
    found = set()
    for item in spec.get("paths", {}).values():
        for method in HTTP_METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if isinstance(op, dict):
                _, content = _success(op, spec)
                pointer = content.get("schema", {}).get("$ref", "").removeprefix("#")
                if pointer in classes:
                    found.add(classes[pointer])
    return found


def _query_type(parameter: dict[str, Any]) -> str:
    schema = parameter.get("schema", {})
    if schema.get("type") == "array":
        return f"Sequence[{QUERY_TYPES.get(schema.get('items', {}).get('type'), 'str')}] | None"
    return f"{QUERY_TYPES.get(schema.get('type'), 'str')} | None"


def _collect(node: Node, out: list[Node]) -> None:
    """Every node, children before parents (a class is defined before it is named in an annotation)."""
    for child in node.children.values():
        _collect(child, out)
    if node.item is not None:
        _collect(node.item, out)
    out.append(node)


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word.removesuffix("s")


def _snake(name: str) -> str:
    name = re.sub(r"[^0-9A-Za-z]+", "_", name)
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower().strip("_")
