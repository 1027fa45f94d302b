"""The order of a report's listing: every collaboration of the period in Swedish
alphabetical order of its title, for a registry of any size.

Sorting 300,000 titles at once would hold a sort key a row; the keys are sorted
in runs instead, each run written to a temporary file and the runs merged (an
external merge sort), so a report's memory does not grow with the registry.
This is I/O, so it lives here and not in the pure domain/.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import IO

from vanort_cli.domain.collation import swedish_sort_text
from vanort_cli.domain.report import CollaborationItem, SessionRows

# A listing in title order reads its rows back this many at a time.
PICKED_AT_ONCE = 2000
# Sort keys held at once: a longer listing is sorted in runs of this many, each
# written to a temporary file, and the runs merged (an external merge sort), so
# that the memory a report takes does not grow with the registry (a key is about
# 200 bytes: 10,000 of them about 2 MB, with their pairs and places 3 MB).
SORTED_AT_ONCE = 10_000
# How many (key, place) pairs a run writes and reads back at once.
_RUN_BATCH = 1000


def in_title_order(
    rows: SessionRows[CollaborationItem],
) -> Iterator[tuple[int, CollaborationItem]]:
    """The rows in Swedish alphabetical order of their titles (equal titles as they
    came), each with its place among the rows as they came: the order of the
    report's listing, for a registry of any size.

    The order is worked out now, when called: each row's sort key
    (`swedish_sort_text`) is held only while its run of `SORTED_AT_ONCE` rows is
    sorted, then only each row's id and place (two arrays of integers); the rows
    are read back by id a batch at a time when iterated."""
    ids = array("q")

    def keys() -> Iterator[str]:
        for row in rows:
            ids.append(row.id)
            yield swedish_sort_text(row.title)

    places = places_in_order(keys())
    return _read_back(rows, places, ids)


def places_in_order(keys: Iterable[str], at_once: int = SORTED_AT_ONCE) -> array[int]:
    """The places (0, 1, ... in the order `keys` came) in the order of their keys,
    equal keys in the order they came: what `sorted(range(n), key=keys.__getitem__)`
    gives, holding at most `at_once` keys in memory."""
    runs: list[IO[bytes]] = []
    run: list[tuple[str, int]] = []
    with ExitStack() as files:
        for place, key in enumerate(keys):
            run.append((key, place))
            if len(run) == at_once:
                runs.append(_spilled(run, files.enter_context(tempfile.TemporaryFile())))
                run = []
        if not runs:
            # Places are unique: (key, place) pairs sort as a stable sort by key.
            run.sort()
            return array("q", (place for _, place in run))
        if run:
            runs.append(_spilled(run, files.enter_context(tempfile.TemporaryFile())))
        del run
        return array("q", (place for _, place in heapq.merge(*map(_read_run, runs))))


def _spilled(run: list[tuple[str, int]], file: IO[bytes]) -> IO[bytes]:
    """A run sorted and written to `file`, a batch a pickle, to be read from its start."""
    run.sort()
    for start in range(0, len(run), _RUN_BATCH):
        pickle.dump(run[start : start + _RUN_BATCH], file, protocol=pickle.HIGHEST_PROTOCOL)
    file.seek(0)
    return file


def _read_run(file: IO[bytes]) -> Iterator[tuple[str, int]]:
    while True:
        try:
            batch: list[tuple[str, int]] = pickle.load(file)
        except EOFError:
            return
        yield from batch


def _read_back(
    rows: SessionRows[CollaborationItem], places: array[int], ids: array[int]
) -> Iterator[tuple[int, CollaborationItem]]:
    for start in range(0, len(places), PICKED_AT_ONCE):
        batch = places[start : start + PICKED_AT_ONCE]
        by_id = {r.id: r for r in rows.picked([ids[i] for i in batch])}
        for i in batch:
            yield i, by_id[ids[i]]
