"""`docs/queries.md` is generated from the query headers, and the README's paging sentence agrees with them."""

from __future__ import annotations

import re
from pathlib import Path

from casegraph.queries import catalog
from casegraph.queries.catalog import MAX_PAGE
from casegraph.queries.reference import render_reference

ROOT = Path(__file__).resolve().parents[2]
README = " ".join((ROOT / "README.md").read_text().split())


def test_the_query_reference_is_generated_from_the_headers():
    assert (ROOT / "docs" / "queries.md").read_text() == render_reference(), \
        "regenerate: python -m casegraph.queries.reference > docs/queries.md"


def test_the_reference_gives_each_page_size_and_bound():
    text = render_reference()
    for name, query in catalog().items():
        part = text.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        if query.header.page:
            assert f"{query.header.page.limit:,} rows a page by default, at most {query.header.page.max:,}" in part
        for param_name, param in query.header.parameters.items():
            assert f"| `{param_name}` |" in part
            if param.maximum is not None:
                assert f"{param.maximum:,} |" in part, (name, param_name)


def test_the_readme_states_the_pages_the_headers_declare():
    """The README once said every query pages up to 1,000 rows while `paths-between-cases` holds 100."""
    pages = {name: q.header.page for name, q in catalog().items() if q.header.page}
    defaults = sorted(page.limit for page in pages.values())
    sentence = re.search(r"each query's header sets the default, (.*?)\) from `--param offset=N`", README).group(1)
    assert sentence.startswith(f"{defaults[0]} to {defaults[-1]}, and the most a page holds: {MAX_PAGE:,}")
    smaller = {name: page.max for name, page in pages.items() if page.max != MAX_PAGE}
    assert smaller, "no query pages by less than the catalog's most: say so in the README"
    for name, most in smaller.items():
        assert f"{most:,} for `{name}`" in sentence, name
