//! What was handed over, kept at each hand-off: the engagement as its reader saw it, with when
//! and to whom. Later, "what changed since they saw it?" compares a snapshot with another one or
//! with the engagement now.
//!
//! A snapshot holds the reader's view (the customer's has no internal notes or consultations),
//! without the activity log (the log records the hand-offs themselves) and without snapshots
//! of its own. They are bounded: at most [`MAX_SNAPSHOTS`], and the whole document within
//! [`SNAPSHOTS_FILL_BYTES`] after a new one is kept; the oldest go first, but never the latest
//! of each kind, and never the one Support last saw. They travel in the stored document, the
//! JSON plan file and backups, never in a customer link.

use time::OffsetDateTime;

pub use crate::domain::engagement::document::Snapshot;
use crate::domain::engagement::document::{Engagement, EngagementId};
use crate::domain::engagement::limits::stored_bytes;
pub use crate::domain::engagement::limits::{MAX_SNAPSHOTS, SNAPSHOTS_FILL_BYTES};
pub use crate::domain::engagement::records::HandOff;

impl Engagement {
    /// What a snapshot keeps of this engagement: `view` of it (the reader's view), without the
    /// log, the snapshots or fields unknown to this build.
    pub fn snapshot_content(&self, view: impl FnOnce(&Engagement) -> Engagement) -> Engagement {
        let mut content = view(self);
        content.log.clear();
        content.snapshots.clear();
        content.extra.clear();
        content
    }

    /// A hand-off on its own (a customer link made, the packet handed over): marks the change
    /// at `now` and keeps the snapshot of `content`, which carries the new revision. The same
    /// hand-off made again with nothing changed since is already kept, and changes nothing.
    /// Answers whether it is kept.
    pub fn hand_off(&mut self, kind: HandOff, content: Engagement, now: OffsetDateTime) -> bool {
        if self.snapshots.last().is_some_and(|last| {
            last.kind == kind
                && last.revision == self.revision
                && *last.content
                    == Engagement {
                        revision: last.content.revision,
                        updated: last.content.updated,
                        ..content.clone()
                    }
        }) {
            return true;
        }
        self.touch(now);
        self.keep_snapshot(kind, content, now)
    }

    /// Keeps a snapshot of `content` for the hand-off the change just made is (the plan shared,
    /// recorded, the migration scheduled), at the revision that change reached. Older snapshots
    /// go as [`MAX_SNAPSHOTS`] and [`SNAPSHOTS_FILL_BYTES`] require; if the new one cannot fit
    /// even so, it is not kept. Answers whether it is kept.
    pub fn keep_snapshot(
        &mut self,
        kind: HandOff,
        content: Engagement,
        now: OffsetDateTime,
    ) -> bool {
        // The content as of the change that keeps it, like the link or packet made from it.
        let content = Engagement {
            revision: self.revision,
            updated: self.updated,
            ..content
        };
        self.snapshots.push(Snapshot {
            kind,
            at: now,
            revision: self.revision,
            content: Box::new(content),
        });
        let mut snapshots = std::mem::take(&mut self.snapshots);
        let own = Engagement {
            snapshots: Vec::new(),
            ..self.clone()
        };
        prune(&mut snapshots, |kept| {
            stored_bytes(&Engagement {
                snapshots: kept.to_vec(),
                ..own.clone()
            }) <= SNAPSHOTS_FILL_BYTES
        });
        self.snapshots = snapshots;
        self.snapshots
            .last()
            .is_some_and(|s| s.revision == self.revision && s.kind == kind)
    }

    /// Gives this engagement a new id (a copy kept beside the original), its snapshots with it.
    pub fn set_id(&mut self, id: EngagementId) {
        self.id = id;
        for snapshot in &mut self.snapshots {
            snapshot.content.id = id;
        }
    }

    /// The snapshot Support last saw: the latest plan shared with Support or packet handed
    /// over.
    pub fn support_last_saw(&self) -> Option<&Snapshot> {
        self.snapshots
            .iter()
            .rev()
            .find(|s| s.kind.for_support_review())
    }

    /// The customer link's snapshot made at `revision`, if it is still kept.
    pub fn customer_link_at(&self, revision: u64) -> Option<&Snapshot> {
        self.snapshots
            .iter()
            .rev()
            .find(|s| s.kind == HandOff::CustomerLink && s.revision == revision)
    }
}

/// Which snapshots may not go: the latest of each kind, and the one Support last saw.
fn protected(snapshots: &[Snapshot]) -> Vec<bool> {
    let mut keep = vec![false; snapshots.len()];
    for kind in HandOff::ALL {
        if let Some(i) = snapshots.iter().rposition(|s| s.kind == kind) {
            keep[i] = true;
        }
    }
    if let Some(i) = snapshots.iter().rposition(|s| s.kind.for_support_review()) {
        keep[i] = true;
    }
    keep
}

/// Drops the oldest snapshots until there are at most [`MAX_SNAPSHOTS`] and `fits` holds: first
/// those not protected, then, for room only, the protected ones except the newest and the one
/// Support last saw; if it still does not fit, the newest goes.
pub fn prune(snapshots: &mut Vec<Snapshot>, fits: impl Fn(&[Snapshot]) -> bool) {
    let over = |s: &[Snapshot]| s.len() > MAX_SNAPSHOTS || !fits(s);
    while over(snapshots) {
        let keep = protected(snapshots);
        match keep.iter().position(|k| !k) {
            Some(i) => {
                snapshots.remove(i);
            }
            None => break,
        }
    }
    while !fits(snapshots) && snapshots.len() > 1 {
        let newest = snapshots.len() - 1;
        let support = snapshots.iter().rposition(|s| s.kind.for_support_review());
        match (0..newest).find(|i| Some(*i) != support) {
            Some(i) => {
                snapshots.remove(i);
            }
            None => break,
        }
    }
    if !fits(snapshots) {
        snapshots.pop();
    }
}
