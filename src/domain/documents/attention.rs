//! The TAM's day: which engagements need attention today, and why, soonest first. Pure, so the
//! home page only draws what this decides.

use time::{Date, Duration};

use crate::domain::documents::cutover::{self, Mark};
use crate::domain::documents::reply::{self, Reply};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{self, REVIEW_LEAD_DAYS};
use crate::domain::process::workflow::{self, Feedback, MigrationStatus, Stage};
use crate::domain::text::time_fmt;

/// How far ahead a window counts as close.
pub const WINDOW_AHEAD_DAYS: i64 = 14;
/// How long a Professional Services recommendation may wait for the customer's decision.
pub const DECISION_DUE_DAYS: i64 = 14;

/// Why an engagement needs attention, with the day that makes it urgent (for the order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub text: String,
    /// The sooner, the higher in the list: a close window by its day; everything else after
    /// every window of the next 14 days.
    pub by: Date,
}

/// True once the migration is done or rolled back: its window needs nothing more.
fn finished(e: &Engagement) -> bool {
    matches!(
        e.coordination.migration.status,
        MigrationStatus::Done | MigrationStatus::RolledBack
    )
}

/// The day every reason but a close window is ranked by: after every window of the next 14 days.
fn after_windows(today: Date) -> Date {
    today + Duration::days(WINDOW_AHEAD_DAYS + 1)
}

fn days(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "tomorrow".into(),
        n => format!("in {n} days"),
    }
}

/// What needs the TAM's attention in `e` on `today`, most urgent first.
pub fn reasons(e: &Engagement, today: Date) -> Vec<Reason> {
    let c = &e.coordination;
    let mut found = Vec::new();
    let after_windows = after_windows(today);
    let finished = finished(e);
    // A window within 14 days: always worth seeing, with what is still open.
    if let Some(start) = c.intake.window_start.map(|w| w.date()) {
        let ahead = (start - today).whole_days();
        if !finished && (0..=WINDOW_AHEAD_DAYS).contains(&ahead) {
            let mut open = Vec::new();
            let missing = intake::missing(e).len();
            if missing > 0 {
                open.push(format!(
                    "{missing} item{} missing for Support",
                    if missing == 1 { "" } else { "s" }
                ));
            }
            match workflow::effective_feedback(c) {
                Feedback::Approved if !workflow::review_out_of_date(e) => {}
                _ if c.review.shared_on.is_none() => open.push("not shared with Support".into()),
                Feedback::ChangesRequested => open.push("Support requested changes".into()),
                _ => open.push("Support's feedback pending".into()),
            }
            if ahead <= 1 || !open.is_empty() {
                found.push(Reason {
                    text: format!(
                        "The maintenance window starts {} ({}){}",
                        days(ahead),
                        when(e),
                        if open.is_empty() {
                            ".".to_string()
                        } else {
                            format!(": {}.", open.join("; "))
                        }
                    ),
                    by: start,
                });
            }
        }
    }
    // Rolled back, with no window set after it: the customer and the TAM agree a new one.
    if c.migration.status == MigrationStatus::RolledBack {
        let on = c.migration.end.or(c.migration.start);
        let after = c
            .intake
            .window_start
            .map(|w| w.date())
            .is_some_and(|d| d >= today && on.is_none_or(|on| d > on));
        if !after {
            found.push(Reason {
                text: match on {
                    Some(on) => format!(
                        "Agree a new window: the migration was rolled back on {on}, and no window is set after it."
                    ),
                    None => "Agree a new window: the migration was rolled back, and no window is set after it.".into(),
                },
                by: after_windows,
            });
        }
    }
    // Support's feedback pending for longer than the review lead time.
    if let Some(shared) = c.review.shared_on {
        let waited = (today - shared).whole_days();
        if !finished
            && workflow::effective_feedback(c) == Feedback::Pending
            && waited > REVIEW_LEAD_DAYS
        {
            found.push(Reason {
                text: format!(
                    "Support's feedback is pending {waited} days after sharing (on {shared}), longer than the {REVIEW_LEAD_DAYS} days a review takes: ask Support."
                ),
                by: after_windows,
            });
        }
    }
    // The customer's decision on Professional Services, recommended two weeks ago or more.
    if let Some(recommended) = c.ps_recommended_on {
        let waited = (today - recommended).whole_days();
        if workflow::stage(e) == Stage::ProfessionalServices && waited >= DECISION_DUE_DAYS {
            found.push(Reason {
                text: format!(
                    "The Professional Services decision is due: recommended {waited} days ago (on {recommended})."
                ),
                by: after_windows,
            });
        }
    }
    // Milestones whose latest date has passed.
    if !finished {
        for m in cutover::timeline(e, today) {
            if m.marks.contains(&Mark::Late) {
                if let Some(date) = m.date {
                    found.push(Reason {
                        text: format!("Late: {} (latest {date}).", m.label),
                        by: after_windows,
                    });
                }
            }
        }
    }
    found.sort_by_key(|r| r.by);
    found
}

/// When the window starts, on its own clock and with its zone: "2027-03-06 22:00 UTC+01:00,
/// Europe/Berlin" ("—" without a window).
pub fn when(e: &Engagement) -> String {
    let i = &e.coordination.intake;
    let Some(start) = i.window_start else {
        return "—".into();
    };
    let at = format!(
        "{} {}",
        time_fmt::clock(start),
        time_fmt::offset_text(start.offset())
    );
    match i.time_zone.trim() {
        "" => at,
        zone => format!("{at}, {zone}"),
    }
}

/// True once the migration is done or rolled back (the list puts these after the open ones).
pub fn is_finished(e: &Engagement) -> bool {
    finished(e)
}

/// The engagement's next maintenance window, when it is still ahead (for the list's order).
pub fn next_window(e: &Engagement, today: Date) -> Option<Date> {
    e.coordination
        .intake
        .window_start
        .map(|w| w.date())
        .filter(|d| !finished(e) && *d >= today)
}

/// A customer's reply opened here whose answers are not all accepted yet: a reason while any
/// answer still differs from what the engagement records.
pub fn reply_waiting(reply: &Reply, e: &Engagement, today: Date) -> Option<Reason> {
    if reply.engagement != e.id {
        return None;
    }
    let open = reply::answers(reply, e).len();
    (open > 0).then(|| Reason {
        text: format!("The customer's answers are waiting: {open} not accepted yet."),
        by: after_windows(today),
    })
}
