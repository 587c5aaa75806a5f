"""The two source documents' examples are the acceptance test for Node code.

Every code example of "Customer.io Common Errors" and "Customer.io Known Pitfalls" (the
seed documents, written for Node) is a TypeScript fixture under ``fixtures/seeds/``, its
WRONG half and its CORRECT half side by side. ``tests/test_fixtures.py`` lints the folder
with the default rules and compares the findings with the files' annotations exactly; here
each section's annotations are pinned: its WRONG example gives its rule's finding, as many
times as the example makes the mistake, so its CORRECT example cannot give it too.

Two sections' examples make a second mistake the documents themselves name elsewhere, and
those findings are pinned as well: the timestamp examples (Error 2, Pitfall 2) create
`user-1` with `created_at` and no `email`, which Pitfall 5 calls a profile no email can
reach (CIO303, in both halves); Error 3's examples track events in a project that never
identifies anyone, which Error 3's own checklist warns about (CIO301's project-wide advice).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cio_lint.engine.discovery import display_path

from .conftest import FIXTURES
from .fixture_annotations import expected_findings

SEEDS = FIXTURES / "seeds"

#: Each example section -> the fixture file(s) holding it -> the findings annotated there.
SECTIONS: dict[str, dict[str, Counter[str]]] = {
    "Common Errors, Error 1: Authentication Failures": {
        "error_01_authentication.ts": Counter({"CIO101": 1}),
    },
    "Common Errors, Error 2: Timestamp Format": {
        "error_02_timestamp_format.ts": Counter({"CIO201": 1, "CIO303": 2}),
    },
    "Common Errors, Error 3: Events Not Triggering Campaigns": {
        "error_03_event_names/wrong/track.ts": Counter({"CIO401": 1, "CIO301": 1}),
        "error_03_event_names/correct/track.ts": Counter({"CIO301": 1}),
    },
    "Common Errors, Error 4: Transactional Message Failures": {
        "error_04_transactional/request.ts": Counter(),
        "error_04_transactional_client.ts": Counter(),
    },
    "Common Errors, Error 5: Rate Limiting": {
        "error_05_rate_limiting.ts": Counter(),
    },
    "Common Errors, Error 6: EU Region Mismatch": {
        "error_06_eu_region/wrong.ts": Counter({"CIO105": 1}),
        "error_06_eu_region/correct.ts": Counter(),
    },
    "Common Errors, Error Handling Pattern": {
        "error_handling_pattern.ts": Counter(),
        "error_handling_express_route.ts": Counter({"CIO601": 1}),
    },
    "Known Pitfalls, Pitfall 1: Wrong API Key Type": {
        "pitfall_01_wrong_api_key.ts": Counter({"CIO101": 1}),
    },
    "Known Pitfalls, Pitfall 2: Millisecond Timestamps": {
        "pitfall_02_ms_timestamp.ts": Counter({"CIO201": 1, "CIO303": 2}),
    },
    "Known Pitfalls, Pitfall 3: Track Before Identify": {
        "pitfall_03_track_before_identify.ts": Counter({"CIO301": 1}),
    },
    "Known Pitfalls, Pitfall 4: Using Email as User ID": {
        "pitfall_04_email_as_id.ts": Counter({"CIO302": 1}),
    },
    "Known Pitfalls, Pitfall 5: Missing Email Attribute": {
        "pitfall_05_missing_email.ts": Counter({"CIO303": 1}),
    },
}


def annotated_codes(path: Path) -> Counter[str]:
    return Counter(code for _, _, _, code in expected_findings(path, display_path(path)))


@pytest.mark.parametrize("section", SECTIONS)
def test_each_seed_example_gives_exactly_its_findings(section: str) -> None:
    for name, codes in SECTIONS[section].items():
        path = SEEDS / name
        assert path.is_file(), f"{section}: {name} is missing"
        assert annotated_codes(path) == codes, f"{section}: {name}"


def test_every_seed_fixture_belongs_to_a_section() -> None:
    listed = {name for files in SECTIONS.values() for name in files}
    present = {
        path.relative_to(SEEDS).as_posix() for path in SEEDS.rglob("*.ts") if path.is_file()
    }
    assert present == listed
