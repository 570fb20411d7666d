"""Every file Cardbox writes (created, patched, soft-deleted, imported) is read by
Python's vobject with the same names, emails, phones, organisation and notes."""

import shutil

from conftest import FIXTURES, card_fields, contact_fields, read_vcard, run_cardbox

REFERENCE = {
    "display_name": "Ana García",
    "first_name": "Ana",
    "last_name": "García",
    "emails": [{"address": "ana@acme-labs.example", "label": "work", "primary": True}],
    "phones": [{"number": "+34612345678", "label": "mobile", "primary": True}],
    "company": "Acme Labs",
    "job_title": "Head of Partnerships",
    "tags": ["partnership"],
}

TRICKY = {
    "display_name": "Zoë O'Brien, Jr.; PhD",
    "first_name": "Zoë",
    "last_name": "O'Brien; van der Berg",
    "emails": [{"address": "zoe@work.example.com", "label": "work", "primary": True},
               {"address": "zoe@home.example.org", "label": "personal", "primary": False}],
    "phones": [{"number": "+44 20 7946 0000", "label": "mobile", "primary": False},
               {"number": "(555) 555-0100", "label": "home", "primary": True}],
    "company": "Acme; Labs, Inc.",
    "job_title": "Chief \\ Backslash Officer",
    "addresses": [{"street": "1 Main St\nApt 2", "city": "Zürich", "state": None, "postal_code": "8001",
                   "country": "Switzerland", "label": "home"}],
    "notes": "Line one\nLine two, with a comma; a semicolon and a \\ backslash.\n" + "Emoji fold test " + "😀" * 40,
    "tags": ["a,b", "vip"],
    "custom_fields": {"tier": "gold", "score": 42, "nested": {"k": [1, "two"]}},
}


def check_every_file(server):
    """vobject reads each .vcf of the folder as the API shows it; returns how many were checked."""
    contacts = server.contacts()
    files = sorted(server.directory.glob("*.vcf"))
    assert files, "no files written"
    for path in files:
        contact = contacts[path.stem]
        card = read_vcard(path)
        assert card_fields(card) == contact_fields(contact), path.name
    return len(files)


def test_created_patched_deleted_and_imported_files_read_the_same_in_vobject(serve, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    # Files written by other tools, which Cardbox then patches: 3.0 stays 3.0, 2.1 becomes 4.0.
    shutil.copy(FIXTURES / "valid" / "google-export-3.0.vcf", folder / "google.vcf")
    shutil.copy(FIXTURES / "valid" / "outlook-2.1-qp.vcf", folder / "outlook.vcf")
    server = serve(folder)

    _, ana = server.request("POST", "/contacts", REFERENCE, expect=201)
    _, zoe = server.request("POST", "/contacts", TRICKY, expect=201)
    _, solo = server.request("POST", "/contacts", {"display_name": "Solo"}, expect=201)
    ana, zoe, solo = ana["data"], zoe["data"], solo["data"]

    server.request("PATCH", f"/contacts/{ana['id']}", {
        "emails": [{"address": "ana.garcia@acme-labs.example", "label": "work", "primary": True},
                   {"address": "ana@home.example", "label": "personal", "primary": False}],
        "notes": "Met at the partner summit.\nFollow up in May.",
    }, expect=200)
    server.request("PATCH", f"/contacts/{zoe['id']}", {"phones": [{"number": "+41 44 000 00 00", "label": "work", "primary": True}]},
                   expect=200)
    server.request("PATCH", "/contacts/google", {"notes": "Patched through Cardbox, 3.0 syntax.",
                                                 "emails": [{"address": "lucia@new.example.com", "label": "work", "primary": True}]},
                   expect=200)
    server.request("PATCH", "/contacts/outlook", {"job_title": "Head of Sales", "company": "Northwind; Example"}, expect=200)
    server.request("DELETE", f"/contacts/{solo['id']}", expect=200)

    assert (folder / "google.vcf").read_bytes().startswith(b"BEGIN:VCARD\r\nVERSION:3.0\r\n")
    assert b"VERSION:4.0" in (folder / "outlook.vcf").read_bytes()
    assert b"X-DELETED-AT:" in (folder / f"{solo['id']}.vcf").read_bytes()

    # Import into the served folder while it runs (atomic writes): the server's
    # folder watcher picks the new files up as file events.
    multi = sorted((FIXTURES / "multi").glob("*.vcf"))
    result = run_cardbox("import", *multi, "--dir", folder)
    assert result.stdout.endswith("imported 12, skipped 0, failed 0 into %s\n" % folder)
    server.wait_for(lambda contacts: len(contacts) == 17, "the 12 imported contacts")

    assert check_every_file(server) == 17
    # The API's own view of the tricky contact survived every escape.
    _, reread = server.request("GET", f"/contacts/{zoe['id']}", expect=200)
    for key in ("display_name", "last_name", "company", "job_title", "addresses", "notes", "tags", "custom_fields"):
        assert reread["data"][key] == TRICKY[key], key


def test_exported_stream_reads_in_vobject(tmp_path):
    folder = tmp_path / "contacts"
    run_cardbox("import", *sorted((FIXTURES / "multi").glob("*.vcf")), "--dir", folder)
    stream = run_cardbox("export", "--dir", folder).stdout
    import vobject
    cards = list(vobject.readComponents(stream))
    assert len(cards) == 12
    assert all(card.version.value == "4.0" for card in cards)
    names = [card.fn.value for card in cards]
    assert names[0] == "Example Plumbing Co." and names[-1] == "Sofía Ramírez"
