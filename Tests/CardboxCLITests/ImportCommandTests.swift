import Foundation
import TestSupport
import Testing

@Suite("cardbox import")
struct ImportCommandTests {
    static let multi = ["google-export-3.0.vcf", "iphone-export-3.0.vcf", "mixed-versions.vcf", "outlook-2.1-export.vcf"]

    @Test func splitsEveryMultiCardExportIntoOneFilePerCard() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let target = folder.sub("contacts")
        let result = try runCardbox(["import"] + Self.multi.map { fixture("multi/" + $0) } + ["--dir", target])
        #expect(result.status == 0)
        #expect(result.stdout == "imported 12, skipped 0, failed 0 into \(target)\n")
        let names = folder.vcfNames(in: target)
        #expect(names.count == 12)
        for name in names {
            let text = folder.text(name, in: target)
            #expect(text.hasPrefix("BEGIN:VCARD\r\n"), "\(name)")
            #expect(text.components(separatedBy: "BEGIN:VCARD").count == 2, "\(name) holds one card")
            #expect(text.contains("\r\nX-SOURCE:import\r\n"), "\(name)")
            #expect(text.contains("\r\nUID:"), "\(name)")
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(name) is CRLF")
        }
        let check = try runCardbox(["check", "--dir", target])
        #expect(check.status == 0)
        #expect(check.stderr.contains("12 contacts, 0 groups, 0 problems, 0 warnings"))
    }

    @Test func filesAreNamedByUIDAndCardsWithoutOneGetANewUUID() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let result = try runCardbox(["import", fixture("multi/google-export-3.0.vcf"), fixture("multi/mixed-versions.vcf"),
                                     "--dir", folder.path])
        #expect(result.status == 0)
        let names = folder.vcfNames()
        for uid in ["e6363caf-d890-4c87-8f7c-c3fe4de7e045", "a04ab20e-8f90-4659-8890-8970d5af29c7",
                    "32677408-9ce3-4f47-8ad6-362c12930016", "59d0ebab-bda4-47fb-a81b-37cc1b65cc9d"] {
            #expect(names.contains(uid + ".vcf"))
        }
        // Sofía (Google) has no UID: she gets urn:uuid:<new lowercase uuid>, and the file that name.
        let sofia = try #require(names.first { folder.text($0).contains("FN:Sofía Ramírez") })
        let id = String(sofia.dropLast(4))
        #expect(UUID(uuidString: id) != nil && id == id.lowercased())
        #expect(folder.text(sofia).contains("\r\nUID:urn:uuid:\(id)\r\n"))
        // The UID that was there is kept as it was.
        #expect(folder.text("e6363caf-d890-4c87-8f7c-c3fe4de7e045.vcf").contains("\r\nUID:e6363caf-d890-4c87-8f7c-c3fe4de7e045\r\n"))
    }

    @Test func version21IsConvertedAnd30KeptAsItWas() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        #expect(try runCardbox(["import", fixture("multi/outlook-2.1-export.vcf"), fixture("multi/google-export-3.0.vcf"),
                                "--dir", folder.path]).status == 0)
        let texts = folder.vcfNames().map { folder.text($0) }
        let katrin = try #require(texts.first { $0.contains("FN:Katrin Wagner") })
        #expect(katrin.contains("\r\nVERSION:4.0\r\n"))
        #expect(!katrin.contains("QUOTED-PRINTABLE"))
        #expect(katrin.replacingOccurrences(of: "\r\n ", with: "").contains("NOTE:Kundin seit 2019. Lieferadresse: Hauptstraße 5\\, Köln.\\nRechnungen bitte per E-Mail."))
        #expect(katrin.contains("EMAIL;TYPE=internet;PREF=1:katrin.wagner@rhein.example.com"))
        let oliver = try #require(texts.first { $0.contains("FN:Oliver Brooks") })
        #expect(oliver == "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Oliver Brooks\r\nN:Brooks;Oliver;;;\r\n"
                + "EMAIL;TYPE=INTERNET;TYPE=WORK:oliver.brooks@corp.example.com\r\nEMAIL;TYPE=INTERNET;TYPE=HOME:olly@example.org\r\n"
                + "TEL;TYPE=WORK:(555) 555-0181\r\nORG:Corp Example Inc.\r\nTITLE:CTO\r\nCATEGORIES:myContacts,Work\r\n"
                + "UID:a04ab20e-8f90-4659-8890-8970d5af29c7\r\nX-SOURCE:import\r\nEND:VCARD\r\n")
    }

    @Test func duplicatesAreSkippedAcrossAndWithinImports() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let google = fixture("multi/google-export-3.0.vcf")
        #expect(try runCardbox(["import", google, "--dir", folder.path]).status == 0)
        // Again: the three cards with a UID are already there; the one without is new each time.
        let again = try runCardbox(["import", google, "--dir", folder.path])
        #expect(again.status == 0)
        #expect(again.stdout.hasSuffix("imported 1, skipped 3, failed 0 into \(folder.path)\n"))
        #expect(again.stdout.contains("\(google):10: card 2 (UID a04ab20e-8f90-4659-8890-8970d5af29c7): skipped: "
                                      + "its UID is already in the folder (a04ab20e-8f90-4659-8890-8970d5af29c7.vcf)"))
        #expect(folder.vcfNames().count == 5)

        // The same file twice in one import into an empty folder.
        let other = folder.sub("other")
        let twice = try runCardbox(["import", google, google, "--dir", other])
        #expect(twice.status == 0)
        #expect(twice.stdout.hasSuffix("imported 5, skipped 3, failed 0 into \(other)\n"))
        #expect(twice.stdout.contains("skipped: its UID came earlier in this import"))
    }

    @Test func replaceOverwritesTheContactWithTheSameUID() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        folder.write("hand-made.vcf", sampleCard(fn: "Old Name", uid: "urn:uuid:59d0ebab-bda4-47fb-a81b-37cc1b65cc9d"))
        let skipped = try runCardbox(["import", fixture("multi/mixed-versions.vcf"), "--dir", folder.path])
        #expect(skipped.stdout.hasSuffix("imported 2, skipped 1, failed 0 into \(folder.path)\n"))
        #expect(folder.text("hand-made.vcf").contains("FN:Old Name"))

        let replaced = try runCardbox(["import", fixture("multi/mixed-versions.vcf"), "--dir", folder.path],
                                      environment: ["CARDBOX_REPLACE": "1"])
        #expect(replaced.status == 0)
        #expect(replaced.stdout.contains(":15: card 3 (UID urn:uuid:59d0ebab-bda4-47fb-a81b-37cc1b65cc9d): replaced hand-made.vcf"))
        #expect(replaced.stdout.hasSuffix("imported 3 (1 replaced), skipped 0, failed 0 into \(folder.path)\n"))
        let text = folder.text("hand-made.vcf")
        #expect(text.contains("FN:Olga Ivanova\r\n"))
        #expect(!text.contains("Old Name"))
        #expect(folder.vcfNames().count == 5)  // the two cards without a UID are new each time
    }

    @Test func brokenInputIsReportedWithItsLineAndTheRestImported() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let input = folder.sub("export.vcf")
        folder.write("export.vcf", sampleCard(fn: "Good One") + "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bad\r\nthis is not a property\r\nEND:VCARD\r\n"
                     + sampleCard(fn: "Good Two"))
        let target = folder.sub("contacts")
        let result = try runCardbox(["import", input, fixture("broken/not-a-vcard.vcf"), "--dir", target])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(input):8: card 2: failed: ") })
        #expect(lines.contains { $0.hasPrefix("\(fixture("broken/not-a-vcard.vcf")):1: failed: not a vCard") })
        #expect(lines.last == "imported 2, skipped 0, failed 2 into \(target)")
        #expect(folder.vcfNames(in: target).count == 2)
    }

    @Test func standardInputIsReadForADash() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let result = try runCardbox(["import", "-", "--dir", folder.path], input: Array((sampleCard(fn: "A") + sampleCard(fn: "B")).utf8))
        #expect(result.status == 0)
        #expect(result.stdout == "imported 2, skipped 0, failed 0 into \(folder.path)\n")
    }

    @Test func usageMistakesExitTwoAndWriteNothing() throws {
        let folder = TemporaryFolder(prefix: "cardbox-cli-test-")
        let target = folder.sub("contacts")
        let none = try runCardbox(["import", "--dir", target])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no files to import"))
        let missing = try runCardbox(["import", fixture("multi/google-export-3.0.vcf"), folder.sub("nope.vcf"), "--dir", target])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read \(folder.sub("nope.vcf")): No such file or directory"))
        #expect(folder.vcfNames(in: target).isEmpty)
        #expect(try runCardbox(["import", folder.path, "--dir", target]).status == 2)
        #expect(try runCardbox(["import", "x.vcf", "--replace=yes"]).status == 2)
    }

    @Test func helpShowsUsageAndExamples() throws {
        let help = try runCardbox(["import", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Usage: cardbox import FILE.vcf… [--dir DIR] [--replace]"))
        #expect(help.stdout.contains("CARDBOX_REPLACE"))
        #expect(help.stdout.contains("Examples:\n  cardbox import "))
        let top = try runCardbox(["--help"])
        #expect(top.stdout.contains("  import ") && top.stdout.contains("  export "))
    }
}
