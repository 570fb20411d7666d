@testable import CardboxAPI
import Testing

@Suite("Secrets stay out of the log")
struct LogRedactionTests {
    @Test func theTokensValueIsReplacedWhereverItIs() {
        #expect(LogRedaction.target("/api/v1/events?token=s3cret") == "/api/v1/events?token=REDACTED")
        #expect(LogRedaction.target("/api/v1/events?since=3&token=s3cret&types=contact.created")
                == "/api/v1/events?since=3&token=REDACTED&types=contact.created")
        #expect(LogRedaction.target("/api/v1/events?token=a&token=b") == "/api/v1/events?token=REDACTED&token=REDACTED")
        #expect(LogRedaction.target("http://localhost/api/v1/events?token=s3cret") == "http://localhost/api/v1/events?token=REDACTED")
    }

    @Test func anEncodedOrUndecodableNameHidesItsValue() {
        #expect(LogRedaction.target("/e?%74oken=s3cret") == "/e?%74oken=REDACTED")
        #expect(LogRedaction.target("/e?to%zzken=s3cret") == "/e?to%zzken=REDACTED")
    }

    @Test func otherTargetsAreLoggedAsSent() {
        for target in ["/api/v1/contacts", "/api/v1/contacts?limit=5&search=ana", "/x?", "/x?&&a", "/x?tokens=1"] {
            #expect(LogRedaction.target(target) == target)
        }
    }
}
