@testable import ContactStore
import Testing

@Suite("Duplicate normalisation")
struct DuplicateKeyTests {
    @Test("An email address is compared without case, surrounding space or a mailto scheme")
    func emailNormalisation() {
        #expect(EmailKey.normalize("  Ana@ACME.example ") == "ana@acme.example")
        #expect(EmailKey.normalize("MAILTO:ana@acme.example") == "ana@acme.example")
        #expect(EmailKey.normalize("not an address") == nil)
        #expect(EmailKey.normalize("@acme.example") == nil)
    }

    @Test("International forms of one number agree", arguments: ["+34 612 34 56 78", "0034 612 345 678", "+34-612-345-678", "tel:+34612345678"])
    func internationalForms(text: String) {
        #expect(PhoneKey(text)?.display == "+34612345678")
    }

    @Test("A national number takes the default country's calling code and loses its trunk prefix")
    func nationalNumbers() {
        let spain = CallingCountry.named("ES")
        #expect(PhoneKey("612 345 678", defaultCountry: spain)?.display == "+34612345678")
        let germany = CallingCountry.named("de")
        #expect(PhoneKey("089 1234 5678", defaultCountry: germany)?.display == "+498912345678")
        #expect(PhoneKey("+49 (0)89 1234 5678")?.display == "+498912345678")
        #expect(PhoneKey("+49 089 1234 5678")?.display == "+498912345678")
        let us = CallingCountry.named("US")
        #expect(PhoneKey("1 (212) 555-0134", defaultCountry: us)?.display == "+12125550134")
        #expect(PhoneKey("(212) 555-0134", defaultCountry: us)?.display == "+12125550134")
        #expect(PhoneKey("011 34 612 345 678", defaultCountry: us)?.display == "+34612345678")
        #expect(PhoneKey("06 1234 5678", defaultCountry: CallingCountry.named("IT"))?.display == "+390612345678")
        #expect(PhoneKey("+39 06 1234 5678")?.display == "+390612345678")
        #expect(CallingCountry.named("+34") == spain)
        #expect(CallingCountry.named("Narnia") == nil)
    }

    @Test("Without a default country a national number matches any calling code with the same digits")
    func nationalWithoutCountry() throws {
        let national = try #require(PhoneKey("612 345 678"))
        #expect(national.callingCode == nil)
        #expect(national.matches(try #require(PhoneKey("+34 612 345 678"))))
        #expect(try #require(PhoneKey("+34 612 345 678")).matches(try #require(PhoneKey("+44 612 345 678"))) == false)
        #expect(try #require(PhoneKey("030 1234567")).matches(try #require(PhoneKey("+49 30 1234567"))))
    }

    @Test("Extensions are ignored", arguments: ["+34 612 345 678 x123", "+34 612 345 678 ext. 9", "+34612345678;ext=77", "+34 612 345 678,12"])
    func extensions(text: String) {
        #expect(PhoneKey(text)?.display == "+34612345678")
    }

    @Test("Short numbers identify nobody")
    func shortNumbers() {
        #expect(PhoneKey("112") == nil)
        #expect(PhoneKey("") == nil)
    }

    @Test("Names fold case, accents, punctuation, honorifics and token order")
    func names() throws {
        let reference = try #require(NameKey("Ana García"))
        #expect(NameKey("GARCÍA, ana")?.tokens == reference.tokens)
        #expect(NameKey("Dr. Ana Garcia")?.tokens == reference.tokens)
        #expect(NameKey("  ana   garcia ")?.tokens == reference.tokens)
        #expect(NameKey("O'Brien")?.tokens == ["obrien"])
        #expect(NameKey("ana@acme.example") == nil)
        #expect(NameKey("—") == nil)
    }

    @Test("Initials, a typo, or an extra middle name make names similar; a shared first name does not")
    func similarNames() throws {
        let ana = try #require(NameKey("Ana García"))
        #expect(try #require(NameKey("A. García")).isSimilar(to: ana))
        #expect(try #require(NameKey("Ana Garcai")).isSimilar(to: ana) == false)  // two edits in a six-letter token
        #expect(try #require(NameKey("Ana Garcya")).isSimilar(to: ana))
        #expect(try #require(NameKey("Ana María García")).isSimilar(to: ana))
        #expect(try #require(NameKey("Ana López")).isSimilar(to: ana) == false)
        #expect(try #require(NameKey("Ana")).isSimilar(to: ana) == false)
        #expect(try #require(NameKey("Ane Garcya")).isSimilar(to: ana) == false)
    }

    @Test("Approximate keys are shared by similar names")
    func approximateKeys() throws {
        let ana = Set(try #require(NameKey("Ana García")).approximateKeys)
        for other in ["A. García", "Ana Garcya", "Ana María García"] {
            #expect(!ana.isDisjoint(with: try #require(NameKey(other)).approximateKeys), "\(other)")
        }
    }
}
