"""A "did you mean" in the public profile names only public records, never a restricted id or name."""

from __future__ import annotations

import pytest

from .conftest import SECRET_CASE, client_for

TYPED = ["zyxw-secret-cas", "zyxw-secret-casf", "Restricted Case Zyx", "restricted case zyxw", SECRET_CASE[0],
         SECRET_CASE[1], "zyxw-case"]
"""Typos of the restricted case's id and title, the exact id and title, and a near miss of every case."""


def _pages(typed: str) -> list[str]:
    from urllib.parse import quote

    text = quote(typed)
    return [f"/queries/case-detail?run=1&case_id={text}", f"/queries/similar-cases?run=1&case_id={text}",
            f"/queries/paths-between-cases?run=1&from={text}&to=zyxw-public-case",
            f"/connections?from={text}&to=zyxw-public-case", f"/views/overview?case={text}",
            f"/export?format=json&case={text}", f"/views?case={text}", f"/search?q={text}",
            f"/network?around={text}"]


@pytest.fixture(scope="module")
def client(secret_public):
    return client_for(secret_public)


@pytest.mark.parametrize("typed", TYPED)
def test_no_suggestion_names_a_restricted_case(client, typed):
    for url in _pages(typed):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        text = response.text.casefold()
        # the typed text comes back as typed; the restricted record's own id and title never do
        for secret in SECRET_CASE:
            if secret.casefold() != typed.casefold():
                assert secret.casefold() not in text, (url, response.text[:400])
        assert "Traceback" not in response.text


def test_suggestions_still_name_public_cases(client):
    response = client.get("/queries/case-detail?run=1&case_id=zyxw-public-cas")
    assert response.status_code == 400 and "did you mean" in response.text and "zyxw-public-case" in response.text
    assert SECRET_CASE[0] not in response.text


def test_a_query_taking_any_node_runs(client):
    """status-history takes the id of any cited node (`node: cited`)."""
    response = client.get("/queries/status-history?run=1&id=zyxw-public-case")
    assert response.status_code == 200, response.text[:300]
    assert client.get("/queries/status-history?run=1&id=zyxw-secret-cas").status_code == 400
