"""Shared fixtures for the interoperability suite: the cardbox binary, a running
`cardbox serve --port 0`, a tiny JSON client over urllib, and vobject readers."""

import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import vobject

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures" / "vcard"
CARDBOX = Path(os.environ.get("CARDBOX_BIN", REPO / ".build" / "debug" / "cardbox"))


def run_cardbox(*args, check=True, **kwargs):
    """Runs the cardbox binary and returns the CompletedProcess."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CARDBOX_")}
    result = subprocess.run([str(CARDBOX), *map(str, args)], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=60, **kwargs)
    if check and result.returncode != 0:
        raise AssertionError(f"cardbox {' '.join(map(str, args))} exited {result.returncode}:\n"
                             f"{result.stdout}\n{result.stderr}")
    return result


class Server:
    """`cardbox serve --port 0 --dir DIR`, with the port read from its log line."""

    def __init__(self, directory: Path, log: Path):
        self.directory = directory
        self.log_path = log
        self.log = open(log, "w")
        env = {k: v for k, v in os.environ.items() if not k.startswith("CARDBOX_")}
        self.process = subprocess.Popen([str(CARDBOX), "serve", "--port", "0", "--dir", str(directory)],
                                        stdout=subprocess.DEVNULL, stderr=self.log, stdin=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 20
        while True:
            # The port is bound before the folder loads; every route answers once "ready:" is logged.
            text = log.read_text()
            match = re.search(r"listening on (http://127\.0\.0\.1:\d+)", text)
            if match and " ready: " in text:
                self.base = match.group(1) + "/api/v1"
                break
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"cardbox serve did not start:\n{log.read_text()}")
            time.sleep(0.02)

    def request(self, method, path, body=None, expect=None):
        """Sends a request; returns (status, decoded JSON or None)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        payload = json.loads(raw) if raw else None
        if expect is not None:
            assert status == expect, f"{method} {path} -> {status}: {payload}"
        return status, payload

    def contacts(self, include_deleted=True):
        """Every contact, keyed by id."""
        flag = "&include_deleted=true" if include_deleted else ""
        _, payload = self.request("GET", f"/contacts?limit=1000{flag}", expect=200)
        return {contact["id"]: contact for contact in payload["data"]}

    def wait_for(self, predicate, what, timeout=5.0):
        """Polls the API until `predicate(contacts)` holds (the watcher is asynchronous)."""
        deadline = time.monotonic() + timeout
        while True:
            contacts = self.contacts()
            if predicate(contacts):
                return contacts
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; have {sorted(c['display_name'] for c in contacts.values())}")
            time.sleep(0.05)

    def stop(self):
        if self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        finally:
            if not self.log.closed:
                self.log.close()


@pytest.fixture
def serve(tmp_path):
    """Starts servers on folders; every server is stopped after the test."""
    servers = []

    def start(directory: Path) -> Server:
        directory.mkdir(parents=True, exist_ok=True)
        server = Server(directory, tmp_path / f"serve-{len(servers)}.log")
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def read_vcard(path: Path):
    """The one card of a file, parsed by vobject."""
    text = path.read_bytes().decode("utf-8")
    cards = list(vobject.readComponents(text))
    assert len(cards) == 1, f"{path.name}: {len(cards)} cards"
    return cards[0]


def card_fields(card):
    """The fields Cardbox maps, as vobject reads them."""
    def values(name):
        return [line.value for line in card.contents.get(name, [])]

    n = card.contents.get("n", [None])[0]
    org = card.contents.get("org", [None])[0]
    notes = values("note")
    phones = []
    for value in values("tel"):
        phones.append(value[4:] if value.lower().startswith("tel:") else value)
    return {
        "display_name": card.fn.value if "fn" in card.contents else None,
        "first_name": (n.value.given or None) if n else None,
        "last_name": (n.value.family or None) if n else None,
        "emails": values("email"),
        "phones": phones,
        "company": (org.value[0] or None) if org and org.value else None,
        "notes": notes[0].replace("\r\n", "\n") if notes and notes[0] else None,
    }


def contact_fields(contact):
    """The same fields from Cardbox's JSON."""
    return {
        "display_name": contact["display_name"],
        "first_name": contact["first_name"],
        "last_name": contact["last_name"],
        "emails": [email["address"] for email in contact["emails"]],
        "phones": [phone["number"] for phone in contact["phones"]],
        "company": contact["company"],
        "notes": contact["notes"],
    }


def pytest_terminal_summary(terminalreporter):
    """A closing line CI logs can be grepped for; skips count as failures."""
    stats = terminalreporter.stats
    passed = len(stats.get("passed", []))
    failed = len(stats.get("failed", [])) + len(stats.get("error", [])) + len(stats.get("skipped", []))
    terminalreporter.write_line(f"interop: {passed} passed, {failed} failed")


def pytest_sessionfinish(session, exitstatus):
    """A skipped interop test is a tool that did not run: fail the run instead of hiding it."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1
