"""Tests of the make targets' handling of user values (mk/fuzz.mk, mk/run.mk).

Every value passed to `make fuzz`, `make run` or `make token` reaches its program byte for byte,
whatever quotes, spaces, `$`, backticks or `;` it holds, or is refused with one readable line: no
value can end a shell word and run a command of its own. The runs here all stop within seconds (a
closed port, a bad value, an occupied port).
"""

from __future__ import annotations

import contextlib
import os
import shlex
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Make variables the targets read (and make's own); removed from the environment of every run here.
MAKE_VARIABLES = {
    *("URL", "TOKEN", "SP_ID", "APP_ID", "SP_TEMPLATES", "APP_TEMPLATES", "IDENTITIES", "MAX_EXAMPLES"),
    *("PHASES", "INCLUDE", "EXCLUDE", "RATE", "WORKERS", "FUZZ_SEED", "MAX_TIME", "PROBE_SHARE"),
    *("TLS_VERIFY", "FUZZ_ARGS", "SEED", "HOST", "PORT", "DB", "ARGS", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"),
}
#: Ends a single-quoted shell word and runs `touch`, in several ways; `{marker}` is a file path.
HOSTILE = 'it\'s "q" $HOME $(touch {marker}) `touch {marker}`; touch {marker} #'
#: The same for a file name (no slash): the command would run in the repository, as make does.
HOSTILE_NAME = "it's $HOME $(touch injected) `touch injected`; touch injected #"


def make(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`make ARGS` in the repository, without the caller's make variables; killed after `timeout`."""
    env = {k: v for k, v in os.environ.items() if k not in MAKE_VARIABLES and not k.startswith("GRAPHSYNC_")}
    process = subprocess.Popen(
        ["make", "--no-print-directory", *args], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run_py_argv(*variables: str) -> list[str]:
    """The fuzz/run.py command line `make -n fuzz VARIABLES` would run, split as the shell splits it."""
    result = make("-n", "fuzz", *variables)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if " fuzz/run.py" in line]
    assert len(lines) == 1, result.stdout
    return shlex.split(lines[0])


def option(argv: list[str], name: str) -> str:
    assert argv.count(name) == 1, argv
    return argv[argv.index(name) + 1]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def occupied_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


@pytest.fixture
def marker(tmp_path: Path) -> Iterator[Path]:
    """A file that an injected command would create; it must still not exist after the test."""
    path = tmp_path / "injected"
    yield path
    assert not path.exists(), "a value ran a command of its own"
    assert not (ROOT / "injected").exists(), "a file name ran a command of its own"


# --- make fuzz ----------------------------------------------------------------------------------


def test_fuzz_values_reach_the_runner_byte_for_byte(marker: Path) -> None:
    hostile = HOSTILE.format(marker=marker)
    variables = {
        "URL": f"http://127.0.0.1:1/v1.0' || touch {marker} || '",
        "SP_ID": hostile,
        "INCLUDE": hostile,
        "EXCLUDE": "a  b\tc $$d $(shell touch " + str(marker) + ")",
        "SP_TEMPLATES": "Box,it's",
        "FUZZ_ARGS": "--header 'X-A: b c' " + hostile,
    }
    argv = run_py_argv(*(f"{name}={value}" for name, value in variables.items()))
    assert option(argv, "--url") == variables["URL"]
    assert option(argv, "--sp-id") == hostile
    assert option(argv, "--include") == hostile
    assert option(argv, "--exclude") == variables["EXCLUDE"]
    assert option(argv, "--sp-templates") == "Box,it's"
    assert option(argv, "--st-options") == variables["FUZZ_ARGS"]


def test_fuzz_refuses_a_url_that_would_have_run_a_command(marker: Path) -> None:
    result = make("fuzz", f"URL=http://127.0.0.1:1/v1.0' || touch {marker} || '", "TOKEN=x")
    assert result.returncode != 0
    first = result.stderr.splitlines()[0]
    assert first.startswith("make fuzz: error: URL=") and "is not an http(s) URL without spaces" in first


def test_fuzz_passes_quotes_and_dollars_in_url_and_token_unchanged(marker: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1.0';touch${{IFS}}{marker};'"
    result = make("fuzz", f"URL={url}", f"TOKEN=a'b $x `touch {marker}`")
    assert result.returncode != 0
    assert result.stderr.startswith(f"make fuzz: error: cannot reach {url}/servicePrincipals/"), result.stderr


def test_fuzz_names_a_bad_value_in_one_line(marker: Path) -> None:
    result = make("fuzz", "URL=http://127.0.0.1:1/v1.0", "TOKEN=x", f"INCLUDE=it's ( $HOME `touch {marker}`")
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        f'make fuzz: error: INCLUDE/EXCLUDE "it\'s ( $HOME `touch {marker}`" is not a valid regular '
        "expression: missing ), unterminated subpattern at position 5"
    )
    result = make("fuzz", "MAX_EXAMPLES=many")
    assert result.stderr.splitlines()[0].startswith("make fuzz: error: argument --max-examples: not a whole")


def test_fuzz_seed_is_fuzz_seed_not_the_seed_file_of_make_run() -> None:
    assert option(run_py_argv("FUZZ_SEED=5"), "--seed") == "5"
    assert "--seed" not in run_py_argv("SEED=5")
    assert "FUZZ_SEED" in make("help").stdout


# --- make run and make token --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("variable", "message"),
    [
        ("PORT=abc", "argument --port: 'abc': expected a whole number from 0 to 65535"),
        ("PORT=70000", "argument --port: '70000': expected a whole number from 0 to 65535"),
        (
            "PORT=1; touch {marker}",
            "argument --port: '1; touch {marker}': expected a whole number from 0 to 65535",
        ),
        ("HOST=", "argument --host: '': expected an address to listen on"),
    ],
)
def test_run_refuses_a_bad_host_or_port_before_printing_anything(
    marker: Path, variable: str, message: str
) -> None:
    result = make("run", variable.format(marker=marker))
    assert result.returncode != 0
    assert result.stdout == ""
    assert message.format(marker=marker) in result.stderr.splitlines()[-2], result.stderr
    assert not marker.exists()


def test_run_checks_the_seed_before_printing_anything(marker: Path, tmp_path: Path) -> None:
    seed = tmp_path / f"{HOSTILE_NAME}.yaml"
    seed.write_text("tenants: 3\n", encoding="utf-8")
    result = make("run", f"SEED={seed}", f"DB=sqlite:///{tmp_path}/x.db")
    assert result.returncode != 0 and result.stdout == ""
    assert f"graphsync demo: error: {seed}: invalid seed" in result.stderr
    assert not marker.exists()


@pytest.mark.socket
def test_run_passes_host_and_database_url_byte_for_byte(marker: Path, tmp_path: Path) -> None:
    database = tmp_path / f"{HOSTILE_NAME}.db"
    with occupied_port() as port:
        result = make("run", f"DB=sqlite:///{database}", f"PORT={port}")
        bad_host = make("run", f"HOST=a'b $(touch {marker})", f"DB=sqlite:///{tmp_path}/y.db")
    assert result.returncode != 0 and result.stdout == ""
    assert f"graphsync demo: error: cannot listen on 127.0.0.1:{port}" in result.stderr
    assert database.is_file(), sorted(p.name for p in tmp_path.iterdir())
    assert bad_host.returncode != 0 and f"cannot listen on a'b $(touch {marker}):" in bad_host.stderr
    assert not marker.exists()


def test_token_splits_args_without_running_them(marker: Path) -> None:
    result = make("-s", "token", f"ARGS=--roles 'a b'; touch {marker}")
    assert result.returncode != 0 and result.stdout == ""
    assert "graphsync token: error: argument --roles: not a permission name: 'a b;'" in result.stderr
    result = make("-s", "token", "ARGS=--roles 'Synchronization.Read.All")
    assert result.returncode != 0 and result.stdout == ""
    assert "make token: error: ARGS has an unmatched quote" in result.stderr
    result = make(
        "-s", "token", "ARGS=--directory-roles 'Application Administrator' --scopes Synchronization.Read.All"
    )
    assert result.returncode == 0 and result.stdout.count(".") == 2, result.stderr
