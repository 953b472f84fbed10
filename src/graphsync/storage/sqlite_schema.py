"""The SQLite engine's file: its URL, its connections and its versioned schema.

The schema version is `PRAGMA user_version`; `MIGRATIONS` is an ordered list, entry N taking
version N to N+1, each applied in its own transaction when the file is opened. Released entries
are never edited: new ones are appended.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from graphsync.storage.base import StorageError

log = logging.getLogger("graphsync.storage")

APPLICATION_ID = 0x47535943  # "GSYC": marks the file as a graphsync database
BUSY_TIMEOUT_MS = 10_000

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE jobs (
            seq        INTEGER PRIMARY KEY AUTOINCREMENT,
            tenant_id  TEXT NOT NULL,
            owner_kind TEXT NOT NULL,
            owner_id   TEXT NOT NULL,
            job_id     TEXT NOT NULL,
            document   TEXT NOT NULL,
            UNIQUE (tenant_id, owner_kind, owner_id, job_id)
        )
        """,
        "CREATE INDEX jobs_by_owner ON jobs (tenant_id, owner_kind, owner_id, seq)",
    ),
    # 2: owners get an integer key, so both job indexes hold (integer, ...) instead of three texts:
    # smaller index pages (94 instead of 115 MB for 100,000 jobs) and fewer of them written per commit.
    (
        """
        CREATE TABLE owners (
            id         INTEGER PRIMARY KEY,
            tenant_id  TEXT NOT NULL,
            owner_kind TEXT NOT NULL,
            owner_id   TEXT NOT NULL,
            UNIQUE (tenant_id, owner_kind, owner_id)
        )
        """,
        (
            "INSERT INTO owners (tenant_id, owner_kind, owner_id) "
            "SELECT DISTINCT tenant_id, owner_kind, owner_id FROM jobs ORDER BY 1, 2, 3"
        ),
        """
        CREATE TABLE jobs_v2 (
            seq      INTEGER PRIMARY KEY AUTOINCREMENT,
            owner    INTEGER NOT NULL REFERENCES owners (id),
            job_id   TEXT NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (owner, job_id)
        )
        """,
        (
            "INSERT INTO jobs_v2 (seq, owner, job_id, document) "
            "SELECT jobs.seq, owners.id, jobs.job_id, jobs.document "
            "FROM jobs JOIN owners USING (tenant_id, owner_kind, owner_id) ORDER BY jobs.seq"
        ),
        # Positions are never reused, also those of jobs deleted before the migration (paging relies on it).
        "DELETE FROM sqlite_sequence WHERE name = 'jobs_v2'",
        "INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs_v2', seq FROM sqlite_sequence WHERE name = 'jobs'",
        "DROP TABLE jobs",
        "ALTER TABLE jobs_v2 RENAME TO jobs",
        "CREATE INDEX jobs_by_owner ON jobs (owner, seq)",
    ),
    # 3: documents of an owner's synchronization besides its jobs (its secrets), one per name.
    (
        """
        CREATE TABLE owner_documents (
            owner    INTEGER NOT NULL REFERENCES owners (id),
            name     TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (owner, name)
        ) WITHOUT ROWID
        """,
    ),
    # 4: a job's annotation (what the service keeps about it besides its document) and, indexed, when
    # it is next due; only jobs with a due time are in the index.
    (
        "ALTER TABLE jobs ADD COLUMN annotation TEXT",
        "ALTER TABLE jobs ADD COLUMN due TEXT",
        "CREATE INDEX jobs_due ON jobs (due) WHERE due IS NOT NULL",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


def database_path(url: str) -> Path:
    """The file of a `sqlite:///relative/path` or `sqlite:////absolute/path` URL."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or len(url) == len(prefix) or "?" in url:
        raise StorageError(
            f"invalid SQLite URL {url!r}: use sqlite:///relative/path.db or sqlite:////absolute/path.db"
        )
    rest = url[len(prefix) :]
    if rest == ":memory:":
        raise StorageError("sqlite:///:memory: is not durable: use memory: for a throw-away database")
    return Path(rest)


def connect(path: Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from the committer thread."""
    try:
        conn = sqlite3.connect(
            path, isolation_level=None, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open the database {path}: {exc}") from None


def prepare(conn: sqlite3.Connection, path: Path) -> None:
    """Check the file is ours and not newer than this code, switch to WAL, apply pending migrations."""
    try:
        application_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path} is not a usable SQLite database: {exc}") from None
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and tables and version == 0):
        raise StorageError(f"{path} is a SQLite database of another application; refusing to use it")
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{path} has schema version {version}, newer than this release understands ({SCHEMA_VERSION}); "
            "upgrade graphsync or use another database file"
        )
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"{path}: cannot switch the database to WAL mode (got {mode!r})")
        conn.execute("PRAGMA synchronous = FULL")
        for index in range(version, SCHEMA_VERSION):
            _migrate(conn, index)
            log.info("database %s migrated to schema version %d", path, index + 1)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot prepare the database {path}: {exc}") from None


def _migrate(conn: sqlite3.Connection, index: int) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in MIGRATIONS[index]:
            conn.execute(statement)
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {index + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
