"""Build the benchmark corpora on any machine, deterministically, outside the repository.

Two shapes matter for a Customer.io linter: a *sparse* tree (a large code base where few
modules talk to Customer.io, so cost is dominated by deciding what to skip) and a *dense*
tree (every module uses the SDK, so cost is the real analysis). Generated files are
realistic Django/Flask/Celery modules that mix correct calls with findings; a seeded RNG
varies names and values so no two files are identical and every run builds the same bytes.
"""

from __future__ import annotations

import random
import shutil
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

#: Directory names every tool must skip, so all of them lint the same files
#: (cio-lint excludes these by default; the others would otherwise read them).
EXCLUDED_DIRS = frozenset(
    {"site-packages", "venv", "env", "build", "dist", "__pycache__", "node_modules"}
)

STYLES = ("django", "flask", "celery")
FAMILIES = (
    "credentials", "timestamps", "identity", "events",
    "transactional", "reliability", "attributes", "pipelines",
)

MODELS = ("order", "invoice", "subscription", "booking", "cart", "ticket", "shipment",
          "course", "membership", "payment", "referral", "workspace", "project", "trial")
PLANS = ("starter", "growth", "premium", "enterprise", "team", "basic")
ATTRIBUTES = ("plan", "company", "role", "locale", "timezone", "country", "seats", "source")
APP_NAMES = ("billing", "accounts", "shop", "onboarding", "crm", "learning", "bookings",
             "support", "growth", "payments")


@dataclass(frozen=True)
class Names:
    """The identifiers one generated module uses, drawn once from the seeded RNG."""

    style: str
    model: str
    plan: str
    attr: str
    app: str
    client: str
    number: int

    @property
    def Model(self) -> str:
        """The class name of the model, as code spells it."""
        return self.model.capitalize()


def draw_names(rng: random.Random, style: str) -> Names:
    """Pick the module's names; the client variable varies like it does in real code."""
    return Names(
        style=style,
        model=rng.choice(MODELS),
        plan=rng.choice(PLANS),
        attr=rng.choice(ATTRIBUTES),
        app=rng.choice(APP_NAMES),
        client=rng.choice(("cio", "customerio_client", "track_client", "tracker")),
        number=rng.randint(2, 9999),
    )


# --------------------------------------------------------------------------- headers

def header(names: Names, family: str) -> str:
    """Imports and client construction in the style of the module's framework."""
    docs = {
        "django": f"Django views for the {names.app} app that report {names.model} activity.",
        "flask": f"Flask routes for {names.app}: {names.model} lifecycle and messaging.",
        "celery": f"Celery tasks that sync {names.model} changes to Customer.io.",
    }
    framework = {
        "django": (
            "from django.conf import settings\n"
            "from django.contrib.auth.decorators import login_required\n"
            "from django.http import JsonResponse\n"
            "from django.shortcuts import get_object_or_404\n"
            "from django.views.decorators.http import require_POST\n"
        ),
        "flask": (
            "from flask import Blueprint, abort, jsonify, request\n"
            "from flask_login import current_user, login_required\n"
        ),
        "celery": (
            "from celery import shared_task\n"
            "from celery.utils.log import get_task_logger\n"
        ),
    }[names.style]
    settings = {
        "django": ("settings.CUSTOMERIO_SITE_ID", "settings.CUSTOMERIO_TRACK_API_KEY",
                   "settings.CUSTOMERIO_APP_API_KEY", "settings.CUSTOMERIO_CDP_API_KEY"),
        "flask": ('os.environ["CUSTOMERIO_SITE_ID"]', 'os.environ["CUSTOMERIO_TRACK_API_KEY"]',
                  'os.environ["CUSTOMERIO_APP_API_KEY"]', 'os.environ["CUSTOMERIO_CDP_API_KEY"]'),
        "celery": ('os.getenv("CIO_SITE_ID")', 'os.getenv("CIO_TRACK_API_KEY")',
                   'os.getenv("CIO_APP_API_KEY")', 'os.getenv("CIO_CDP_API_KEY")'),
    }[names.style]
    site, track_key, app_key, cdp_key = settings
    extra = ""
    if names.style == "flask":
        extra = f'bp = Blueprint("{names.app}", __name__)\n'
    elif names.style == "celery":
        extra = "logger = get_task_logger(__name__)\n"
    return (
        f'"""{docs[names.style]}"""\n\n'
        "import asyncio\n"
        "import logging\n"
        "import os\n"
        "import time\n"
        "from datetime import datetime, timedelta, timezone\n\n"
        f"{framework}\n"
        "from customerio import (\n"
        "    APIClient,\n"
        "    CustomerIO,\n"
        "    CustomerIOException,\n"
        "    Regions,\n"
        "    SendEmailRequest,\n"
        "    SendPushRequest,\n"
        ")\n"
        "from customerio import analytics\n\n"
        f"from {names.app}.models import {names.Model}, User\n\n"
        "log = logging.getLogger(__name__)\n"
        f"{extra}\n"
        f"{names.client} = CustomerIO({site}, {track_key}, region=Regions.US)\n"
        f"transactional = APIClient({app_key}, region=Regions.US)\n"
        f"analytics.write_key = {cdp_key}\n\n"
        f"{family.upper()}_RETRY_LIMIT = {names.number % 7 + 2}\n"
    )


def handler(names: Names, name: str, route: str) -> tuple[str, str]:
    """A decorated entry point and the statement that loads the acting user."""
    if names.style == "django":
        return (
            f"@login_required\n@require_POST\ndef {name}(request, pk):\n",
            "    user = request.user\n"
            f"    {names.model} = get_object_or_404({names.Model}, pk=pk, owner=user)\n",
        )
    if names.style == "flask":
        return (
            f'@bp.route("/{names.model}s/<int:pk>/{route}", methods=["POST"])\n'
            f"@login_required\ndef {name}(pk):\n",
            "    user = current_user\n"
            f"    {names.model} = {names.Model}.query.get_or_404(pk)\n",
        )
    return (
        f"@shared_task(bind=True, max_retries=3)\ndef {name}(self, pk):\n",
        f"    {names.model} = {names.Model}.objects.select_related(\"owner\").get(pk=pk)\n"
        f"    user = {names.model}.owner\n",
    )


def respond(names: Names, payload: str) -> str:
    """The framework's way of returning from an entry point."""
    if names.style == "django":
        return f"    return JsonResponse({payload})\n"
    if names.style == "flask":
        return f"    return jsonify({payload})\n"
    return f"    log.info(\"synced %s\", {payload})\n"


# --------------------------------------------------------------------------- sections
# Each section is one realistic unit of code: some calls are correct, some are findings.

Section = Callable[[random.Random, Names, int], str]


def credentials_section(rng: random.Random, names: Names, k: int) -> str:
    """Hard-coded keys and a client built per request (CIO1xx)."""
    key = "".join(rng.choice("0123456789abcdef") for _ in range(20))
    site = "".join(rng.choice("0123456789abcdef") for _ in range(20))
    opening, load = handler(names, f"refresh_{names.model}_{k}", "refresh")
    return (
        f"def build_reporting_client_{k}():\n"
        f'    """A second client for the reporting job."""\n'
        f'    return CustomerIO("{site}", "{key}", region=Regions.EU)\n\n\n'
        f"{opening}{load}"
        f"    client = CustomerIO({names.client}.site_id, os.environ[\"CIO_TRACK_KEY\"])\n"
        f"    client.identify(user.pk, {names.attr}=user.profile.{names.attr})\n"
        f'    {names.client}.track(user.pk, "{names.model}_refreshed",'
        f' {{"id": {names.model}.pk}})\n'
        + respond(names, f'{{"status": "refreshed", "id": {names.model}.pk}}')
    )


def timestamps_section(rng: random.Random, names: Names, k: int) -> str:
    """Milliseconds, dropped ISO strings and naive datetimes next to correct seconds (CIO2xx)."""
    opening, load = handler(names, f"complete_{names.model}_{k}", "complete")
    days = rng.randint(3, 30)
    return (
        f"def {names.model}_timestamp_ms_{k}():\n"
        f'    """Milliseconds since the epoch, as the frontend sends them."""\n'
        f"    return int(time.time() * 1000)\n\n\n"
        f"{opening}{load}"
        f"    completed_at = int(time.time() * 1000)\n"
        f"    {names.client}.track(\n"
        f"        customer_id=user.pk,\n"
        f'        name="{names.model}_completed",\n'
        f"        data={{\"{names.model}_id\": {names.model}.pk,"
        f" \"total\": str({names.model}.total)}},\n"
        f"        timestamp=completed_at,\n"
        f"    )\n"
        f"    {names.client}.identify(\n"
        f"        user.pk,\n"
        f"        last_{names.model}_at=int(time.time()),\n"
        "        renews_at=int((datetime.now(timezone.utc) +"
        f" timedelta(days={days})).timestamp()),\n"
        f"    )\n"
        f'    {names.client}.track(user.pk, "{names.model}_reviewed",'
        f' timestamp={names.model}.updated.isoformat())\n'
        f"    {names.client}.identify(user.pk, trial_ends_at=datetime.now() +"
        f" timedelta(days={days}))\n"
        + respond(names, '{"completed": True, "at": completed_at}')
    )


def identity_section(rng: random.Random, names: Names, k: int) -> str:
    """Email used as the id, tracking before identifying, a profile without email (CIO3xx)."""
    opening, load = handler(names, f"signup_{names.model}_{k}", "signup")
    return (
        f"{opening}{load}"
        f'    {names.client}.track(user.pk, "signed_up", {{"plan": "{names.plan}"}})\n'
        f"    {names.client}.identify(\n"
        f"        user.pk,\n"
        f"        email=user.email,\n"
        f"        created_at=int(user.date_joined.timestamp()),\n"
        f'        plan="{names.plan}",\n'
        f"    )\n"
        f"    {names.client}.identify(user.email, first_name=user.first_name)\n"
        f'    {names.client}.track(customer_id=user.email, name="{names.model}_started")\n'
        + respond(names, '{"ok": True}')
        + "\n\n"
        f"def create_guest_profile_{k}(guest):\n"
        f'    """Guests get a profile so campaigns can reach them later."""\n'
        f"    {names.client}.identify(guest.token, created_at=int(time.time()), source=\"guest\")\n"
    )


def events_section(rng: random.Random, names: Names, k: int) -> str:
    """Event names in the wrong style or built at run time, next to good ones (CIO4xx)."""
    opening, load = handler(names, f"upgrade_{names.model}_{k}", "upgrade")
    camel = "".join(part.capitalize() for part in (names.model, "upgraded"))
    return (
        f"{opening}{load}"
        f"    new_plan = {names.model}.plan_for(\"{names.plan}\")\n"
        f'    {names.client}.track(user.pk, "{camel}", {{"plan": new_plan.slug}})\n'
        f'    {names.client}.track(user.pk, f"upgraded_to_{{new_plan.slug}}")\n'
        f'    {names.client}.track(user.pk, "{names.model}_upgraded", {{"plan": new_plan.slug}})\n'
        f'    {names.client}.track(user.pk, "Viewed " + {names.model}.title)\n'
        + respond(names, '{"plan": new_plan.slug}')
    )


def transactional_section(rng: random.Random, names: Names, k: int) -> str:
    """Transactional requests with and without the fields the API requires (CIO5xx)."""
    opening, load = handler(names, f"send_{names.model}_receipt_{k}", "receipt")
    message_id = rng.randint(1, 90)
    return (
        f"{opening}{load}"
        "    receipt = SendEmailRequest(\n"
        "        to=user.email,\n"
        f'        transactional_message_id="{message_id}",\n'
        '        identifiers={"id": user.pk},\n'
        f"        message_data={{\"{names.model}\": {names.model}.pk,"
        f" \"total\": str({names.model}.total)}},\n"
        "    )\n"
        "    try:\n"
        "        transactional.send_email(receipt)\n"
        "    except CustomerIOException:\n"
        f'        log.exception("receipt for {names.model} %s failed", {names.model}.pk)\n'
        "    reminder = SendEmailRequest(\n"
        f'        to="{names.model} team",\n'
        f'        transactional_message_id="{message_id + 1}",\n'
        '        identifiers={"email": user.email, "id": user.pk},\n'
        "    )\n"
        "    transactional.send_email(reminder)\n"
        "    transactional.send_push(SendPushRequest(transactional_message_id=\"push_ready\"))\n"
        + respond(names, '{"sent": True}')
    )


def reliability_section(rng: random.Random, names: Names, k: int) -> str:
    """Unthrottled loops, unhandled errors and blocking calls in async code (CIO6xx)."""
    pause = rng.choice(("0.05", "0.1", "0.2"))
    return (
        f"def backfill_{names.model}s_{k}(since):\n"
        f'    """Re-send every {names.model} created since a date (run from a management'
        ' command)."""\n'
        f"    for {names.model} in {names.Model}.objects.filter(created__gte=since).iterator():\n"
        f"        {names.client}.identify({names.model}.owner_id,"
        f" {names.attr}={names.model}.{names.attr})\n"
        f"        {names.client}.track({names.model}.owner_id, \"{names.model}_imported\")\n\n\n"
        f"def backfill_{names.model}s_throttled_{k}(since):\n"
        f'    """The same backfill, at a pace the Track API accepts."""\n'
        f"    for {names.model} in {names.Model}.objects.filter(created__gte=since).iterator():\n"
        "        try:\n"
        f"            {names.client}.identify({names.model}.owner_id,"
        f" {names.attr}={names.model}.{names.attr})\n"
        "        except CustomerIOException:\n"
        f'            log.warning("could not sync %s", {names.model}.pk)\n'
        f"        time.sleep({pause})\n\n\n"
        f"async def notify_{names.model}_ready_{k}(user_id, {names.model}_id):\n"
        f'    """Called from the websocket consumer when the {names.model} is ready."""\n'
        f"    {names.client}.track(user_id, \"{names.model}_ready\","
        f" {{\"id\": {names.model}_id}})\n"
        "    await asyncio.sleep(0)\n"
    )


def attributes_section(rng: random.Random, names: Names, k: int) -> str:
    """Sensitive attributes, odd attribute names and inconsistent types (CIO7xx)."""
    opening, load = handler(names, f"update_profile_{k}", "profile")
    seats = rng.randint(1, 500)
    return (
        f"{opening}{load}"
        "    profile = {\n"
        f'        "{names.attr}": user.profile.{names.attr},\n'
        f'        "First Name": user.first_name,\n'
        f'        "seats": {seats},\n'
        f'        "password": user.password,\n'
        "    }\n"
        f"    {names.client}.identify(user.pk, **profile)\n"
        f'    {names.client}.identify(user.pk, seats="{seats}",'
        ' card_number=user.billing.card_number)\n'
        f"    {names.client}.identify(user.pk, {names.attr}=user.profile.{names.attr}, "
        f"last_{names.model}_id={names.model}.pk)\n"
        + respond(names, '{"updated": True}')
    )


def pipelines_section(rng: random.Random, names: Names, k: int) -> str:
    """The Pipelines (CDP) SDK: datetime timestamps, email ids, a missing flush."""
    return (
        f"def sync_{names.model}_to_pipelines_{k}(user, {names.model}):\n"
        f'    """Mirror the {names.model} into the data pipeline for the warehouse."""\n'
        "    analytics.identify(user.email,"
        f" {{\"email\": user.email, \"plan\": \"{names.plan}\"}})\n"
        f"    analytics.track(\n"
        f"        str(user.pk),\n"
        f'        "{names.model}_synced",\n'
        f"        {{\"id\": {names.model}.pk}},\n"
        f"        timestamp=time.time(),\n"
        f"    )\n"
        f"    analytics.track(str(user.pk), \"{names.model}_exported\", "
        f"timestamp=datetime.now(timezone.utc))\n"
        f"    analytics.identify(str(user.pk), {{\"created_at\": int(time.time() * 1000)}})\n"
    )


def plain_section(rng: random.Random, names: Names, k: int) -> str:
    """Ordinary application code with no Customer.io call, as most of a module is."""
    threshold = rng.randint(10, 900)
    return (
        f"def {names.model}_summary_{k}({names.model}s):\n"
        f'    """Totals shown on the {names.app} dashboard."""\n'
        "    started = time.time() * 1000\n"
        "    totals = {}\n"
        f"    for {names.model} in {names.model}s:\n"
        f"        bucket = totals.setdefault({names.model}.status,"
        f" {{\"count\": 0, \"amount\": 0}})\n"
        '        bucket["count"] += 1\n'
        f'        bucket["amount"] += {names.model}.total\n'
        f"        if {names.model}.total > {threshold}:\n"
        f'            log.debug("large {names.model} %s", {names.model}.pk)\n'
        '    log.info("summary took %.1f ms", time.time() * 1000 - started)\n'
        "    return totals\n\n\n"
        f"class {names.Model}Serializer{k}:\n"
        f'    """Turns a {names.model} into the JSON the mobile app expects."""\n\n'
        f"    fields = (\"id\", \"status\", \"total\", \"{names.attr}\")\n\n"
        f"    def __init__(self, {names.model}):\n"
        f"        self.{names.model} = {names.model}\n\n"
        "    def data(self):\n"
        f"        return {{field: getattr(self.{names.model}, field) for field in self.fields}}\n"
    )


SECTIONS: dict[str, Section] = {
    "credentials": credentials_section,
    "timestamps": timestamps_section,
    "identity": identity_section,
    "events": events_section,
    "transactional": transactional_section,
    "reliability": reliability_section,
    "attributes": attributes_section,
    "pipelines": pipelines_section,
}


def dense_module(seed: int, index: int, target_lines: int = 200) -> str:
    """One module of about ``target_lines`` lines mixing every family and plain code."""
    rng = random.Random(f"{seed}:dense:{index}")
    names = draw_names(rng, STYLES[index % len(STYLES)])
    families = list(FAMILIES)
    rng.shuffle(families)
    parts = [header(names, families[0])]
    k = 0
    while sum(part.count("\n") for part in parts) < target_lines - 12:
        k += 1
        section = plain_section if k % 3 == 0 else SECTIONS[families[k % len(families)]]
        parts.append(section(rng, names, k))
    return "\n\n".join(parts)


def planted_module(seed: int, index: int) -> str:
    """A module centred on one rule family, planted into the standard library copy."""
    rng = random.Random(f"{seed}:planted:{index}")
    family = FAMILIES[index % len(FAMILIES)]
    names = draw_names(rng, STYLES[index % len(STYLES)])
    parts = [header(names, family)]
    parts += [SECTIONS[family](rng, names, k) for k in (1, 2)]
    parts.append(plain_section(rng, names, 3))
    return "\n\n".join(parts)


# --------------------------------------------------------------------------- corpora

#: A pyproject at the corpus root: Fixit reads its rule selection from here (the rules
#: module is put on PYTHONPATH), cio-lint finds no [tool.cio-lint] table and uses defaults.
PYPROJECT = """\
[project]
name = "benchmark-corpus"
version = "0"

[tool.fixit]
root = true
disable = ["fixit.rules"]
enable = ["cio_fixit_rules"]
"""

#: Semgrep skips test directories by default; an explicit (empty) ignore file makes it
#: read the same files as the other tools.
SEMGREPIGNORE = "# every file is a benchmark target\n"


def _prepare(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT)
    (root / ".semgrepignore").write_text(SEMGREPIGNORE)


def stdlib_files() -> Iterator[Path]:
    """The running interpreter's standard library sources, without installed packages."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.rglob("*.py")):
        relative = path.relative_to(stdlib)
        if not EXCLUDED_DIRS.intersection(relative.parts[:-1]):
            yield path


def build_sparse(root: Path, *, seed: int, stdlib_limit: int | None = None,
                 planted: int = 20) -> int:
    """Copy the standard library (every n-th file when limited) and plant SDK modules."""
    _prepare(root)
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    files = list(stdlib_files())
    if stdlib_limit is not None and stdlib_limit < len(files):
        step = len(files) / stdlib_limit
        files = [files[int(i * step)] for i in range(stdlib_limit)]
    for source in files:
        target = root / "stdlib" / source.relative_to(stdlib)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for index in range(planted):
        target = root / "app" / f"{FAMILIES[index % len(FAMILIES)]}_{index:02d}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(planted_module(seed, index))
    return len(files) + planted


def build_dense(root: Path, *, seed: int, count: int, lines: int = 200) -> int:
    """Write ``count`` generated modules; a smaller count is a prefix of a larger one."""
    _prepare(root)
    for index in range(count):
        app = APP_NAMES[index % len(APP_NAMES)]
        kind = ("views", "tasks", "services")[index % 3]
        target = root / app / f"{kind}_{index:04d}.py"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dense_module(seed, index, lines))
    return count


def python_files(root: Path) -> list[Path]:
    """The files a corpus holds, for counting lines and bytes in the report."""
    return sorted(root.rglob("*.py"))
