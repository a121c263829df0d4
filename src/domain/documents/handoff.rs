//! Handing the Support packet over (a prefilled issue or an email): what the TAM is told, from
//! what the browser allowed, and what the TAM is asked before the plan first goes to Support.

use time::Date;

use crate::domain::documents::risks;
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow::{self, Stage};

/// The question asked before the plan is first shared with Support (on `on`) while Support would
/// still ask for items or risks stand for the window, naming both; `None` when there is nothing
/// to ask, the plan went to Support already, or an earlier stage blocks sharing (its refusal
/// says why).
pub fn share_question(e: &Engagement, on: Option<Date>, today: Date) -> Option<String> {
    if on.is_none()
        || e.coordination.review.shared_on.is_some()
        || workflow::missing_for(e, Stage::SupportReview).is_some()
    {
        return None;
    }
    let parts: Vec<String> = [
        workflow::missing_sentence(e),
        risks::standing_sentence(&risks::risks(e, today)),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| format!("{} Share the plan with Support anyway?", parts.join(" ")))
}

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
