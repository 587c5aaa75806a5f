"""Small projects the server tests open, written into a temporary folder."""

from __future__ import annotations

from pathlib import Path

CLIENT = '''import os

from customerio import CustomerIO

cio = CustomerIO(os.environ["CUSTOMERIO_SITE_ID"], os.environ["CUSTOMERIO_TRACK_API_KEY"])
'''

SIGNUP = '''import time

from app.clients import cio


def signup(user_id, email):
    cio.identify(id=user_id, email=email, created_at=int(time.time() * 1000))
'''

#: A wrapper whose ``when`` does not reach the SDK yet; ``TRACKING_FORWARDING`` passes it.
TRACKING = '''from app.clients import cio


def register(user_id, email):
    cio.identify(id=user_id, email=email)


def record_event(user_id, name, when=None):
    cio.track(customer_id=user_id, name=name)
'''
TRACKING_FORWARDING = TRACKING.replace("name=name)", "name=name, timestamp=when)")

VIEWS = '''import time

from app.tracking import record_event


def checkout(user):
    record_event(user.id, "order_completed", when=int(time.time() * 1000))
'''

SIGNUP_TS = '''import { TrackClient } from "customerio-node";

const cio = new TrackClient(process.env.CIO_SITE_ID!, process.env.CIO_TRACK_KEY!);

export async function signup(id: string, email: string) {
  await cio.identify(id, { email, created_at: Date.now() });
}
'''


def write_project(root: Path, files: dict[str, str]) -> Path:
    """``files`` (path: text) under ``root``, with a package ``app`` and a pyproject."""
    (root / "pyproject.toml").write_text("[tool.cio-lint]\n", encoding="utf-8")
    (root / "app").mkdir(exist_ok=True)
    (root / "app" / "__init__.py").write_text("", encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def shop(root: Path) -> Path:
    """The project most tests open: a client, a signup, a wrapper and its caller."""
    return write_project(root, {
        "app/clients.py": CLIENT, "app/signup.py": SIGNUP, "app/tracking.py": TRACKING,
        "app/views.py": VIEWS,
    })
