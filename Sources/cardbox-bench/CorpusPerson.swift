import Foundation

/// One generated contact before it is written in a vCard version: what
/// `cardbox-bench corpus` decides at random, so that every version shows the
/// same kinds of data.
struct CorpusPerson {
    struct Email {
        var address: String
        var type: String?  // "work", "home" or none
        var isPreferred: Bool
    }

    struct Phone {
        var number: String
        var type: String  // "cell", "work", "home", "voice", "fax"
        var asURI: Bool
    }

    struct PostalAddress {
        var poBox: String
        var extended: String
        var street: String
        var city: String
        var region: String
        var postalCode: String
        var country: String
        var type: String
        var withLabel: Bool
    }

    var id: String
    /// Family, given, additional, prefix, suffix: the five `N` components.
    var nameParts: [String]
    var displayName: String
    var nickname: String?
    var birthday: (year: Int, month: Int, day: Int)?
    var gender: String?
    var emails: [Email] = []
    var phones: [Phone] = []
    var company: String?
    var department: String?
    var title: String?
    var role: String?
    var addresses: [PostalAddress] = []
    var url: String?
    var note: String?
    var tags: [String] = []
    var customFields: [(key: String, value: String)] = []
    var photo: [UInt8]?
    /// Apple writes the last email as `item1.EMAIL` with an `item1.X-ABLabel`.
    var groupsLastEmail = false
    var productID: String?
    var created: CorpusTimestamp
    var revised: CorpusTimestamp
    var deleted: CorpusTimestamp?
}

/// A second-precision UTC time made from random fields (days 1–28, so every date exists).
struct CorpusTimestamp {
    var year, month, day, hour, minute, second: Int

    init(_ random: inout CorpusRandom, years: ClosedRange<Int>) {
        year = random.number(in: years)
        month = random.number(in: 1...12)
        day = random.number(in: 1...28)
        hour = random.number(in: 0...23)
        minute = random.number(in: 0...59)
        second = random.number(in: 0...59)
    }

    /// `20240904T130356Z`, as vCard 4.0 writes it.
    var basic: String {
        pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + pad(minute, 2) + pad(second, 2) + "Z"
    }

    /// `2024-09-04T13:03:56Z`, as vCard 3.0 tools write it.
    var extended: String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2) + "Z"
    }
}

/// `value` in decimal, left-padded with zeros to `width` digits.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

extension CorpusPerson {
    /// Draws a person. The order of draws is part of the corpus format: changing
    /// it changes every folder made from a seed.
    init(_ random: inout CorpusRandom, photoFraction: Double, deletedFraction: Double) {
        typealias Words = CorpusVocabulary
        id = random.uuid()
        let mailbox: String
        if random.chance(0.08) {
            let (family, given) = random.pick(Words.eastAsianNames)
            nameParts = [family, given, "", "", ""]
            displayName = family + given
            mailbox = "contact\(random.number(in: 1000...99_999))"
        } else {
            let given = random.pick(Words.givenNames)
            let family = random.pick(Words.familyNames)
            let middle = random.pick(Words.middleNames)
            let prefix = random.pick(Words.prefixes)
            let suffix = random.pick(Words.suffixes)
            nameParts = [family, given, middle, prefix, suffix]
            displayName = [prefix, given, middle, family, suffix].filter { !$0.isEmpty }.joined(separator: " ")
            mailbox = Self.mailboxName(given) + "." + Self.mailboxName(family)
        }
        if random.chance(0.15) { nickname = random.pick(Words.nicknames) }
        if random.chance(0.25) {
            birthday = (random.number(in: 1945...2006), random.number(in: 1...12), random.number(in: 1...28))
        }
        if random.chance(0.1) { gender = random.pick(["M", "F", "O", "N", "U"]) }

        for index in 0..<random.pick([0, 1, 1, 1, 2, 2, 3]) {
            let type = random.pick(["work", "home", "work", "home", nil])
            let isPreferred = index == 0 && random.chance(0.3)
            let local = index == 0 ? mailbox : mailbox + String(index)
            emails.append(Email(address: local + "@" + random.pick(Words.domains), type: type, isPreferred: isPreferred))
        }
        for _ in 0..<random.pick([0, 0, 1, 1, 1, 2, 3]) {
            let number = Self.phoneNumber(&random)
            let type = random.pick(["cell", "work", "home", "voice", "fax", "cell"])
            phones.append(Phone(number: number, type: type, asURI: random.chance(0.2)))
        }
        if random.chance(0.8) {
            company = random.pick(Words.companies)
            if random.chance(0.3) { department = random.pick(Words.departments) }
            if random.chance(0.85) { title = random.pick(Words.titles) }
            if random.chance(0.1) { role = random.pick(Words.roles) }
        }
        for _ in 0..<random.pick([0, 0, 1, 1, 1, 2]) {
            let place = random.pick(Words.places)
            let type = random.pick(["work", "home"])
            let street = place.0 + " " + String(random.number(in: 1...250))
            let withLabel = random.chance(0.1)
            let poBox = random.chance(0.05) ? "PO Box \(random.number(in: 1...999))" : ""
            let extended = random.chance(0.15) ? "Flat \(random.number(in: 1...40))" : ""
            addresses.append(PostalAddress(poBox: poBox, extended: extended, street: street, city: place.1, region: place.2,
                                           postalCode: place.3, country: place.4, type: type, withLabel: withLabel))
        }
        if random.chance(0.15) { url = "https://www.\(random.pick(Words.domains))/~\(mailbox)" }
        let noteText = random.pick(Words.notes)
        if !noteText.isEmpty, random.chance(0.6) { note = noteText }
        tags = random.sample(Words.tags, count: random.pick([0, 0, 1, 1, 2, 2, 3, 4]))
        for field in random.sample(Words.customFields, count: random.pick([0, 0, 1, 1, 2, 3, 4])) {
            let value: String
            if let values = field.values {
                value = random.pick(values)
            } else if field.key == "customer-no" {
                value = "C-" + pad(random.number(in: 0...999_999), 6)
            } else if field.key == "profile" {
                value = "https://social.example/@" + mailbox
            } else {
                value = String(random.number(in: 0...100))
            }
            customFields.append((field.key, value))
        }
        if random.chance(photoFraction) { photo = random.bytes(random.number(in: 768...1536)) }
        groupsLastEmail = !emails.isEmpty && random.chance(0.1)
        if random.chance(0.3) { productID = random.pick(Words.productIDs) }
        created = CorpusTimestamp(&random, years: 2015...2023)
        revised = CorpusTimestamp(&random, years: 2024...2025)
        if random.chance(deletedFraction) { deleted = CorpusTimestamp(&random, years: 2026...2026) }
    }

    /// The ASCII letters of a name, lower-cased, accents dropped and a few
    /// letters spelled out (`Jürgen` → `jurgen`, `Søren` → `soren`); "x" when none are left.
    static func mailboxName(_ name: String) -> String {
        var result = ""
        let spelled = name.replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "Ø", with: "O")
            .replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "ł", with: "l")
        for scalar in spelled.decomposedStringWithCompatibilityMapping.unicodeScalars where scalar.isASCII {
            let character = Character(scalar)
            if character.isLetter || character.isNumber { result.append(character.lowercased()) }
        }
        return result.isEmpty ? "x" : result
    }

    static func phoneNumber(_ random: inout CorpusRandom) -> String {
        switch random.below(20) {
        case 0..<6: return "+34 6\(pad(random.number(in: 0...99), 2)) \(pad(random.number(in: 0...999), 3)) \(pad(random.number(in: 0...999), 3))"
        case 6..<10: return "+49 30 \(pad(random.number(in: 0...9999), 4))\(pad(random.number(in: 0...9999), 4))"
        case 10..<14: return "(555) \(random.number(in: 100...999))-\(pad(random.number(in: 0...9999), 4))"
        case 14..<17: return "+1-555-\(random.number(in: 100...999))-\(pad(random.number(in: 0...9999), 4))"
        default: return "+81 90 \(pad(random.number(in: 0...9999), 4)) \(pad(random.number(in: 0...9999), 4))"
        }
    }
}
