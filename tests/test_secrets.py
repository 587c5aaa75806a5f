"""A credential in the linted code never appears in any output, file or cache.

Every output format, the baseline, --diff, --fix and --add-noqa are run on a project
with planted credentials; everything printed or written is searched for each secret
and for every 8-character piece of it (a masked secret shows at most 4 characters).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from cio_lint.report import ReportOptions, reporters

from .conftest import run_cli
from .test_cli import write

APP_KEY = "sk_live_9f8e7d6c5b4a32107e6f"
SITE_ID = "site4c1d9e8f7a6b5c3d"
TRACK_KEY = "key0a9b8c7d6e5f4a3b2c1d"
#: Sent as event or profile data under a secret's name (CIO701 flags the key).
SENT_TOKEN = "tok_live_5a4b3c2d1e0f9a8b"
SENT_API_KEY = "apk_live_6c5d4e3f2a1b0c9d"
#: Written in settings.py in every way Python spells a string.
CONCAT_KEY = "cat_live_9q8w7e6r5t4y3u2i1o"
PLUS_KEY = "plus_live_9z8y7x6w5v4u3t"
BYTES_KEY = "byte_live_0p9o8i7u6y5t4r"
ESCAPED_KEY = "esc_live_AB12cd34EF56gh"
ENV_DEFAULT = "envd_live_7h6g5f4e3d2c1b"
FSTRING_KEY = "fstr_live_3k4l5m6n7o8p9q"
CLASS_SITE = "clss_site_2w3e4r5t6y7u8i"
SPREAD_SITE = "sprd_site_1q2w3e4r5t6y"
SPREAD_KEY = "sprd_live_8i9o0p1a2s3d4f"
SECRETS = (APP_KEY, SITE_ID, TRACK_KEY, SENT_TOKEN, SENT_API_KEY, CONCAT_KEY, PLUS_KEY,
           BYTES_KEY, ESCAPED_KEY, ENV_DEFAULT, FSTRING_KEY, CLASS_SITE, SPREAD_SITE, SPREAD_KEY)

SOURCE = f"""\
import time

from customerio import APIClient, CustomerIO, SendEmailRequest

api = APIClient("{APP_KEY}")
cio = CustomerIO("{SITE_ID}", "{TRACK_KEY}")
cio.identify(id="5", updated_at=time.time() * 1000)  # {TRACK_KEY}
cio.track("{SITE_ID}", "Signed Up", timestamp=time.time() * 1000)


def send(user):
    api.send_email(SendEmailRequest(to=user.email, transactional_message_id="{APP_KEY}"))


cio.identify(id="6", token="{SENT_TOKEN}", updated_at=time.time() * 1000)
cio.track("6", "key_created", {{"api_key": "{SENT_API_KEY}"}}, timestamp=time.time() * 1000)
cio.track("{CLASS_SITE}", "signed_up", timestamp=time.time() * 1000)  # {SPREAD_KEY}
"""

SETTINGS = f"""\
import os
import time

from customerio import APIClient, CustomerIO


class Settings:
    SITE_ID = "{CLASS_SITE}"


CONF = {{"site_id": "{SPREAD_SITE}", "api_key": "{SPREAD_KEY}"}}
spread = CustomerIO(**CONF)
klass = CustomerIO(Settings.SITE_ID, os.environ["KEY"])
concat = CustomerIO("{CONCAT_KEY[:13]}" "{CONCAT_KEY[13:]}", "{PLUS_KEY[:13]}" + "{PLUS_KEY[13:]}")
concat.track("1", "signed_up", timestamp=time.time() * 1000)  # a fix: the lines above are shown
binary = APIClient(b"{BYTES_KEY}")
escaped = APIClient("{ESCAPED_KEY[:9]}\\x41{ESCAPED_KEY[10:]}")
from_env = APIClient(os.getenv("CIO_APP_KEY", "{ENV_DEFAULT}"))
formatted = APIClient(f"{FSTRING_KEY}{{os.getpid()}}")
"""
SOURCES = {"app.py": SOURCE, "settings.py": SETTINGS}
#: The secrets app.py writes as credentials or sends as secrets (linted alone, app.py
#: cannot know that it repeats settings.py's).
APP_SECRETS = (APP_KEY, SITE_ID, TRACK_KEY, SENT_TOKEN, SENT_API_KEY)


def pieces(secret: str) -> set[str]:
    return {secret[i:i + 8] for i in range(len(secret) - 7)}


def assert_no_secret(text: str, where: str, secrets: tuple[str, ...] = SECRETS) -> None:
    for secret in secrets:
        assert secret not in text, f"{where} prints {secret}"
        for piece in pieces(secret):
            assert piece not in text, f"{where} prints {piece!r} of {secret}"


def assert_files_clean(root: Path) -> None:
    """Every file written under ``root`` (reports, baselines, the cache), not the sources."""
    for path in root.rglob("*"):
        if path.is_file() and path.name not in (*SOURCES, "settings.py", "other.py"):
            assert_no_secret(path.read_bytes().decode("utf-8", "replace"), str(path))


@pytest.fixture()
def planted(tmp_path: Path) -> Path:
    for name, text in SOURCES.items():
        write(tmp_path, name, text)
    return tmp_path


FORMATS = sorted(reporters())


def test_every_format_is_covered() -> None:
    assert {"text", "concise", "json", "json-lines", "sarif", "github", "gitlab", "junit",
            "statistics"} <= set(FORMATS)


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_output_format_prints_a_secret(planted: Path, output_format: str) -> None:
    result = run_cli("check", "--select", "ALL", "--output-format", output_format, *SOURCES,
                     cwd=planted)
    assert result.returncode == 1, result.stderr
    assert_no_secret(result.stdout + result.stderr, output_format)
    written = run_cli("check", "--select", "ALL", "--output-format", output_format,
                      "-o", "report.out", *SOURCES, cwd=planted)
    assert written.returncode == 1 and (planted / "report.out").exists()
    assert_no_secret(written.stdout + written.stderr, f"{output_format} -o")
    assert_files_clean(planted)


def test_credentials_are_reported_at_all(planted: Path) -> None:
    """The planted secrets are findings, so the masking is really exercised."""
    result = run_cli("check", "--select", "ALL", "--output-format", "concise", *SOURCES,
                     cwd=planted)
    codes = {line.split(": ")[1].split()[0] for line in result.stdout.splitlines()}
    assert "CIO103" in codes and "CIO201" in codes, result.stdout
    assert "sk_l…" in result.stdout


def test_statistics_flag_and_stdin(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--statistics", *SOURCES, cwd=planted)
    assert_no_secret(result.stdout + result.stderr, "--statistics")
    piped = run_cli("check", "--select", "ALL", "--stdin-filename", "app.py", "-",
                    cwd=planted, stdin=SOURCE)
    assert piped.returncode == 1
    assert_no_secret(piped.stdout + piped.stderr, "stdin", APP_SECRETS)


def test_baseline_file_holds_no_secret(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--write-baseline", "baseline.json", *SOURCES,
                     cwd=planted)
    assert result.returncode == 0, result.stderr
    assert (planted / "baseline.json").stat().st_size > 0
    assert_no_secret(result.stdout + result.stderr, "--write-baseline")
    assert_files_clean(planted)
    again = run_cli("check", "--select", "ALL", "--baseline", "baseline.json", *SOURCES,
                    cwd=planted)
    assert again.returncode == 0, again.stdout
    assert_no_secret(again.stdout + again.stderr, "--baseline")


def test_diff_and_fix_print_no_secret(planted: Path) -> None:
    """The diff quotes changed lines: those holding a secret are masked, or not shown."""
    for flags in (["--diff"], ["--diff", "--unsafe-fixes"], ["--fix", "--show-fixes"],
                  ["--fix", "--unsafe-fixes", "--show-fixes"]):
        for name, text in SOURCES.items():
            write(planted, name, text)
        result = run_cli("check", "--select", "ALL", *flags, *SOURCES, cwd=planted)
        assert "Traceback" not in result.stderr
        assert_no_secret(result.stdout + result.stderr, " ".join(flags))
    assert (planted / "app.py").read_text() != SOURCE  # the fixes were applied
    assert_files_clean(planted)


def test_add_noqa_prints_no_secret(planted: Path) -> None:
    result = run_cli("check", "--select", "ALL", "--add-noqa", *SOURCES, cwd=planted)
    assert_no_secret(result.stdout + result.stderr, "--add-noqa")
    piped = run_cli("check", "--select", "ALL", "--fix", "--stdin-filename", "app.py", "-",
                    cwd=planted, stdin=SOURCE)
    # Fixing stdin prints the fixed code itself: only the report (stderr) is checked.
    assert_no_secret(piped.stderr, "stdin --fix report", APP_SECRETS)


def test_cache_holds_no_secret(planted: Path) -> None:
    cache = planted / ".cio_lint_cache"
    for _ in range(2):  # fill the cache, then answer from it
        result = run_cli("check", "--select", "ALL", *SOURCES, cwd=planted,
                         env={"CIO_LINT_CACHE_DIR": str(cache)})
        assert_no_secret(result.stdout + result.stderr, "cached run")
        time.sleep(0.01)
    default = run_cli("check", "--select", "ALL", ".", cwd=planted)
    assert_no_secret(default.stdout + default.stderr, "default cache run")
    assert_files_clean(planted)


def test_every_way_of_writing_a_credential_is_flagged(planted: Path) -> None:
    """Concatenations, ``+``, bytes, escapes, an environment lookup's fallback, the
    constant of an f-string, a class attribute and ``**CONF`` are all hard-coded keys."""
    result = run_cli("check", "--select", "CIO103", "--output-format", "concise",
                     "settings.py", cwd=planted)
    flagged = {line.split(":")[1] for line in result.stdout.splitlines() if "CIO103" in line}
    assert flagged == {"11", "13", "14", "16", "17", "18", "19"}, result.stdout
    assert result.stdout.count("CIO103") == 9
    sent = run_cli("check", "--select", "CIO701", "--output-format", "concise", "app.py",
                   cwd=planted)
    assert sent.stdout.count("CIO701") == 2, sent.stdout


def test_a_secret_of_one_file_is_masked_in_every_other(planted: Path) -> None:
    """app.py repeats settings.py's site ID and key: its report and diff mask them too,
    and its cache entry holds neither."""
    cache = planted / "cache"
    for flags in ([], ["--diff"], ["--output-format", "json"]):
        result = run_cli("check", "--select", "ALL", *flags, *SOURCES, cwd=planted,
                         env={"CIO_LINT_CACHE_DIR": str(cache)})
        assert "clss" in result.stdout, result.stdout  # shown, masked
        assert_no_secret(result.stdout + result.stderr, " ".join(flags) or "text")
    assert_files_clean(planted)


def test_a_file_repeating_another_files_secret_is_never_cached(tmp_path: Path) -> None:
    """other.py has no credential of its own; the key it repeats is settings.py's, and a
    fix's replacement (kept real for --fix) would carry it into other.py's entry."""
    write(tmp_path, "settings.py", f'from customerio import CustomerIO\n'
          f'cio = CustomerIO("{SITE_ID}", "{TRACK_KEY}")\n')
    write(tmp_path, "other.py", "import time\nfrom settings import cio\n"
          f'cio.identify(id="8", updated_at=time.time() * 1000, source="{TRACK_KEY}")\n')
    for _ in range(2):
        result = run_cli("check", "--select", "ALL", "--output-format", "json", ".",
                         cwd=tmp_path, env={"CIO_LINT_CACHE_DIR": str(tmp_path / "cache")})
        assert [f["code"] for f in json.loads(result.stdout)["findings"]] == [
            "CIO201", "CIO103", "CIO103"], result.stdout
    assert_files_clean(tmp_path)


ONE_LETTER = """\
import time

from customerio import CustomerIO

cio = CustomerIO({site}, {key})
cio.identify(id="s", email="e@k.io", updated_at=time.time() * 1000)
cio.track("k", "signed_up", {{"plan": "s", "seats": 1000}}, timestamp=time.time() * 1000)
"""


def test_masking_changes_nothing_else(tmp_path: Path) -> None:
    """Credentials "s" and "k" mask only themselves: every other finding, message and
    quoted line is what the same code with credentials from the environment gives."""
    reports = {}
    for name, site, key in (("literal", '"s"', '"k"'), ("env", 'os.environ["S"]',
                                                        'os.environ["K"]')):
        write(tmp_path, "app.py", "import os\n" + ONE_LETTER.format(site=site, key=key))
        result = run_cli("check", "--select", "ALL", "--ignore", "CIO103", "--no-cache",
                         "--output-format", "json", "app.py", cwd=tmp_path)
        findings = json.loads(result.stdout)["findings"]
        reports[name] = [f for f in findings if f["start"]["line"] != 6]
        texts = run_cli("check", "--select", "ALL", "--ignore", "CIO103", "--no-cache",
                        "app.py", cwd=tmp_path).stdout
        reports[name + " text"] = [line for line in texts.splitlines() if " 6 |" not in line]
    assert reports["literal"] and reports["literal"] == reports["env"]
    assert reports["literal text"] == reports["env text"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git apply")
def test_diff_still_applies(tmp_path: Path) -> None:
    """A diff of a file with one-letter credentials is the real diff: it applies."""
    source = ONE_LETTER.format(site='"s"', key='"k"')
    write(tmp_path, "app.py", source)
    diff = run_cli("check", "--select", "ALL", "--no-cache", "--diff", "app.py", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith("--- a/app.py"), diff.stdout
    fixed = run_cli("check", "--select", "ALL", "--no-cache", "--fix", "app.py", cwd=tmp_path)
    assert fixed.returncode in (0, 1)
    expected = (tmp_path / "app.py").read_text()
    write(tmp_path, "app.py", source)
    applied = subprocess.run(["git", "apply", "-"], input=diff.stdout, text=True,
                             cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "app.py").read_text() == expected


def test_related_locations_are_masked_like_the_message() -> None:
    """A related location quotes a call of another file (a wrapper's): a key another file
    holds is masked there as in the finding's own texts."""
    from cio_lint.core.findings import Finding, Position, Related, Severity
    from cio_lint.core.results import RunResult
    from cio_lint.core.secrets import SecretLiteral
    from cio_lint.engine.file_run import FileResult
    from cio_lint.engine.project_secrets import ProjectSecrets

    where = Related("app/events.py", Position(4, 5), Position(4, 40),
                    f'`track("{TRACK_KEY}")` called here')
    finding = Finding(code="CIO601", name="unhandled-api-error", severity=Severity.WARNING,
                      path="app.py", start=Position(2, 1), end=Position(2, 9),
                      message=f'm; via `f()` -> `track("{TRACK_KEY}")` at app/events.py:4',
                      wrong="f()", correct="c", related=(where,))
    secrets = ProjectSecrets()
    secrets.found.append(SecretLiteral(TRACK_KEY, f'"{TRACK_KEY}"', Position(1, 1),
                                       Position(1, 26)))
    # A file's own findings are masked in its result; the project rules' as they come.
    file_result = FileResult("app.py", findings=[finding], suppressed=[finding])
    values = secrets.mask_results([file_result])
    run = RunResult(findings=[*file_result.findings, *secrets.mask_findings([finding], values)],
                    suppressed=file_result.suppressed, secrets=values)
    assert file_result.masked_with == values
    for masked in (*run.findings, *run.suppressed):
        (related,) = masked.related
        assert related.message == f'`track("{TRACK_KEY[:4]}…")` called here'
        assert (related.path, related.start, related.end) == (where.path, where.start, where.end)
        assert_no_secret(masked.message, "message")
    for output_format in FORMATS:
        out = io.StringIO()
        reporters()[output_format](run, out, ReportOptions())
        assert_no_secret(out.getvalue(), output_format)


def test_a_key_cut_short_by_a_clipped_quote_is_masked_too() -> None:
    """A message clips code at 40 characters, maybe inside a key another file holds:
    what shows of it is still no more than the masked form."""
    from cio_lint.core.secrets import mask_secrets

    quote = f'updated `int(time.time() * 1000) + len("{TRACK_KEY[:12]}…`'
    masked = mask_secrets(quote, [TRACK_KEY])
    assert masked == f'updated `int(time.time() * 1000) + len("{TRACK_KEY[:4]}…`'
    assert_no_secret(masked, "clipped quote")
    assert mask_secrets("a plain … ellipsis", [TRACK_KEY]) == "a plain … ellipsis"


def test_a_clipped_start_masks_as_the_longest_key_it_begins() -> None:
    """Six or seven characters may begin both an eight-character key (``mask`` shows two)
    and a longer one (four): the longer decides. Past seven, any key that goes on is
    longer than eight. A quote that is the whole of a key is masked as the key."""
    from cio_lint.core.secrets import mask_secrets

    keys = ["abc123gh", "abc123g_98765432", "zz_9f8e7d6c5b4a"]
    assert mask_secrets("`x(abc123…`", keys) == "`x(abc1…`"
    assert mask_secrets("`x(zz_9f8e…`", keys) == "`x(zz_9…`"
    assert mask_secrets("`x(zz_9f8e7d6c5b4a…`", keys) == "`x(zz_9……`"
    assert mask_secrets("`x(zz_9f8x…`", keys) == "`x(zz_9f8x…`"
    only_short = ["abc123gh"]
    assert mask_secrets("`x(abc123…`", only_short) == "`x(ab…`"
    assert mask_secrets("`x(abc12…`", only_short) == "`x(abc12…`"


def test_a_few_keys_and_many_are_masked_alike() -> None:
    """A file's few keys are looked for one by one, a project's many by one regex: the
    same texts come out the same either way."""
    import random

    from cio_lint.core.secrets import mask_secrets

    rng = random.Random(7)
    few = [TRACK_KEY, "sk_live_4f9a8b7c6d5e"]
    many = [*few, *("".join(rng.choice("abcdef0123456789") for _ in range(24))
                    for _ in range(40))]
    texts = [
        f"key = '{TRACK_KEY}'", f"x{TRACK_KEY}", f"len(\"{TRACK_KEY[:12]}…", "no key here",
        f"{TRACK_KEY}_{TRACK_KEY}", f"a={TRACK_KEY} b=sk_live_4f9a8b7c6d5e", TRACK_KEY[:7],
        TRACK_KEY,
    ]
    masked = [mask_secrets(text, few) for text in texts]
    assert masked == [mask_secrets(text, many) for text in texts]
    assert TRACK_KEY not in masked[0] and "sk_live_4f9a8b7c6d5e" not in masked[5]
    assert masked[1] == texts[1] and masked[3] == texts[3] and masked[7] != TRACK_KEY


def _lint_counting(root: Path, cache_dir: Path) -> tuple[str, list[str]]:
    """Lint ``root`` with a cache, in process: the JSON report and the files analysed."""
    from cio_lint.engine.cache import Cache
    from cio_lint.engine.config_resolver import ConfigResolver
    from cio_lint.engine.file_run import Batch, FileResult, analyze_batch
    from cio_lint.engine.pipeline import lint_units
    from cio_lint.engine.targets import collect_units

    analysed: list[str] = []

    def counting(batch: Batch) -> list[FileResult]:
        analysed.extend(unit.source.path.name for unit, _ in batch)
        return analyze_batch(batch)

    units = collect_units([root], ConfigResolver(None, {"select": ("ALL",)}), None)
    result = lint_units(units, analyze_many=counting, cache=Cache(cache_dir, b"k" * 32))
    shown = "\n".join(f"{f.path}:{f.line}: {f.code} {f.message} {f.wrong} {f.correct}"
                      for f in result.findings)
    return shown + "\n" + "\n".join(
        line for lines in result.lines.values() for line in lines.values()), analysed


def test_a_cached_credential_still_masks_it_in_every_other_file(planted: Path) -> None:
    """settings.py writes keys app.py repeats: the second run answers settings.py from the
    cache (its literals sealed there) and still masks them in app.py's findings and lines."""
    cache = planted.parent / "cache"
    first, analysed = _lint_counting(planted, cache)
    assert sorted(analysed) == ["app.py", "settings.py"]
    second, analysed = _lint_counting(planted, cache)
    assert analysed == ["app.py"]  # it repeats settings.py's key: never cached
    assert second == first and "clss" in second
    assert_no_secret(second, "from the cache")
    assert_files_clean(cache)
