"""A citation giving a legal status with no date at all (no `as_of`, a source with no publication date)
sorts before every dated one (`schemas.citations.current_status`), so its status loses though it may be the
latest word: the load keeps the dated current status and warns, at the citation, that the order is unknown."""

from __future__ import annotations

import pytest

from tests.conftest import london_with

UNDATED = {"kind": "source", "id": "an-undated-report", "title": "An undated report", "publisher": "casegraph tests",
           "doc_type": "article"}
CASE = "hillingdon-2000-2016-bellfield-group"  # alleged, as of 2017, in the London data


@pytest.fixture(scope="module")
def undated(tmp_path_factory):
    records = [UNDATED, {"kind": "case", "id": CASE,
                         "citations": [{"source": "an-undated-report", "locator": "p. 1", "status": "acquitted"},
                                       {"source": "an-undated-report", "locator": "p. 2", "status": "alleged"}]}]
    return london_with(records, tmp_path_factory.mktemp("undated"))[0]


def test_an_undated_legal_status_other_than_the_current_one_is_warned_at_its_citation(undated):
    (case,) = [n for n in undated.all_nodes() if n.id == CASE]
    assert (case.status, case.status_as_of) == ("alleged", "2017")  # the dated word stands
    (warning,) = [w for w in undated.warnings if w.record == CASE]
    # the case restated: the warning is at its first record, naming where the citation was added
    assert warning.file.endswith(f"{CASE}.yaml") and warning.line and warning.field is None
    assert "source 'an-undated-report' (stated again at " in warning.message and "zz-added.jsonl:2)" in warning.message
    assert "gives status 'acquitted' with no date" in warning.message
    assert "the current status is 'alleged' as of 2017" in warning.message and warning.message.endswith("give the citation an as_of")


def test_a_record_of_its_own_is_warned_at_the_citation_s_field(tmp_path):
    records = [UNDATED, {"kind": "person", "id": "a-test-person", "name": "A test person", "source": "an-undated-report",
                         "locator": "p. 1", "status": "acquitted",
                         "citations": [{"source": "an-undated-report", "locator": "p. 2", "status": "charged",
                                        "as_of": "2019"}]}]
    dataset = london_with(records, tmp_path)[0]
    (warning,) = [w for w in dataset.warnings if w.record == "a-test-person"]
    assert warning.file.endswith("zz-added.jsonl") and warning.line == 2 and warning.field == "source"
    assert "the current status is 'charged' as of 2019 per 'an-undated-report'" in warning.message


def test_london_has_no_undated_legal_status():
    from casegraph.loaders import load

    assert not [w for w in load().warnings if "with no date" in w.message]
