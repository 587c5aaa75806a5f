"""Decide from raw bytes whether a file can produce any finding at all.

Every rule reports on Customer.io code, and everything the semantic model can show
to be Customer.io starts from a name that must be spelled out in the file: the
``customerio`` package, a configured client name, or a client exported by another
project module, which a file can only use by importing that module (so both the
module's name and the client's name appear). A file containing none of those
cannot produce a finding, so it is not parsed. Suppression comments naming a
cio-lint code are one other source (CIO900 judges them); an ``identify`` through
Segment's or RudderStack's ``analytics`` library is the other (with CIO301 selected:
the project forwards those profiles to Customer.io, so it does identify people).

Names are matched as whole identifiers (a client called ``cio`` must not admit
every file that says "precious"), with a plain substring search first: that is
what keeps the prefilter near ``grep`` speed. Files named on the command line (as
pre-commit names the staged ones) are tested like walked ones: a syntax error in a file
that cannot hold Customer.io code is not cio-lint's to report. Standard input (an
editor's buffer) is always parsed; see ``partition``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from cio_lint.analysis.frontends import frontend_for
from cio_lint.core.config import Config
from cio_lint.engine.contents import Contents
from cio_lint.engine.digests import digest_of
from cio_lint.engine.units import Unit

SDK_NAME = "customerio"
#: A suppression comment that names a cio-lint code (a ``noqa`` list holding ``CIO201``).
_SUPPRESSION = re.compile(rb"noqa[^\n]*[Cc][Ii][Oo]\d|cio-lint:")
_IDENTIFIER = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
#: A JavaScript module re-exporting every name of another (``export * from "./x"``).
_STAR_EXPORT = re.compile(rb"\bexport\s*\*")
#: A whole identifier as ``contains_word`` sees one: a maximal run of those bytes.
_WORD = re.compile(rb"[A-Za-z0-9_]+")


def contains_word(data: bytes, word: bytes) -> bool:
    """Does ``word`` occur in ``data`` as a whole identifier?"""
    return _occurs(data, word) > 0


def _occurs(data: bytes, word: bytes) -> int:
    """How ``word`` occurs in ``data``: 1 as a whole identifier, 0 only within longer
    ones, -1 not at all (then no word holding it occurs either)."""
    index = data.find(word)
    if index < 0:
        return -1
    while index >= 0:
        end = index + len(word)
        if (index == 0 or data[index - 1] not in _IDENTIFIER) and (
            end == len(data) or data[end] not in _IDENTIFIER
        ):
            return 1
        index = data.find(word, index + 1)
    return 0


class Prefilter:
    """Admits a file when, for one of its requirements, every word of it occurs."""

    def __init__(self, requirements: Iterable[tuple[str, ...]], suppressions: bool = False):
        self._requirements = sorted(
            {tuple(word.encode("utf-8") for word in words) for words in requirements if words}
        )
        self._suppressions = suppressions

    @functools.cached_property
    def fingerprint(self) -> str:
        """Names what this prefilter admits: a verdict recorded under it holds for every
        prefilter with the same requirements (asked for by the cache's manifest only)."""
        return digest_of(repr((self._requirements, self._suppressions)).encode("utf-8"))[:16]

    def admits(self, data: bytes) -> bool:
        found: dict[bytes, bool] = {}  # each distinct word is searched once per file
        #: Words not even within the bytes: a longer word holding one (``analytics`` in
        #: ``rudder_analytics``) is not there either, and is not searched for.
        absent: list[bytes] = []

        def present(word: bytes) -> bool:
            if word not in found:
                if any(part in word for part in absent):
                    found[word] = False
                else:
                    occurs = _occurs(data, word)
                    found[word] = occurs > 0
                    if occurs < 0:
                        absent.append(word)
            return found[word]

        if any(all(present(word) for word in words) for words in self._requirements):
            return True
        return self._suppressions and (b"noqa" in data or b"cio-lint:" in data) and (
            _SUPPRESSION.search(data) is not None
        )


#: The words a file that identifies through Segment's or RudderStack's Python library
#: holds (``import analytics``, ``segment.analytics``, ``rudderstack.analytics``,
#: ``rudder_analytics``), for CIO301's "the project never identifies anyone".
FORWARDED_IDENTIFY_WORDS = (("analytics", "identify"), ("rudder_analytics", "identify"))


def for_config(config: Config, codes: Iterable[str]) -> Prefilter:
    """The test for files under ``config`` with the rules ``codes`` selected."""
    codes = set(codes)
    names = [SDK_NAME, *(client.name.rsplit(".", 1)[-1] for client in config.client_names)]
    requirements: list[tuple[str, ...]] = [(name,) for name in names]
    if "CIO301" in codes:
        requirements.extend(FORWARDED_IDENTIFY_WORDS)
    return Prefilter(requirements, suppressions="CIO900" in codes)


def for_exports(exports: Iterable[str]) -> Prefilter:
    """Files that can use a client another module exports: ``app.clients.cio`` needs
    ``clients`` (the import) and ``cio`` (the use); ``clients.cio`` holds both."""
    return Prefilter(export_words(qual) for qual in exports)


def export_words(qual: str) -> tuple[str, ...]:
    """The words a file must hold to use the exported client ``qual``, its name last.

    A JavaScript module's name may hold dashes (``lib.customer-io``, imported as
    ``"../lib/customer-io"``): each identifier of it is a word of its own."""
    module, _, name = qual.rpartition(".")
    last = module.rpartition(".")[2]
    if last.isidentifier() or not last:
        return (last, name) if module else (name,)
    return (*(word.decode() for word in _WORD.findall(last.encode("utf-8"))), name)


class AwaitingExports:
    """Skipped units, admitted as clients exported by other modules become known.

    A chain of re-exports admits one module per link. Testing every waiting file against
    every export at each link would be quadratic; instead each waiting file is searched
    for the exporting modules' words (``events`` of ``app.events.record``), all of one
    link's at once, only where it can import them (a Python file's import statements:
    ``import_text``, split into words once), and only the few files that hold one are
    searched for the exported names. Each answer is kept (``Contents``: for the next run
    too, with a cache), so a warm run searches nothing.
    """

    def __init__(self, units: Iterable[Unit], parsed: Iterable[Unit] = (),
                 contents: Contents | None = None,
                 import_words: dict[int, frozenset[bytes]] | None = None) -> None:
        """``import_words``: the words of the part of units that can import, found
        already (``import_words``), by identity."""
        #: Waiting units by identity, in the order they were skipped.
        self._waiting: dict[int, Unit] = {id(unit): unit for unit in units}
        self._order = {key: index for index, key in enumerate(self._waiting)}
        self._contents = contents or Contents()
        #: The waiting units holding each word searched for so far (as a module's word,
        #: where they can import, or anywhere).
        self._holders: dict[tuple[bytes, bool], list[int]] = {}
        #: The words of the part of each waiting unit that can import, once searched.
        self._import_words = import_words if import_words is not None else {}
        #: Module names of the waiting units, and of the units parsed (or handed out).
        self._modules = {unit.module_name: key for key, unit in self._waiting.items()
                         if unit.module_name}
        self._parsed = {unit.module_name for unit in parsed}

    def providers(self, imported: Iterable[str]) -> list[Unit]:
        """The waiting units that define what parsed files import (``app.constants`` for
        ``from app.constants import EVENT``): their string constants are knowledge, though
        they can produce no finding of their own. For each imported name, the module it
        names most closely (so a package ``__init__`` is not parsed for its submodule)."""
        wanted: set[int] = set()
        for name in imported:
            parts = name.split(".")
            for size in range(len(parts), 0, -1):
                module = ".".join(parts[:size])
                if module in self._parsed:
                    break
                key = self._modules.get(module)
                if key is not None and key in self._waiting:
                    wanted.add(key)
                    break
        return self._hand_out(wanted)

    def _hand_out(self, keys: set[int]) -> list[Unit]:
        units = [self._waiting.pop(key) for key in sorted(keys, key=self._order.__getitem__)]
        self._parsed.update(unit.module_name for unit in units)
        return units

    @property
    def remaining(self) -> list[Unit]:
        return list(self._waiting.values())

    def admit(self, exports: Iterable[str]) -> list[Unit]:
        """The waiting units that can use one of ``exports`` (each admitted only once)."""
        wanted = [[word.encode("utf-8") for word in export_words(qual)] for qual in exports]
        self._search_imports(words[0] for words in wanted if len(words) > 1)
        admitted: set[int] = set()
        for words in wanted:
            # By the module's word: one search serves every function a module exports.
            for key in self._holding(words[0], imported=len(words) > 1):
                unit = self._waiting.get(key)
                if unit is None:
                    continue
                if all(self._holds(unit, word) for word in words[1:]) or (
                    all(self._holds(unit, word) for word in words[1:-1])
                    and self._contents.holds(unit, _STAR_KEY, _has_star_export)
                ):
                    # ``export * from "./customerio"`` passes every name on, unnamed.
                    admitted.add(key)
        return self._hand_out(admitted)

    def admit_definers(self, functions: Iterable[str]) -> list[Unit]:
        """The waiting units whose module defines one of ``functions`` (qualified names
        such as ``app.jobs.notify`` or ``app.jobs.Service``), each admitted only once."""
        prefixes: set[str] = set()
        for function in functions:
            parts = function.split(".")
            prefixes.update(".".join(parts[:size]) for size in range(1, len(parts)))
        admitted = [key for key, unit in self._waiting.items()
                    if unit.module_name and unit.module_name in prefixes]
        return [self._waiting.pop(key) for key in admitted]

    def _holding(self, word: bytes, imported: bool = False) -> list[int]:
        """The waiting units that hold ``word`` (each searched once for it); with
        ``imported``, ``word`` is a module's, which a file holds where it can import
        (``_search_imports``)."""
        if imported:
            self._search_imports([word])
        elif (word, imported) not in self._holders:
            if not _is_word(word):
                self._holders[word, imported] = []
            else:
                holds, text = self._contents.holds, word.decode("ascii")
                search = functools.partial(contains_word, word=word)
                self._holders[word, imported] = [
                    key for key, unit in self._waiting.items() if holds(unit, text, search)]
        return self._holders[word, imported]

    def _search_imports(self, words: Iterable[bytes]) -> None:
        """Find the waiting units that hold each module's word of ``words`` where they
        can import (their frontend's ``import_text``: a Python file's import
        statements), in one pass over the units for all the words not searched yet:
        each unit's import statements are found and split into words once."""
        todo = [word for word in dict.fromkeys(words) if (word, True) not in self._holders]
        for word in todo:
            self._holders[word, True] = []
        searched = {IMPORTED + word.decode("ascii"): word for word in todo if _is_word(word)}
        if not searched:
            return
        keys = list(searched)
        holders = [self._holders[word, True] for word in searched.values()]
        # Answers kept for the next run are kept by ``Contents``; with none to keep, the
        # words found beforehand answer at once.
        prepared = {} if self._contents.remembers else self._import_words
        for key, unit in self._waiting.items():
            imports = prepared.get(key)
            if imports is not None:
                answers = [word in imports for word in searched.values()]
            else:
                answers = self._contents.held(
                    unit, keys, functools.partial(self._import_test, key, searched))
            if True in answers:
                for held, holding in zip(answers, holders, strict=True):
                    if held:
                        holding.append(key)

    def _import_test(self, key: int, searched: dict[str, bytes],
                     data: bytes) -> Callable[[str], bool]:
        """For the waiting unit ``key`` with bytes ``data``: does the part that can
        import hold the module's word ``searched[asked]`` as a whole identifier? (That
        part is found and split into words once per unit.)"""
        found = self._import_words.get(key)
        if found is None:
            found = _import_words(self._waiting[key], data)
            if found is None:  # the whole file: searched for each word
                return lambda asked: contains_word(data, searched[asked])
            self._import_words[key] = found
        return lambda asked: searched[asked] in found

    def _holds(self, unit: Unit, word: bytes) -> bool:
        """Does ``unit`` hold ``word`` as a whole identifier?"""
        return _is_word(word) and self._contents.holds(
            unit, word.decode("ascii"), functools.partial(contains_word, word=word))


def import_words(units: Iterable[Unit]) -> dict[int, frozenset[bytes]]:
    """The words of the part of each unit read that can import (its frontend's
    ``import_text``), by identity, for ``AwaitingExports``; none for a unit whose part
    is all of it."""
    found: dict[int, frozenset[bytes]] = {}
    for unit in units:
        if unit.data is not None:
            words = _import_words(unit, unit.data)
            if words is not None:
                found[id(unit)] = words
    return found


def _import_words(unit: Unit, data: bytes) -> frozenset[bytes] | None:
    """The words of the part of ``unit`` (with bytes ``data``) that can import; None
    when that part is all of it (a whole file is searched word by word instead)."""
    text = frontend_for(unit.source.display).import_text(data)
    return None if text is data else frozenset(_WORD.findall(text))


def _is_word(word: bytes) -> bool:
    """Only a word of identifier bytes can be held as a whole identifier."""
    return bool(word) and _IDENTIFIER.issuperset(word)


#: How a unit's ``export *`` is recorded among its words (no identifier looks like it).
_STAR_KEY = "export *"
#: How a module's word held where a unit can import is recorded among its words.
IMPORTED = "import "


def _has_star_export(data: bytes) -> bool:
    return _STAR_EXPORT.search(data) is not None


def partition(units: Sequence[Unit], enabled: bool = True,
              contents: Contents | None = None) -> tuple[list[Unit], list[Unit]]:
    """Split read units into those worth parsing and those that cannot produce a finding.

    A unit read from standard input is always parsed; with the prefilter off, every
    unit is. A file named on the command line is tested like a walked one: one that
    only uses a client through another named module is admitted when that module's
    exports are known (``AwaitingExports``). ``contents`` may know a unit's verdict
    without reading it.
    """
    contents = contents or Contents()
    if not enabled:
        return list(units), []
    candidates: list[Unit] = []
    skipped: list[Unit] = []
    filters: dict[tuple[int, frozenset[str]], Prefilter] = {}
    for unit in units:
        key = (id(unit.config), unit.codes)
        if key not in filters:
            filters[key] = for_config(unit.config, unit.codes)
        test = filters[key]
        if unit.from_stdin or contents.verdict(unit, test):
            candidates.append(unit)
        else:
            skipped.append(unit)
    return candidates, skipped
