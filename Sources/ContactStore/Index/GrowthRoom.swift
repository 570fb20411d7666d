/// How much to reserve for a column built at load: a quarter more than it holds.
///
/// A column reserved exactly is copied whole by the first write that appends
/// to it — 270 MB of packed contacts at a million, 50–150 ms under the writer
/// lock, once per column. With room to grow, the copy comes only after a
/// quarter more contacts; the unused room of a large block is never touched,
/// so it costs no resident memory.
enum GrowthRoom {
    static func capacity(for count: Int) -> Int {
        count + count / 4 + 1024
    }
}
