"""graphsync.ids: job-id hex parts and request ids."""

from __future__ import annotations

import re
import time
import uuid

from graphsync.ids import RandomIds


def test_hex32_is_graphs_shape_unique_and_unguessable() -> None:
    ids = RandomIds()
    made = [ids.hex32() for _ in range(10_000)]
    assert all(re.fullmatch(r"[0-9a-f]{32}", h) for h in made)
    assert len(set(made)) == len(made)
    # Within one millisecond only the 80 random bits differ: no counter to guess the next id from.
    assert len({h[12:] for h in made}) == len(made)


def test_hex32_starts_with_the_time_so_later_ids_sort_later() -> None:
    ids = RandomIds()
    before = time.time_ns() // 1_000_000
    first = ids.hex32()
    time.sleep(0.003)
    second = ids.hex32()
    after = time.time_ns() // 1_000_000
    assert before <= int(first[:12], 16) < int(second[:12], 16) <= after
    assert first < second


def test_uuid4_is_a_version_4_uuid() -> None:
    ids = RandomIds()
    made = [ids.uuid4() for _ in range(1_000)]
    assert len(set(made)) == len(made)
    for text in made:
        parsed = uuid.UUID(text)
        assert str(parsed) == text and parsed.version == 4 and parsed.variant == uuid.RFC_4122
