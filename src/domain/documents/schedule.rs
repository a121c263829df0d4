//! The window's schedule: GitLab's procedure for the engagement's method (the tables in
//! `process::procedures`), with the upgrade path's stops and the PostgreSQL upgrade they need,
//! placed against the maintenance window and timed from the customer's figures. It decides the
//! point of no return, the rollback deadline (the latest moment to start rolling back so that
//! the rollback ends with the window, never after the point of no return) and where the upgrade
//! goes: before the cut-over when it fits, otherwise in a window of its own before the move.
//! It never schedules an upgrade after the cut-over, nor a step before today.

use time::{Date, Duration, OffsetDateTime};

use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{self, Installation, Intake, MigrationMethod};
use crate::domain::process::procedures::{
    self, NotCovered, Phase, Procedure, Rate, Source, Takes, Who, BACKGROUND_MIGRATIONS_PAGE,
    PATRONI_UPGRADE_PAGE, PG_UPGRADE_PAGE,
};
use crate::domain::process::upgrade::{self, PathError, UpgradePath};
use crate::domain::process::workflow::{self, PsDecision};
use crate::domain::sizing::format_number;
use crate::domain::text::time_fmt::{clock, duration_text, offset_text, to_utc};
use crate::domain::text::zones;

/// The rates the app assumes where the customer gave no figure: GitLab publishes none.
pub const BACKUP_GB_PER_HOUR: f64 = 200.0;
pub const TRANSFER_GB_PER_HOUR: f64 = 200.0;
pub const RESTORE_GB_PER_HOUR: f64 = 100.0;
/// The app's allowance for one upgrade stop and its background migrations.
pub const UPGRADE_STOP_MINUTES: i64 = 60;
/// The app's allowance for a PostgreSQL major upgrade.
pub const POSTGRES_UPGRADE_MINUTES: i64 = 60;

/// Who does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Owner {
    Customer,
    Tam,
    ProfessionalServices,
    Support,
}

impl Owner {
    pub fn label(self) -> &'static str {
        match self {
            Owner::Customer => "Customer",
            Owner::Tam => "TAM",
            Owner::ProfessionalServices => "Professional Services",
            Owner::Support => "Support",
        }
    }
}

/// Where a step's length comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Length {
    /// The app's fixed allowance for the step.
    Allowance(i64),
    /// The customer's own figure (the rehearsal's restore).
    Figure(i64),
    /// An assumption, named: the data size at an assumed rate, or an allowance for a missing figure.
    Assumed(i64, String),
}

impl Length {
    pub fn minutes(&self) -> i64 {
        match self {
            Length::Allowance(m) | Length::Figure(m) | Length::Assumed(m, _) => *m,
        }
    }
}

/// When a step happens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum When {
    /// On the window's clock.
    At(OffsetDateTime),
    /// A day before or after the window, with why it is that day when it is not GitLab's.
    Day(Date, Option<String>),
    /// In the window of its own the upgrade needs, to be agreed.
    ToBeAgreed,
    /// The window (or the day) is not set yet.
    NotKnown,
    /// Only if something happens.
    IfNeeded(&'static str),
    /// Already done, on that day (a rehearsal or a hand-off recorded).
    Done(Date),
}

/// Which part of the runbook a step belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The move (or the coordination around it).
    Move,
    /// The upgrade in a window of its own, before the move.
    UpgradeWindow,
}

/// One scheduled step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub part: Part,
    pub phase: Phase,
    pub owner: Owner,
    pub when: When,
    pub text: String,
    pub source: Option<Source>,
    pub length: Option<Length>,
    /// True for the steps of the upgrade path (a stop, or the PostgreSQL upgrade it needs).
    pub upgrade: bool,
}

impl Scheduled {
    /// One of the app's own steps around GitLab's (a deadline, a ticket, a hand-off): no
    /// source and no length of its own.
    pub fn own(phase: Phase, owner: Owner, when: When, text: String) -> Self {
        Scheduled {
            part: Part::Move,
            phase,
            owner,
            when,
            text,
            source: None,
            length: None,
            upgrade: false,
        }
    }
}

/// Where the upgrade goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpgradePlace {
    /// No upgrade: the versions are the same, or not both given.
    None,
    /// The versions cannot be read: the path is not scheduled.
    Unreadable(PathError),
    /// In the window, after the restore and before the cut-over.
    InWindow,
    /// In a window of its own before the move: it does not fit before the cut-over (or the
    /// method cannot take it there). The minutes it needs.
    OwnWindow { minutes: i64, why: String },
}

/// Why the rollback deadline is where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeadlineWhy {
    /// The window's end less the rollback's recorded duration.
    Rollback(Duration),
    /// The window's midpoint: the rollback's duration is not known.
    Midpoint,
    /// The point of no return comes first.
    PointOfNoReturn,
}

/// The window's schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub steps: Vec<Scheduled>,
    pub not_covered: Vec<NotCovered>,
    pub window: Option<(OffsetDateTime, OffsetDateTime)>,
    /// The zone the window is on ("" when not given).
    pub zone: String,
    /// The procedure's name and why its point of no return is where it is.
    pub procedure: Option<&'static Procedure>,
    /// When the point of no return's step starts.
    pub point_of_no_return: Option<OffsetDateTime>,
    pub deadline: Option<(OffsetDateTime, DeadlineWhy)>,
    /// Minutes of work in the window before the point of no return, and in all.
    pub to_point_of_no_return: i64,
    pub total: i64,
    pub upgrade: UpgradePlace,
    /// The version both sides run during the move.
    pub move_version: String,
    /// How long rolling back takes, as the customer recorded it.
    pub rollback: Option<Duration>,
}

impl Schedule {
    /// By how much the work overruns the window (`None` when it fits or there is no window).
    pub fn overrun(&self) -> Option<Duration> {
        let (start, end) = self.window?;
        let over = Duration::minutes(self.total) - (end - start);
        (over > Duration::ZERO).then_some(over)
    }

    /// The latest moment the point of no return may come and still leave the rollback its time
    /// before the window ends (the window's midpoint while the rollback's duration is unknown).
    pub fn latest_safe(&self) -> Option<OffsetDateTime> {
        let (start, end) = self.window?;
        Some(match self.rollback {
            Some(rollback) => end - rollback,
            None => start + (end - start) / 2,
        })
    }

    /// By how much the steps before the point of no return overrun the latest moment that
    /// leaves the rollback its time.
    pub fn short_by(&self) -> Option<Duration> {
        let over = self.point_of_no_return? - self.latest_safe()?;
        (over > Duration::ZERO).then_some(over)
    }

    /// A time on the clock in force at that instant in the window's zone, with UTC beside it:
    /// "2027-03-14 03:00 (UTC-05:00; 08:00 UTC)".
    pub fn wall(&self, at: OffsetDateTime) -> String {
        wall_in(&self.zone, self.window.map(|(s, _)| s), at)
    }
}

/// `at` on the clock in force in `zone` at that instant (the window's start gives the offset
/// where the zone's rule is not known), with UTC beside it.
pub fn wall_in(zone: &str, start: Option<OffsetDateTime>, at: OffsetDateTime) -> String {
    let fallback = start.map(|s| s.offset()).unwrap_or(at.offset());
    let local = zones::local(zone, at, fallback);
    let utc = to_utc(at);
    format!(
        "{} ({}; {:02}:{:02} UTC{})",
        clock(local),
        offset_text(local.offset()),
        utc.hour(),
        utc.minute(),
        if utc.date() != local.date() {
            format!(" on {}", utc.date())
        } else {
            String::new()
        }
    )
}

fn minutes_for(gb: f64, per_hour: f64) -> i64 {
    ((gb / per_hour) * 60.0).ceil().max(5.0) as i64
}

/// A step's length from the table's `Takes` and the customer's figures.
fn length(takes: Takes, i: &Intake) -> Option<Length> {
    let data = intake::data_size_gb(&i.data_size_gb);
    let by_data = |per_hour: f64, what: &str| match data {
        Some(gb) => Length::Assumed(
            minutes_for(gb, per_hour),
            format!(
                "{} GB at an assumed {} GB an hour",
                format_number(gb),
                format_number(per_hour)
            ),
        ),
        None => Length::Assumed(
            60,
            format!("one hour assumed: without the data size the {what} cannot be timed"),
        ),
    };
    Some(match takes {
        Takes::Nothing => return None,
        Takes::Minutes(m) => Length::Allowance(m),
        Takes::Data(Rate::Backup) => by_data(BACKUP_GB_PER_HOUR, "backup"),
        Takes::Data(Rate::Transfer) => by_data(TRANSFER_GB_PER_HOUR, "transfer"),
        Takes::Restore => match intake::hours(&i.restore_hours).ok().flatten() {
            Some(d) => Length::Figure(d.whole_minutes()),
            None => by_data(RESTORE_GB_PER_HOUR, "restore"),
        },
        Takes::UpgradeStop => Length::Assumed(
            UPGRADE_STOP_MINUTES,
            "one hour assumed for an upgrade and its background migrations; large instances take far longer, so time it in the rehearsal".into(),
        ),
    })
}

fn owner(who: Who, hands: Owner) -> Owner {
    match who {
        Who::Hands => hands,
        Who::Customer => Owner::Customer,
        Who::Tam => Owner::Tam,
        Who::Support => Owner::Support,
    }
}

/// The upgrade path's steps: the PostgreSQL upgrade before the first stop of the major version
/// that needs it, then each stop with its background migrations.
fn upgrade_steps(path: &UpgradePath, database_apart: bool, part: Part) -> Vec<Scheduled> {
    let mut steps = Vec::new();
    let phase = match part {
        Part::UpgradeWindow => Phase::DaysBefore,
        Part::Move => Phase::InWindow,
    };
    let item = |text: String, source: Source, length: Length| Scheduled {
        part,
        phase,
        owner: Owner::Customer,
        when: When::NotKnown,
        text,
        source: Some(source),
        length: Some(length),
        upgrade: true,
    };
    let mut postgres = path.postgres.iter().peekable();
    for stop in &path.steps {
        let major = match stop {
            upgrade::Step::LatestPatchOfCurrent(s) | upgrade::Step::Stop(s) => s.major,
            upgrade::Step::Target(v) => v.major,
        };
        while let Some(pg) = postgres.next_if(|pg| pg.gitlab_major <= major) {
            let (text, page) = if database_apart {
                (
                    format!(
                        "Before the first GitLab {}.x stop, upgrade the database to PostgreSQL {} by hand: for Patroni, gitlab-ctl patroni members, stop Patroni on the replicas, sudo gitlab-ctl deploy-page up, sudo gitlab-ctl pg-upgrade -V {} on the leader, gitlab-ctl patroni check-leader, sudo gitlab-ctl deploy-page down, then pg-upgrade on each replica; an external database with its provider's own upgrade",
                        pg.gitlab_major, pg.needs, pg.needs
                    ),
                    PATRONI_UPGRADE_PAGE,
                )
            } else {
                (
                    format!(
                        "Before the first GitLab {}.x stop, make sure the bundled database runs PostgreSQL {}: sudo gitlab-ctl pg-upgrade -V {} (on 17.11 the Linux package tries it by itself: check that it did)",
                        pg.gitlab_major, pg.needs, pg.needs
                    ),
                    PG_UPGRADE_PAGE,
                )
            };
            steps.push(item(
                text,
                Source {
                    page,
                    heading: page.0,
                },
                Length::Assumed(
                    POSTGRES_UPGRADE_MINUTES,
                    "one hour assumed for the database upgrade".into(),
                ),
            ));
        }
        steps.push(item(
            format!(
                "{} Follow “Each upgrade stop” below, and check the background migrations under Admin > Monitoring > Background migrations before the next step",
                stop.text()
            ),
            Source {
                page: BACKGROUND_MIGRATIONS_PAGE,
                heading: "Check for background migrations before upgrading",
            },
            length(Takes::UpgradeStop, &Intake::default()).unwrap_or(Length::Allowance(0)),
        ));
    }
    steps
}

/// True when the database runs apart from a single Linux package node: a cluster, a cloud
/// service, or the Helm chart's external database.
pub fn database_on_its_own(e: &Engagement) -> bool {
    let i = &e.coordination.intake;
    let ha = workflow::sizing_of(e).is_some_and(|(_, rec)| rec.size.is_ha());
    ha || i.installation == Installation::HelmChart
        || matches!(
            i.method,
            MigrationMethod::BackupRestoreMultiNode
                | MigrationMethod::GeoFailover
                | MigrationMethod::LinuxPackageToHelm
        )
}

/// The window's timing alone: the steps before the window are not dated.
pub fn timing(e: &Engagement) -> Schedule {
    build(e, None)
}

/// The window's schedule for the engagement, with no step dated before `today`.
pub fn schedule(e: &Engagement, today: Date) -> Schedule {
    build(e, Some(today))
}

fn build(e: &Engagement, today: Option<Date>) -> Schedule {
    let c = &e.coordination;
    let i = &c.intake;
    let hands = if c.ps_decision == PsDecision::Engaged {
        Owner::ProfessionalServices
    } else {
        Owner::Customer
    };
    let window = match (i.window_start, i.window_end) {
        (Some(s), Some(end)) if end > s => Some((s, end)),
        _ => None,
    };
    let procedure = procedures::procedure(i.method);
    let path = upgrade::path(&c.gitlab_version, &i.target_version);
    let database_apart = database_on_its_own(e);

    // The method's steps: those before the window on their day (GitLab's lead time before the
    // window, or today where that has passed), those in it untimed for now.
    let start_day = window.map(|(s, _)| s.date()).or(c.desired_completion);
    let day_before = |lead: i64| match (start_day, today) {
        (Some(day), Some(today)) => {
            let due = day - Duration::days(lead);
            if due < today {
                When::Day(
                    today.min(day),
                    Some(format!(
                        "GitLab's pages place it {} before the window, on {due}, which has passed: start now",
                        days_text(lead)
                    )),
                )
            } else {
                When::Day(due, None)
            }
        }
        _ => When::NotKnown,
    };
    let from_table = |s: &procedures::Step| Scheduled {
        part: Part::Move,
        phase: s.phase,
        owner: owner(s.who, hands),
        when: match s.phase {
            Phase::WeeksBefore | Phase::DaysBefore => day_before(s.lead_days),
            Phase::AfterWindow => window
                .map(|(_, end)| When::At(end))
                .unwrap_or(When::NotKnown),
            _ => When::NotKnown,
        },
        text: s.text.to_string(),
        source: Some(s.source),
        length: if s.phase.in_window() {
            length(s.takes, i)
        } else {
            None
        },
        upgrade: false,
    };
    let mut steps: Vec<Scheduled> = match procedure {
        Some(p) => p.steps.iter().map(from_table).collect(),
        None => vec![Scheduled {
            part: Part::Move,
            phase: Phase::InWindow,
            owner: hands,
            when: When::NotKnown,
            text: "Move the data as the plan describes: no migration method is chosen yet, so no GitLab procedure is scheduled".into(),
            source: None,
            length: Some(Length::Assumed(60, "one hour assumed: no method is chosen".into())),
            upgrade: false,
        }],
    };

    // The upgrade: before the cut-over when it fits (only where the new side is restored from a
    // backup and nobody uses it yet), otherwise in a window of its own before the move.
    let minutes_before = |steps: &[Scheduled]| -> i64 {
        steps
            .iter()
            .filter(|s| s.part == Part::Move && s.phase == Phase::InWindow)
            .filter_map(|s| s.length.as_ref().map(Length::minutes))
            .sum()
    };
    let rollback = intake::hours(&i.rollback_hours).ok().flatten();
    let latest_safe_minutes = window.map(|(s, end)| match rollback {
        Some(r) => (end - r - s).whole_minutes(),
        None => (end - s).whole_minutes() / 2,
    });
    let mut place = match &path {
        Ok(p) if p.is_empty() => UpgradePlace::None,
        Ok(_) => UpgradePlace::InWindow,
        Err(PathError::Missing) => UpgradePlace::None,
        Err(err) => UpgradePlace::Unreadable(err.clone()),
    };
    let mut move_version = c.gitlab_version.trim().to_string();
    if let (Ok(p), UpgradePlace::InWindow) = (&path, &place) {
        let in_window = upgrade_steps(p, database_apart, Part::Move);
        let upgrade_minutes: i64 = in_window
            .iter()
            .filter_map(|s| s.length.as_ref().map(Length::minutes))
            .sum();
        let restores = i.method.restores_a_backup();
        let fits =
            latest_safe_minutes.is_none_or(|safe| minutes_before(&steps) + upgrade_minutes <= safe);
        if restores && fits {
            // After the restore and the check that follows it, before the cut-over's tests.
            let at = procedure
                .and_then(|p| p.steps.iter().position(|s| s.takes == Takes::Restore))
                .map(|p| (p + 2).min(steps.len()))
                .unwrap_or(steps.len());
            steps.splice(at..at, in_window);
        } else {
            let why = match i.method {
                MigrationMethod::GeoFailover => "a Geo failover needs the same GitLab version on both sites, so the upgrade comes before it, on both".to_string(),
                _ if !restores => "no migration method is chosen yet, so no restore leaves room for the upgrade before the cut-over".to_string(),
                _ => format!(
                    "its {} of work do not fit before the cut-over with the rollback's time kept",
                    duration_text(Duration::minutes(upgrade_minutes))
                ),
            };
            let own = upgrade_steps(p, database_apart, Part::UpgradeWindow);
            place = UpgradePlace::OwnWindow {
                minutes: upgrade_minutes,
                why,
            };
            move_version = p.target.to_string();
            let first_window_step = steps
                .iter()
                .position(|s| s.phase.in_window())
                .unwrap_or(steps.len());
            steps.splice(first_window_step..first_window_step, own);
        }
    }

    // The clock: each step in the window starts when the one before it ends.
    let mut point_of_no_return = None;
    let mut to_point_of_no_return = 0;
    let mut total = 0;
    for s in steps.iter_mut() {
        if s.phase.in_window() && s.part == Part::Move {
            if s.phase == Phase::PointOfNoReturn && point_of_no_return.is_none() {
                to_point_of_no_return = total;
                point_of_no_return = window.map(|(st, _)| st + Duration::minutes(total));
            }
            s.when = match window {
                Some((st, _)) => When::At(st + Duration::minutes(total)),
                None => When::NotKnown,
            };
            total += s.length.as_ref().map(Length::minutes).unwrap_or(0);
        }
    }
    if procedure.is_none() {
        to_point_of_no_return = total;
        point_of_no_return = window.map(|(st, _)| st + Duration::minutes(total));
    }
    let deadline = window.map(|(start, end)| {
        let (base, why) = match rollback {
            Some(r) => (end - r, DeadlineWhy::Rollback(r)),
            None => (start + (end - start) / 2, DeadlineWhy::Midpoint),
        };
        let base = base.max(start);
        match point_of_no_return {
            Some(p) if p < base => (p, DeadlineWhy::PointOfNoReturn),
            _ => (base, why),
        }
    });
    for s in steps.iter_mut().filter(|s| s.part == Part::UpgradeWindow) {
        s.when = When::ToBeAgreed;
    }
    // The deadline, the ticket if problems arise, and what follows the window: the app's own
    // steps, not GitLab's.
    let own = Scheduled::own;
    let deadline_step = Scheduled::own(
        Phase::InWindow,
        Owner::Customer,
        deadline.map(|(d, _)| When::At(d)).unwrap_or(When::NotKnown),
        match deadline.map(|(_, why)| why) {
            Some(DeadlineWhy::PointOfNoReturn) => "Rollback deadline, at the point of no return: if any check above has not passed, do not go on; trigger the rollback plan".into(),
            Some(DeadlineWhy::Midpoint) => "Rollback deadline (the window's midpoint, until the rollback's duration is recorded): if the checks have not passed, trigger the rollback plan".into(),
            _ => "Rollback deadline (the window's end less the rollback's duration): if the checks have not passed, trigger the rollback plan".into(),
        },
    );
    let ponr_index = steps
        .iter()
        .position(|s| s.phase == Phase::PointOfNoReturn && s.part == Part::Move)
        .or_else(|| steps.iter().position(|s| s.phase > Phase::PointOfNoReturn))
        .unwrap_or(steps.len());
    // The deadline line sits where its time falls among the steps before the point of no return.
    let at = match deadline {
        Some((d, _)) => steps[..ponr_index]
            .iter()
            .position(|s| s.phase.in_window() && matches!(s.when, When::At(t) if t > d))
            .unwrap_or(ponr_index),
        None => ponr_index,
    };
    steps.insert(at, deadline_step);
    steps.push(own(
        Phase::AfterPointOfNoReturn,
        Owner::Customer,
        When::IfNeeded("if problems arise"),
        "Open a Support ticket (emergency if production is down); the TAM coordinates and GitLab Support answers".into(),
    ));
    // After the window, or after the work where it overruns the window.
    let after = window.map(|(start, end)| end.max(start + Duration::minutes(total)));
    let after_when = after.map(When::At).unwrap_or(When::NotKnown);
    for s in steps.iter_mut().filter(|s| s.phase == Phase::AfterWindow) {
        s.when = after_when.clone();
    }
    for (owner_of, text) in [
        (hands, "Watch monitoring and logs, the background migrations, and Geo's status where it is used"),
        (Owner::Customer, "Lift the freeze and tell users the maintenance is over"),
        (Owner::Customer, "Keep the old environment switched off (not read-only) until the new one has run for an agreed time, then retire it"),
        (Owner::Tam, "Record the migration as done; the customer closes the Support ticket"),
    ] {
        steps.push(own(Phase::AfterWindow, owner_of, after_when.clone(), text.into()));
    }
    // Stable by phase: the upgrade's own window comes first, since the new environment is
    // installed on the version the upgrade reaches.
    steps.sort_by_key(|s| match s.part {
        Part::UpgradeWindow => (Phase::WeeksBefore, 0),
        Part::Move if s.phase <= Phase::DaysBefore => (s.phase, 1),
        Part::Move => (s.phase.max(Phase::InWindow), 2),
    });
    Schedule {
        steps,
        not_covered: procedure
            .map(|p| p.not_covered.to_vec())
            .unwrap_or_default(),
        window,
        zone: i.time_zone.trim().to_string(),
        procedure,
        point_of_no_return,
        deadline,
        to_point_of_no_return,
        total,
        upgrade: place,
        move_version,
        rollback,
    }
}

fn days_text(days: i64) -> String {
    match days {
        d if d >= 14 && d % 7 == 0 => format!("{} weeks", d / 7),
        1 => "1 day".into(),
        d => format!("{d} days"),
    }
}
