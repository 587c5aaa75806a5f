"""Build the JavaScript/TypeScript corpora, deterministically, outside the repository.

The same two shapes as the Python corpora (see corpora.py): ``js-sparse`` is the shipped
sources of real npm packages (installed by ``run.py --setup``) with a few planted
Customer.io modules, ``js-dense`` is generated TypeScript where every module uses
``customerio-node``: Express routes, Next.js server actions and BullMQ workers that mix
correct calls with findings of every rule family, and one ``lib/customerio.ts`` wrapper
that half of them import their clients from.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from corpora import APP_NAMES, FAMILIES, MODELS, SEMGREPIGNORE, Names, draw_names

JS_SUFFIXES = (".js", ".jsx", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".tsx")
#: Left out of the copied package sources: declarations hold no calls, bundles are one
#: line; very large files are generated (semgrep skips files over 1 MB by default).
SKIPPED_SUFFIXES = (".d.ts", ".d.mts", ".d.cts", ".min.js", ".min.mjs", ".min.cjs")
MAX_FILE_BYTES = 500_000
#: Folder names cio-lint excludes by default (and ESLint, for node_modules): a copied
#: package's ``dist/`` becomes ``_dist/`` so every tool reads the same files.
RENAMED_DIRS = frozenset({"node_modules", "dist", "build", "out", "env", "venv", ".next",
                          "site-packages", "__pycache__", ".git"})
STYLES = ("express", "next", "worker")

#: Root package.json: cio-lint reads the customerio-node version from it.
PACKAGE_JSON = """\
{
  "name": "benchmark-corpus",
  "private": true,
  "dependencies": {
    "@customerio/cdp-analytics-node": "0.5.9",
    "bullmq": "5.34.0",
    "customerio-node": "4.5.1",
    "express": "5.3.0",
    "next": "15.5.0"
  }
}
"""


# --------------------------------------------------------------------------- real files

def package_sources(node_modules: Path) -> Iterator[tuple[str, Path]]:
    """(package name, file) for every readable source an installed package ships."""
    top = sorted(p for p in node_modules.iterdir() if p.is_dir() and not p.name.startswith("."))
    packages = [s for p in top for s in (sorted(p.iterdir()) if p.name.startswith("@") else [p])]
    for package in packages:
        name = package.relative_to(node_modules).as_posix()
        for directory, dirnames, filenames in os.walk(package):
            dirnames[:] = sorted(d for d in dirnames if d != "node_modules")
            for file in sorted(filenames):
                path = Path(directory) / file
                if (file.endswith(JS_SUFFIXES) and not file.endswith(SKIPPED_SUFFIXES)
                        and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES):
                    yield name, path


def select_sources(node_modules: Path, limit: int) -> list[tuple[str, Path]]:
    """About ``limit`` files, spread over the packages: at most an even share from each
    package (evenly spaced inside it), so date-fns' thousands of files do not crowd out
    the rest; the shares left over by small packages go to the big ones."""
    by_package: dict[str, list[Path]] = {}
    for name, path in package_sources(node_modules):
        by_package.setdefault(name, []).append(path)
    chosen: list[tuple[str, Path]] = []
    remaining, budget = sorted(by_package, key=lambda n: len(by_package[n])), limit
    for position, name in enumerate(remaining):
        files = by_package[name]
        share = budget // (len(remaining) - position)
        if share == 0:
            files = []  # fewer files asked for than packages: the biggest ones get one each
        elif len(files) > share:
            step = len(files) / share
            files = [files[int(i * step)] for i in range(share)]
        chosen += [(name, path) for path in files]
        budget -= len(files)
    return chosen


def _safe_relative(path: Path) -> Path:
    return Path(*(f"_{part.lstrip('.')}" if part in RENAMED_DIRS else part
                  for part in path.parts))


# --------------------------------------------------------------------------- generated code

def header(names: Names, family: str, wrapper: str | None) -> str:
    """Imports and clients: the module's own, or the ones the wrapper module exports."""
    framework = {
        "express": ('import express, { type Request, type Response } from "express";\n'
                    'import { db } from "../../lib/db";\n'
                    'import { logger } from "../../lib/logger";\n'),
        "next": ('"use server";\n\n'
                 'import { NextResponse } from "next/server";\n'
                 'import { auth } from "../../lib/auth";\nimport { db } from "../../lib/db";\n'
                 'import { logger } from "../../lib/logger";\n'),
        "worker": ('import { Worker, type Job } from "bullmq";\n'
                   'import { db } from "../../lib/db";\n'
                   'import { logger } from "../../lib/logger";\n'),
    }[names.style]
    sdk = ('import {\n  APIClient,\n  RegionEU,\n  RegionUS,\n  SendEmailRequest,\n'
           '  SendPushRequest,\n  TrackClient,\n} from "customerio-node";\n'
           'import { Analytics } from "@customerio/cdp-analytics-node";\n')
    if wrapper is not None:
        clients = f'import {{ {names.client}, api, analytics }} from "{wrapper}";\n'
    else:
        clients = (
            f"\nconst {names.client} = new TrackClient(\n"
            "  process.env.CUSTOMERIO_SITE_ID!,\n  process.env.CUSTOMERIO_TRACK_API_KEY!,\n"
            "  { region: RegionUS },\n);\n"
            "const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!,"
            " { region: RegionUS });\n"
            "const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_CDP_API_KEY! });\n"
        )
    extra = "\nexport const router = express.Router();\n" if names.style == "express" else ""
    return (f"// {names.app}: {names.model} lifecycle reported to Customer.io ({names.style}).\n"
            f"{framework}{sdk}{clients}{extra}\n"
            f"const {family.upper()}_RETRY_LIMIT = {names.number % 7 + 2};\n"
            "const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n")


def handler(names: Names, name: str, route: str) -> tuple[str, str, str]:
    """An entry point's opening, the statements that load the acting user, its closing."""
    if names.style == "express":
        return (
            f'router.post("/{names.model}s/:id/{route}", async function {name}'
            "(req: Request, res: Response) {\n",
            "  const user = req.user!;\n"
            f"  const {names.model} = await db.{names.model}.findFirstOrThrow("
            "{ where: { id: req.params.id, ownerId: user.id } });\n",
            "});\n",
        )
    if names.style == "next":
        return (
            f"export async function {name}(id: string) {{\n",
            "  const { user } = await auth();\n"
            f"  const {names.model} = await db.{names.model}.findUniqueOrThrow("
            "{ where: { id } });\n",
            "}\n",
        )
    return (
        f"export async function {name}(job: Job<{{ id: string }}>) {{\n",
        f"  const {names.model} = await db.{names.model}.findUniqueOrThrow("
        "{ where: { id: job.data.id }, include: { owner: true } });\n"
        f"  const user = {names.model}.owner;\n",
        "}\n",
    )


def respond(names: Names, payload: str) -> str:
    if names.style == "express":
        return f"  res.json({payload});\n"
    if names.style == "next":
        return f"  return NextResponse.json({payload});\n"
    return f'  logger.info({payload}, "synced");\n'


Section = Callable[[random.Random, Names, int], str]


def credentials_section(rng: random.Random, names: Names, k: int) -> str:
    """The App client given the Track key, a literal key, a region string (CIO1xx)."""
    key = "".join(rng.choice("0123456789abcdef") for _ in range(20))
    site = "".join(rng.choice("0123456789abcdef") for _ in range(20))
    opening, load, closing = handler(names, f"refresh{names.Model}{k}", "refresh")
    return (
        f"export function buildReportingClients{k}() {{\n"
        f'  const reporting = new TrackClient("{site}", "{key}", {{ region: RegionEU }});\n'
        "  const admin = new APIClient(process.env.CUSTOMERIO_TRACK_API_KEY!);\n"
        "  return { reporting, admin };\n}\n\n"
        f"{opening}{load}"
        "  const client = new TrackClient(process.env.CUSTOMERIO_SITE_ID!,"
        ' process.env.CUSTOMERIO_TRACK_API_KEY!, { region: "eu" });\n'
        "  try {\n"
        f"    await client.identify(user.id, {{ {names.attr}: user.{names.attr} }});\n"
        f'    await {names.client}.track(user.id, {{ name: "{names.model}_refreshed",'
        f" data: {{ id: {names.model}.id }} }});\n"
        "  } catch (error) {\n"
        f'    logger.warn({{ error }}, "could not report the {names.model}");\n'
        "  }\n"
        + respond(names, f'{{ status: "refreshed", id: {names.model}.id }}') + closing
    )


def timestamps_section(rng: random.Random, names: Names, k: int) -> str:
    """Milliseconds and Date objects next to correct seconds (CIO2xx)."""
    opening, load, closing = handler(names, f"complete{names.Model}{k}", "complete")
    days = rng.randint(3, 30)
    return (
        f"{opening}{load}"
        "  try {\n"
        f"    await {names.client}.identify(user.id, {{\n"
        "      created_at: Date.now(),\n"
        f"      last_{names.model}_at: Math.floor(Date.now() / 1000),\n"
        f"      renews_at: new Date(Date.now() + {days} * 86_400_000),\n"
        "    });\n"
        f"    await {names.client}.track(user.id, {{\n"
        f'      name: "{names.model}_completed",\n'
        "      timestamp: Date.now(),\n"
        f"      data: {{ {names.model}_id: {names.model}.id, total: {names.model}.total }},\n"
        "    });\n"
        f"    await {names.client}.track(user.id, {{ name: \"{names.model}_reviewed\","
        f" timestamp: {names.model}.updatedAt.toISOString() }});\n"
        "  } catch (error) {\n"
        '    logger.error({ error }, "customer.io");\n'
        "  }\n"
        + respond(names, "{ completed: true }") + closing
    )


def identity_section(rng: random.Random, names: Names, k: int) -> str:
    """Email as the id, tracking before identifying, an object as the id (CIO3xx)."""
    opening, load, closing = handler(names, f"signup{names.Model}{k}", "signup")
    return (
        f"{opening}{load}"
        "  try {\n"
        f'    await {names.client}.track(user.id, {{ name: "signed_up", data:'
        f' {{ plan: "{names.plan}" }} }});\n'
        f"    await {names.client}.identify(user.id, {{\n"
        "      email: user.email,\n"
        "      created_at: Math.floor(user.createdAt.getTime() / 1000),\n"
        f'      plan: "{names.plan}",\n'
        "    });\n"
        f"    await {names.client}.identify(user.email, {{ first_name: user.firstName }});\n"
        f"    await {names.client}.identify({{ id: user.id, email: user.email }});\n"
        "  } catch (error) {\n"
        '    logger.error({ error }, "customer.io");\n'
        "  }\n"
        + respond(names, "{ ok: true }") + closing + "\n"
        f"export async function createGuestProfile{k}(guest: {{ token: string }}) {{\n"
        f"  await {names.client}.identify(guest.token, {{ created_at:"
        ' Math.floor(Date.now() / 1000), source: "guest" });\n}\n'
    )


def events_section(rng: random.Random, names: Names, k: int) -> str:
    """Event names in the wrong style or built at run time, next to good ones (CIO4xx)."""
    opening, load, closing = handler(names, f"upgrade{names.Model}{k}", "upgrade")
    camel = "".join(part.capitalize() for part in (names.model, "upgraded"))
    return (
        f"{opening}{load}"
        "  const plan = await db.plan.findUniqueOrThrow("
        f'{{ where: {{ slug: "{names.plan}" }} }});\n'
        "  try {\n"
        f'    await {names.client}.track(user.id, {{ name: "{camel}",'
        " data: { plan: plan.slug } });\n"
        f"    await {names.client}.track(user.id, {{ name: `upgraded_to_${{plan.slug}}` }});\n"
        f'    await {names.client}.track(user.id, {{ name: "{names.model}_upgraded",'
        " data: { plan: plan.slug } });\n"
        f'    await {names.client}.track(user.id, {{ name: "Viewed " + {names.model}.title }});\n'
        "  } catch (error) {\n"
        '    logger.error({ error }, "customer.io");\n'
        "  }\n"
        + respond(names, "{ plan: plan.slug }") + closing
    )


def transactional_section(rng: random.Random, names: Names, k: int) -> str:
    """Requests with and without the fields the API requires (CIO5xx)."""
    opening, load, closing = handler(names, f"send{names.Model}Receipt{k}", "receipt")
    message_id = rng.randint(1, 90)
    return (
        f"{opening}{load}"
        "  const receipt = new SendEmailRequest({\n"
        "    to: user.email,\n"
        f'    transactional_message_id: "{message_id}",\n'
        "    identifiers: { id: user.id },\n"
        f"    message_data: {{ {names.model}: {names.model}.id, total: {names.model}.total }},\n"
        "  });\n"
        "  const reminder = new SendEmailRequest({\n"
        f'    to: "{names.model} team",\n'
        f'    transactional_message_id: "{message_id + 1}",\n'
        "    identifiers: { email: user.email, id: user.id },\n"
        "  });\n"
        "  try {\n"
        "    await api.sendEmail(receipt);\n"
        "    await api.sendEmail(reminder);\n"
        "    await api.sendEmail(new SendEmailRequest({ to: user.email,"
        f' transactional_message_id: "{message_id + 2}" }}));\n'
        '    await api.sendPush(new SendPushRequest({ transactional_message_id: "push_ready" }));\n'
        "  } catch (error) {\n"
        f'    logger.error({{ error }}, "receipt for {names.model} failed");\n'
        "  }\n"
        + respond(names, "{ sent: true }") + closing
    )


def reliability_section(rng: random.Random, names: Names, k: int) -> str:
    """An unguarded await in a handler, a floating promise, unbounded and unthrottled
    fan-out, next to a paced backfill (CIO6xx)."""
    opening, load, closing = handler(names, f"notify{names.Model}Ready{k}", "ready")
    pause = rng.choice((50, 100, 200))
    return (
        f"{opening}{load}"
        f"  await {names.client}.track(user.id, {{ name: \"{names.model}_ready\","
        f" data: {{ id: {names.model}.id }} }});\n"
        f"  {names.client}.identify(user.id, {{ {names.attr}: user.{names.attr} }});\n"
        + respond(names, "{ ok: true }") + closing + "\n"
        f"export async function backfill{names.Model}s{k}(since: Date) {{\n"
        f"  const rows = await db.{names.model}.findMany("
        "{ where: { createdAt: { gte: since } } });\n"
        "  await Promise.all(\n"
        f"    rows.map((row) => {names.client}.identify(row.ownerId,"
        f" {{ {names.attr}: row.{names.attr} }})),\n"
        "  );\n"
        "  for (const row of rows) {\n"
        f'    await {names.client}.track(row.ownerId, {{ name: "{names.model}_imported" }});\n'
        "  }\n}\n\n"
        f"export async function backfill{names.Model}sThrottled{k}(since: Date) {{\n"
        f"  for (const row of await db.{names.model}.findMany({{ where: {{ createdAt:"
        " { gte: since } } })) {\n"
        "    try {\n"
        f"      await {names.client}.identify(row.ownerId,"
        f" {{ {names.attr}: row.{names.attr} }});\n"
        "    } catch (error) {\n"
        '      logger.warn({ error, id: row.id }, "could not sync");\n'
        "    }\n"
        f"    await sleep({pause});\n"
        "  }\n}\n"
    )


def attributes_section(rng: random.Random, names: Names, k: int) -> str:
    """Sensitive attributes, odd names and inconsistent types (CIO7xx)."""
    opening, load, closing = handler(names, f"updateProfile{k}", "profile")
    seats = rng.randint(1, 500)
    return (
        f"{opening}{load}"
        "  const profile = {\n"
        f"    {names.attr}: user.{names.attr},\n"
        '    "First Name": user.firstName,\n'
        f"    seats: {seats},\n"
        "    password: user.password,\n"
        "  };\n"
        "  try {\n"
        f"    await {names.client}.identify(user.id, profile);\n"
        f'    await {names.client}.identify(user.id, {{ seats: "{seats}",'
        " card_number: user.billing.cardNumber });\n"
        f"    await {names.client}.identify(user.id, {{ {names.attr}: user.{names.attr},"
        f" last_{names.model}_id: {names.model}.id }});\n"
        "  } catch (error) {\n"
        '    logger.error({ error }, "customer.io");\n'
        "  }\n"
        + respond(names, "{ updated: true }") + closing
    )


def pipelines_section(rng: random.Random, names: Names, k: int) -> str:
    """The CDP SDK: email as the user id, a number as the timestamp, no closeAndFlush."""
    return (
        f"export function sync{names.Model}ToPipelines{k}(user: {{ id: string; email: string }},"
        f" {names.model}: {{ id: string }}) {{\n"
        f'  analytics.identify({{ userId: user.email, traits: {{ email: user.email,'
        f' plan: "{names.plan}" }} }});\n'
        "  analytics.track({\n"
        "    userId: user.id,\n"
        f'    event: "{names.model}_synced",\n'
        f"    properties: {{ id: {names.model}.id }},\n"
        "    timestamp: Math.floor(Date.now() / 1000),\n"
        "  });\n"
        f'  analytics.track({{ userId: user.id, event: "{names.model}_exported",'
        " timestamp: new Date() });\n}\n"
    )


def plain_section(rng: random.Random, names: Names, k: int) -> str:
    """Ordinary application code with no Customer.io call, as most of a module is."""
    threshold = rng.randint(10, 900)
    return (
        f"export function {names.model}Summary{k}({names.model}s: Array<{{ status: string;"
        " total: number; id: string }>) {\n"
        "  const started = Date.now();\n"
        "  const totals: Record<string, { count: number; amount: number }> = {};\n"
        f"  for (const {names.model} of {names.model}s) {{\n"
        f"    const bucket = (totals[{names.model}.status] ??= {{ count: 0, amount: 0 }});\n"
        "    bucket.count += 1;\n"
        f"    bucket.amount += {names.model}.total;\n"
        f"    if ({names.model}.total > {threshold}) {{\n"
        f'      logger.debug({{ id: {names.model}.id }}, "large {names.model}");\n'
        "    }\n  }\n"
        '  logger.info({ ms: Date.now() - started }, "summary");\n'
        "  return totals;\n}\n\n"
        f"export class {names.Model}Serializer{k} {{\n"
        f'  static readonly fields = ["id", "status", "total", "{names.attr}"] as const;\n\n'
        f"  constructor(private readonly {names.model}: Record<string, unknown>) {{}}\n\n"
        "  data(): Record<string, unknown> {\n"
        f"    return Object.fromEntries({names.Model}Serializer{k}.fields.map("
        f"(field) => [field, this.{names.model}[field]]));\n"
        "  }\n}\n"
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

WRAPPER = """\
// One place that builds the Customer.io clients; routes and workers import them from here.
import { APIClient, RegionUS, TrackClient } from "customerio-node";
import { Analytics } from "@customerio/cdp-analytics-node";

export const cio = new TrackClient(
  process.env.CUSTOMERIO_SITE_ID!,
  process.env.CUSTOMERIO_TRACK_API_KEY!,
  { region: RegionUS },
);
export const customerioClient = cio;
export const trackClient = cio;
export const tracker = cio;
export const api = new APIClient(process.env.CUSTOMERIO_APP_API_KEY!, { region: RegionUS });
export const analytics = new Analytics({ writeKey: process.env.CUSTOMERIO_CDP_API_KEY! });

export async function identifyUser(id: string, attributes: Record<string, unknown>) {
  await cio.identify(id, attributes);
}

export async function trackEvent(id: string, name: string, data: Record<string, unknown> = {}) {
  await cio.track(id, { name, data });
}
"""

#: Client variable names the wrapper exports (draw_names picks one per module).
CLIENT_NAMES = ("cio", "customerio_client", "track_client", "tracker")


def _js_names(rng: random.Random, style: str) -> Names:
    names = draw_names(rng, style)
    camel = {"customerio_client": "customerioClient", "track_client": "trackClient"}
    return Names(style=names.style, model=names.model, plan=names.plan, attr=names.attr,
                 app=names.app, client=camel.get(names.client, names.client),
                 number=names.number)


def dense_path(index: int) -> tuple[str, str | None]:
    """Where module ``index`` lives and how it imports the wrapper (None: own clients)."""
    style = STYLES[index % len(STYLES)]
    app, model = APP_NAMES[index % len(APP_NAMES)], MODELS[index % len(MODELS)]
    wrapper = "../../lib/customerio"
    folder = {"express": "src/routes", "next": "src/actions", "worker": "src/workers"}[style]
    suffix = ".worker.ts" if style == "worker" else ".ts"
    return f"{folder}/{app}/{model}_{index:04d}{suffix}", (wrapper if index % 2 else None)


def dense_module(seed: int, index: int, target_lines: int = 200) -> str:
    """One TypeScript module of about ``target_lines`` lines mixing every family."""
    rng = random.Random(f"{seed}:js-dense:{index}")
    names = _js_names(rng, STYLES[index % len(STYLES)])
    families = list(FAMILIES)
    rng.shuffle(families)
    parts = [header(names, families[0], dense_path(index)[1])]
    k = 0
    while sum(part.count("\n") for part in parts) < target_lines - 12:
        k += 1
        section = plain_section if k % 3 == 0 else SECTIONS[families[k % len(families)]]
        parts.append(section(rng, names, k))
    return "\n".join(parts)


def planted_module(seed: int, index: int) -> str:
    """A module centred on one rule family, planted among the package sources."""
    rng = random.Random(f"{seed}:js-planted:{index}")
    family = FAMILIES[index % len(FAMILIES)]
    names = _js_names(rng, STYLES[index % len(STYLES)])
    parts = [header(names, family, None)]
    parts += [SECTIONS[family](rng, names, k) for k in (1, 2)]
    parts.append(plain_section(rng, names, 3))
    return "\n".join(parts)


# --------------------------------------------------------------------------- corpora

def _prepare(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "package.json").write_text(PACKAGE_JSON)
    (root / ".semgrepignore").write_text(SEMGREPIGNORE)


def build_sparse(root: Path, *, seed: int, node_modules: Path, limit: int,
                 planted: int = 20) -> int:
    """Copy about ``limit`` package sources under ``vendor/`` and plant SDK modules."""
    _prepare(root)
    for package, source in select_sources(node_modules, limit):
        relative = _safe_relative(source.relative_to(node_modules / package))
        target = root / "vendor" / package / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for index in range(planted):
        target = root / "src" / "customerio" / f"{FAMILIES[index % len(FAMILIES)]}_{index:02d}.ts"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(planted_module(seed, index))
    return len(js_files(root))


def build_dense(root: Path, *, seed: int, count: int, lines: int = 200) -> int:
    """``lib/customerio.ts`` plus ``count`` generated modules (a prefix of a larger set)."""
    _prepare(root)
    (root / "src" / "lib").mkdir(parents=True)
    (root / "src" / "lib" / "customerio.ts").write_text(WRAPPER)
    for index in range(1, count):
        relative, _ = dense_path(index)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dense_module(seed, index, lines))
    return count


def js_files(root: Path) -> list[Path]:
    """The files a corpus holds, for counting lines and bytes in the report."""
    return sorted(p for p in root.rglob("*") if p.name.endswith(JS_SUFFIXES) and p.is_file())
