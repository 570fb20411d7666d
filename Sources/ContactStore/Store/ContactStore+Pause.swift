/// Holding writes back while another program rewrites files of the folder.
extension ContactStore {
    /// Runs `body` as the one writer, so no write of the store (nor a
    /// reconcile of the watcher) runs meanwhile; readers are not held up.
    ///
    /// `--git-sync` merges under it: otherwise a write could read a file just
    /// before `git merge` rewrites it and rename its own version over the
    /// merged one afterwards (the pulled edit lost), or git could overwrite a
    /// file the API had just written (the API's edit lost). What the body
    /// changed in the folder is found by the watcher afterwards, as changes
    /// with origin `file`. Keep `body` short: API writes wait for it.
    public func pausingWrites<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try asWriter(body)
    }
}
