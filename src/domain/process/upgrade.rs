//! The upgrade path between two GitLab versions: every required stop on the way (GitLab's table,
//! kept here as data, and its rule from 17.5 on), the background migrations between stops, the
//! PostgreSQL minimum each major version needs, and whether the path can be taken without
//! downtime. Support's Upgrade Path tool computes the same; the packet links it beside this.

use std::fmt;
use std::str::FromStr;

/// GitLab's page the stops come from.
pub const STOPS_PAGE: (&str, &str) = (
    "Plan your upgrade path",
    "https://docs.gitlab.com/update/upgrade_paths/",
);
/// When the listed stops and their latest patches were copied from that page.
pub const STOPS_COPIED_ON: &str = "2026-12-01";
/// GitLab's page with the PostgreSQL version each GitLab version needs.
pub const POSTGRES_PAGE: (&str, &str) = (
    "Installation requirements: PostgreSQL",
    "https://docs.gitlab.com/install/requirements/#postgresql",
);
/// GitLab's page on upgrading without downtime.
pub const ZERO_DOWNTIME_PAGE: (&str, &str) = (
    "Zero-downtime upgrades",
    "https://docs.gitlab.com/update/zero_downtime/",
);

/// A GitLab version as read: "17.8.2", "v17.8.2-ee"; or a minor alone ("18.6", "18.6.x"), read as
/// its latest patch: the one GitLab's table names when the app knows it, else `patch` is `None`
/// ("the latest patch of 18.6", never an invented number).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: Option<u32>,
}

impl Version {
    /// The release's place in GitLab's monthly sequence: every major from 13 on has the minors
    /// 0 to 11, so 17.11 is followed by 18.0.
    fn release(self) -> u32 {
        self.major * 12 + self.minor
    }

    fn minor_of(self) -> (u32, u32) {
        (self.major, self.minor)
    }

    /// The version as GitLab Support's Upgrade Path tool takes it: "17.8.7", or "18.6" when the
    /// latest patch is not known here.
    pub fn tool_text(self) -> String {
        match self.patch {
            Some(patch) => format!("{}.{}.{patch}", self.major, self.minor),
            None => format!("{}.{}", self.major, self.minor),
        }
    }
}

/// The latest patch of a minor that GitLab's table of stops names, when it is one of them.
fn latest_known_patch(major: u32, minor: u32) -> Option<u32> {
    LISTED_STOPS
        .iter()
        .find(|s| (s.major, s.minor) == (major, minor))
        .and_then(|s| s.latest_patch)
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.patch {
            Some(patch) => write!(f, "{}.{}.{patch}", self.major, self.minor),
            None => write!(f, "the latest patch of {}.{}", self.major, self.minor),
        }
    }
}

/// Why a version cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VersionError(pub String);

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” is not a GitLab version: write it as major.minor.patch (17.8.2), or as major.minor (18.6 or 18.6.x) for its latest patch.",
            self.0
        )
    }
}

impl std::error::Error for VersionError {}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        read(text).map(|(version, _)| version)
    }
}

/// Reads a version as typed, and whether its patch was written: "18.6", "18.6.x" and "18.6.X"
/// (how people write "whatever the latest 18.6 is") leave it out.
fn read(text: &str) -> Result<(Version, bool), VersionError> {
    let error = || VersionError(text.trim().to_string());
    let digits = text.trim().trim_start_matches(['v', 'V']);
    // "17.8.2-ee.0" and "17.8.2+ee" name the same release as "17.8.2".
    let digits = digits.split(['-', '+', ' ']).next().unwrap_or_default();
    let mut parts = digits.split('.');
    let number = |part: Option<&str>| -> Result<Option<u32>, VersionError> {
        match part {
            None => Ok(None),
            Some(p) if !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()) => {
                p.parse().map(Some).map_err(|_| error())
            }
            Some(_) => Err(error()),
        }
    };
    let major = number(parts.next())?.ok_or_else(error)?;
    let minor = number(parts.next())?.ok_or_else(error)?;
    let patch = match parts.next() {
        Some("x" | "X") => None,
        other => number(other)?,
    };
    if parts.next().is_some() || !(1..=99).contains(&major) || minor > 11 {
        return Err(error());
    }
    let written = patch.is_some();
    Ok((
        Version {
            major,
            minor,
            patch: patch.or_else(|| latest_known_patch(major, minor)),
        },
        written,
    ))
}

/// How a version written without its patch is read: "the latest patch of 18.6", or "17.8.7, the
/// latest patch of 17.8 the app knows (…)"; `None` for a full version or an empty field.
pub fn read_as(text: &str) -> Result<Option<String>, VersionError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    let (version, written) = read(text)?;
    Ok((!written).then(|| match version.patch {
        Some(_) => format!(
            "{version}, the latest patch of {}.{} the app knows (from GitLab's table, copied on {STOPS_COPIED_ON})",
            version.major, version.minor
        ),
        None => version.to_string(),
    }))
}

/// The sentence saying how a version was read, for the field and the upgrade path: "“18.6.x” is
/// read as the latest patch of 18.6."; `None` when it was read as written.
pub fn reading(text: &str) -> Result<Option<String>, VersionError> {
    Ok(read_as(text)?.map(|read| format!("“{}” is read as {read}.", text.trim())))
}

/// What makes a conditional stop required: the TAM asks the customer, the app does not guess.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    LargePipelineMessages,
    LargePipelineVariables,
    NpmPackages,
    ManyUsersOrPipelineVariables,
    SeveralWebNodes,
}

impl Condition {
    pub fn text(self) -> &'static str {
        match self {
            Condition::LargePipelineMessages => {
                "the instance has large ci_pipeline_messages tables"
            }
            Condition::LargePipelineVariables => {
                "the instance has a large pipeline variables history"
            }
            Condition::NpmPackages => "the package registry holds NPM packages",
            Condition::ManyUsersOrPipelineVariables => {
                "the instance has lots of users or a large pipeline variables history"
            }
            Condition::SeveralWebNodes => "the instance has several web nodes",
        }
    }
}

/// One required stop: a major.minor, the latest patch GitLab's table named when it was copied
/// (none for the stops that only the x.2 / x.5 / x.8 / x.11 rule gives), and its condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stop {
    pub major: u32,
    pub minor: u32,
    pub latest_patch: Option<u32>,
    pub condition: Option<Condition>,
}

const fn stop(major: u32, minor: u32, patch: u32, condition: Option<Condition>) -> Stop {
    Stop {
        major,
        minor,
        latest_patch: Some(patch),
        condition,
    }
}

/// GitLab's tables of required stops, as copied on [`STOPS_COPIED_ON`].
pub const LISTED_STOPS: [Stop; 15] = [
    stop(15, 0, 5, None),
    stop(15, 1, 6, Some(Condition::SeveralWebNodes)),
    stop(15, 4, 6, None),
    stop(15, 11, 13, None),
    stop(16, 0, 10, Some(Condition::ManyUsersOrPipelineVariables)),
    stop(16, 1, 8, Some(Condition::NpmPackages)),
    stop(16, 2, 11, Some(Condition::LargePipelineVariables)),
    stop(16, 3, 9, None),
    stop(16, 7, 10, None),
    stop(16, 11, 10, None),
    stop(17, 1, 8, Some(Condition::LargePipelineMessages)),
    stop(17, 3, 7, None),
    stop(17, 5, 5, None),
    stop(17, 8, 7, None),
    stop(17, 11, 7, None),
];

/// "From GitLab 17.5 on, required stops fall at x.2, x.5, x.8 and x.11."
fn rule_stop(major: u32, minor: u32) -> bool {
    (major, minor) >= (17, 5) && matches!(minor, 2 | 5 | 8 | 11)
}

/// The stops between two releases (after `from`, before `to`), in order.
fn stops_between(from: (u32, u32), to: (u32, u32)) -> Vec<Stop> {
    let mut stops: Vec<Stop> = LISTED_STOPS
        .into_iter()
        .filter(|s| (s.major, s.minor) > from && (s.major, s.minor) < to)
        .collect();
    for major in from.0.max(17)..=to.0 {
        for minor in [2, 5, 8, 11] {
            let at = (major, minor);
            if rule_stop(major, minor)
                && at > from
                && at < to
                && !stops.iter().any(|s| (s.major, s.minor) == at)
            {
                stops.push(Stop {
                    major,
                    minor,
                    latest_patch: None,
                    condition: None,
                });
            }
        }
    }
    stops.sort_by_key(|s| (s.major, s.minor));
    stops
}

/// The lowest PostgreSQL major version each GitLab major version needs.
pub const POSTGRES_MINIMUM: [(u32, u32); 5] = [(15, 12), (16, 13), (17, 14), (18, 16), (19, 17)];

fn postgres_minimum(major: u32) -> Option<u32> {
    POSTGRES_MINIMUM
        .iter()
        .find(|(m, _)| *m == major)
        .map(|(_, pg)| *pg)
}

/// A PostgreSQL minimum crossed on the way: from `gitlab_major` on, PostgreSQL `needs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PostgresStep {
    pub gitlab_major: u32,
    pub needs: u32,
    pub before: Option<u32>,
}

/// One step of the path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The latest patch of the stop the current version already sits on.
    LatestPatchOfCurrent(Stop),
    /// A required stop (or a conditional one, with its condition).
    Stop(Stop),
    /// The target version.
    Target(Version),
}

impl Step {
    /// "17.11.7 (the latest patch of 17.11)", "18.2 (its latest patch)", "18.5.1 (the target)".
    pub fn version_text(self) -> String {
        match self {
            Step::LatestPatchOfCurrent(s) | Step::Stop(s) => match s.latest_patch {
                Some(p) => format!(
                    "{}.{}.{p} (the latest patch of {}.{} when GitLab's table was copied)",
                    s.major, s.minor, s.major, s.minor
                ),
                None => format!("the latest patch of {}.{}", s.major, s.minor),
            },
            Step::Target(v) => format!("{v} (the target)"),
        }
    }

    /// The step as one line of the path.
    pub fn text(self) -> String {
        match self {
            Step::LatestPatchOfCurrent(s) => format!(
                "Upgrade to {}: the current version sits on the required stop {}.{} but not on its latest patch; then let the background migrations finish.",
                self.version_text(),
                s.major,
                s.minor
            ),
            Step::Stop(Stop {
                condition: Some(c), ..
            }) => format!(
                "Required if {}: upgrade to {}, then let the background migrations finish.",
                c.text(),
                self.version_text()
            ),
            Step::Stop(_) => format!(
                "Required stop: upgrade to {}, then let the background migrations finish.",
                self.version_text()
            ),
            Step::Target(v) if v.patch.is_none() => format!(
                "Upgrade to the target, {v}, then let the background migrations finish."
            ),
            Step::Target(v) => format!(
                "Upgrade to the target, {v} (GitLab advises the latest patch of {}.{}), then let the background migrations finish.",
                v.major, v.minor
            ),
        }
    }

    pub fn is_conditional(self) -> bool {
        matches!(
            self,
            Step::Stop(Stop {
                condition: Some(_),
                ..
            })
        )
    }
}

/// The path from the current version to the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradePath {
    pub current: Version,
    pub target: Version,
    pub steps: Vec<Step>,
    pub postgres: Vec<PostgresStep>,
}

impl UpgradePath {
    /// True when the target is the current version: nothing to upgrade.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Whether the path can be taken without downtime: "upgrading across multiple GitLab
    /// versions in one go is only possible by accepting downtime", so one minor version at a
    /// time, and no required stop (nor conditional one) on the way.
    pub fn zero_downtime_possible(&self) -> bool {
        self.target.release() <= self.current.release() + 1
    }

    /// The required stops on the way (not the target), the conditional ones included.
    pub fn stops(&self) -> impl Iterator<Item = &Step> {
        self.steps.iter().filter(|s| !matches!(s, Step::Target(_)))
    }
}

/// Why no path can be computed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathError {
    Missing,
    Unreadable(VersionError),
    Downgrade { current: Version, target: Version },
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathError::Missing => f.write_str("Enter the current and the target GitLab versions to see the upgrade path."),
            PathError::Unreadable(e) => e.fmt(f),
            PathError::Downgrade { current, target } => write!(
                f,
                "The target ({target}) is older than the current version ({current}): GitLab does not support downgrades; restore a backup of the older version instead."
            ),
        }
    }
}

/// The upgrade path from `current` to `target`, as typed.
pub fn path(current: &str, target: &str) -> Result<UpgradePath, PathError> {
    if current.trim().is_empty() || target.trim().is_empty() {
        return Err(PathError::Missing);
    }
    let current: Version = current.parse().map_err(PathError::Unreadable)?;
    let target: Version = target.parse().map_err(PathError::Unreadable)?;
    let same_release = current.minor_of() == target.minor_of();
    let patch_down = matches!((current.patch, target.patch), (Some(c), Some(t)) if t < c);
    if target.minor_of() < current.minor_of() || (same_release && patch_down) {
        return Err(PathError::Downgrade { current, target });
    }
    let mut steps = Vec::new();
    // A patch the app does not know ("the latest patch of 18.6") is above any it does: an
    // upgrade unless both are that same unknown latest patch.
    let patch_up = match (current.patch, target.patch) {
        (Some(c), Some(t)) => t > c,
        (None, None) => false,
        _ => true,
    };
    if same_release && !patch_up {
        return Ok(UpgradePath {
            current,
            target,
            steps,
            postgres: vec![],
        });
    }
    // Sitting on a stop below its latest patch: that patch first (its upgrade fixes are there).
    if !same_release {
        if let Some(s) = LISTED_STOPS
            .into_iter()
            .find(|s| (s.major, s.minor) == current.minor_of() && s.condition.is_none())
        {
            if let (Some(latest), Some(patch)) = (s.latest_patch, current.patch) {
                if patch < latest {
                    steps.push(Step::LatestPatchOfCurrent(s));
                }
            }
        }
    }
    steps.extend(
        stops_between(current.minor_of(), target.minor_of())
            .into_iter()
            .map(Step::Stop),
    );
    steps.push(Step::Target(target));
    let postgres = (current.major + 1..=target.major)
        .filter_map(|major| {
            let needs = postgres_minimum(major)?;
            let before = postgres_minimum(major - 1);
            (before != Some(needs)).then_some(PostgresStep {
                gitlab_major: major,
                needs,
                before,
            })
        })
        .collect();
    Ok(UpgradePath {
        current,
        target,
        steps,
        postgres,
    })
}

/// What a PostgreSQL minimum crossed means for this installation: a bundled single-node database
/// is upgraded by the Linux package, a cluster or an external database by hand, before the major
/// version that needs it.
pub fn postgres_text(step: &PostgresStep, database_on_its_own: bool) -> String {
    let PostgresStep {
        gitlab_major,
        needs,
        ..
    } = *step;
    let before = match step.before {
        Some(pg) => format!(" (GitLab {} needs {pg})", gitlab_major - 1),
        None => String::new(),
    };
    let how = if database_on_its_own {
        format!(
            "A PostgreSQL cluster (Patroni) or an external database is upgraded by hand to PostgreSQL {needs} before GitLab {gitlab_major}.0."
        )
    } else if gitlab_major == 18 {
        "On upgrading to 17.11, the Linux package tries to upgrade its bundled single-node PostgreSQL to 16 by itself; check that it did before 18.0 (gitlab-ctl pg-upgrade does it by hand).".to_string()
    } else {
        format!(
            "The Linux package's bundled single-node PostgreSQL is upgraded with gitlab-ctl pg-upgrade before GitLab {gitlab_major}.0."
        )
    };
    format!("GitLab {gitlab_major}.0 needs PostgreSQL {needs} or later{before}. {how}")
}
