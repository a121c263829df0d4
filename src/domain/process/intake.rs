//! Support readiness: what Support will ask for that is still missing, the window and version
//! warnings, the deviation line and the Upgrade Path tool's link, read from the intake data.

use std::fmt;

use time::{Date, OffsetDateTime};

pub use crate::domain::engagement::intake::*;
use crate::domain::engagement::Engagement;
use crate::domain::process::upgrade::Version;
use crate::domain::sizing::reference::SizeKey;
use crate::domain::sizing::Recommendation;

/// The days the app assumes Support needs to review a plan before the window: the notice GitLab
/// Support asks for before scheduled upgrade work.
pub const REVIEW_LEAD_DAYS: i64 = 7;

/// "2027-03-06 22:00 to 2027-03-07 06:00 (Europe/Berlin, UTC+01:00)": the window in its own time
/// zone, with the offset of each end where they differ (a daylight-saving change in between).
pub fn window_text(i: &Intake) -> Option<String> {
    use crate::domain::text::time_fmt::{clock as show, offset_text, to_utc};
    let offset = |at: OffsetDateTime| offset_text(at.offset());
    let zone = if i.time_zone.trim().is_empty() {
        String::new()
    } else {
        format!("{}, ", i.time_zone.trim())
    };
    let utc = |at: OffsetDateTime| show(to_utc(at));
    // The real length (across a clock change) and both ends in UTC, after the local times.
    let facts = |start: OffsetDateTime, end: OffsetDateTime| {
        if end > start {
            format!(
                "; {}{}; in UTC {} to {}",
                crate::domain::text::time_fmt::duration_text(end - start),
                if start.offset() != end.offset() {
                    ", the clocks change during it"
                } else {
                    ""
                },
                utc(start),
                utc(end)
            )
        } else {
            String::new()
        }
    };
    match (i.window_start, i.window_end) {
        (Some(start), Some(end)) if start.offset() == end.offset() => Some(format!(
            "{} to {} ({zone}{}){}",
            show(start),
            show(end),
            offset(start),
            facts(start, end)
        )),
        (Some(start), Some(end)) => Some(format!(
            "{} ({zone}{}) to {} ({}){}",
            show(start),
            offset(start),
            show(end),
            offset(end),
            facts(start, end)
        )),
        (Some(start), None) => Some(format!("from {} ({zone}{})", show(start), offset(start))),
        (None, Some(end)) => Some(format!("until {} ({zone}{})", show(end), offset(end))),
        (None, None) => None,
    }
}

/// The warning when the window starts sooner than Support's review lead time from `today`, or
/// ends before it starts.
pub fn window_warning(i: &Intake, today: Date) -> Option<String> {
    if let (Some(start), Some(end)) = (i.window_start, i.window_end) {
        if end <= start {
            return Some("The maintenance window ends before it starts.".into());
        }
    }
    let start = i.window_start?.date();
    let days = (start - today).whole_days();
    (days < REVIEW_LEAD_DAYS).then(|| {
        format!(
            "The maintenance window starts in {} day{}, sooner than the {REVIEW_LEAD_DAYS} days the app assumes Support needs to review the plan.",
            days.max(0),
            if days == 1 { "" } else { "s" }
        )
    })
}

/// One thing Support will ask for that the engagement does not hold yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missing {
    Plan,
    RollbackPlan,
    Window,
    TimeZone,
    Contact,
    Versions,
    Installation,
    Diagram,
    Backup,
    Rehearsal,
    Method,
    DeviationRecord,
}

impl fmt::Display for Missing {
    /// The item whole, as a list of everything Support asks for names it; what an engagement
    /// still lacks of it is [`Missing::wording`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Missing::Plan => "The upgrade plan (its link or a summary)",
            Missing::RollbackPlan => "The rollback plan: what triggers it and how long it takes",
            Missing::Window => "The maintenance window: start and end, date and time",
            Missing::TimeZone => "The time zone of the maintenance window",
            Missing::Contact => "The customer's contact for the window: name and email",
            Missing::Versions => "The current and target GitLab versions",
            Missing::Installation => "How GitLab is installed, and on which operating system",
            Missing::Diagram => "An up-to-date architecture diagram",
            Missing::Backup => "The backup method and the data size",
            Missing::Rehearsal => "A rehearsal on a test environment: when, and its result",
            Missing::Method => "The migration method",
            Missing::DeviationRecord => {
                "The deviation record: reasons, the customer told, GitLab Performance Tool results and the Senior Support Engineer's review"
            }
        })
    }
}

/// Which of an item's two parts are not recorded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gap {
    First,
    Second,
    Both,
}

impl Gap {
    fn of(first_missing: bool, second_missing: bool) -> Gap {
        match (first_missing, second_missing) {
            (true, false) => Gap::First,
            (false, true) => Gap::Second,
            _ => Gap::Both,
        }
    }

    /// The words for the part(s) missing: the first's, the second's, or both's.
    fn pick<T>(self, first: T, second: T, both: T) -> T {
        match self {
            Gap::First => first,
            Gap::Second => second,
            Gap::Both => both,
        }
    }
}

impl Missing {
    /// The parts of a two-part item that `e` lacks: a recorded part is never asked for again.
    fn gap(self, e: &Engagement) -> Gap {
        let c = &e.coordination;
        let i = &c.intake;
        match self {
            Missing::Window => Gap::of(i.window_start.is_none(), i.window_end.is_none()),
            Missing::Contact => Gap::of(blank(&i.contact_name), blank(&i.contact_email)),
            Missing::Versions => Gap::of(blank(&c.gitlab_version), blank(&i.target_version)),
            Missing::Installation => Gap::of(
                i.installation == Installation::Unknown,
                blank(&i.operating_system),
            ),
            Missing::Backup => Gap::of(blank(&i.backup_method), blank(&i.data_size_gb)),
            Missing::Rehearsal => Gap::of(i.rehearsal_on.is_none(), blank(&i.rehearsal_result)),
            _ => Gap::Both,
        }
    }

    /// What `e` still lacks of the item, for Support's list and the TAM: only the missing part
    /// of an item recorded in part ("The backup method" when the data size is there).
    pub fn wording(self, e: &Engagement) -> String {
        let gap = self.gap(e);
        match self {
            Missing::Window => gap.pick(
                "The maintenance window's start: date and time",
                "The maintenance window's end: date and time",
                "The maintenance window: start and end, date and time",
            ),
            Missing::Contact => gap.pick(
                "The name of the customer's contact for the window",
                "The email address of the customer's contact for the window",
                "The customer's contact for the window: name and email",
            ),
            Missing::Versions => gap.pick(
                "The current GitLab version",
                "The target GitLab version",
                "The current and target GitLab versions",
            ),
            Missing::Installation => gap.pick(
                "How GitLab is installed",
                "The operating system GitLab runs on",
                "How GitLab is installed, and on which operating system",
            ),
            Missing::Backup => gap.pick(
                "The backup method",
                "The data size",
                "The backup method and the data size",
            ),
            Missing::Rehearsal => gap.pick(
                "The date of the rehearsal on a test environment",
                "The result of the rehearsal on a test environment",
                "A rehearsal on a test environment: when, and its result",
            ),
            Missing::RollbackPlan
                if hours(&e.coordination.intake.rollback_hours)
                    .ok()
                    .flatten()
                    .is_some() =>
            {
                "The rollback plan: what triggers it (its link or a summary)"
            }
            Missing::DeviationRecord => return deviation_gaps(&e.coordination.intake.deviation),
            _ => return self.to_string(),
        }
        .to_string()
    }

    /// True for what only the customer can answer (in "Your part" of their link).
    pub fn customer_owns(self) -> bool {
        matches!(
            self,
            Missing::RollbackPlan
                | Missing::Window
                | Missing::TimeZone
                | Missing::Contact
                | Missing::Installation
                | Missing::Diagram
                | Missing::Rehearsal
        )
    }

    /// The item as the customer reads it, in a list of what they still owe: only the part `e`
    /// lacks, as [`Missing::wording`] names it for Support.
    pub fn for_customer(self, e: &Engagement) -> &'static str {
        let gap = self.gap(e);
        match self {
            Missing::RollbackPlan => "your rollback plan",
            Missing::Window => gap.pick(
                "the window's start",
                "the window's end",
                "the maintenance window",
            ),
            Missing::TimeZone => "its time zone",
            Missing::Contact => gap.pick(
                "your contact's name",
                "your contact's email address",
                "your contact during the window",
            ),
            Missing::Installation => gap.pick(
                "how GitLab is installed",
                "the operating system GitLab runs on",
                "how GitLab is installed, and on which operating system",
            ),
            Missing::Diagram => "a link to your architecture diagram",
            Missing::Rehearsal => gap.pick(
                "the date of your rehearsal",
                "your rehearsal's result",
                "your rehearsal: when, and its result",
            ),
            _ => "",
        }
    }
}

/// The parts of a recorded deviation still to be given, in one item.
fn deviation_gaps(d: &Deviation) -> String {
    let gaps: Vec<&str> = [
        (d.reasons().is_empty(), "its reasons"),
        (!d.customer_informed, "that the customer was told"),
        (
            blank(&d.gpt_results_link),
            "GitLab Performance Tool results",
        ),
        (
            blank(&d.senior_review),
            "the Senior Support Engineer's review",
        ),
    ]
    .into_iter()
    .filter_map(|(gap, words)| gap.then_some(words))
    .collect();
    match gaps.split_last() {
        None => Missing::DeviationRecord.to_string(),
        Some((last, [])) => format!("The deviation record: {last}"),
        Some((last, rest)) => format!("The deviation record: {} and {last}", rest.join(", ")),
    }
}

/// What Support asks for that only the customer can answer, and is not recorded yet.
pub fn missing_from_customer(e: &Engagement) -> Vec<Missing> {
    missing(e)
        .into_iter()
        .filter(|m| m.customer_owns())
        .collect()
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// What Support will ask for and the engagement does not hold yet, in the order of its intake.
pub fn missing(e: &Engagement) -> Vec<Missing> {
    let c = &e.coordination;
    let i = &c.intake;
    let d = &i.deviation;
    let checks = [
        (Missing::Plan, c.plan.is_none()),
        (
            Missing::RollbackPlan,
            blank(&i.rollback_link) && blank(&i.rollback_summary),
        ),
        (
            Missing::Window,
            i.window_start.is_none() || i.window_end.is_none(),
        ),
        (Missing::TimeZone, blank(&i.time_zone)),
        (
            Missing::Contact,
            blank(&i.contact_name) || blank(&i.contact_email),
        ),
        (
            Missing::Versions,
            blank(&c.gitlab_version) || blank(&i.target_version),
        ),
        (
            Missing::Installation,
            i.installation == Installation::Unknown || blank(&i.operating_system),
        ),
        (Missing::Diagram, blank(&i.diagram_link)),
        (
            Missing::Backup,
            blank(&i.backup_method) || blank(&i.data_size_gb),
        ),
        (
            Missing::Rehearsal,
            i.rehearsal_on.is_none() || blank(&i.rehearsal_result),
        ),
        (Missing::Method, i.method == MigrationMethod::Undecided),
        (
            Missing::DeviationRecord,
            d.recorded()
                && (d.reasons().is_empty()
                    || !d.customer_informed
                    || blank(&d.gpt_results_link)
                    || blank(&d.senior_review)),
        ),
    ];
    checks
        .into_iter()
        .filter_map(|(item, is_missing)| is_missing.then_some(item))
        .collect()
}

/// The Upgrade Path tool's name for the distribution, from the installation and operating system.
pub fn distro(installation: Installation, operating_system: &str) -> Option<&'static str> {
    let os = operating_system.to_lowercase();
    match installation {
        Installation::Docker => Some("docker"),
        _ => [
            ("ubuntu", "ubuntu"),
            ("debian", "debian"),
            ("almalinux", "almalinux"),
            ("red hat", "el"),
            ("rhel", "el"),
            ("centos", "centos"),
            ("opensuse", "opensuse"),
            ("sles", "sles"),
            ("amazon", "amazonlinux"),
            ("raspbian", "raspbian"),
        ]
        .into_iter()
        .find(|(name, _)| os.contains(name))
        .map(|(_, code)| code),
    }
}

/// GitLab's Upgrade Path tool, prefilled through its query string with both versions as read
/// ("18.6.x" goes as 18.6, its latest patch as the tool knows it), the distribution when known,
/// and the edition (Enterprise Edition for a customer with a TAM). None until both can be read.
pub fn upgrade_path_link(current: &str, target: &str, distro: Option<&str>) -> Option<String> {
    let read = |v: &str| v.parse::<Version>().ok().map(Version::tool_text);
    let (current, target) = (read(current)?, read(target)?);
    let mut url = format!(
        "https://gitlab-com.gitlab.io/support/toolbox/upgrade-path/?current={current}&target={target}"
    );
    if let Some(distro) = distro {
        url.push_str("&distro=");
        url.push_str(distro);
    }
    url.push_str("&edition=ee");
    Some(url)
}

/// The warning when the method restores a backup and the two versions differ: a backup restores
/// only into the same GitLab version it was taken from. "18.6" and "18.6.x" are one release;
/// text that cannot be read as a version is compared as written.
pub fn version_warning(e: &Engagement) -> Option<String> {
    let c = &e.coordination;
    let i = &c.intake;
    let (current, target) = (c.gitlab_version.trim(), i.target_version.trim());
    let differ = match (current.parse::<Version>(), target.parse::<Version>()) {
        (Ok(a), Ok(b)) => a != b,
        _ => current != target,
    };
    (i.method.restores_a_backup() && !current.is_empty() && !target.is_empty() && differ).then(
        || {
            format!(
                "A backup restores only into the same GitLab version it was taken from: the current version ({current}) and the target ({target}) differ. Upgrade first, or move first and upgrade after."
            )
        },
    )
}

/// The sentence on a deviation from the recommended architecture, when one is recorded.
pub fn deviation_line(d: &Deviation, rec: Option<&Recommendation>) -> Option<String> {
    if !d.recorded() {
        return None;
    }
    let recommended = rec.map(|r| r.size.short()).unwrap_or("—");
    let planned = d.planned.trim();
    let reasons = match d.reasons() {
        r if r.is_empty() => "no reason recorded yet".to_string(),
        r => r.join(", "),
    };
    Some(format!(
        "Deviation: the customer plans {planned} where {recommended} is recommended (reasons: {reasons}). {}",
        if d.customer_informed {
            "The customer was told that performance and supportability may be affected."
        } else {
            "The customer has not yet been told that performance and supportability may be affected."
        }
    ))
}

/// The planned architectures a deviation can name.
pub fn planned_choices() -> Vec<(&'static str, &'static str)> {
    let mut choices = vec![("", "Same as recommended")];
    choices.extend(SizeKey::ALL.iter().map(|k| (k.short(), k.short())));
    choices.push(("custom", "Custom"));
    choices
}
