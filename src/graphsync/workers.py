"""`graphsync serve --workers N`: N processes forked on one listening socket (PostgreSQL only).

The first process has checked everything a start checks (and migrated the database) and bound the
socket; it forks the workers, each with an app and a store of its own, writes the ready file once every
worker accepts requests, passes SIGTERM and SIGINT on to them, and replaces a worker killed by a signal.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable

from graphsync.settings import Settings, SettingsError

log = logging.getLogger("graphsync.server")


def run_workers(count: int, settings: Settings, sock: socket.socket, ready: Callable[[], None]) -> int:
    """Fork `count` workers serving `sock`; call `ready` once all accept requests; pass SIGTERM/SIGINT on;
    replace a worker killed by a signal. The exit status: 0, or a worker's own non-zero status."""
    notify_read, notify_write = os.pipe()
    workers: set[int] = set()
    stopping = False
    status = 0

    def notify() -> None:
        os.write(notify_write, b".")

    def spawn() -> None:
        pid = os.fork()
        if pid == 0:  # the worker
            workers.clear()  # a signal before the worker's own handlers are set reaches no sibling
            code = 1
            try:
                os.close(notify_read)
                code = _worker(settings, sock, notify)
            finally:
                os._exit(code)
        workers.add(pid)

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(count):
        spawn()
    accepted = 0
    while workers:
        if accepted < count:  # not announced yet: watch for the workers' ready bytes too
            readable, _, _ = select.select([notify_read], [], [], 0.1)
            if readable:
                accepted += len(os.read(notify_read, 64))
                if accepted >= count:
                    ready()
        try:
            pid, wait_status = os.waitpid(-1, 0 if accepted >= count else os.WNOHANG)
        except ChildProcessError:
            break
        if pid == 0:
            continue
        workers.discard(pid)
        if stopping:
            continue
        if os.WIFSIGNALED(wait_status):
            log.error("worker %d was killed by signal %d: starting another", pid, os.WTERMSIG(wait_status))
            time.sleep(0.2)
            spawn()
        else:  # a worker that exits by itself (a failure at its start): stop them all
            status = os.waitstatus_to_exitcode(wait_status) or 1
            log.error("worker %d exited with status %d: stopping", pid, status)
            stop(signal.SIGTERM, None)
    return status


def _worker(settings: Settings, sock: socket.socket, ready: Callable[[], None]) -> int:
    """One worker: an app of its own on the shared socket until SIGTERM/SIGINT; its exit status."""
    from graphsync.app import create_app
    from graphsync.control.operator import OperatorKeyError
    from graphsync.handlers import ImplementationError
    from graphsync.seed import SeedError
    from graphsync.server import serve
    from graphsync.spec import SpecError
    from graphsync.storage import StorageError

    signal.signal(signal.SIGTERM, lambda signum, frame: None)  # as in run_serve: a normal exit
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        app = create_app(settings)
    except (SettingsError, SpecError, SeedError, StorageError, ImplementationError, OperatorKeyError) as exc:
        print(f"graphsync serve: worker {os.getpid()}: error: {exc}", file=sys.stderr)
        return 2
    try:
        serve(app, sock, settings, on_ready=ready)
        return 0
    finally:
        asyncio.run(app.aclose())
