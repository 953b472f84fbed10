"""`graphsync token`: the tokens it prints are accepted, bad input is a readable error with exit 2."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import jwt
import pytest

from graphsync.auth import Authenticator, Principal
from graphsync.demo import AUTOMATION_APP as DEMO_APP_ID
from graphsync.demo import CONTOSO as DEMO_TENANT
from graphsync.settings import Settings
from graphsync.tokencli import add_token_command, run_token

SRC = Path(__file__).resolve().parents[2] / "src"
APP_ADMIN = "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3"
GLOBAL_ADMIN = "62e90394-69f5-4237-9190-012177145e10"


@pytest.fixture
def key_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point GRAPHSYNC_SIGNING_KEY at a fresh path and clear other auth settings from the environment."""
    path = tmp_path / "var" / "dev-signing-key.pem"
    monkeypatch.setenv("GRAPHSYNC_SIGNING_KEY", str(path))
    monkeypatch.delenv("GRAPHSYNC_JWKS", raising=False)
    monkeypatch.delenv("GRAPHSYNC_AUDIENCES", raising=False)
    return path


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="graphsync")
    add_token_command(parser.add_subparsers(dest="command", required=True))
    return parser.parse_args(["token", *argv])


def token_for(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert run_token(parse(*argv)) == 0
    out, err = capsys.readouterr()
    assert err == "" and out.endswith("\n") and out.count("\n") == 1
    return out.strip()


def principal(key_path: Path, token: str) -> Principal:
    return Authenticator(Settings(signing_key=key_path)).authenticate(f"Bearer {token}")


def test_defaults_give_a_demo_application_token(key_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    token = token_for(capsys)
    assert key_path.exists() and oct(key_path.stat().st_mode & 0o777) == "0o600"
    p = principal(key_path, token)
    assert (p.tenant_id, p.app_id, p.delegated) == (DEMO_TENANT, DEMO_APP_ID, False)
    assert p.roles == {"Synchronization.ReadWrite.All"}
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["nbf"] == 3600


def test_delegated_token_with_directory_roles_by_name_and_id(
    key_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = token_for(
        capsys,
        "--scopes",
        "Synchronization.ReadWrite.All",
        "--directory-roles",
        "Application Administrator",
        "global-administrator",
        APP_ADMIN.upper(),
        "--expires",
        "2h",
    )
    p = principal(key_path, token)
    assert p.delegated and p.roles == frozenset() and p.scopes == {"Synchronization.ReadWrite.All"}
    assert p.directory_roles == {APP_ADMIN, GLOBAL_ADMIN}
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["nbf"] == 7200


def test_explicit_tenant_app_roles_and_key(
    tmp_path: Path, key_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other_key = tmp_path / "other.pem"
    tenant, app = "0B3C6A8E-64C4-4F0E-9D4F-6A4CF1A1F4AA", "00000000-0000-0000-0000-00000000abcd"
    token = token_for(
        capsys,
        "--tenant",
        tenant,
        "--app-id",
        app,
        "--roles",
        "Application.ReadWrite.OwnedBy",
        "Synchronization.Read.All",
        "--expires",
        "90",
        "--signing-key",
        str(other_key),
    )
    assert other_key.exists() and not key_path.exists()
    p = principal(other_key, token)
    assert (p.tenant_id, p.app_id) == (tenant.lower(), app)
    assert p.roles == {"Application.ReadWrite.OwnedBy", "Synchronization.Read.All"}


def test_empty_roles_give_a_token_without_permissions(
    key_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = principal(key_path, token_for(capsys, "--roles"))
    assert not p.delegated and p.roles == frozenset()


@pytest.mark.parametrize(
    "argv",
    [
        ["--tenant", "contoso.onmicrosoft.com"],
        ["--app-id", "my-app"],
        ["--expires", "0"],
        ["--expires", "-5"],
        ["--expires", "1y"],
        ["--expires", "367d"],
        ["--expires", "soon"],
        ["--directory-roles", "Pope"],
        ["--roles", "two words"],
        ["--scopes"],
        ["--unknown-flag"],
    ],
)
def test_bad_input_is_exit_2_with_a_message(
    key_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        parse(*argv)
    assert exited.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and "error:" in err and "Traceback" not in err


def test_jwks_configuration_cannot_mint(
    tmp_path: Path, key_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GRAPHSYNC_JWKS", str(tmp_path / "jwks.json"))
    (tmp_path / "jwks.json").write_text('{"keys": []}', encoding="utf-8")
    assert run_token(parse()) == 2
    out, err = capsys.readouterr()
    assert out == "" and "GRAPHSYNC_JWKS is set" in err


def test_unusable_key_file(key_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    key_path.parent.mkdir(parents=True)
    key_path.write_text("not a key", encoding="utf-8")
    assert run_token(parse()) == 2
    out, err = capsys.readouterr()
    assert out == "" and "not an unencrypted PEM RSA key" in err


def test_unwritable_key_location(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    assert run_token(parse("--signing-key", str(blocker / "key.pem"))) == 2
    out, err = capsys.readouterr()
    assert (
        out == "" and f"--signing-key {blocker / 'key.pem'}: cannot read the key file: Not a directory" in err
    )


@pytest.mark.parametrize("via_flag", [False, True])
def test_a_folder_as_signing_key_is_exit_2_naming_its_source(
    tmp_path: Path,
    key_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    via_flag: bool,
) -> None:
    if via_flag:
        status = run_token(parse("--signing-key", str(tmp_path)))
    else:
        monkeypatch.setenv("GRAPHSYNC_SIGNING_KEY", str(tmp_path))
        status = run_token(parse())
    out, err = capsys.readouterr()
    source = f"--signing-key {tmp_path}" if via_flag else f"GRAPHSYNC_SIGNING_KEY={tmp_path}"
    assert status == 2 and out == ""
    assert err == f"graphsync token: error: {source}: cannot read the key file: Is a directory\n"


def test_a_bad_key_given_as_flag_is_named_by_the_flag(
    tmp_path: Path, key_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.pem"
    bad.write_text("not a key", encoding="utf-8")
    assert run_token(parse("--signing-key", str(bad))) == 2
    err = capsys.readouterr().err
    assert f"--signing-key {bad}: not an unencrypted PEM RSA key" in err and "GRAPHSYNC_" not in err


def test_settings_the_token_command_does_not_use_are_not_read(
    key_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in [("PORT", "abc"), ("MAX_PAGE_SIZE", "0"), ("AUDIENCES", ","), ("HOST", "")]:
        monkeypatch.setenv(f"GRAPHSYNC_{name}", value)
    assert principal(key_path, token_for(capsys)).tenant_id == DEMO_TENANT


def _run(tmp_path: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")])),
        "GRAPHSYNC_SIGNING_KEY": str(tmp_path / "key.pem"),
    }
    env.pop("GRAPHSYNC_JWKS", None)
    return subprocess.run(
        [sys.executable, "-m", "graphsync.tokencli", *argv],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_as_a_process(tmp_path: Path) -> None:
    done = _run(tmp_path, "--expires", "10m")
    assert done.returncode == 0 and done.stderr == ""
    assert principal(tmp_path / "key.pem", done.stdout.strip()).tenant_id == DEMO_TENANT
    bad = _run(tmp_path, "--tenant", "nope")
    assert bad.returncode == 2 and bad.stdout == ""
    assert "not a GUID: 'nope'" in bad.stderr and "Traceback" not in bad.stderr
