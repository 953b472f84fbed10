"""Reading the files an operator names (seed, spec, keys): regular files of bounded size only.

A path to a FIFO would block start-up for ever, and one to `/dev/zero` or a huge file would read
without end; both are refused with an OSError whose `strerror` says why, like any unreadable file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The contents of the regular file at `path`; OSError if it is anything else or over `max_bytes`."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise OSError(errno.EISDIR if kind == "a folder" else errno.EINVAL, kind)
        data = file.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise OSError(errno.EFBIG, f"larger than {max_bytes} bytes")
    return data
