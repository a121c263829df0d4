//! From decision to cut-over: the timeline counted back from the window and the desired
//! completion, the calendar entry for the window (iCalendar, RFC 5545) and the cut-over runbook.
//!
//! The timeline counts back with stated assumptions (`ASSUMPTIONS`): GitLab publishes lead times
//! only for the Support review and for large moves, so the others are the app's, and it says so.

pub use crate::domain::text::time_fmt::wall;
use std::fmt::Write as _;

use time::{Date, Duration, OffsetDateTime, UtcOffset};

use crate::domain::documents::schedule::{self, DeadlineWhy};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{MigrationMethod, REVIEW_LEAD_DAYS};
use crate::domain::process::workflow::{self, add_months, Feedback, MigrationStatus, PsDecision};
use crate::domain::sizing::LARGE_UPGRADE_USERS;
use crate::domain::text::time_fmt::{clock, offset_text, to_utc};
use crate::domain::text::zones;

/// Days between the rehearsal and the window, to act on what the rehearsal finds.
pub const REHEARSAL_LEAD_DAYS: i64 = 3;
/// Days before the window that the go/no-go decision is taken.
pub const GO_NO_GO_DAYS: i64 = 1;
/// Days the app allows for writing a plan once Professional Services are decided.
pub const PLAN_WRITING_DAYS: i64 = 28;

/// The assumptions the timeline counts back with, as the page and the runbook state them.
pub const ASSUMPTIONS: &str = "Counted back from the maintenance window (or, until it is set, the desired completion): Support's review takes 7 days and ends before the rehearsal; the rehearsal is at least 3 days before the window; go/no-go is the day before; writing the plan takes about 4 weeks; the rollback deadline is the window's end less the rollback's duration (its midpoint while that is not known), and never after the point of no return.";

/// How a milestone stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// Recorded as done, on its date.
    Done,
    /// A date the engagement holds (the window, the desired completion).
    Set,
    /// The latest date that still keeps the timeline, counted back.
    Latest,
    /// Not enough is known to place it.
    Unknown,
}

/// What is wrong with a milestone's date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Its latest date has passed and it is not done.
    Late,
    /// Less time than it needs.
    TooTight(String),
    /// Out of order with another milestone.
    OutOfOrder(String),
}

impl Mark {
    pub fn text(&self) -> String {
        match self {
            Mark::Late => "late: its latest date has passed".into(),
            Mark::TooTight(why) | Mark::OutOfOrder(why) => why.clone(),
        }
    }
}

/// One milestone of the move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub key: &'static str,
    pub label: &'static str,
    pub date: Option<Date>,
    /// The exact time, for the window and the rollback deadline.
    pub at: Option<OffsetDateTime>,
    pub state: State,
    pub marks: Vec<Mark>,
}

impl Milestone {
    /// "2027-03-06 22:00 (UTC+01:00)", "2027-02-27", or "not known yet".
    pub fn when(&self) -> String {
        match (self.at, self.date) {
            (Some(at), _) => wall(at),
            (None, Some(d)) => d.to_string(),
            (None, None) => "not known yet".into(),
        }
    }
}

/// The last moment to decide to roll back: the window's end less the rollback's duration (its
/// midpoint while that is not known), never after the point of no return (see
/// `documents::schedule`), on the clock in force at that moment.
pub fn deadline(e: &Engagement) -> Option<(OffsetDateTime, DeadlineWhy)> {
    let i = &e.coordination.intake;
    let start = i.window_start?;
    schedule::timing(e)
        .deadline
        .map(|(at, why)| (zones::local(&i.time_zone, at, start.offset()), why))
}

/// The rollback deadline's time alone (see [`deadline`]).
pub fn rollback_deadline(e: &Engagement) -> Option<OffsetDateTime> {
    deadline(e).map(|(at, _)| at)
}

/// The milestones from the Professional Services decision to done, each placed and marked.
pub fn timeline(e: &Engagement, today: Date) -> Vec<Milestone> {
    let c = &e.coordination;
    let i = &c.intake;
    let window_start = i.window_start;
    let anchor = window_start.map(|w| w.date()).or(c.desired_completion);
    let days = |n: i64| Duration::days(n);
    let go_no_go = anchor.map(|a| a - days(GO_NO_GO_DAYS));
    let rehearsal_latest = anchor.map(|a| a - days(REHEARSAL_LEAD_DAYS));
    let shared_latest = rehearsal_latest.map(|r| r - days(REVIEW_LEAD_DAYS));
    let plan_latest = shared_latest;
    let ps_latest = plan_latest.map(|p| p - days(PLAN_WRITING_DAYS));
    // A state for a date that may be missing: the loop below makes every undated one Unknown.
    let done_or_latest = |done: Option<Date>, latest: Option<Date>| match done {
        Some(d) => (Some(d), State::Done),
        None => (latest, State::Latest),
    };
    let milestone = |key, label, (date, state): (Option<Date>, State)| Milestone {
        key,
        label,
        date,
        at: None,
        state,
        marks: vec![],
    };
    // The window and the rollback deadline: exact times the engagement holds.
    let timed = |key, label, at: Option<OffsetDateTime>| Milestone {
        at,
        ..milestone(key, label, (at.map(|a| a.date()), State::Set))
    };
    let ps_done = (c.ps_decision != PsDecision::Undecided)
        .then_some(c.ps_decided_on)
        .flatten();
    let review_done = (workflow::effective_feedback(c) != Feedback::Pending)
        .then_some(c.review.shared_on.map(|s| s + days(REVIEW_LEAD_DAYS)))
        .flatten();
    let mut list = vec![
        milestone(
            "ps-decision",
            "Professional Services decision",
            done_or_latest(ps_done, ps_latest),
        ),
        milestone(
            "plan-ready",
            "Plan ready",
            done_or_latest(c.plan.as_ref().map(|p| p.date), plan_latest),
        ),
        milestone(
            "shared",
            "Shared with Support",
            done_or_latest(c.review.shared_on, shared_latest),
        ),
        milestone(
            "review",
            "Support review lead time ends",
            match (review_done, c.review.shared_on) {
                (Some(d), _) => (Some(d), State::Done),
                (None, Some(s)) => (Some(s + days(REVIEW_LEAD_DAYS)), State::Set),
                (None, None) => (rehearsal_latest, State::Latest),
            },
        ),
        milestone(
            "rehearsal",
            "Rehearsal",
            done_or_latest(i.rehearsal_on, rehearsal_latest),
        ),
        milestone("go-no-go", "Go/no-go", (go_no_go, State::Latest)),
        timed("window", "Maintenance window", window_start),
        timed(
            "rollback-deadline",
            "Rollback deadline",
            rollback_deadline(e),
        ),
    ];
    let migration_done = c.migration.status == MigrationStatus::Done;
    list.push(milestone(
        "done",
        "Done",
        match (migration_done, c.desired_completion) {
            (true, _) => (c.migration.end.or(c.desired_completion), State::Done),
            (false, Some(d)) => (Some(d), State::Set),
            (false, None) => (i.window_end.map(|w| w.date()), State::Latest),
        },
    ));

    // A milestone without a date is not known, whatever it would be.
    for m in &mut list {
        if m.date.is_none() {
            m.state = State::Unknown;
        }
    }
    // Marks: what is late, too tight or out of order.
    for m in &mut list {
        if m.state == State::Latest && m.date.is_some_and(|d| d < today) {
            m.marks.push(Mark::Late);
        }
    }
    // The large-upgrade rule needs only the users, not the whole status.
    let large = workflow::peak_users(e).is_some_and(|u| u >= LARGE_UPGRADE_USERS);
    if let (true, false, Some(due)) = (large, migration_done, c.desired_completion) {
        if due < add_months(today, 3) {
            mark(&mut list, "done", Mark::TooTight(format!(
                "too tight: less than three months away, and moves of 5,000 users or more often take at least three months (desired completion {due})"
            )));
        }
    }
    if let Some(start) = window_start.map(|w| w.date()) {
        let review_ends = match c.review.shared_on {
            Some(shared) => shared + days(REVIEW_LEAD_DAYS),
            None => today + days(REVIEW_LEAD_DAYS),
        };
        if !migration_done && review_done.is_none() && start < review_ends {
            mark(&mut list, "window", Mark::TooTight(format!(
                "too tight: the window starts before Support's review could finish ({REVIEW_LEAD_DAYS} days from {}, on {review_ends})",
                if c.review.shared_on.is_some() { "sharing" } else { "today" }
            )));
        }
        if let Some(rehearsal) = i.rehearsal_on {
            if rehearsal >= start {
                mark(
                    &mut list,
                    "rehearsal",
                    Mark::OutOfOrder(format!(
                        "out of order: the rehearsal ({rehearsal}) is not before the window ({start})"
                    )),
                );
            }
        }
    }
    if let (Some(start), Some(due)) = (window_start.map(|w| w.date()), c.desired_completion) {
        if !migration_done && start > due {
            mark(
                &mut list,
                "window",
                Mark::OutOfOrder(format!(
                    "out of order: the window starts after the desired completion ({due})"
                )),
            );
        }
    }
    list
}

fn mark(list: &mut [Milestone], key: &str, mark: Mark) {
    if let Some(m) = list.iter_mut().find(|m| m.key == key) {
        m.marks.push(mark);
    }
}

// ---------------------------------------------------------------------------------------------
// The calendar entry.

/// Escapes TEXT for iCalendar (RFC 5545, 3.3.11).
fn ics_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (RFC 5545, 3.1), never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn ics_utc(at: OffsetDateTime) -> String {
    let at = at.checked_to_offset(UtcOffset::UTC).unwrap_or(at);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

/// Why there is no calendar entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarError {
    NoWindow,
    EndsBeforeStart,
}

impl std::fmt::Display for CalendarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CalendarError::NoWindow => {
                "Set the maintenance window's start and end first: the calendar entry is the window."
            }
            CalendarError::EndsBeforeStart => {
                "The maintenance window ends before it starts: correct it first."
            }
        })
    }
}

/// The maintenance window as an iCalendar file: one event in UTC times (which Google Calendar
/// and Outlook both import at the right moment), with the zone, the Support contact and the
/// rollback deadline in its description.
pub fn calendar(e: &Engagement, now: OffsetDateTime) -> Result<String, CalendarError> {
    let i = &e.coordination.intake;
    let (start, end) = match (i.window_start, i.window_end) {
        (Some(s), Some(e)) if e > s => (s, e),
        (Some(_), Some(_)) => return Err(CalendarError::EndsBeforeStart),
        _ => return Err(CalendarError::NoWindow),
    };
    let contact = match (i.contact_name.trim(), i.contact_email.trim()) {
        ("", "") => "not recorded yet".to_string(),
        (name, "") => name.to_string(),
        ("", email) => email.to_string(),
        (name, email) => format!("{name} <{email}>"),
    };
    let zone = match i.time_zone.trim() {
        "" => String::new(),
        zone => format!(" {zone} time"),
    };
    let mut description = format!(
        "Maintenance window for the move of {}'s GitLab to new infrastructure.\nStarts: {}{zone} ({}), which is {} UTC.\nEnds: {}{zone} ({}), which is {} UTC.\nLength: {}{}.\nCustomer's contact for Support during the window: {contact}.",
        e.customer_name,
        clock(start),
        offset_text(start.offset()),
        clock(to_utc(start)),
        clock(end),
        offset_text(end.offset()),
        clock(to_utc(end)),
        crate::domain::text::time_fmt::duration_text(end - start),
        if start.offset() != end.offset() {
            " (the clocks change during the window)"
        } else {
            ""
        },
    );
    if let Some((deadline, why)) = deadline(e) {
        let _ = write!(
            description,
            "\nRollback deadline: {}{} — if the checks have not passed by then, roll back.",
            wall(deadline),
            match why {
                DeadlineWhy::Midpoint =>
                    " (the window's midpoint: the rollback's duration is not known yet)",
                DeadlineWhy::PointOfNoReturn =>
                    " (the point of no return: after it, rolling back loses data)",
                DeadlineWhy::Rollback(_) => "",
            }
        );
    }
    if !i.rollback_summary.trim().is_empty() {
        let _ = write!(
            description,
            "\nRollback plan: {}",
            i.rollback_summary.trim()
        );
    }
    if i.method != MigrationMethod::Undecided {
        let _ = write!(description, "\nMethod: {}.", i.method.label());
    }
    let mut ics = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Infrastructure Upgrade Planner//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        "BEGIN:VEVENT".into(),
        format!("UID:{}-maintenance-window@upgrade-planner", e.id),
        format!("DTSTAMP:{}", ics_utc(now)),
        format!("DTSTART:{}", ics_utc(start)),
        format!("DTEND:{}", ics_utc(end)),
        format!(
            "SUMMARY:{}",
            ics_text(&format!("GitLab maintenance window: {}", e.customer_name))
        ),
        format!("DESCRIPTION:{}", ics_text(&description)),
        "TRANSP:OPAQUE".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ] {
        ics.push_str(&fold(&line));
    }
    Ok(ics)
}
