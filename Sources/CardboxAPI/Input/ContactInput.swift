import ContactStore
import Foundation
import JSON

/// Reads and validates request bodies (SPEC §2.3) into ``ContactPatch`` values,
/// reporting every failing field with its path.
public enum ContactInput {
    static let writableFields: Set<String> = [
        "display_name", "first_name", "last_name", "emails", "phones", "company", "job_title", "addresses", "notes",
        "avatar_path", "tags", "custom_fields", "source",
    ]
    static let readOnlyFields: Set<String> = ["id", "created_at", "updated_at", "deleted_at"]

    /// A `POST /contacts` body. `display_name` is required unless a first or last
    /// name is given; then it is built as "first last".
    public static func creation(_ body: JSONValue) throws(ValidationFailure) -> ContactPatch {
        var issues = IssueCollector()
        var patch = read(body, isCreate: true, issues: &issues)
        if patch.displayName == nil, issues.issues.allSatisfy({ $0.field != "display_name" && $0.field != "body" }) {
            let parts = [patch.firstName ?? nil, patch.lastName ?? nil].compactMap { $0 }
            if parts.isEmpty {
                issues.add("display_name", "is required unless first_name or last_name is given")
            } else {
                patch.displayName = parts.joined(separator: " ")
            }
        }
        try issues.check()
        return patch
    }

    /// A `PATCH /contacts/:id` body: only the fields sent change.
    public static func update(_ body: JSONValue) throws(ValidationFailure) -> ContactPatch {
        var issues = IssueCollector()
        let patch = read(body, isCreate: false, issues: &issues)
        try issues.check()
        return patch
    }

    /// A `PATCH /contacts/:id/custom` body: an object of keys to set (null removes).
    public static func customFields(_ body: JSONValue) throws(ValidationFailure) -> CustomFieldsPatch {
        guard let object = body.objectValue else {
            throw ValidationFailure([.init(field: "body", message: "must be a JSON object of custom fields")])
        }
        var issues = IssueCollector()
        var changes: [(key: String, value: JSONValue?)] = []
        var positions: [String: Int] = [:]
        for member in object.members {
            if let problem = customFieldProblem(member) {
                issues.add("custom_fields.\(member.key)", problem)
                continue
            }
            // A repeated key: the last value wins, in the place of the first.
            let change = (key: member.key, value: member.value.isNull ? nil : member.value)
            if let position = positions[member.key] {
                changes[position] = change
            } else {
                positions[member.key] = changes.count
                changes.append(change)
            }
        }
        try issues.check()
        return CustomFieldsPatch(changes: changes)
    }

    // MARK: Reading fields

    private static func read(_ body: JSONValue, isCreate: Bool, issues: inout IssueCollector) -> ContactPatch {
        var patch = ContactPatch()
        guard let object = body.objectValue else {
            issues.add("body", "must be a JSON object")
            return patch
        }
        for key in object.keys {
            if readOnlyFields.contains(key) || (key == "source" && !isCreate) {
                issues.add(key, "is read-only")
            } else if !writableFields.contains(key) {
                issues.add(key, "is not a known field")
            }
        }
        if let value = object["display_name"] {
            if value.isNull {
                issues.add("display_name", "cannot be null")
            } else if let text = string(value, "display_name", &issues) {
                let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
                if trimmed.isEmpty {
                    issues.add("display_name", "cannot be empty")
                } else if let problem = ControlCharacters.problem(in: trimmed) {
                    issues.add("display_name", problem)
                } else {
                    patch.displayName = trimmed
                }
            }
        }
        patch.firstName = optionalText(object["first_name"], "first_name", trim: true, &issues)
        patch.lastName = optionalText(object["last_name"], "last_name", trim: true, &issues)
        patch.company = optionalText(object["company"], "company", trim: false, &issues)
        patch.jobTitle = optionalText(object["job_title"], "job_title", trim: false, &issues)
        patch.notes = optionalText(object["notes"], "notes", trim: false, multiLine: true, &issues)
        if let value = object["avatar_path"] {
            if value.isNull {
                patch.avatarPath = .some(nil)
            } else if let path = string(value, "avatar_path", &issues) {
                if !path.hasPrefix("/") {
                    issues.add("avatar_path", "must be an absolute path")
                } else if let problem = ControlCharacters.problem(in: path) {
                    issues.add("avatar_path", problem)
                } else {
                    patch.avatarPath = .some(path)
                }
            }
        }
        if let value = object["emails"] { patch.emails = list(value, "emails", &issues, readEmail) }
        if let value = object["phones"] { patch.phones = list(value, "phones", &issues, readPhone) }
        if let value = object["addresses"] { patch.addresses = list(value, "addresses", &issues, readAddress) }
        if let emails = patch.emails { checkSinglePrimary(emails.map(\.primary), "emails", &issues) }
        if let phones = patch.phones { checkSinglePrimary(phones.map(\.primary), "phones", &issues) }
        if let value = object["tags"] { patch.tags = readTags(value, &issues) }
        if let value = object["custom_fields"] { patch.customFields = readCustomFields(value, &issues) }
        if isCreate, let value = object["source"] {
            if let text = string(value, "source", &issues) {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.contains(where: \.isNewline) {
                    issues.add("source", "must be a non-empty single-line text")
                } else if let problem = ControlCharacters.problem(in: trimmed) {
                    issues.add("source", problem)
                } else {
                    patch.source = trimmed
                }
            }
        }
        return patch
    }

    private static func string(_ value: JSONValue, _ field: String, _ issues: inout IssueCollector) -> String? {
        guard let text = value.stringValue else {
            issues.add(field, "must be a string, not \(value.typeName)")
            return nil
        }
        return text
    }

    /// A nullable text field: absent → nil, null or blank → clear.
    private static func optionalText(_ value: JSONValue?, _ field: String, trim: Bool, multiLine: Bool = false,
                                     _ issues: inout IssueCollector) -> String?? {
        guard let value else { return nil }
        if value.isNull { return .some(nil) }
        guard let text = string(value, field, &issues) else { return nil }
        let cleaned = trim ? text.trimmingCharacters(in: .whitespacesAndNewlines) : text
        if cleaned.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return .some(nil) }
        if let problem = ControlCharacters.problem(in: cleaned, multiLine: multiLine) {
            issues.add(field, problem)
            return nil
        }
        return .some(cleaned)
    }

    private static func list<T>(_ value: JSONValue, _ field: String, _ issues: inout IssueCollector,
                                _ readItem: (JSONObject, String, inout IssueCollector) -> T?) -> [T]? {
        guard let array = value.arrayValue else {
            issues.add(field, "must be an array, not \(value.typeName)")
            return nil
        }
        var items: [T] = []
        var failed = false
        for (index, element) in array.enumerated() {
            let path = "\(field)[\(index)]"
            guard let object = element.objectValue else {
                issues.add(path, "must be an object, not \(element.typeName)")
                failed = true
                continue
            }
            if let item = readItem(object, path, &issues) { items.append(item) } else { failed = true }
        }
        return failed ? nil : items
    }

    private static func checkKeys(_ object: JSONObject, _ allowed: Set<String>, _ path: String, _ issues: inout IssueCollector) -> Bool {
        var ok = true
        for key in object.keys where !allowed.contains(key) {
            issues.add("\(path).\(key)", "is not a known field")
            ok = false
        }
        return ok
    }

    private static func label<L: RawRepresentable & CaseIterable>(_ object: JSONObject, _ path: String, default value: L,
                                                                     _ issues: inout IssueCollector) -> L? where L.RawValue == String {
        guard let raw = object["label"], !raw.isNull else { return value }
        let allowed = L.allCases.map(\.rawValue)
        guard let text = raw.stringValue, let label = L(rawValue: text) else {
            issues.add("\(path).label", "must be one of \(allowed.joined(separator: ", "))")
            return nil
        }
        return label
    }

    private static func primary(_ object: JSONObject, _ path: String, _ issues: inout IssueCollector) -> Bool? {
        guard let raw = object["primary"], !raw.isNull else { return false }
        guard let flag = raw.boolValue else {
            issues.add("\(path).primary", "must be a boolean, not \(raw.typeName)")
            return nil
        }
        return flag
    }

    private static func readEmail(_ object: JSONObject, _ path: String, _ issues: inout IssueCollector) -> Contact.Email? {
        var ok = checkKeys(object, ["address", "label", "primary"], path, &issues)
        var address: String?
        if let raw = object["address"], let text = raw.stringValue {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // Scalars, not characters: "@" followed by a combining mark is still an "@".
            let parts = trimmed.unicodeScalars.split(separator: "@", omittingEmptySubsequences: false)
            if parts.count != 2 || parts[0].isEmpty || parts[1].isEmpty || trimmed.unicodeScalars.contains(where: \.properties.isWhitespace) {
                issues.add("\(path).address", "must be an email address with exactly one @ and no spaces")
                ok = false
            } else if let problem = ControlCharacters.problem(in: trimmed) {
                issues.add("\(path).address", problem)
                ok = false
            } else {
                address = trimmed
            }
        } else {
            issues.add("\(path).address", object["address"] == nil ? "is required" : "must be a string")
            ok = false
        }
        let label: EmailLabel? = label(object, path, default: .other, &issues)
        let primary = primary(object, path, &issues)
        guard ok, let address, let label, let primary else { return nil }
        return Contact.Email(address: address, label: label, primary: primary)
    }

    private static func readPhone(_ object: JSONObject, _ path: String, _ issues: inout IssueCollector) -> Contact.Phone? {
        var ok = checkKeys(object, ["number", "label", "primary"], path, &issues)
        var number: String?
        if let raw = object["number"], let text = raw.stringValue {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.contains(where: \.isNewline) {
                issues.add("\(path).number", "must be a non-empty single-line text")
                ok = false
            } else if let problem = ControlCharacters.problem(in: trimmed) {
                issues.add("\(path).number", problem)
                ok = false
            } else {
                number = trimmed
            }
        } else {
            issues.add("\(path).number", object["number"] == nil ? "is required" : "must be a string")
            ok = false
        }
        let label: PhoneLabel? = label(object, path, default: .other, &issues)
        let primary = primary(object, path, &issues)
        guard ok, let number, let label, let primary else { return nil }
        return Contact.Phone(number: number, label: label, primary: primary)
    }

    private static func readAddress(_ object: JSONObject, _ path: String, _ issues: inout IssueCollector) -> Contact.Address? {
        var ok = checkKeys(object, ["street", "city", "state", "postal_code", "country", "label"], path, &issues)
        var fields: [String: String?] = [:]
        for key in ["street", "city", "state", "postal_code", "country"] {
            guard let raw = object[key], !raw.isNull else { fields[key] = .some(nil); continue }
            guard let text = raw.stringValue else {
                issues.add("\(path).\(key)", "must be a string or null, not \(raw.typeName)")
                ok = false
                continue
            }
            if let problem = ControlCharacters.problem(in: text, multiLine: key == "street") {
                issues.add("\(path).\(key)", problem)
                ok = false
                continue
            }
            fields[key] = .some(text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text)
        }
        let label: AddressLabel? = label(object, path, default: .other, &issues)
        guard ok, let label else { return nil }
        return Contact.Address(street: fields["street"] ?? nil, city: fields["city"] ?? nil, state: fields["state"] ?? nil,
                               postalCode: fields["postal_code"] ?? nil, country: fields["country"] ?? nil, label: label)
    }

    private static func checkSinglePrimary(_ flags: [Bool], _ field: String, _ issues: inout IssueCollector) {
        let primaries = flags.indices.filter { flags[$0] }
        for index in primaries.dropFirst() {
            issues.add("\(field)[\(index)].primary", "only one entry of \(field) can be primary")
        }
    }

    private static func readTags(_ value: JSONValue, _ issues: inout IssueCollector) -> [String]? {
        guard let array = value.arrayValue else {
            issues.add("tags", "must be an array of strings, not \(value.typeName)")
            return nil
        }
        var tags: [String] = []
        var seen = Set<String>()
        var ok = true
        for (index, element) in array.enumerated() {
            guard let text = element.stringValue else {
                issues.add("tags[\(index)]", "must be a string, not \(element.typeName)")
                ok = false
                continue
            }
            let tag = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if tag.isEmpty {
                issues.add("tags[\(index)]", "cannot be empty")
                ok = false
            } else if text.contains(where: \.isNewline) {
                issues.add("tags[\(index)]", "cannot contain a line break")
                ok = false
            } else if let problem = ControlCharacters.problem(in: tag) {
                issues.add("tags[\(index)]", problem)
                ok = false
            } else if !seen.insert(tag.lowercased()).inserted {
                issues.add("tags[\(index)]", "duplicates another tag (tags compare case-insensitively)")
                ok = false
            } else {
                tags.append(tag)
            }
        }
        return ok ? tags : nil
    }

    private static func readCustomFields(_ value: JSONValue, _ issues: inout IssueCollector) -> [Contact.CustomField]?? {
        if value.isNull { return .some(nil) }
        guard let object = value.objectValue else {
            issues.add("custom_fields", "must be an object or null, not \(value.typeName)")
            return nil
        }
        var values: [String: JSONValue] = [:]
        var keys: [String] = []
        for member in object.members {
            if let problem = customFieldProblem(member) {
                issues.add("custom_fields.\(member.key)", problem)
                continue
            }
            // A repeated key: the last value wins; null removes it.
            if values.updateValue(member.value, forKey: member.key) == nil { keys.append(member.key) }
        }
        return .some(keys.compactMap { key in
            values[key].flatMap { $0.isNull ? nil : Contact.CustomField(key: key, value: $0) }
        })
    }

    /// Why a custom field cannot be stored: its key, or a text value with control
    /// characters (text inside arrays and objects is stored as escaped JSON).
    private static func customFieldProblem(_ member: JSONObject.Member) -> String? {
        if member.key.trimmingCharacters(in: .whitespaces).isEmpty { return "key cannot be empty" }
        if member.key.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "key cannot contain control characters" }
        if case .string(let text) = member.value { return ControlCharacters.problem(in: text, multiLine: true) }
        return nil
    }
}
