"""A folder synced into place by vdirsyncer (filesystem ↔ filesystem) is served
correctly, and changes made through Cardbox sync back."""

import re
import shutil
import subprocess

from conftest import FIXTURES, card_fields, read_vcard


def vdirsyncer(config, *args):
    result = subprocess.run(["vdirsyncer", "-c", str(config), *args], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL, timeout=120)
    assert result.returncode == 0, f"vdirsyncer {' '.join(args)}: {result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def card_with_uid(folder, uid):
    """The one file of `folder` whose UID line is `uid`, parsed by vobject."""
    found = [path for path in folder.glob("*.vcf")
             if re.search(rf"^UID:{re.escape(uid)}\r?$", path.read_bytes().decode("utf-8"), re.MULTILINE)]
    assert len(found) == 1, f"UID {uid}: {found}"
    return read_vcard(found[0])


def test_synced_folder_is_served_and_changes_sync_back(serve, tmp_path):
    source, synced = tmp_path / "source", tmp_path / "synced"
    source.mkdir()
    synced.mkdir()
    # vdirsyncer only reads UTF-8; the one ISO-8859-1 fixture stays out.
    for path in sorted((FIXTURES / "valid").glob("*.vcf")):
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        shutil.copy(path, source / path.name)
    config = tmp_path / "vdirsyncer.conf"
    config.write_text(f"""[general]
status_path = "{tmp_path / 'status'}/"

[pair contacts]
a = "source"
b = "synced"
collections = null
conflict_resolution = "a wins"

[storage source]
type = "filesystem"
path = "{source}/"
fileext = ".vcf"

[storage synced]
type = "filesystem"
path = "{synced}/"
fileext = ".vcf"
""")
    vdirsyncer(config, "discover")
    vdirsyncer(config, "sync")
    assert len(list(synced.glob("*.vcf"))) == len(list(source.glob("*.vcf"))) == 37

    # The synced folder serves the same contacts as the original.
    original = serve(source)
    served = serve(synced)
    _, status = served.request("GET", "/status", expect=200)
    assert (status["data"]["contacts"], status["data"]["groups"], status["data"]["problems"]) == (36, 1, [])

    def comparable(server):
        return comparable_from(server.contacts())

    assert comparable(served) == comparable(original)

    # Changes through Cardbox: a patch, a new contact, a soft delete, a permanent delete.
    contacts = served.contacts()
    by_name = {c["display_name"]: c for c in contacts.values()}
    tomasz, lucia, grace = by_name["Tomasz Wiśniewski"], by_name["Lucía Fernández Ortega"], by_name["Grace Liu"]
    served.request("PATCH", f"/contacts/{tomasz['id']}", {"job_title": "Head of Operations",
                                                          "notes": "Promoted in 2026.\nStill prefers mornings."},
                   expect=200)
    _, created = served.request("POST", "/contacts", {
        "display_name": "Synced Back", "emails": [{"address": "synced@example.com", "label": "work"}],
        "phones": [{"number": "+34 600 000 999", "label": "mobile"}], "company": "Round Trip S.L."}, expect=201)
    served.request("DELETE", f"/contacts/{lucia['id']}", expect=200)
    served.request("DELETE", f"/contacts/{grace['id']}?permanent=true", expect=204)
    after = served.contacts()

    vdirsyncer(config, "sync")
    assert len(list(source.glob("*.vcf"))) == 37 + 1 - 1  # one created, one removed for good

    tomasz_card = card_with_uid(source, "d1aa30d5-5b74-453f-982c-050f922c5754")
    assert tomasz_card.title.value == "Head of Operations"
    assert card_fields(tomasz_card)["notes"] == "Promoted in 2026.\nStill prefers mornings."

    new_card = card_with_uid(source, "urn:uuid:" + created["data"]["id"])
    fields = card_fields(new_card)
    assert (fields["display_name"], fields["emails"], fields["phones"], fields["company"]) == (
        "Synced Back", ["synced@example.com"], ["+34 600 000 999"], "Round Trip S.L.")

    # Lucía's file has no UID: vdirsyncer sees new content as a new item (its file name changes).
    lucia_files = [path for path in source.glob("*.vcf") if "FN:Lucía Fernández Ortega" in path.read_text()]
    assert len(lucia_files) == 1 and "X-DELETED-AT:" in lucia_files[0].read_text()
    assert not any("grace.liu@example.com" in path.read_text() for path in source.glob("*.vcf"))

    # And the server still running on the source folder picked the synced-back
    # files up through its folder watcher: it now shows what the synced one showed.
    original.wait_for(lambda contacts: comparable_from(contacts) == comparable_from(after), "the synced-back changes")


def comparable_from(contacts):
    """Contacts without what differs by design between two copies of a folder: file names (ids) and mtimes."""
    rows = []
    for contact in contacts.values():
        row = dict(contact)
        for key in ("id", "created_at", "updated_at"):
            row.pop(key)
        rows.append(repr(sorted(row.items())))
    return sorted(rows)
