"""Rewrites of openapi-python-client's endpoint modules where it does not send or read what the spec says.

`fix_endpoints` runs on the generated `api/` folder. Every rewrite counts what it replaced, so a
generator update that changes a spelling fails generation instead of leaving the spec unserved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from derive import HTTP_METHODS


class EndpointFixError(Exception):
    pass


# Two spellings of openapi-python-client 0.29.1 that do not send or read what the spec says, rewritten
# in every endpoint module (each count is checked, so a generator update that changes them fails here).
_QUERY_PARAMS = "params = {k: v for k, v in params.items() if v is not UNSET and v is not None}"
_JOINED_PARAMS = (
    "# A list option is one comma-separated value (style form, explode false): $select=id,templateId\n"
    "    params = {\n"
    '        k: ",".join(v) if isinstance(v, list) else v\n'
    "        for k, v in params.items()\n"
    "        if v is not UNSET and v is not None\n"
    "    }"
)
_TEXT_COUNT = "cast(int, response.text)"  # a `$count` body is text: cast() would hand out a str typed int


def fix_endpoints(api: Path, spec: dict[str, Any]) -> None:
    """Comma-join list query options and parse `$count` bodies as integers in the generated endpoints."""
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            for parameter in (item.get(method) or {}).get("parameters", []):
                node = parameter
                while "$ref" in node:
                    node = spec["components"]["parameters"][node["$ref"].rsplit("/", 1)[1]]
                is_list = node.get("in") == "query" and node.get("schema", {}).get("type") == "array"
                if is_list and (node.get("explode", True) or node.get("style", "form") != "form"):
                    raise EndpointFixError(
                        f"{method.upper()} {path}: list query option {node['name']} must be style form, "
                        "explode false (the client sends lists comma-separated)"
                    )
    modules = sorted(api.rglob("*.py"))
    fixed = {_QUERY_PARAMS: 0, _TEXT_COUNT: 0}
    for module in modules:
        text = module.read_text(encoding="utf-8")
        for spelling in fixed:
            fixed[spelling] += text.count(spelling)
        text = text.replace(_QUERY_PARAMS, _JOINED_PARAMS).replace(_TEXT_COUNT, "int(response.text)")
        module.write_text(text, encoding="utf-8")
    query_modules = sum("params: dict[str, Any] = {}" in m.read_text(encoding="utf-8") for m in modules)
    if fixed[_QUERY_PARAMS] != query_modules:
        raise EndpointFixError(
            f"openapi-python-client built query options in {query_modules} endpoint modules, but "
            f"{fixed[_QUERY_PARAMS]} of them in the expected spelling: update codegen/endpoints.py"
        )
