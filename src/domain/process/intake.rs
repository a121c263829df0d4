//! Support readiness: what Support will ask for that is still missing, the window and version
//! warnings, the deviation line and the Upgrade Path tool's link, read from the intake data.

use std::fmt;

use time::{Date, OffsetDateTime};

pub use crate::domain::engagement::intake::*;
use crate::domain::engagement::Engagement;
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

impl Missing {
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

    /// The item as the customer reads it, in a list of what they still owe.
    pub fn for_customer(self) -> &'static str {
        match self {
            Missing::RollbackPlan => "your rollback plan",
            Missing::Window => "the maintenance window",
            Missing::TimeZone => "its time zone",
            Missing::Contact => "your contact during the window",
            Missing::Installation => "how GitLab is installed, and on which operating system",
            Missing::Diagram => "a link to your architecture diagram",
            Missing::Rehearsal => "your rehearsal: when, and its result",
            _ => "",
        }
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

/// GitLab's Upgrade Path tool, prefilled through its query string with both versions, the
/// distribution when known, and the edition (Enterprise Edition for a customer with a TAM).
pub fn upgrade_path_link(current: &str, target: &str, distro: Option<&str>) -> Option<String> {
    let clean = |v: &str| -> Option<String> {
        let v = v.trim().trim_start_matches(['v', 'V']);
        let version: String = v
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        (!version.is_empty() && version.contains('.')).then_some(version)
    };
    let (current, target) = (clean(current)?, clean(target)?);
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
/// only into the same GitLab version it was taken from.
pub fn version_warning(e: &Engagement) -> Option<String> {
    let c = &e.coordination;
    let i = &c.intake;
    let (current, target) = (c.gitlab_version.trim(), i.target_version.trim());
    (i.method.restores_a_backup() && !current.is_empty() && !target.is_empty() && current != target)
        .then(|| {
            format!(
                "A backup restores only into the same GitLab version it was taken from: the current version ({current}) and the target ({target}) differ. Upgrade first, or move first and upgrade after."
            )
        })
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
