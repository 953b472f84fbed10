"""What a run fuzzes and as whom: the emulator with minted identities, or a URL with the given ones."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from fuzz.identities import IdentitiesError, Identity, read_identities
from fuzz.runner.callers import emulator_identities, mint_tokens
from fuzz.runner.emulator import Emulator, write_operator_key
from fuzz.runner.errors import UsageError
from fuzz.runner.options import CONTROL_KEY_VARIABLE, Options
from fuzz.runner.templates import seed_directories, seed_subjects, seed_templates
from graphsync import demo


@dataclass
class Plan:
    """The fuzzed objects and their templates, the callers, and the server (`emulator` unless a URL)."""

    sp_id: str
    app_id: str
    sp_templates: str
    app_templates: str
    main: Identity
    others: list[Identity] = field(default_factory=list)
    subjects: str = ""  # comma-separated user ids a valid provisionOnDemand names (GRAPHSYNC_FUZZ_SUBJECTS)
    directories: str = (
        ""  # comma-separated ids of the templates' schema directories (GRAPHSYNC_FUZZ_DIRECTORIES)
    )
    base_url: str = ""  # the emulator's once it is started
    emulator: Emulator | None = None
    control_key: str = ""  # the control API's operator key: the emulator's, or CONTROL_KEY with a URL
    control_url: str = ""  # where /_graphsync/ is: the emulator's origin, or the URL without its version

    def start_emulator(self, how: str) -> None:
        """Start the emulator, if this plan has one (saying so, and `how`), and aim the plan at it."""
        if self.emulator is None:
            return
        print(f"==> starting the emulator {how} (seed {self.emulator.seed_name})", flush=True)
        self.base_url = self.emulator.start()
        self.control_url = self.emulator.origin

    def owners(self, exclude: tuple[str, ...]) -> list[tuple[str, str]]:
        """(kind, object id) of the fuzzed objects whose operations are not all excluded."""
        owners = [("servicePrincipals", self.sp_id), ("applications", self.app_id)]
        return [o for o in owners if not any(re.search(p, f"GET /{o[0]}/") for p in exclude)]

    def jobs(self) -> list[tuple[str, str, str]]:
        """(owner kind, object id, template) for each template of the fuzzed objects."""
        owners = (
            ("servicePrincipals", self.sp_id, self.sp_templates),
            ("applications", self.app_id, self.app_templates),
        )
        return [
            (kind, object_id, t) for kind, object_id, templates in owners for t in templates.split(",") if t
        ]

    def control_target(self) -> str:
        """The fuzzed control API, for the report."""
        return f"{self.control_url}/_graphsync/ (" + (
            "the emulator's, operator key written to its --operator-key-file)"
            if self.emulator is not None
            else "operator key from CONTROL_KEY)"
        )

    def target(self) -> str:
        """The fuzzed server and objects, for the report."""
        objects = f"service principal {self.sp_id}, application {self.app_id}"
        if self.emulator is None:
            return f"{self.base_url} ({objects})"
        return (
            f"the emulator ({self.base_url}; graphsync serve, temporary SQLite database, seed "
            f"{self.emulator.seed_name}; {objects})"
        )


def plan_for_url(options: Options) -> Plan:
    """A URL run: the TOKEN's caller, the IDENTITIES file's, and the demo seed's objects unless given."""
    token = os.environ.get("GRAPHSYNC_FUZZ_TOKEN", "").strip().removeprefix("Bearer ").strip()
    main = Identity("main", token=token, description="the TOKEN given to make fuzz")
    sp_id = options.sp_id or demo.BOX_SP
    app_id = options.app_id or demo.BOX_APP
    return Plan(
        sp_id=sp_id,
        app_id=app_id,
        sp_templates=options.sp_templates or ",".join(seed_templates(None, "servicePrincipals", demo.BOX_SP)),
        app_templates=options.app_templates or ",".join(seed_templates(None, "applications", demo.BOX_APP)),
        main=main,
        others=_given_identities(options.identities) if options.identities else [],
        base_url=options.url.rstrip("/"),
        control_key=os.environ.get(CONTROL_KEY_VARIABLE, "").strip().removeprefix("Bearer ").strip(),
        control_url=control_url(options.url),
    )


def control_url(url: str) -> str:
    """Where a URL's control API is: the URL without its last path segment (the API version, /v1.0)."""
    parts = urlsplit(url.rstrip("/"))
    return urlunsplit((parts.scheme, parts.netloc, parts.path.rsplit("/", 1)[0], "", ""))


def _given_identities(path: str) -> list[Identity]:
    """The IDENTITIES file's callers; UsageError when it cannot be used."""
    try:
        identities = read_identities(path)
    except IdentitiesError as exc:
        raise UsageError(f"IDENTITIES={path!r}: {exc}") from None
    return [replace(i, description=i.description or "from IDENTITIES") for i in identities]


def plan_for_emulator(options: Options, workdir: Path) -> Plan:
    """An emulator run: its seed's objects and templates, its identities, their tokens signed in `workdir`."""
    seed = Path(options.seed_file) if options.seed_file else None
    sp_id = options.sp_id or demo.BOX_SP
    app_id = options.app_id or demo.BOX_APP
    sp_templates = options.sp_templates or ",".join(seed_templates(seed, "servicePrincipals", sp_id))
    app_templates = options.app_templates or ",".join(seed_templates(seed, "applications", app_id))
    main, others = emulator_identities()
    signing_key = workdir / "signing-key.pem"
    mint_tokens([main, *others], signing_key)
    operator_key_file = workdir / "operator-key"
    control_key = write_operator_key(operator_key_file)
    return Plan(
        sp_id=sp_id,
        app_id=app_id,
        sp_templates=sp_templates,
        app_templates=app_templates,
        main=main,
        others=others,
        subjects=",".join(seed_subjects(seed, "servicePrincipals", sp_id)),
        directories=",".join(seed_directories(seed, [*sp_templates.split(","), *app_templates.split(",")])),
        emulator=Emulator(workdir, seed, signing_key, operator_key_file),
        control_key=control_key,
    )
