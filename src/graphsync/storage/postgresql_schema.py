"""The PostgreSQL engine's database: its URL and settings, its pool, and its versioned schema.

The schema version is the one row of `graphsync_schema`; `MIGRATIONS` is an ordered list, entry N
taking version N to N+1, each applied in its own transaction. Migrations run when a store opens, under
a session-level `pg_advisory_lock`, so that of several processes opening one database at once one
migrates and the others wait, then find it done. Released entries are never edited: new ones are
appended.

Text columns that are compared or ordered use the "C" collation (byte order, whatever the database's
locale): job ids and document names compare exactly, due times as fixed-width texts. Documents are
`text`, not `jsonb`, which would reorder keys and change the bytes served.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from graphsync.storage.base import StorageError

log = logging.getLogger("graphsync.storage")

MIGRATION_LOCK = 0x47535943  # "GSYC", as the SQLite engine's application id; one bigint key
MIGRATION_WAIT_S = 60.0

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE owners (
            id         bigserial PRIMARY KEY,
            tenant_id  text COLLATE "C" NOT NULL,
            owner_kind text COLLATE "C" NOT NULL,
            owner_id   text COLLATE "C" NOT NULL,
            UNIQUE (tenant_id, owner_kind, owner_id)
        )
        """,
        """
        CREATE TABLE jobs (
            seq        bigserial PRIMARY KEY,
            owner      bigint NOT NULL REFERENCES owners (id),
            job_id     text COLLATE "C" NOT NULL,
            document   text NOT NULL,
            annotation text,
            due        text COLLATE "C",
            UNIQUE (owner, job_id)
        )
        """,
        "CREATE INDEX jobs_by_owner ON jobs (owner, seq)",
        "CREATE INDEX jobs_due ON jobs (due) WHERE due IS NOT NULL",
        """
        CREATE TABLE owner_documents (
            owner    bigint NOT NULL REFERENCES owners (id),
            name     text COLLATE "C" NOT NULL,
            document text NOT NULL,
            PRIMARY KEY (owner, name)
        )
        """,
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclasses.dataclass(frozen=True)
class Settings:
    """How the store connects: libpq's connection string, and the pool's bounds and timeouts.

    graphsync's own query parameters of the URL (`pool_size`, `pool_timeout`, `statement_timeout`,
    in connections and seconds) are taken out; the rest of the URL goes to libpq unchanged, with a
    `connect_timeout` of CONNECT_TIMEOUT_S unless it names one.
    """

    conninfo: str
    pool_size: int = 10
    pool_timeout: float = 5.0  # longest wait for a free connection
    statement_timeout: float = 10.0  # longest statement, lock waits included
    shown: str = ""  # the URL without its password, for messages


CONNECT_TIMEOUT_S = 5
OURS = {"pool_size": int, "pool_timeout": float, "statement_timeout": float}


def settings_of(url: str) -> Settings:
    """The settings of a `postgresql://user@host:port/dbname?...` URL; StorageError if it is not one."""
    parts = urlsplit(url)
    if parts.scheme != "postgresql" or not url.startswith("postgresql://"):
        raise StorageError(f"invalid PostgreSQL URL {url[:60]!r}: use postgresql://user@host:port/dbname")
    shown = urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[-1], query=""))
    ours: dict[str, Any] = {}
    rest: list[tuple[str, str]] = []
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key not in OURS:
            rest.append((key, value))
            continue
        try:
            ours[key] = OURS[key](value)
        except ValueError:
            ours[key] = None
        if ours[key] is None or ours[key] <= 0:
            raise StorageError(f"invalid {key}={value!r} in the database URL {shown}: a positive number")
    if not any(key == "connect_timeout" for key, _ in rest):
        rest.append(("connect_timeout", str(CONNECT_TIMEOUT_S)))
    conninfo = urlunsplit(parts._replace(query=urlencode(rest)))
    return Settings(conninfo=conninfo, shown=shown, **ours)


def connection_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments of every connection: autocommit (transactions are explicit) and the timeouts."""
    ms = int(settings.statement_timeout * 1000)
    return {
        "autocommit": True,
        "options": f"-c statement_timeout={ms} -c idle_in_transaction_session_timeout={ms * 3}",
        "application_name": "graphsync",
    }


async def open_pool(settings: Settings) -> tuple[Any, asyncio.Task[None]]:
    """An async pool on the running event loop, and the task that closes it when the loop ends.

    Each connection is checked before it is lent, so one broken by a server restart is replaced; a
    failing reconnection is given up within one `pool_timeout`, so the next call tries again at once
    (no back-off left over from an outage delays the server's return). The pool's own tasks swallow a
    cancellation met while connecting, so a loop that ends with the pool open (asyncio.run cancels
    what is left) would wait for them forever: the returned task closes the pool when that
    cancellation reaches it (and `close` cancels it to close the pool).
    """
    from psycopg_pool import AsyncConnectionPool

    pool: AsyncConnectionPool[Any] = AsyncConnectionPool(
        settings.conninfo,
        min_size=1,
        max_size=settings.pool_size,
        timeout=settings.pool_timeout,
        kwargs=connection_options(settings),
        check=AsyncConnectionPool.check_connection,
        reconnect_timeout=settings.pool_timeout,
        open=False,
        name="graphsync",
    )
    await pool.open(wait=False)  # starts the pool's tasks; connections are made in the background
    return pool, asyncio.get_running_loop().create_task(_close_when_cancelled(pool, settings.pool_timeout))


async def _close_when_cancelled(pool: Any, timeout: float) -> None:
    try:
        await asyncio.Event().wait()
    except asyncio.CancelledError:
        with contextlib.suppress(Exception):
            await pool.close(timeout=timeout)
        raise


def prepare(settings: Settings) -> None:
    """Connect, take the migration lock, refuse a newer schema, apply the pending migrations."""
    import psycopg

    try:
        with psycopg.connect(settings.conninfo, **connection_options(settings)) as conn:
            conn.execute(f"SET statement_timeout = {int(MIGRATION_WAIT_S * 1000)}")
            conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
            try:
                _migrate(conn, settings)
            finally:
                conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    except psycopg.Error as exc:
        raise StorageError(f"cannot prepare the database {settings.shown}: {error_text(exc)}") from None


def _migrate(conn: Any, settings: Settings) -> None:
    encoding = conn.execute("SHOW server_encoding").fetchone()[0]
    if encoding != "UTF8":  # documents hold any character: another encoding would refuse some
        raise StorageError(
            f"{settings.shown} has the encoding {encoding}; graphsync needs a UTF8 database "
            "(CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0)"
        )
    conn.execute("CREATE TABLE IF NOT EXISTS graphsync_schema (version integer NOT NULL)")
    row = conn.execute("SELECT version FROM graphsync_schema").fetchone()
    if row is None:
        conn.execute("INSERT INTO graphsync_schema (version) VALUES (0)")
    version = 0 if row is None else int(row[0])
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{settings.shown} has schema version {version}, newer than this release understands "
            f"({SCHEMA_VERSION}); upgrade graphsync or use another database"
        )
    for index in range(version, SCHEMA_VERSION):
        with conn.transaction():
            for statement in MIGRATIONS[index]:
                conn.execute(statement)
            conn.execute("UPDATE graphsync_schema SET version = %s", (index + 1,))
        log.info("database %s migrated to schema version %d", settings.shown, index + 1)


def error_text(exc: BaseException) -> str:
    """One line of a psycopg error (its message without libpq's trailing detail lines)."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
