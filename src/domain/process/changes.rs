//! Changing an engagement: every change through one door, which logs the decision it makes,
//! a change of stage, and a Support approval the change made out of date.

use time::OffsetDateTime;

use crate::domain::engagement::records::LogEntry;
use crate::domain::engagement::{CustomerName, Engagement};
use crate::domain::process::workflow;
use crate::domain::sizing::SizingInputs;

impl Engagement {
    /// Renames the engagement; a name equal to the current one changes nothing.
    pub fn rename(&mut self, customer_name: CustomerName, now: OffsetDateTime) {
        self.change(now, |e| {
            e.customer_name = customer_name;
            None
        });
    }

    /// Replaces the sizing form's text; the same text changes nothing.
    pub fn set_sizing(&mut self, sizing: SizingInputs, now: OffsetDateTime) {
        self.change(now, |e| {
            e.sizing = sizing;
            None
        });
    }

    /// Replaces the internal notes.
    pub fn set_internal_notes(&mut self, notes: String, now: OffsetDateTime) {
        self.change(now, |e| {
            e.internal_notes = notes;
            None
        });
    }

    /// Makes a change at `now`. `edit` may return a decision to log; a change of stage, and a
    /// Support approval made out of date, are logged too. A change that changes nothing is not
    /// a change: no log line, no new revision.
    pub fn change(&mut self, now: OffsetDateTime, edit: impl FnOnce(&mut Self) -> Option<String>) {
        self.change_on(now, None, edit);
    }

    /// [`Engagement::change`] for an event that happened on `day` (a date the TAM gave with the
    /// action, such as the day the plan was shared): its log lines carry that day beside the
    /// moment they were recorded.
    pub fn change_on(
        &mut self,
        now: OffsetDateTime,
        day: Option<time::Date>,
        edit: impl FnOnce(&mut Self) -> Option<String>,
    ) {
        let before = (
            self.customer_name.clone(),
            self.sizing.clone(),
            self.coordination.clone(),
            self.internal_notes.clone(),
        );
        let stage_before = workflow::stage(self);
        let stale_before = workflow::review_out_of_date(self);
        let decision = edit(self);
        let unchanged = before.0 == self.customer_name
            && before.1 == self.sizing
            && before.2 == self.coordination
            && before.3 == self.internal_notes;
        if unchanged && decision.is_none() {
            return;
        }
        if let Some(text) = decision {
            self.log.push(LogEntry {
                at: now,
                on: day,
                text,
            });
        }
        if !stale_before && workflow::review_out_of_date(self) {
            self.log.push(LogEntry {
                at: now,
                on: None,
                text:
                    "The sizing changed after Support approved the plan: the review is out of date."
                        .into(),
            });
        }
        let stage_after = workflow::stage(self);
        if stage_after != stage_before {
            self.log.push(LogEntry {
                at: now,
                on: day,
                text: format!("Stage: {} → {}.", stage_before.label(), stage_after.label()),
            });
        }
        self.touch(now);
    }
}
