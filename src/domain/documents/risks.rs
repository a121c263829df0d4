//! The risks for the maintenance window, as a reviewer of upgrade and migration plans looks for
//! them: each a small named rule, one line with what to do, so that Support's packet and the
//! engagement page can open with them.

use time::Date;

use crate::domain::documents::schedule::{self, Schedule, UpgradePlace};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{self, MigrationMethod, REVIEW_LEAD_DAYS};
use crate::domain::process::upgrade::{self, UpgradePath};
use crate::domain::process::workflow::{self, Feedback, MigrationStatus, PsDecision};
use crate::domain::sizing::LARGE_UPGRADE_USERS;
use crate::domain::text::time_fmt::duration_text;

/// A risk a reviewer would raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Risk {
    /// The move and an upgrade in the same window.
    MoveAndUpgrade,
    /// Zero-downtime upgrades asked for, but not possible on this path.
    ZeroDowntimeImpossible,
    /// The steps take longer than the window.
    LongerThanWindow,
    /// The cut-over comes after the rollback deadline.
    NoTimeToRollBack,
    /// Professional Services declined at 5,000 users or more.
    ProfessionalServicesDeclined,
    /// The restore (or the upgrade) not rehearsed, or its duration not recorded.
    NotRehearsed,
    /// Rehearsed before Support reviewed the plan.
    RehearsedBeforeReview,
    /// The window crosses a clock change.
    ClockChange,
    /// The window starts inside Support's notice period.
    InsideNoticePeriod,
    /// A PostgreSQL major upgrade on the way.
    PostgresUpgrade,
    /// The migration method and the sizing say different things.
    MethodAgainstSizing,
}

impl Risk {
    pub const ALL: [Risk; 11] = [
        Risk::MoveAndUpgrade,
        Risk::ZeroDowntimeImpossible,
        Risk::LongerThanWindow,
        Risk::NoTimeToRollBack,
        Risk::ProfessionalServicesDeclined,
        Risk::NotRehearsed,
        Risk::RehearsedBeforeReview,
        Risk::ClockChange,
        Risk::InsideNoticePeriod,
        Risk::PostgresUpgrade,
        Risk::MethodAgainstSizing,
    ];

    /// The rule's name, as the page marks each line with it.
    pub fn code(self) -> &'static str {
        match self {
            Risk::MoveAndUpgrade => "move-and-upgrade",
            Risk::ZeroDowntimeImpossible => "zero-downtime-impossible",
            Risk::LongerThanWindow => "longer-than-window",
            Risk::NoTimeToRollBack => "no-time-to-roll-back",
            Risk::ProfessionalServicesDeclined => "professional-services-declined",
            Risk::NotRehearsed => "not-rehearsed",
            Risk::RehearsedBeforeReview => "rehearsed-before-review",
            Risk::ClockChange => "clock-change",
            Risk::InsideNoticePeriod => "inside-notice-period",
            Risk::PostgresUpgrade => "postgres-upgrade",
            Risk::MethodAgainstSizing => "method-against-sizing",
        }
    }
}

/// A risk found, with its line: what it is and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Found {
    pub risk: Risk,
    pub text: String,
}

/// What the rules look at, derived once.
struct Facts<'a> {
    e: &'a Engagement,
    today: Date,
    path: Option<UpgradePath>,
    timing: Schedule,
}

/// The risks for the engagement's window on `today`, in the order of [`Risk::ALL`]. A migration
/// done carries none.
pub fn risks(e: &Engagement, today: Date) -> Vec<Found> {
    if e.coordination.migration.status == MigrationStatus::Done {
        return vec![];
    }
    let c = &e.coordination;
    let facts = Facts {
        e,
        today,
        path: upgrade::path(&c.gitlab_version, &c.intake.target_version)
            .ok()
            .filter(|p| !p.is_empty()),
        timing: schedule::timing(e),
    };
    Risk::ALL
        .into_iter()
        .filter_map(|risk| check(risk, &facts).map(|text| Found { risk, text }))
        .collect()
}

/// The risks in `after` that `before` did not hold: what a change (answers accepted, say)
/// opened. A risk is the same risk while its rule is, whatever figures its line now gives.
pub fn opened(before: &[Found], after: &[Found]) -> Vec<Found> {
    after
        .iter()
        .filter(|found| before.iter().all(|b| b.risk != found.risk))
        .cloned()
        .collect()
}

/// "2 new risks for this window", said over the risks a change opened.
pub fn opened_heading(count: usize) -> String {
    match count {
        1 => "1 new risk for this window".into(),
        n => format!("{n} new risks for this window"),
    }
}

/// The risks that stand, named in one sentence ("2 risks stand for this window: …"), or `None`
/// when there are none.
pub fn standing_sentence(found: &[Found]) -> Option<String> {
    let lines: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    match lines.len() {
        0 => None,
        1 => Some(format!("1 risk stands for this window: {}", lines[0])),
        n => Some(format!(
            "{n} risks stand for this window: {}",
            lines.join(" ")
        )),
    }
}

pub use crate::domain::documents::schedule::database_on_its_own;

fn check(risk: Risk, f: &Facts) -> Option<String> {
    let e = f.e;
    let c = &e.coordination;
    let i = &c.intake;
    match risk {
        // "Restore only onto the same version and edition the backup was made on" (Restore
        // GitLab); the upgrade path's stops follow, each with its background migrations.
        Risk::MoveAndUpgrade => {
            let path = f.path.as_ref()?;
            let stops = match path.stops().count() {
                0 => "straight to the target".to_string(),
                1 => "through the 1 stop on the path".to_string(),
                n => format!("through the {n} stops on the path"),
            };
            match &f.timing.upgrade {
                UpgradePlace::OwnWindow { minutes, why } => Some(format!(
                    "The upgrade from {} to {} ({stops}, about {}) needs a window of its own before the move, to be agreed with the customer: {why}. The runbook shows it as its own section; the move then runs on {} on both sides.",
                    path.current,
                    path.target,
                    duration_text(time::Duration::minutes(*minutes)),
                    f.timing.move_version
                )),
                UpgradePlace::InWindow => Some(format!(
                    "The move and an upgrade from {} to {} share one window: a backup restores only onto the same GitLab version and edition, so the runbook restores on {} first, then upgrades {stops} before the cut-over, while rolling back is still possible. Time the upgrade in the rehearsal.",
                    path.current, path.target, path.current
                )),
                _ => None,
            }
        }
        // "Upgrading across multiple GitLab versions in one go is only possible by accepting
        // downtime" (Zero-downtime upgrades).
        Risk::ZeroDowntimeImpossible => {
            let path = f.path.as_ref()?;
            (e.sizing.zero_downtime && !path.zero_downtime_possible()).then(|| {
                format!(
                    "Zero-downtime upgrades were asked for, but {} to {} crosses several minor versions, which needs downtime{}: agree the downtime with the customer, or upgrade one minor version at a time.",
                    path.current,
                    path.target,
                    if i.method.restores_a_backup() {
                        " (and a move by backup and restore needs downtime itself)"
                    } else {
                        ""
                    }
                )
            })
        }
        Risk::LongerThanWindow => {
            let timing = &f.timing;
            let over = timing.overrun()?;
            let (start, end) = timing.window?;
            Some(format!(
                "The steps take about {}, longer than the window's {} by {}{}: lengthen the window, shorten the steps, or upgrade in a window of its own.",
                duration_text(time::Duration::minutes(timing.total)),
                duration_text(end - start),
                duration_text(over),
                match intake::hours(&i.restore_hours).ok().flatten() {
                    Some(restore) => format!(" (the restore alone took {} in the rehearsal)", duration_text(restore)),
                    None => String::new(),
                }
            ))
        }
        // The rollback deadline is the latest moment to start rolling back and still finish
        // within the window; the point of no return must come before it.
        Risk::NoTimeToRollBack => {
            let timing = &f.timing;
            let short = timing.short_by()?;
            let point = timing.point_of_no_return?;
            Some(format!(
                "The point of no return ({}) comes at {}, {} after {}, the latest moment that leaves {}: there would be no time left to roll back. Shorten the steps before it, start earlier, or lengthen the window.",
                timing
                    .procedure
                    .and_then(|p| p.point_of_no_return())
                    .map(|s| s.text.split(':').next().unwrap_or(s.text).to_lowercase())
                    .unwrap_or_else(|| "the cut-over".into()),
                timing.wall(point),
                duration_text(short),
                timing.wall(timing.latest_safe()?),
                match intake::hours(&i.rollback_hours).ok().flatten() {
                    Some(r) => format!("the rollback its {} before the window ends", duration_text(r)),
                    None => "half the window to roll back (the rollback's duration is not recorded)".into(),
                }
            ))
        }
        // "5,000 users or more: Professional Services are highly recommended" (the handbook).
        Risk::ProfessionalServicesDeclined => {
            let users = workflow::peak_users(e)?;
            let at = workflow::users_text(e)?;
            (c.ps_decision == PsDecision::Declined && users >= LARGE_UPGRADE_USERS).then(|| {
                format!(
                    "Professional Services were declined at {at}, where GitLab highly recommends them: check that the customer's plan covers the sizing, the move and the rollback, and that Support is the contact during the window."
                )
            })
        }
        // Only once there is a window or a plan to rehearse: a new engagement owes nothing yet.
        Risk::NotRehearsed if i.window_start.is_none() && c.plan.is_none() => None,
        // Any trace of a rehearsal (its date, its result, its restore's duration) means one
        // was run: the missing list asks for the rest, and this line names only what is not
        // recorded.
        Risk::NotRehearsed => {
            let timed = intake::hours(&i.restore_hours).ok().flatten().is_some();
            let rehearsed = i.rehearsal_on.is_some() || !i.rehearsal_result.trim().is_empty();
            match (rehearsed, timed) {
                (false, false) => Some(format!(
                    "Nothing is rehearsed yet: rehearse the {}on a test environment and record how long the restore took.",
                    if f.path.is_some() { "move and the upgrade " } else { "move " }
                )),
                (true, false) if i.method.restores_a_backup() => Some(format!(
                    "A rehearsal is recorded{}, but not how long its restore took: without it the window's timing rests on assumptions. Record it under “Restore duration in rehearsal (hours)”.",
                    i.rehearsal_on.map(|on| format!(" (on {on})")).unwrap_or_default()
                )),
                _ => None,
            }
        }
        // The rehearsal should run the plan Support reviewed: after the plan went to Support.
        Risk::RehearsedBeforeReview => {
            let rehearsed = i.rehearsal_on?;
            let before = match c.review.shared_on {
                Some(shared) => rehearsed < shared,
                None => rehearsed <= f.today,
            };
            before.then(|| format!(
                "The rehearsal ({rehearsed}) came before Support's review: rehearse again once Support's feedback is in, so that the window runs the reviewed plan."
            ))
        }
        Risk::ClockChange => {
            let (start, end) = (i.window_start?, i.window_end?);
            (end > start && start.offset() != end.offset()).then(|| {
                format!(
                    "The clocks change during the window ({} to {}): it lasts {}, not what the clock shows; time each step in UTC.",
                    crate::domain::text::time_fmt::offset_text(start.offset()),
                    crate::domain::text::time_fmt::offset_text(end.offset()),
                    duration_text(end - start)
                )
            })
        }
        Risk::InsideNoticePeriod => {
            let start = i.window_start?.date();
            let approved = workflow::effective_feedback(c) == Feedback::Approved
                && !workflow::review_out_of_date(e);
            if approved || start < f.today || c.migration.status == MigrationStatus::RolledBack {
                return None;
            }
            let review_ends =
                c.review.shared_on.unwrap_or(f.today) + time::Duration::days(REVIEW_LEAD_DAYS);
            (start < review_ends).then(|| {
                format!(
                    "The window starts on {start}, inside the {REVIEW_LEAD_DAYS} days the app allows for Support's review (until {review_ends}): share the plan now and confirm Support can review it in time, or move the window."
                )
            })
        }
        // A planned failover needs a working Geo secondary site (Disaster recovery for planned
        // failover); Cloud Native Hybrid needs strong Kubernetes expertise (Reference
        // architectures). The packet must not argue against its own method.
        Risk::MethodAgainstSizing => match i.method {
            MigrationMethod::GeoFailover if !e.sizing.geo => Some(
                "The method is a Geo planned failover, but the sizing says the customer does not run Geo: a planned failover needs a working Geo secondary site. Tick “Geo” in the sizing (and size the secondary site), or choose another method.".into(),
            ),
            MigrationMethod::LinuxPackageToHelm if !e.sizing.kubernetes_expertise => Some(
                "The method moves the instance to the Helm chart (Cloud Native Hybrid), but the sizing says the customer has no strong Kubernetes expertise, which GitLab asks for before Cloud Native Hybrid: confirm who runs the cluster and tick “Kubernetes expertise”, or choose a Linux package method.".into(),
            ),
            _ => None,
        },
        Risk::PostgresUpgrade => {
            let path = f.path.as_ref()?;
            let texts: Vec<String> = path
                .postgres
                .iter()
                .map(|p| upgrade::postgres_text(p, database_on_its_own(e)))
                .collect();
            (!texts.is_empty()).then(|| {
                format!(
                    "A PostgreSQL major upgrade is on the way. {}",
                    texts.join(" ")
                )
            })
        }
    }
}
