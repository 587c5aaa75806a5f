"""The cache directory on disk, and the per-user key that signs its entries.

A cache directory may sit in a checkout, so a repository can plant anything in it:
links to ``/dev/zero`` or out of the tree, huge or deeply nested files, an empty
``.gitignore``. Nothing here follows a symbolic link below the cache root: entries
are read only as regular files, without following links and up to a size limit;
directories are checked with ``lstat`` before anything is read or written in them;
files are written to a fresh temporary file and renamed into place (a rename replaces
a link, it never writes through one). The key lives outside any checkout
(``$XDG_CACHE_HOME/cio-lint/key``, else ``~/.cache/cio-lint/key``), readable only by
its owner, so an entry a repository carries never verifies.
"""

from __future__ import annotations

import contextlib
import os
import stat
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from cio_lint.core.bounded_read import read_regular_file
from cio_lint.engine.cache_version import FORMAT

#: ``typing.TYPE_CHECKING`` without importing ``typing`` (``quick_replay`` loads this).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

#: No entry comes near this (results of a file at the 10 MB reading limit included).
MAX_ENTRY_BYTES = 64 * 1024 * 1024
IGNORE_TEXT = "# Automatically created by cio-lint.\n*\n"
#: The cache directory in a project root, unless ``--cache-dir`` or this variable names one.
DIRECTORY_NAME = ".cio_lint_cache"
ENVIRONMENT_VARIABLE = "CIO_LINT_CACHE_DIR"
_KEY_BYTES = 32


class CacheUnavailable(Exception):
    """Why this run goes without a cache, in one line."""


def signature(secret: bytes, signed_as: str, body: bytes) -> bytes:
    """Binds ``body`` to the name it is signed as and to this user: ``hex(HMAC-SHA256)``."""
    import hashlib
    import hmac

    return hmac.new(secret, signed_as.encode("ascii") + b"\x00" + body,
                    hashlib.sha256).hexdigest().encode("ascii")


def entry_parts(key: str, shelf: str = "") -> tuple[str, ...]:
    """Where the entry ``key`` lives below the cache directory: ``v<N>/ab/<key>.json``;
    one on a shelf (run records, reports) in ``v<N>/<shelf>/ab/<key>.json``."""
    return (f"v{FORMAT}", *((shelf,) if shelf else ()), key[:2], f"{key}.json")


def read_verified(files: CacheFiles, secret: bytes, signed_as: str, *where: str
                  ) -> bytes | None:
    """The body stored at ``where``, if its signature is ours for ``signed_as``."""
    import hmac

    try:
        signed, _, body = files.read(*where).partition(b"\n")
    except OSError:
        return None
    if not hmac.compare_digest(signed, signature(secret, signed_as, body)):
        return None
    return body


def existing_secret() -> bytes | None:
    """The per-user signing key if there is a sound one already (a lookup never makes
    one: without it, nothing in any cache verifies)."""
    try:
        return _read_key(key_path())
    except (RuntimeError, KeyError, OSError, ValueError, CacheUnavailable):
        return None


def key_path() -> Path:
    """Where the signing key lives: the user's cache directory, never a project."""
    configured = os.environ.get("XDG_CACHE_HOME", "")
    base = Path(configured) if os.path.isabs(configured) else Path.home() / ".cache"
    return base / "cio-lint" / "key"


def load_secret(project_root: Path) -> bytes:
    """The per-user signing key, created (readable by its owner only) on first use."""
    try:
        path = key_path()
    except (RuntimeError, KeyError):  # no home directory to keep a key in
        raise CacheUnavailable("no home directory to keep the cache key in") from None
    if _inside(path, project_root):
        raise CacheUnavailable(f"the cache key {path} lies inside the project")
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    except ValueError:  # damaged: entries it signed cannot be trusted either
        return _new_key(path, replace=True)
    except OSError as error:
        raise CacheUnavailable(f"cannot read the cache key {path}: {_reason(error)}") from None
    return _new_key(path, replace=False)


def _read_key(path: Path) -> bytes:
    data = read_regular_file(path, 4 * _KEY_BYTES, follow_symlinks=False)
    status = os.lstat(path)
    if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o077):
        raise CacheUnavailable(
            f"the cache key {path} must belong to you and be private (chmod 600 it)")
    secret = bytes.fromhex(data.decode("ascii").strip())
    if len(secret) < _KEY_BYTES:
        raise ValueError("short key")
    return secret


def _new_key(path: Path, *, replace: bool) -> bytes:
    """Write a fresh key; when another run made one meanwhile, use theirs."""
    import secrets  # with tempfile: only a run that makes a key or writes loads them
    import tempfile

    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(prefix=".key.", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(descriptor, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(_KEY_BYTES) + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            if replace:
                os.replace(temporary, path)
            else:
                with contextlib.suppress(FileExistsError):
                    os.link(temporary, path)  # complete or absent, never half-written
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
        return _read_key(path)
    except (OSError, ValueError) as error:
        raise CacheUnavailable(f"cannot create the cache key {path}: {_reason(error)}") from None


def check_location(directory: Path, project_root: Path) -> None:
    """Refuse a default cache directory that is a link out of the project."""
    if os.path.islink(directory) and not _inside(Path(os.path.realpath(directory)),
                                                 project_root):
        raise CacheUnavailable(f"{directory} is a symbolic link out of the project")


class CacheFiles:
    """Bytes by relative path under one root, never through a link."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._directories: set[Path] = set()
        self._ignore_checked = False

    def read(self, *parts: str) -> bytes:
        """The bytes of a regular file under the root; ``OSError`` when there is none."""
        path = self._directory(self.root.joinpath(*parts[:-1]), create=False) / parts[-1]
        return read_regular_file(path, MAX_ENTRY_BYTES, follow_symlinks=False)

    def refresh(self, *parts: str, older_than: float) -> bool:
        """Set a regular file's mtime to now if it is older than ``older_than`` seconds;
        whether it was.

        Never through a link; where links cannot be told apart, never at all."""
        if os.utime not in os.supports_follow_symlinks:
            return False
        path = self.root.joinpath(*parts)
        try:
            status = os.lstat(path)
            if stat.S_ISREG(status.st_mode) and time.time() - status.st_mtime >= older_than:
                os.utime(path, follow_symlinks=False)
                return True
        except OSError:
            pass
        return False

    def write(self, data: bytes, *parts: str) -> None:
        """Replace a file under the root in one step (``OSError`` when that fails)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.keep_out_of_git()
        directory = self._directory(self.root.joinpath(*parts[:-1]), create=True)
        _replace(directory / parts[-1], data)

    def write_signed_stream(self, chunks: Iterable[bytes], mac: Any, *parts: str) -> bool:
        """Replace a file under the root with ``mac``'s hex digest, a newline and
        ``chunks``, never holding them all at once: the digest, of the chunks, is written
        last over a placeholder. False, and nothing written, when they come to more than
        an entry may hold (``OSError`` when writing fails)."""
        self.root.mkdir(parents=True, exist_ok=True)
        self.keep_out_of_git()
        directory = self._directory(self.root.joinpath(*parts[:-1]), create=True)

        def write(handle: BinaryIO) -> bool:
            handle.write(b"0" * mac.digest_size * 2 + b"\n")
            size = 0
            for chunk in chunks:
                size += len(chunk)
                if size > MAX_ENTRY_BYTES:
                    return False
                mac.update(chunk)
                handle.write(chunk)
            handle.seek(0)
            handle.write(mac.hexdigest().encode("ascii"))
            return True

        return _replace_with(directory / parts[-1], write)

    def keep_out_of_git(self) -> None:
        """Make the root's ``.gitignore`` say ``*``, whatever a planted or torn one says."""
        if self._ignore_checked or not self.root.is_dir():
            return
        ignore = self.root / ".gitignore"
        try:
            current = read_regular_file(ignore, len(IGNORE_TEXT), follow_symlinks=False)
        except OSError:
            current = b""
        if current != IGNORE_TEXT.encode("utf-8"):
            with contextlib.suppress(OSError):
                _replace(ignore, IGNORE_TEXT.encode("utf-8"))
        self._ignore_checked = True

    def _directory(self, path: Path, *, create: bool) -> Path:
        """``path`` when it and every directory between it and the root are real ones."""
        if path in self._directories or path == self.root or path == path.parent:
            return path
        self._directory(path.parent, create=create)
        if create:
            with contextlib.suppress(FileExistsError):
                path.mkdir()
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            raise NotADirectoryError(f"{path} is not a directory")
        self._directories.add(path)
        return path


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``path``, then rename it over ``path``."""
    _replace_with(path, lambda handle: handle.write(data) >= 0)


def _replace_with(path: Path, write: Callable[[BinaryIO], bool]) -> bool:
    """``write`` a new file beside ``path`` and rename it over ``path``, unless ``write``
    says no (False): the new file is removed then, and ``path`` left as it was."""
    import tempfile

    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                             dir=path.parent)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            keep = write(handle)
        if keep:
            os.replace(temporary, path)
            return True
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):
        os.unlink(temporary)
    return False


def _inside(path: Path, directory: Path) -> bool:
    real, container = os.path.realpath(path), os.path.realpath(directory)
    return real == container or real.startswith(container.rstrip(os.sep) + os.sep)


def _reason(error: Exception) -> str:
    return (error.strerror if isinstance(error, OSError) else None) or str(error)
