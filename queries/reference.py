"""`docs/queries.md`: the query catalog as a reference, generated from the query headers.

Each query's question, its parameters (type, whether required, default,
bounds, description) and how it pages (rows per page by default, and the
most one page may hold) are read from its header, the one place they are
declared, so the reference cannot drift from what `Query.bind` accepts (a
test regenerates it and compares). Regenerate with
`python -m casegraph.queries.reference > docs/queries.md`.
"""

from __future__ import annotations

from casegraph.queries.catalog import Parameter, catalog

__all__ = ["render_reference"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _bounds(param: Parameter) -> str:
    if param.minimum is not None and param.maximum is not None:
        return f"{param.minimum:,} to {param.maximum:,}"
    if param.minimum is not None:
        return f"at least {param.minimum:,}"
    return f"at most {param.maximum:,}" if param.maximum is not None else ""


def render_reference() -> str:
    """The Markdown reference of every catalog query, in name order."""
    parts = ["# casegraph query catalog", "",
             "Generated from the query headers (`python -m casegraph.queries.reference > docs/queries.md`);",
             "a test keeps it in step with the catalog. `casegraph query NAME --param KEY=VALUE` runs one;",
             "the explorer shows each as a form."]
    for name, query in sorted(catalog().items()):
        header = query.header
        parts += ["", f"## {name}", "", f"{header.title}: {header.question}", ""]
        if header.page is not None:
            parts += [f"Paged: {header.page.limit:,} rows a page by default, at most {header.page.max:,} "
                      "(`limit`), from row `offset`; the answer says how many rows it has in all.", ""]
        if not header.parameters:
            parts.append("No parameters.")
            continue
        parts += ["| parameter | type | required | default | bounds | description |",
                  "| --- | --- | --- | --- | --- | --- |"]
        for param_name, param in header.parameters.items():
            default = "" if param.default is None else f"`{param.default!r}`".replace("True", "true").replace(
                "False", "false")
            takes = f" ({param.node if isinstance(param.node, str) else ', '.join(param.node)} id)" if param.node else ""
            parts.append(f"| `{param_name}` | {param.type}{takes} "
                         f"| {'yes' if param.required else 'no'} | {default} | {_bounds(param)} | "
                         f"{_cell(param.description)} |")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    print(render_reference(), end="")
