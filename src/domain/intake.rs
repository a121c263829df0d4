//! What GitLab Support asks for to review an upgrade or migration plan, beyond the plan itself:
//! rollback plan, maintenance window with its time zone, the customer's contact, versions and the
//! upgrade path, installation, architecture diagram, backup, rehearsal, the migration method, and
//! a record of any deviation from the recommended reference architecture. [`missing`] lists what
//! is still to be collected before the hand-off.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use super::engagement::Engagement;
use super::reference::SizeKey;
use super::sizing::Recommendation;

/// How GitLab is installed today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Installation {
    #[default]
    Unknown,
    LinuxPackage,
    HelmChart,
    Docker,
    Source,
}

impl Installation {
    pub const ALL: [Installation; 5] = [
        Self::Unknown,
        Self::LinuxPackage,
        Self::HelmChart,
        Self::Docker,
        Self::Source,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Unknown => "Not known yet",
            Self::LinuxPackage => "Linux package",
            Self::HelmChart => "Helm chart",
            Self::Docker => "Docker",
            Self::Source => "Source",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Unknown => "",
            Self::LinuxPackage => "linux-package",
            Self::HelmChart => "helm-chart",
            Self::Docker => "docker",
            Self::Source => "source",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }
}

/// How the data moves to the new infrastructure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationMethod {
    #[default]
    Undecided,
    BackupRestoreSingle,
    BackupRestoreMultiNode,
    GeoFailover,
    LinuxPackageToHelm,
    ProfessionalServicesDecide,
}

impl MigrationMethod {
    pub const ALL: [MigrationMethod; 6] = [
        Self::Undecided,
        Self::BackupRestoreSingle,
        Self::BackupRestoreMultiNode,
        Self::GeoFailover,
        Self::LinuxPackageToHelm,
        Self::ProfessionalServicesDecide,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Undecided => "Not chosen yet",
            Self::BackupRestoreSingle => "Backup and restore to new infrastructure (single node)",
            Self::BackupRestoreMultiNode => {
                "Backup and restore of a multi-node reference architecture"
            }
            Self::GeoFailover => "Geo planned failover",
            Self::LinuxPackageToHelm => "Linux package to Helm chart (Cloud Native Hybrid)",
            Self::ProfessionalServicesDecide => "Professional Services will decide",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Self::Undecided => "",
            Self::BackupRestoreSingle => "backup-restore-single",
            Self::BackupRestoreMultiNode => "backup-restore-multi-node",
            Self::GeoFailover => "geo-failover",
            Self::LinuxPackageToHelm => "linux-package-to-helm",
            Self::ProfessionalServicesDecide => "professional-services",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }

    /// True for the methods that restore a backup: both sides must run the same version.
    pub fn restores_a_backup(self) -> bool {
        matches!(
            self,
            Self::BackupRestoreSingle | Self::BackupRestoreMultiNode | Self::LinuxPackageToHelm
        )
    }

    /// GitLab's page for this method, when there is one.
    pub fn document(self) -> Option<(&'static str, &'static str)> {
        match self {
            Self::BackupRestoreSingle => Some(SINGLE_NODE_PAGE),
            Self::BackupRestoreMultiNode => Some(MULTI_NODE_PAGE),
            Self::GeoFailover => Some(GEO_FAILOVER_PAGE),
            Self::LinuxPackageToHelm => Some((
                "Migrate from the Linux package to the Helm chart",
                "https://docs.gitlab.com/charts/installation/migration/package_to_helm/",
            )),
            Self::Undecided | Self::ProfessionalServicesDecide => None,
        }
    }
}

/// GitLab's page for moving a single-node installation by backup and restore.
pub const SINGLE_NODE_PAGE: (&str, &str) = (
    "Migrating to a new server",
    "https://docs.gitlab.com/administration/backup_restore/migrate_to_new_server/",
);
/// GitLab's page for backing up and restoring a multi-node reference architecture.
pub const MULTI_NODE_PAGE: (&str, &str) = (
    "Back up and restore large reference architectures",
    "https://docs.gitlab.com/administration/backup_restore/backup_large_reference_architectures/",
);
/// GitLab's page for a planned failover to a Geo secondary site.
pub const GEO_FAILOVER_PAGE: (&str, &str) = (
    "Disaster recovery for planned failover (Geo)",
    "https://docs.gitlab.com/administration/geo/disaster_recovery/planned_failover/",
);

/// Why the planned architecture differs from the recommended one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Deviation {
    /// The planned size ("3k", …) or "custom"; empty when there is no deviation.
    pub planned: String,
    pub policy: bool,
    pub budget: bool,
    pub other_reason: String,
    /// The customer was told that performance and supportability may be affected.
    pub customer_informed: bool,
    /// GitLab Performance Tool results, compared with GitLab's published benchmarks.
    pub gpt_results_link: String,
    /// The outcome of the review by a Senior Support Engineer.
    pub senior_review: String,
}

impl Deviation {
    /// True when a planned architecture other than the recommended one is recorded.
    pub fn recorded(&self) -> bool {
        !self.planned.trim().is_empty()
    }

    /// The reasons given, in words.
    pub fn reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        if self.policy {
            reasons.push("policy".to_string());
        }
        if self.budget {
            reasons.push("budget".to_string());
        }
        if !self.other_reason.trim().is_empty() {
            reasons.push(self.other_reason.trim().to_string());
        }
        reasons
    }
}

/// Everything Support asks for beyond the plan. Text as typed; the window as the instants the
/// TAM chose, each with the offset it has in the chosen time zone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Intake {
    pub rollback_link: String,
    /// What triggers a rollback and how long it takes.
    pub rollback_summary: String,
    #[serde(with = "time::serde::rfc3339::option")]
    pub window_start: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub window_end: Option<OffsetDateTime>,
    /// An IANA time zone name, such as Europe/Berlin.
    pub time_zone: String,
    pub contact_name: String,
    pub contact_email: String,
    pub target_version: String,
    pub installation: Installation,
    pub operating_system: String,
    pub diagram_link: String,
    pub backup_method: String,
    /// The data to move, in GB, as typed.
    pub data_size_gb: String,
    pub rehearsal_on: Option<Date>,
    pub rehearsal_result: String,
    /// How long the restore took in the rehearsal, in hours, as typed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub restore_hours: String,
    /// How long rolling back takes, in hours, as typed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rollback_hours: String,
    pub method: MigrationMethod,
    pub deviation: Deviation,
}

impl Intake {
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }
}

/// The longest duration one of the hours fields takes: ten days.
pub const MAX_HOURS: f64 = 240.0;

/// Why an hours field cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoursError;

impl fmt::Display for HoursError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Enter hours as a number above 0 and up to 240, such as 5.5 or 5:30.")
    }
}

/// A duration typed in hours ("5.5", "5,5" or "5:30"); `Ok(None)` when nothing is typed.
pub fn hours(text: &str) -> Result<Option<time::Duration>, HoursError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value = match text.split_once(':') {
        Some((h, m)) => {
            let h: u32 = h.trim().parse().map_err(|_| HoursError)?;
            let m: u32 = m.trim().parse().map_err(|_| HoursError)?;
            if m >= 60 {
                return Err(HoursError);
            }
            f64::from(h) + f64::from(m) / 60.0
        }
        None => text
            .replace(',', ".")
            .parse::<f64>()
            .map_err(|_| HoursError)?,
    };
    if !(value > 0.0 && value <= MAX_HOURS) {
        return Err(HoursError);
    }
    Ok(Some(time::Duration::minutes((value * 60.0).round() as i64)))
}

/// The data size in GB, as typed ("1,800", "850 GB"); `None` when it is not a number above 0.
pub fn data_size_gb(text: &str) -> Option<f64> {
    let digits: String = text
        .trim()
        .trim_end_matches(['G', 'g', 'B', 'b', ' '])
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    digits
        .parse::<f64>()
        .ok()
        .filter(|gb| gb.is_finite() && *gb > 0.0 && *gb < 1e9)
}

/// The days the app assumes Support needs to review a plan before the window: the notice GitLab
/// Support asks for before scheduled upgrade work.
pub const REVIEW_LEAD_DAYS: i64 = 7;

/// "2027-03-06 22:00 to 2027-03-07 06:00 (Europe/Berlin, UTC+01:00)": the window in its own time
/// zone, with the offset of each end where they differ (a daylight-saving change in between).
pub fn window_text(i: &Intake) -> Option<String> {
    use super::time_fmt::{clock as show, offset_text, to_utc};
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
                super::time_fmt::duration_text(end - start),
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
