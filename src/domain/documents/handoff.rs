//! Handing the Support packet over (a prefilled issue or an email): what the TAM is told, from
//! what the browser allowed.

/// What happened when the packet was handed over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HandOff {
    /// The new tab (the issue form, or the mail program) opened.
    pub opened: bool,
    /// The packet fits in the address; otherwise the address says to paste it.
    pub fits: bool,
    /// The packet is on the clipboard.
    pub copied: bool,
}

impl HandOff {
    /// Whether the packet reached Support's side in some way (then the app asks whether to
    /// record it as shared).
    pub fn handed(self) -> bool {
        self.opened || self.copied
    }

    /// The message for the TAM; `done` is the one for a packet that went through whole.
    pub fn message(self, done: &str) -> String {
        match (self.opened, self.fits, self.copied) {
            (false, _, true) => "The browser blocked the new tab: allow pop-ups for this page, or paste the packet from the clipboard yourself.".into(),
            (false, _, false) => "The browser blocked the new tab: allow pop-ups for this page, or attach the downloaded Markdown file.".into(),
            (true, true, _) => done.into(),
            (true, false, true) => "The packet is too long for an address: it was copied to the clipboard; paste it in.".into(),
            (true, false, false) => "The packet is too long for an address: attach the downloaded Markdown file instead.".into(),
        }
    }
}
