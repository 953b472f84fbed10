"""Random identifiers (request ids, the hex part of job ids) from the OS's CSPRNG, read in blocks.

`uuid.uuid4()` makes one `getrandom` system call per id, and that call releases the GIL: under load,
getting it back costs far more than the call. Reading 4 KiB at a time makes it one call per 256 ids.
"""

from __future__ import annotations

import os
import time

_BLOCK = 4096


class RandomIds:
    """A source of random 128-bit ids; one per app (not thread-safe: use it from the event loop)."""

    def __init__(self) -> None:
        self._buffer = b""
        self._offset = 0

    def _take16(self) -> bytes:
        if self._offset + 16 > len(self._buffer):
            self._buffer = os.urandom(_BLOCK)
            self._offset = 0
        chunk = self._buffer[self._offset : self._offset + 16]
        self._offset += 16
        return chunk

    def hex32(self) -> str:
        """32 lower-case hexadecimal digits, as in Graph's job ids: the time in ms (48 bits), 80 random bits.

        Ids made later sort later (as UUIDv7 does), so a new job's index entry lands next to the last
        ones: a commit writes a few index pages however many jobs are stored, instead of one page per
        job scattered over the whole index. 80 random bits keep the ids unguessable.
        """
        millis = time.time_ns() // 1_000_000 & 0xFFFF_FFFF_FFFF
        return f"{millis:012x}{self._take16()[:10].hex()}"

    def uuid4(self) -> str:
        """A random (version 4, RFC 4122 variant) UUID in its canonical text form."""
        value = int.from_bytes(self._take16(), "big")
        value = (value & ~(0xF000 << 64) | (0x4000 << 64)) & ~(0xC000 << 48) | (0x8000 << 48)
        text = f"{value:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
