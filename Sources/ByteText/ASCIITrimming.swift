extension Substring {
    /// The text without leading and trailing SP and HTAB (RFC 9110 §5.6.3 OWS;
    /// the blanks around vCard values). Other whitespace, such as line breaks
    /// or U+00A0, is kept: those are content in both formats.
    @inlinable
    public func trimmingASCIIWhitespace() -> Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start < end, ASCII.isWhitespace(utf8[start]) { start = utf8.index(after: start) }
        while end > start, ASCII.isWhitespace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        return self[start..<end]
    }
}

extension String {
    /// The text without leading and trailing SP and HTAB (see ``Substring/trimmingASCIIWhitespace()``).
    @inlinable
    public func trimmingASCIIWhitespace() -> Substring {
        self[...].trimmingASCIIWhitespace()
    }
}
