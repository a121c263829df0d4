//! What GitLab Support asks for to review an upgrade or migration plan, beyond the plan itself,
//! as stored: rollback plan, maintenance window with its time zone, the customer's contact,
//! versions, installation, architecture diagram, backup, rehearsal, the migration method, and a
//! record of any deviation from the recommended reference architecture. What is still missing
//! is decided in `process::intake`.

use crate::domain::text::coded;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

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

coded! {
    Installation:
    Unknown => "", "Not known yet";
    LinuxPackage => "linux-package", "Linux package";
    HelmChart => "helm-chart", "Helm chart";
    Docker => "docker", "Docker";
    Source => "source", "Source";
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

coded! {
    MigrationMethod:
    Undecided => "", "Not chosen yet";
    BackupRestoreSingle => "backup-restore-single", "Backup and restore to new infrastructure (single node)";
    BackupRestoreMultiNode => "backup-restore-multi-node", "Backup and restore of a multi-node reference architecture";
    GeoFailover => "geo-failover", "Geo planned failover";
    LinuxPackageToHelm => "linux-package-to-helm", "Linux package to Helm chart (Cloud Native Hybrid)";
    ProfessionalServicesDecide => "professional-services", "Professional Services will decide";
}

impl MigrationMethod {
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
    #[serde(alias = "pl")]
    pub planned: String,
    #[serde(alias = "po")]
    pub policy: bool,
    #[serde(alias = "bu")]
    pub budget: bool,
    #[serde(alias = "or")]
    pub other_reason: String,
    /// The customer was told that performance and supportability may be affected.
    #[serde(alias = "ci")]
    pub customer_informed: bool,
    /// GitLab Performance Tool results, compared with GitLab's published benchmarks.
    #[serde(alias = "gt")]
    pub gpt_results_link: String,
    /// The outcome of the review by a Senior Support Engineer.
    #[serde(alias = "se")]
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
    #[serde(alias = "rl")]
    pub rollback_link: String,
    /// What triggers a rollback and how long it takes.
    #[serde(alias = "rs")]
    pub rollback_summary: String,
    #[serde(with = "time::serde::rfc3339::option")]
    #[serde(alias = "ws")]
    pub window_start: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[serde(alias = "we")]
    pub window_end: Option<OffsetDateTime>,
    /// An IANA time zone name, such as Europe/Berlin.
    #[serde(alias = "tz")]
    pub time_zone: String,
    #[serde(alias = "cn")]
    pub contact_name: String,
    #[serde(alias = "cm")]
    pub contact_email: String,
    #[serde(alias = "tv")]
    pub target_version: String,
    #[serde(alias = "in")]
    pub installation: Installation,
    #[serde(alias = "os")]
    pub operating_system: String,
    #[serde(alias = "dl")]
    pub diagram_link: String,
    #[serde(alias = "bm")]
    pub backup_method: String,
    /// The data to move, in GB, as typed.
    #[serde(alias = "ds")]
    pub data_size_gb: String,
    #[serde(alias = "ro")]
    pub rehearsal_on: Option<Date>,
    #[serde(alias = "rr")]
    pub rehearsal_result: String,
    /// How long the restore took in the rehearsal, in hours, as typed.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(alias = "rh")]
    pub restore_hours: String,
    /// How long rolling back takes, in hours, as typed.
    #[serde(skip_serializing_if = "String::is_empty")]
    #[serde(alias = "bh")]
    pub rollback_hours: String,
    #[serde(alias = "me")]
    pub method: MigrationMethod,
    #[serde(alias = "dv")]
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
