"""khard and Cardbox share a folder: khard lists what Cardbox wrote, and Cardbox
reads what khard (and vobject) wrote, field by field."""

import subprocess

import vobject

from conftest import FIXTURES, run_cardbox

KAI_YAML = """\
Formatted name : Kai Müller
First name : Kai
Last name  : Müller
Organisation : Example Khard GmbH
Title : Engineer
Phone :
    cell : +49 170 000 0001
Email :
    work : kai.mueller@khard.example.com
    home : kai@home.example.org
Note : |
    Written by khard.
    Second line, with a comma.
"""


def khard(tmp_path, folder, *args, stdin=None):
    """Runs khard with a config (in a temp dir) whose only address book is `folder`."""
    config = tmp_path / "khard.conf"
    config.write_text(f"""[addressbooks]
[[cardbox]]
path = {folder}

[general]
debug = no
default_action = list
editor = /bin/false
merge_editor = /bin/false

[contact table]
display = formatted_name
sort = formatted_name

[vcard]
preferred_version = 4.0
""")
    result = subprocess.run(["khard", "-c", str(config), *args], capture_output=True, text=True, input=stdin,
                            timeout=60)
    assert result.returncode == 0, f"khard {' '.join(args)}: {result.stdout}\n{result.stderr}"
    return result.stdout


def test_khard_lists_what_cardbox_wrote(serve, tmp_path):
    folder = tmp_path / "contacts"
    run_cardbox("import", *sorted((FIXTURES / "multi").glob("*.vcf")), "--dir", folder)
    server = serve(folder)
    _, created = server.request("POST", "/contacts", {
        "display_name": "Ana García", "first_name": "Ana", "last_name": "García",
        "emails": [{"address": "ana@acme-labs.example", "label": "work", "primary": True}]}, expect=201)
    server.request("PATCH", f"/contacts/{created['data']['id']}",
                   {"emails": [{"address": "ana.garcia@acme-labs.example", "label": "work", "primary": True},
                               {"address": "ana@home.example", "label": "personal", "primary": False}]}, expect=200)
    _, gone = server.request("POST", "/contacts", {"display_name": "Trash Person",
                                                   "emails": [{"address": "trash@example.com"}]}, expect=201)
    server.request("DELETE", f"/contacts/{gone['data']['id']}", expect=200)
    contacts = server.contacts()
    assert len(contacts) == 14

    listed = [line.split("\t") for line in khard(tmp_path, folder, "list", "--parsable").splitlines() if line]
    # khard knows nothing of the trash: it lists every file, soft-deleted ones included.
    assert sorted(name for _, name, _ in listed) == sorted(c["display_name"] for c in contacts.values())
    assert {uid for uid, _, _ in listed} >= {"a04ab20e-8f90-4659-8890-8970d5af29c7", "urn:uuid:" + created["data"]["id"]}

    emails = khard(tmp_path, folder, "email", "--parsable", "--remove-first-line")
    pairs = sorted((line.split("\t")[1], line.split("\t")[0]) for line in emails.splitlines() if line)
    expected = sorted((c["display_name"], e["address"]) for c in contacts.values() for e in c["emails"])
    assert pairs == expected


def test_cardbox_reads_what_khard_and_vobject_wrote(serve, tmp_path):
    folder = tmp_path / "contacts"
    folder.mkdir()
    khard(tmp_path, folder, "new", "-a", "cardbox", stdin=KAI_YAML)
    kai_files = list(folder.glob("*.vcf"))
    assert len(kai_files) == 1

    card = vobject.vCard()
    card.add("fn").value = "Ingrid Vobject"
    card.add("n").value = vobject.vcard.Name(family="Vobject", given="Ingrid")
    email = card.add("email")
    email.value = "ingrid@vobject.example.com"
    email.type_param = "WORK"
    tel = card.add("tel")
    tel.value = "+47 600 55 221"
    tel.type_param = "CELL"
    card.add("org").value = ["Vobject Example AS", "Tools"]
    card.add("title").value = "Maintainer"
    card.add("note").value = "Written by vobject.\nWith a comma, and a semicolon; too."
    card.add("uid").value = "vobject-ingrid-1"
    (folder / "vobject-ingrid-1.vcf").write_text(card.serialize())

    assert run_cardbox("check", "--dir", folder).returncode == 0
    server = serve(folder)
    contacts = server.contacts()
    assert len(contacts) == 2

    kai = contacts[kai_files[0].stem]
    assert kai["display_name"] == "Kai Müller"
    assert (kai["first_name"], kai["last_name"]) == ("Kai", "Müller")
    assert sorted((e["address"], e["label"]) for e in kai["emails"]) == [
        ("kai.mueller@khard.example.com", "work"), ("kai@home.example.org", "personal")]
    assert [(p["number"], p["label"]) for p in kai["phones"]] == [("+49 170 000 0001", "mobile")]
    assert (kai["company"], kai["job_title"]) == ("Example Khard GmbH", "Engineer")
    assert kai["notes"] == "Written by khard.\nSecond line, with a comma."
    assert kai["source"] == "file"

    ingrid = contacts["vobject-ingrid-1"]
    assert (ingrid["display_name"], ingrid["first_name"], ingrid["last_name"]) == ("Ingrid Vobject", "Ingrid", "Vobject")
    assert [(e["address"], e["label"]) for e in ingrid["emails"]] == [("ingrid@vobject.example.com", "work")]
    assert [(p["number"], p["label"]) for p in ingrid["phones"]] == [("+47 600 55 221", "mobile")]
    assert (ingrid["company"], ingrid["job_title"]) == ("Vobject Example AS", "Maintainer")
    assert ingrid["notes"] == "Written by vobject.\nWith a comma, and a semicolon; too."

    # A change through Cardbox keeps both files readable by khard, with the new values.
    server.request("PATCH", f"/contacts/{kai['id']}", {"job_title": "Staff Engineer",
                                                       "emails": [{"address": "kai@new.example.com", "label": "work"}]},
                   expect=200)
    server.request("PATCH", "/contacts/vobject-ingrid-1", {"company": "Renamed AS"}, expect=200)
    emails = khard(tmp_path, folder, "email", "--parsable", "--remove-first-line")
    assert sorted(line.split("\t")[0] for line in emails.splitlines() if line) == [
        "ingrid@vobject.example.com", "kai@new.example.com"]
    shown = khard(tmp_path, folder, "show", "Ingrid")
    assert "Renamed AS" in shown
