@testable import CardboxAPI
import ContactStore
import JSON
import Testing

/// The fields of a 422, in order.
func failedFields(_ body: String, create: Bool = true) -> [String] {
    do {
        let json = try JSONParser.parse(body)
        _ = create ? try ContactInput.creation(json) : try ContactInput.update(json)
        return []
    } catch let failure as ValidationFailure {
        return failure.issues.map(\.field)
    } catch {
        return ["<not JSON>"]
    }
}

@Suite("Validation of request bodies (SPEC §2.3)")
struct ContactInputTests {
    @Test func acceptsTheReferenceExample() throws {
        let patch = try ContactInput.creation(JSONParser.parse(ContactEndpointTests.ana))
        #expect(patch.displayName == "Ana García")
        #expect(patch.emails == [Contact.Email(address: "ana@acme-labs.example", label: .work, primary: true)])
    }

    @Test func displayNameIsRequiredUnlessANameIsGiven() throws {
        #expect(failedFields("{}") == ["display_name"])
        #expect(try ContactInput.creation(JSONParser.parse(#"{"first_name": " Ana ", "last_name": "García"}"#)).displayName == "Ana García")
        #expect(try ContactInput.creation(JSONParser.parse(#"{"last_name": "García"}"#)).displayName == "García")
        #expect(failedFields(#"{"display_name": "   "}"#) == ["display_name"])
        #expect(failedFields(#"{"display_name": null}"#, create: false) == ["display_name"])
    }

    @Test func reportsEveryFailingFieldAtOnce() {
        let fields = failedFields("""
        {"display_name": 5, "nickname": "x", "id": "abc", "created_at": "now",
         "emails": [{"address": "no-at-sign"}, {"address": "a@b@c"}, {"address": "sp ace@example.com"}, {"address": "ok@example.com", "label": "home"}],
         "phones": [{"number": "1", "label": "cell"}, {"number": 5}],
         "addresses": [{"street": "x", "label": "office", "zip": "1"}],
         "avatar_path": "relative/path.jpg", "tags": ["a", "", "A", "x\\ny", 3], "custom_fields": [1]}
        """)
        #expect(fields == ["nickname", "id", "created_at", "display_name", "avatar_path", "emails[0].address", "emails[1].address",
                           "emails[2].address", "emails[3].label", "phones[0].label", "phones[1].number",
                           "addresses[0].zip", "addresses[0].label", "tags[1]", "tags[2]", "tags[3]", "tags[4]", "custom_fields"])
    }

    @Test func onlyOnePrimaryPerList() {
        #expect(failedFields(#"{"display_name": "x", "emails": [{"address": "a@x.io", "primary": true}, {"address": "b@x.io", "primary": true}]}"#)
                == ["emails[1].primary"])
        #expect(failedFields(#"{"display_name": "x", "phones": [{"number": "1", "primary": "yes"}]}"#) == ["phones[0].primary"])
    }

    @Test func readOnlyFieldsAndSourceOnPatch() {
        #expect(failedFields(#"{"source": "x", "updated_at": 1, "deleted_at": null}"#, create: false) == ["source", "updated_at", "deleted_at"])
        #expect(failedFields(#"{"display_name": "x", "source": "crm"}"#).isEmpty)
    }

    @Test func wrongJSONTypes() {
        #expect(failedFields(#"[1, 2]"#) == ["body"])
        #expect(failedFields(#"{"display_name": "x", "emails": {}, "tags": "a", "company": 1, "notes": []}"#)
                == ["company", "notes", "emails", "tags"])
    }

    @Test func trimsNamesEmailsAndTagsButNotOtherText() throws {
        let patch = try ContactInput.creation(JSONParser.parse("""
        {"display_name": "  Ana  ", "first_name": " Ana", "emails": [{"address": " ana@x.io "}], "tags": [" vip "],
         "notes": "  indented\\n", "company": " Acme "}
        """))
        #expect(patch.displayName == "Ana")
        #expect(patch.firstName == .some("Ana"))
        #expect(patch.emails?.first?.address == "ana@x.io")
        #expect(patch.tags == ["vip"])
        #expect(patch.notes == .some("  indented\n"))
        #expect(patch.company == .some(" Acme "))
    }

    @Test func nullClearsAndAbsentKeeps() throws {
        let patch = try ContactInput.update(JSONParser.parse(#"{"company": null, "tags": []}"#))
        #expect(patch.company == .some(nil))
        #expect(patch.tags == [])
        #expect(patch.jobTitle == nil)
        #expect(patch.emails == nil)
    }

    @Test func customFieldsPatchMustBeAnObject() throws {
        #expect(throws: ValidationFailure.self) { try ContactInput.customFields(JSONParser.parse("[1]")) }
        #expect(throws: ValidationFailure.self) { try ContactInput.customFields(JSONParser.parse(#"{"": 1}"#)) }
        let patch = try ContactInput.customFields(JSONParser.parse(#"{"a": 1, "b": null}"#))
        #expect(patch.changes.map(\.key) == ["a", "b"])
        #expect(patch.merged(into: [Contact.CustomField(key: "b", value: .bool(true)), Contact.CustomField(key: "c", value: .null)])
                == [Contact.CustomField(key: "a", value: .number("1")), Contact.CustomField(key: "c", value: .null)])
    }
}

@Suite("Control characters in request bodies")
struct ControlCharacterInputTests {
    @Test func controlCharactersAreRefusedNamingEachField() {
        let fields = failedFields(#"""
        {"display_name": "A\u0000B", "first_name": "x\u0007", "last_name": "y\tz", "company": "\u001b[31m", "job_title": "a\u007Fb",
         "notes": "ok\u0000", "avatar_path": "/a\u0000b", "emails": [{"address": "a\u0000@x.io"}], "phones": [{"number": "1\u00002"}],
         "addresses": [{"street": "s\u0000", "city": "c\tc"}], "tags": ["t\u0001"], "custom_fields": {"k": "v\u0000"}, "source": "s\u0002"}
        """#)
        #expect(fields == ["display_name", "first_name", "last_name", "company", "job_title", "notes", "avatar_path",
                           "emails[0].address", "phones[0].number", "addresses[0].street", "addresses[0].city", "tags[0]",
                           "custom_fields.k", "source"])
        #expect(throws: ValidationFailure([.init(field: "custom_fields.k", message: "must not contain control characters other than tab and line breaks")])) {
            try ContactInput.customFields(JSONParser.parse(#"{"k": "\u0000"}"#))
        }
    }

    @Test func notesStreetsAndCustomTextKeepTabsAndLineBreaks() throws {
        let patch = try ContactInput.creation(JSONParser.parse(#"""
        {"display_name": "Ana", "notes": "a\tb\r\nc\nd", "addresses": [{"street": "1 Main St\nApt 4"}],
         "custom_fields": {"text": "x\ty\nz", "nested": ["\u0000 is escaped as JSON"]}}
        """#))
        #expect(patch.notes == .some("a\tb\r\nc\nd"))
        #expect(patch.addresses?.first?.street == "1 Main St\nApt 4")
        #expect(patch.customFields??.map(\.key) == ["text", "nested"])
    }

    @Test func leadingAndTrailingLineBreaksOfTrimmedNamesAreTrimmedNotRefused() throws {
        let patch = try ContactInput.creation(JSONParser.parse(#"{"display_name": "\nAna\r\n", "first_name": "\tAna"}"#))
        #expect(patch.displayName == "Ana")
        #expect(patch.firstName == .some("Ana"))
    }
}
