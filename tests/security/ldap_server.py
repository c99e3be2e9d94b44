"""A real OpenLDAP server (Debian's ``slapd``) for the LDAP sign-on tests: its own configuration
file and database in a temporary folder, loaded with ``slapadd``, listening on 127.0.0.1 only.
No debconf, no system service: ``start`` returns a running server and ``stop`` ends it."""

from __future__ import annotations

import base64
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

SLAPD = shutil.which("slapd") or "/usr/sbin/slapd"
SLAPADD = shutil.which("slapadd") or "/usr/sbin/slapadd"
SUFFIX = "dc=jixiao,dc=test"
PEOPLE = f"ou=people,{SUFFIX}"
GROUPS = f"ou=groups,{SUFFIX}"


def available() -> bool:
    return Path(SLAPD).exists() and Path(SLAPADD).exists()


@dataclass
class Person:
    uid: str
    password: str
    name: str
    organisation: str | None = None
    role: str | None = None  # employeeType
    groups: tuple[str, ...] = ()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _value(name: str, value: str) -> str:
    """One LDIF line; values that are not plain ASCII go base64-encoded (``name:: …``)."""
    if value.isascii():
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def _ldif(people: list[Person]) -> str:
    entries = [
        [f"dn: {SUFFIX}", "objectClass: dcObject", "objectClass: organization", "o: jixiao",
         "dc: jixiao"],
        [f"dn: {PEOPLE}", "objectClass: organizationalUnit", "ou: people"],
        [f"dn: {GROUPS}", "objectClass: organizationalUnit", "ou: groups"],
    ]  # fmt: skip
    groups: dict[str, list[str]] = {}
    for person in people:
        dn = f"uid={person.uid},{PEOPLE}"
        entry = [
            f"dn: {dn}",
            "objectClass: inetOrgPerson",
            f"uid: {person.uid}",
            _value("cn", person.name),
            f"sn: {person.uid}",
            f"userPassword: {person.password}",
        ]
        if person.organisation:
            entry.append(_value("o", person.organisation))
        if person.role:
            entry.append(_value("employeeType", person.role))
        entries.append(entry)
        for group in person.groups:
            groups.setdefault(group, []).append(dn)
    for group, members in groups.items():
        entries.append(
            [f"dn: cn={group},{GROUPS}", "objectClass: groupOfNames", f"cn: {group}"]
            + [f"member: {member}" for member in members]
        )
    return "\n\n".join("\n".join(entry) for entry in entries) + "\n"


def _config(folder: Path) -> str:
    schema = Path("/etc/ldap/schema")
    includes = "\n".join(
        f"include {schema / name}.schema" for name in ("core", "cosine", "inetorgperson", "nis")
    )
    return f"""{includes}
pidfile {folder / "slapd.pid"}
argsfile {folder / "slapd.args"}
modulepath /usr/lib/ldap
moduleload back_mdb
database mdb
maxsize 10485760
suffix "{SUFFIX}"
rootdn "cn=admin,{SUFFIX}"
rootpw admin-secret
directory {folder / "data"}
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(folder: Path, people: list[Person]) -> Server:
    """Write the configuration and directory into ``folder``, load ``people`` and start slapd."""
    (folder / "data").mkdir(parents=True)
    config = folder / "slapd.conf"
    config.write_text(_config(folder))
    ldif = folder / "people.ldif"
    ldif.write_text(_ldif(people), encoding="utf-8")
    subprocess.run(
        [SLAPADD, "-f", str(config), "-l", str(ldif)], check=True, capture_output=True, timeout=60
    )
    port = _free_port()
    url = f"ldap://127.0.0.1:{port}"
    # -d keeps slapd in the foreground (so the test owns the process); level 0 logs nothing.
    process = subprocess.Popen(
        [SLAPD, "-f", str(config), "-h", f"{url}/", "-d", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"slapd stopped at start (exit {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return Server(url=url, process=process)
        except OSError:
            time.sleep(0.05)
    process.terminate()
    raise RuntimeError("slapd did not start")
