"""The seed file and `graphsync check-seed`; the settings (GRAPHSYNC_* and flags) and `graphsync serve`'s bad input."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from support import ROOT
from support.seeds import VALID, cli, problems

from graphsync.demo import AUTOMATION_APP, AUTOMATION_SP, BOX_APP, BOX_SP, CONTOSO, FABRIKAM
from graphsync.seed import SeedError, load_seed, parse_seed
from graphsync.settings import PACKAGE_DIR, Settings, SettingsError

DEMO = Settings().seed


def mutated(path: list[Any], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(VALID)
    target: Any = data
    for part in path[:-1]:
        target = target[part]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


def test_the_demo_seed_is_valid_and_realistic() -> None:
    directory = load_seed(DEMO)
    assert set(directory.tenants) == {CONTOSO, FABRIKAM}
    contoso = directory.tenants[CONTOSO]
    templates = {t for obj in contoso.objects.values() for t in obj.templates}
    assert {
        "BoxOutDelta",
        "SfSandboxOutDelta",
        "scim",
        "gitHubEnterpriseCloud",
        "dataBricks",
        "aws",
    } <= templates
    assert directory.caller_object_id(CONTOSO, AUTOMATION_APP) == AUTOMATION_SP
    assert directory.caller_object_id(FABRIKAM, AUTOMATION_APP) not in (None, AUTOMATION_SP)
    assert directory.owner(CONTOSO, "applications", BOX_APP) is not None
    assert directory.owner(FABRIKAM, "servicePrincipals", BOX_SP) is None


def test_a_minimal_seed_is_valid() -> None:
    directory = parse_seed(VALID)
    obj = directory.owner(CONTOSO, "servicePrincipals", BOX_SP)
    assert obj is not None and obj.owners == frozenset() and obj.templates == ("BoxOutDelta",)


@pytest.mark.parametrize("key", ["id", "appId", "displayName"])
def test_a_missing_key_is_reported_once_and_a_null_one_once_too(key: str) -> None:
    for value, expected in ((KeyError, f"missing required key '{key}'"), (None, "None")):
        data = copy.deepcopy(VALID)
        principal = data["tenants"][0]["servicePrincipals"][0]
        if value is KeyError:
            del principal[key]
        else:
            principal[key] = value
        with pytest.raises(SeedError) as caught:
            parse_seed(data)
        problems = [line for line in str(caught.value).splitlines() if "servicePrincipals[0]" in line]
        assert len(problems) == 1 and expected in problems[0], problems


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["version"], 2, "version: unsupported seed version 2"),
        (["version"], KeyError, "(top level): missing required key 'version'"),
        (["tenants"], [], "tenants: at least one tenant is required"),
        (["tenants"], {"a": 1}, "tenants: expected a list, got a mapping"),
        (["extra"], 1, "(top level): unknown key 'extra'"),
        (["tenants", 0, "id"], "contoso", "tenants[0].id: not a lower-case GUID: 'contoso'"),
        (["tenants", 0, "id"], CONTOSO.upper(), "tenants[0].id: not a lower-case GUID"),
        (["tenants", 0, "displayName"], "", "tenants[0].displayName: expected a non-empty string"),
        (
            ["tenants", 0, "servicePrincipals", 0, "appId"],
            5,
            "tenants[0].servicePrincipals[0].appId: not a lower-case GUID: 5",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "objectId"],
            BOX_SP,
            "tenants[0].servicePrincipals[0]: unknown key 'objectId'",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "owners"],
            ["me"],
            "tenants[0].servicePrincipals[0].owners[0]: not a lower-case GUID: 'me'",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "owners"],
            "me",
            "tenants[0].servicePrincipals[0].owners: expected a list, got a string",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"],
            ["Box Out"],
            "tenants[0].servicePrincipals[0].synchronizationTemplates[0]: not a template id",
        ),
        (
            ["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"],
            ["a", "a"],
            "tenants[0].servicePrincipals[0].synchronizationTemplates[1]: duplicate template id 'a'",
        ),
        (["tenants", 0, "servicePrincipals", 0, "synchronizationTemplates"], [True], "not a template id"),
        (
            ["tenants", 0, "applications"],
            [None],
            "tenants[0].applications[0]: expected a mapping, got nothing (null)",
        ),
        (["templates"], {"id": "aws"}, "templates: expected a list, got a mapping"),
        (["templates"], [{"factoryTag": "aws"}], "templates[0]: missing required key 'id'"),
        (["templates"], [{"id": "a b"}], "templates[0].id: not a template id"),
        (["templates"], [{"id": "aws"}, {"id": "aws"}], "templates[1].id: duplicate template id 'aws'"),
        (
            ["templates"],
            [{"id": "aws", "discoverable": "yes"}],
            "templates[0].discoverable: expected true or false",
        ),
        (["templates"], [{"id": "aws", "default": 1}], "templates[0].default: expected true or false"),
        (
            ["templates"],
            [{"id": "aws", "applicationId": "AWS"}],
            "templates[0].applicationId: not a lower-case GUID: 'AWS'",
        ),
        (
            ["templates"],
            [{"id": "aws", "jobDefaults": {"cycle": "PT40M"}}],
            "templates[0].jobDefaults: unknown key 'cycle'",
        ),
        (
            ["templates"],
            [{"id": "aws", "jobDefaults": {"settings": [{"value": "1"}]}}],
            "templates[0].jobDefaults.settings[0]: missing required key 'name'",
        ),
        (
            ["templates"],
            [{"id": "aws", "metadata": [{"key": "a", "value": 5}]}],
            "templates[0].metadata[0].value",
        ),
    ],
)
def test_invalid_seeds_name_the_location_and_problem(path: list[Any], value: Any, expected: str) -> None:
    assert expected in problems(mutated(path, value))


def test_the_template_catalog_gives_new_jobs_their_defaults() -> None:
    data = copy.deepcopy(VALID)
    data["templates"] = [
        {
            "id": "BoxOutDelta",
            "factoryTag": "box",
            "applicationId": "21ed01d2-ec13-4e9e-86c1-cd546719ebc4",
            "default": False,
            "discoverable": False,
            "metadata": [{"key": "GalleryApplicationKey", "value": "box"}],
            "jobDefaults": {
                "interval": "PT20M",
                "statusCode": "Paused",
                "settings": [
                    {"name": "QuarantineTooManyDeletesThreshold", "value": "500"},
                    {"name": "X", "value": None},
                ],
            },
        }
    ]
    directory = parse_seed(data)
    box = directory.template("BoxOutDelta")
    assert (box.factory_tag, box.discoverable, box.metadata) == (
        "box",
        False,
        (("GalleryApplicationKey", "box"),),
    )
    assert (box.application_id, box.default) == ("21ed01d2-ec13-4e9e-86c1-cd546719ebc4", False)
    assert (box.job.interval, box.job.state, box.job.status_code) == ("PT20M", "Disabled", "Paused")
    assert box.job.settings == (("QuarantineTooManyDeletesThreshold", "500"), ("X", None))
    documented = directory.template("scim")  # not in the catalog: the create page's defaults
    assert (documented.job.interval, documented.job.status_code, documented.job.settings) == (
        "P10675199DT2H48M5.4775807S",
        "NotConfigured",
        (),
    )


def test_check_seed_refuses_job_defaults_the_spec_does_not_allow(tmp_path: Path) -> None:
    data = copy.deepcopy(VALID)
    data["templates"] = [
        {"id": "BoxOutDelta", "jobDefaults": {"interval": "40 minutes", "statusCode": "Sleeping"}}
    ]
    seed = tmp_path / "seed.yaml"
    seed.write_text(yaml.safe_dump(data))
    result = cli("check-seed", str(seed))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "templates: BoxOutDelta: jobDefaults: schedule.interval" in result.stderr
    served = cli("serve", "--seed", str(seed), "--db", "memory:", "--port", "0")
    assert served.returncode == 2 and len(served.stderr.strip().splitlines()) == 1
    assert "templates: BoxOutDelta: jobDefaults" in served.stderr


def test_ids_must_be_unique() -> None:
    data = copy.deepcopy(VALID)
    sps = data["tenants"][0]["servicePrincipals"]
    sps.append({**sps[0]})
    text = problems(data)
    assert "tenants[0].servicePrincipals[1].appId: appId" in text and "already used" in text
    assert (
        f"tenants[0].servicePrincipals[1].id: object id {BOX_SP} is already used by tenants[0].servicePrincipals[0]"
        in text
    )
    data = copy.deepcopy(VALID)
    data["tenants"].append(copy.deepcopy(data["tenants"][0]))
    assert "tenants[1].id: duplicate tenant id" in problems(data)


def test_many_problems_are_listed_together_then_cut_short() -> None:
    data = {"version": 1, "tenants": [{"id": "x", "displayName": ""} for _ in range(30)]}
    text = problems(data)
    assert "tenants[0].id" in text and "tenants[0].displayName" in text
    assert "... and 40 more" in text


def test_not_a_mapping_and_unreadable_files(tmp_path: Path) -> None:
    assert "(top level): expected a mapping, got a list" in problems([1])
    with pytest.raises(SeedError, match="cannot read"):
        load_seed(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("tenants: [\n")
    with pytest.raises(SeedError, match="not valid YAML"):
        load_seed(bad)
    dup = tmp_path / "dup.yaml"
    dup.write_text(f"version: 1\ntenants:\n  - id: {CONTOSO}\n    id: {FABRIKAM}\n    displayName: x\n")
    with pytest.raises(SeedError, match="duplicate key 'id'"):
        load_seed(dup)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(SeedError, match="cannot read"):
        load_seed(binary)
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("!!python/object/apply:os.system ['true']\n")
    with pytest.raises(SeedError, match="not valid YAML"):
        load_seed(tagged)


def test_check_seed_command(tmp_path: Path) -> None:
    printed = cli("demo", "--print-seed")
    assert printed.returncode == 0, printed.stderr
    demo_file = tmp_path / "demo.yaml"
    demo_file.write_text(printed.stdout)
    assert load_seed(demo_file) == load_seed(DEMO)  # the printed demo seed is the built-in one
    ok = cli("check-seed", str(demo_file))
    assert ok.returncode == 0 and "ok (2 tenants" in ok.stdout
    bad = tmp_path / "seed.yaml"
    bad.write_text(yaml.safe_dump(mutated(["tenants", 0, "id"], "nope")))
    result = cli("check-seed", str(bad))
    assert result.returncode == 1
    assert (
        "tenants[0].id: not a lower-case GUID: 'nope'" in result.stderr and "Traceback" not in result.stderr
    )
    missing = cli("check-seed", str(tmp_path / "missing.yaml"))
    assert (
        missing.returncode == 2 and "missing.yaml: cannot read the seed file: No such file" in missing.stderr
    )


def test_check_seed_of_a_file_it_cannot_read_is_exit_2(tmp_path: Path) -> None:
    """A folder or a file that is not UTF-8 is bad input (2), not an invalid seed (1); the message says which."""
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("version: 1\ntenants: [{displayName: Caf\u00e9}]\n".encode("latin-1"))
    for path, reason in [(tmp_path, "Is a directory"), (latin1, "not UTF-8 text (byte 0xe9 at offset 38)")]:
        result = cli("check-seed", str(path))
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"graphsync check-seed: error: {path}: cannot read the seed file: {reason}\n"


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (
            ["serve", "--port", "70000"],
            {},
            "argument --port: '70000': expected a whole number from 0 to 65535",
        ),
        (["serve", "--port", "x"], {}, "argument --port: 'x': expected a whole number from 0 to 65535"),
        (["serve", "--host", ""], {}, "argument --host: '': expected an address to listen on"),
        (["serve"], {"GRAPHSYNC_HOST": ""}, "GRAPHSYNC_HOST='': expected an address to listen on"),
        (
            ["serve"],
            {"GRAPHSYNC_SIGNING_KEY": "."},
            "GRAPHSYNC_SIGNING_KEY=.: cannot read the key file: Is a",
        ),
        (
            ["serve"],
            {"GRAPHSYNC_MAX_PAGE_SIZE": "99999999999999999999"},
            "GRAPHSYNC_MAX_PAGE_SIZE='99999999999999999999': expected a whole number from 1 to 999",
        ),
        (["serve"], {"GRAPHSYNC_AUDIENCES": ","}, "GRAPHSYNC_AUDIENCES=',': expected one or more audiences"),
        (
            ["serve"],
            {"GRAPHSYNC_PUBLIC_URL": "notaurl"},
            "GRAPHSYNC_PUBLIC_URL='notaurl': expected an absolute http:// or https:// URL with a host",
        ),
        (["serve"], {"GRAPHSYNC_LOG_LEVEL": "loud"}, "GRAPHSYNC_LOG_LEVEL='loud': expected one of critical"),
        (["serve", "--log-level", "loud"], {}, "argument --log-level: 'loud': expected one of critical"),
        (["serve", "--db", "mysql://x"], {}, "unsupported database URL"),
        (["serve", "--seed", "/nonexistent/seed.yaml"], {}, "cannot read the seed file"),
        (["serve", "--spec", "/nonexistent/openapi.yaml"], {}, "cannot read the OpenAPI document"),
        (["serve"], {"GRAPHSYNC_MAX_PAGE_SIZE": "0"}, "GRAPHSYNC_MAX_PAGE_SIZE='0': expected a whole number"),
        (["serve", "--limit-concurrency", "0"], {}, "expected a whole number from 1 to 1000000"),
        (
            ["serve"],
            {"GRAPHSYNC_LIMIT_CONCURRENCY": "0"},
            "GRAPHSYNC_LIMIT_CONCURRENCY='0': expected a whole",
        ),
        (["bogus"], {}, "invalid choice"),
        ([], {}, "required"),
    ],
)
def test_bad_command_lines_exit_2_without_traceback(
    tmp_path: Path, signing_key: Path, args: list[str], env: dict[str, str], expected: str
) -> None:
    result = cli(*args, cwd=tmp_path, env={"GRAPHSYNC_SIGNING_KEY": str(signing_key), **env})
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert not lines[-1].startswith(" ") and sum(expected in line for line in lines) == 1
    usage = [line for line in lines if line.startswith("usage:")]  # argparse's usage (a few lines) if any
    assert len(lines) - (len(lines) - 1 if usage else 0) == 1 or lines[-1].startswith("graphsync ")


def test_serve_refuses_a_newer_database(tmp_path: Path, signing_key: Path) -> None:
    import sqlite3

    from graphsync.storage.sqlite_schema import SCHEMA_VERSION

    path = tmp_path / "future.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.execute("PRAGMA application_id = 1196644675")
    conn.close()
    result = cli(
        "serve", "--db", f"sqlite:///{path}", cwd=tmp_path, env={"GRAPHSYNC_SIGNING_KEY": str(signing_key)}
    )
    assert result.returncode == 2
    assert "newer than this release" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- settings


def from_env(**variables: str) -> Settings:
    return Settings.from_env({f"GRAPHSYNC_{name.upper()}": value for name, value in variables.items()})


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("max_page_size", "99999999999999999999", "expected a whole number from 1 to 999"),
        ("max_page_size", "1000", "expected a whole number from 1 to 999"),
        ("max_body_bytes", "104857601", "expected a whole number from 1 to 104857600"),
        ("port", "65536", "expected a whole number from 0 to 65535"),
        ("port", "8e3", "expected a whole number from 0 to 65535"),
        ("limit_concurrency", "1000001", "expected a whole number from 1 to 1000000"),
        ("body_timeout_s", "-1", "expected a number of seconds from 0.01 to 3600"),
        ("header_timeout_s", "1e300", "expected a number of seconds from 0.01 to 3600"),
        ("header_timeout_s", "nan", "expected a number of seconds from 0.01 to 3600"),
        ("send_timeout_s", "0", "expected a number of seconds from 0.01 to 3600"),
        ("links_from_host", "maybe", "expected on or off"),
        ("rate_limit_per_s", "1e-320", "expected 0 (off) or a number from 0.001 to 1000000"),
        ("rate_limit_per_s", "inf", "expected 0 (off) or a number from 0.001 to 1000000"),
        ("audiences", ",", "expected one or more audiences separated by commas"),
        ("audiences", " , ,", "expected one or more audiences separated by commas"),
        ("host", "", "expected an address to listen on"),
        ("host", "  ", "expected an address to listen on"),
        ("public_url", "notaurl", "expected an absolute http:// or https:// URL with a host"),
        ("public_url", "graph.example.com", "expected an absolute http:// or https:// URL"),
        ("public_url", "ftp://graph.example.com", "expected an absolute http:// or https:// URL"),
        ("public_url", "https://", "expected an absolute http:// or https:// URL"),
        ("public_url", "https://graph.example.com/?a=1", "without query, fragment or user name"),
        ("public_url", "https://graph.example.com/#x", "without query, fragment or user name"),
        ("public_url", "https://user@graph.example.com", "without query, fragment or user name"),
        ("public_url", "https://graph.example.com:99999", "expected an absolute http:// or https:// URL"),
        ("public_url", "https://graph.example.com/a\r\nSet-Cookie: x", "expected an absolute http://"),
        ("log_level", "loud", "expected one of critical, error, warning, info, debug"),
        ("access_log", "maybe", "expected on or off"),
        ("permission_errors", "403", "expected observed (401 UnknownError"),
        ("clock", "fast", "expected real (the wall clock"),
        ("clock_speed", "0", "expected a factor from 0.001 to 1000000"),
        ("clock_speed", "nan", "expected a factor from 0.001 to 1000000"),
        ("clock_start", "2026-01-01T00:00:00", "expected a date and time with a UTC offset"),
        ("clock_start", "9000-01-01T00:00:01Z", "no later than 9000-01-01T00:00:00Z"),
        ("clock_start", "9999-12-31T23:59:59-05:00", "no later than 9000-01-01T00:00:00Z"),
        ("clock_start", "0001-01-01T00:00:00+05:00", "expected a date and time with a UTC offset"),
    ],
)
def test_invalid_variables_say_what_they_got_and_what_they_expect(
    name: str, value: str, expected: str
) -> None:
    with pytest.raises(SettingsError) as info:
        from_env(**{name: value})
    message = str(info.value)
    assert message.startswith(f"GRAPHSYNC_{name.upper()}={value!r}: ") and expected in message
    assert "\n" not in message


def test_bounds_and_off_values_are_accepted() -> None:
    settings = from_env(
        max_page_size="999",
        max_body_bytes="104857600",
        port="0",
        body_timeout_s="0.01",
        header_timeout_s="3600",
        rate_limit_per_s="0.001",
        limit_concurrency="1000000",
        audiences=" api://x ,",
        public_url="https://graph.example.com/prefix/",
        log_level="DEBUG",
        access_log="On",
    )
    assert (settings.max_page_size, settings.max_body_bytes, settings.port) == (999, 104857600, 0)
    assert (settings.body_timeout_s, settings.header_timeout_s, settings.rate_limit_per_s) == (
        0.01,
        3600,
        0.001,
    )
    assert (settings.limit_concurrency, settings.audiences) == (1000000, ("api://x",))
    assert (settings.public_url, settings.log_level, settings.access_log) == (
        "https://graph.example.com/prefix/",
        "debug",
        True,
    )
    for url in ("http://localhost:8000", "https://[::1]:8443/graph", "HTTPS://Graph.Example.com"):
        assert from_env(public_url=url).public_url == url
    for word, on in [("1", True), ("yes", True), ("true", True), ("0", False), ("no", False), ("off", False)]:
        assert from_env(access_log=word).access_log is on


def test_empty_variables_mean_unset_except_the_host() -> None:
    assert from_env(port="", audiences="", public_url="", log_level="") == Settings()
    with pytest.raises(SettingsError, match="GRAPHSYNC_HOST=''"):
        from_env(host="")


def test_flags_are_checked_like_variables_and_named_as_flags() -> None:
    settings = Settings.from_env({"GRAPHSYNC_SIGNING_KEY": "env.pem"}, signing_key=Path("flag.pem"))
    assert settings.describe("signing_key") == "--signing-key flag.pem"
    assert Settings.from_env({"GRAPHSYNC_SIGNING_KEY": "env.pem"}).describe("signing_key") == (
        "GRAPHSYNC_SIGNING_KEY=env.pem"
    )
    with pytest.raises(SettingsError, match=r"^--host '': expected an address"):
        Settings.from_env({}, host="")
    with pytest.raises(SettingsError, match=r"^--max-page-size 1000: expected a whole number from 1 to 999$"):
        Settings.from_env({}, max_page_size=1000)


def test_read_limits_the_variables_read() -> None:
    env = {"GRAPHSYNC_PORT": "abc", "GRAPHSYNC_SIGNING_KEY": "k.pem"}
    assert Settings.from_env(env, read=("signing_key", "jwks")).signing_key == Path("k.pem")
    with pytest.raises(SettingsError, match="GRAPHSYNC_PORT"):
        Settings.from_env(env)


def test_serve_settings_have_variables_with_the_flags_defaults() -> None:
    """--log-level, --access-log and --limit-concurrency are settings too, with the flags' old defaults."""
    assert (Settings().log_level, Settings().access_log, Settings().limit_concurrency) == (
        "info",
        False,
        2048,
    )
    settings = from_env(log_level="warning", access_log="on", limit_concurrency="64")
    assert (settings.log_level, settings.access_log, settings.limit_concurrency) == ("warning", True, 64)
    flagged = Settings.from_env(
        {"GRAPHSYNC_ACCESS_LOG": "on", "GRAPHSYNC_LOG_LEVEL": "debug"}, access_log=False, log_level="error"
    )
    assert (flagged.access_log, flagged.log_level) == (False, "error")


class RecordingEnv(dict[str, str]):
    """An empty environment that records which variables are looked up."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        self.asked.append(key)
        return super().get(key, default)


def documented_settings() -> dict[str, tuple[str, str, str]]:
    """docs/emulator.md "Configuration" table: variable -> (setting, default, meaning)."""
    text = (ROOT / "docs" / "emulator.md").read_text(encoding="utf-8")
    section = text.split("\n### Configuration\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[str, str, str]] = {}
    for line in section.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`GRAPHSYNC_[A-Z0-9_]+`", cells[1]):
            rows[cells[1].strip("`")] = (cells[0], cells[2], cells[3])
    return rows


def documented_default(value: Any) -> str:
    """How the table writes a default: `8000`, `10` (for 10.0), `off`, unset, `seeds/demo.yaml`, a list."""
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "`on`" if value else "`off`"
    if isinstance(value, float) and value.is_integer():
        return f"`{int(value)}`"
    if isinstance(value, tuple):
        return ", ".join(f"`{item}`" for item in value)
    if isinstance(value, Path) and value.is_absolute():
        inside = value.is_relative_to(PACKAGE_DIR)
        return f"`{value.relative_to(PACKAGE_DIR) if inside else value.name}`"
    return f"`{value}`"


def test_the_documented_settings_table_matches_the_code() -> None:
    env = RecordingEnv()
    defaults = Settings.from_env(env)
    read = set(env.asked)
    documented = documented_settings()
    assert read == set(documented), "variables read by Settings.from_env vs. rows of the docs table"
    for variable, (setting, default, meaning) in documented.items():
        assert variable == f"GRAPHSYNC_{setting.upper()}", variable
        assert documented_default(getattr(defaults, setting)) in default, (variable, default)
        if setting.endswith("_timeout_s"):
            assert "0.01 to 3600" in meaning, variable
