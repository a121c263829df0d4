//! Requirements → recommended reference architecture, with the rules that produced it.
//!
//! The form's text is kept as typed ([`SizingInputs`]), parsed into [`Requirements`] (or field
//! errors), and [`recommend`] applies GitLab's selection rules in a fixed order, recording a
//! [`Finding`] for each rule that decided something.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::reference::{
    Hybrid, Platform, Rps, Size, SizeKey, Totals, TrafficType, VmComponent, DOCS_BASE,
};

/// A peak within this share over a size's target stays on that size (GitLab: about 10–15%).
pub const HEADROOM_PCT: u32 = 15;
/// Current or projected users from which Professional Services are highly recommended.
pub const LARGE_UPGRADE_USERS: u64 = 5_000;

pub const USERS_MIN: u64 = 1;
pub const USERS_MAX: u64 = 1_000_000;
pub const TARGET_USERS_MAX: u64 = 10_000_000;
pub const GROWTH_PCT_MAX: f64 = 500.0;
pub const HORIZON_MONTHS_MAX: u64 = 120;
pub const RPS_MAX: f64 = 1_000_000.0;

/// The sizing form exactly as the TAM typed it; stored with the engagement so nothing typed is
/// lost, even while invalid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SizingInputs {
    pub current_users: String,
    pub annual_growth_pct: String,
    pub horizon_months: String,
    pub target_users: String,
    pub peak_rps: Rps<String>,
    pub sustained_rps: Rps<String>,
    /// A [`Platform::code`], or empty when not chosen yet.
    pub platform: String,
    pub ha_required: bool,
    pub zero_downtime: bool,
    pub geo: bool,
    pub kubernetes_expertise: bool,
    /// A [`Monorepos::code`].
    pub monorepos: String,
    pub heavy_automation: bool,
}

impl SizingInputs {
    /// True when nothing has been entered yet.
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }

    /// The text of a field.
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::CurrentUsers => &self.current_users,
            Field::AnnualGrowth => &self.annual_growth_pct,
            Field::Horizon => &self.horizon_months,
            Field::TargetUsers => &self.target_users,
            Field::PeakRps(t) => self.peak_rps.get_ref(t),
            Field::SustainedRps(t) => self.sustained_rps.get_ref(t),
            Field::Platform => &self.platform,
            Field::Monorepos => &self.monorepos,
        }
    }

    /// The text of a field, to change it.
    pub fn text_mut(&mut self, field: Field) -> &mut String {
        match field {
            Field::CurrentUsers => &mut self.current_users,
            Field::AnnualGrowth => &mut self.annual_growth_pct,
            Field::Horizon => &mut self.horizon_months,
            Field::TargetUsers => &mut self.target_users,
            Field::PeakRps(t) => self.peak_rps.get_mut(t),
            Field::SustainedRps(t) => self.sustained_rps.get_mut(t),
            Field::Platform => &mut self.platform,
            Field::Monorepos => &mut self.monorepos,
        }
    }
}

/// How large the customer's biggest repositories are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Monorepos {
    #[default]
    None,
    /// Several repositories of 2–10 GB.
    Medium,
    /// Repositories over 10 GB.
    Large,
}

impl Monorepos {
    pub const ALL: [Monorepos; 3] = [Self::None, Self::Medium, Self::Large];

    pub fn code(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Medium => "2-10gb",
            Self::Large => "over-10gb",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::None => "None",
            Self::Medium => "2–10 GB",
            Self::Large => "Over 10 GB",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// How the user count is expected to change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Growth {
    /// No growth given: size on today's users.
    None,
    /// A yearly rate, compounded over a horizon.
    Rate {
        annual_pct: f64,
        horizon_months: u32,
    },
    /// A user count to plan for.
    Target { users: u64 },
}

/// Validated sizing requirements.
#[derive(Clone, Debug, PartialEq)]
pub struct Requirements {
    pub current_users: u64,
    pub growth: Growth,
    pub peak_rps: Rps<Option<f64>>,
    pub sustained_rps: Rps<Option<f64>>,
    pub platform: Option<Platform>,
    pub ha_required: bool,
    pub zero_downtime: bool,
    pub geo: bool,
    pub kubernetes_expertise: bool,
    pub monorepos: Monorepos,
    pub heavy_automation: bool,
}

/// A form field, for placing an error message next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    CurrentUsers,
    AnnualGrowth,
    Horizon,
    TargetUsers,
    PeakRps(TrafficType),
    SustainedRps(TrafficType),
    Platform,
    Monorepos,
}

/// Why a field's value was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    Missing,
    /// A growth rate was given without the months to apply it over.
    HorizonForGrowth,
    NotANumber,
    NotWhole,
    OutOfRange {
        min: f64,
        max: f64,
    },
    SustainedAbovePeak,
    UnknownChoice,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Missing => f.write_str("Enter a value."),
            FieldError::HorizonForGrowth => {
                f.write_str("Enter how many months ahead to plan: the growth rate needs it.")
            }
            FieldError::NotANumber => f.write_str("Enter a number, such as 4200 or 4,200."),
            FieldError::NotWhole => f.write_str("Enter a whole number."),
            FieldError::OutOfRange { min, max } => write!(
                f,
                "Enter a number from {} to {}.",
                format_number(*min),
                format_number(*max)
            ),
            FieldError::SustainedAbovePeak => {
                f.write_str("The sustained (p95) rate cannot be above the peak.")
            }
            FieldError::UnknownChoice => f.write_str("Choose one of the listed options."),
        }
    }
}

/// One refused field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldIssue {
    pub field: Field,
    pub error: FieldError,
}

/// Reads "4200", "4,200" or "4 200"; decimals with a point. A minus sign gives a negative
/// number, which every field then refuses with its range.
fn parse_number(text: &str) -> Result<Option<f64>, FieldError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    const MINUS: [char; 2] = ['-', '\u{2212}'];
    if let Some(magnitude) = trimmed.strip_prefix(MINUS) {
        if magnitude.trim_start().starts_with(MINUS) {
            return Err(FieldError::NotANumber);
        }
        return match parse_number(magnitude)? {
            Some(value) => Ok(Some(-value)),
            None => Err(FieldError::NotANumber),
        };
    }
    let grouped = trimmed.contains(',') || trimmed.contains(' ');
    let cleaned: String = trimmed.chars().filter(|c| *c != ',' && *c != ' ').collect();
    if grouped {
        // Separators only between groups of three digits before any decimal point.
        let int_part = trimmed.split('.').next().unwrap_or_default();
        let groups: Vec<&str> = int_part.split([',', ' ']).collect();
        let well_grouped = groups.len() > 1
            && (1..=3).contains(&groups[0].len())
            && groups[1..].iter().all(|g| g.len() == 3);
        if !well_grouped {
            return Err(FieldError::NotANumber);
        }
    }
    if !cleaned.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(FieldError::NotANumber);
    }
    cleaned
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .map(Some)
        .ok_or(FieldError::NotANumber)
}

fn parse_in_range(text: &str, min: f64, max: f64, whole: bool) -> Result<Option<f64>, FieldError> {
    let Some(value) = parse_number(text)? else {
        return Ok(None);
    };
    if whole && value.fract() != 0.0 {
        return Err(FieldError::NotWhole);
    }
    if value < min || value > max {
        return Err(FieldError::OutOfRange { min, max });
    }
    Ok(Some(value))
}

impl TryFrom<&SizingInputs> for Requirements {
    type Error = Vec<FieldIssue>;

    fn try_from(inputs: &SizingInputs) -> Result<Self, Self::Error> {
        let mut issues = Vec::new();
        let mut check = |field: Field, result: Result<Option<f64>, FieldError>| match result {
            Ok(value) => value,
            Err(error) => {
                issues.push(FieldIssue { field, error });
                None
            }
        };
        let users_max = USERS_MAX as f64;
        let current = check(
            Field::CurrentUsers,
            parse_in_range(&inputs.current_users, USERS_MIN as f64, users_max, true),
        );
        let growth = check(
            Field::AnnualGrowth,
            parse_in_range(&inputs.annual_growth_pct, 0.0, GROWTH_PCT_MAX, false),
        );
        let horizon = check(
            Field::Horizon,
            parse_in_range(&inputs.horizon_months, 1.0, HORIZON_MONTHS_MAX as f64, true),
        );
        let target = check(
            Field::TargetUsers,
            parse_in_range(&inputs.target_users, 1.0, TARGET_USERS_MAX as f64, true),
        );
        let mut rps = |text: &Rps<String>, field: fn(TrafficType) -> Field| Rps {
            api: check(
                field(TrafficType::Api),
                parse_in_range(&text.api, 0.0, RPS_MAX, false),
            ),
            web: check(
                field(TrafficType::Web),
                parse_in_range(&text.web, 0.0, RPS_MAX, false),
            ),
            git_pull: check(
                field(TrafficType::GitPull),
                parse_in_range(&text.git_pull, 0.0, RPS_MAX, false),
            ),
            git_push: check(
                field(TrafficType::GitPush),
                parse_in_range(&text.git_push, 0.0, RPS_MAX, false),
            ),
        };
        let peak_rps = rps(&inputs.peak_rps, Field::PeakRps);
        let sustained_rps = rps(&inputs.sustained_rps, Field::SustainedRps);
        for traffic in TrafficType::ALL {
            if let (Some(peak), Some(sustained)) =
                (peak_rps.get(traffic), sustained_rps.get(traffic))
            {
                if sustained > peak {
                    issues.push(FieldIssue {
                        field: Field::SustainedRps(traffic),
                        error: FieldError::SustainedAbovePeak,
                    });
                }
            }
        }
        let platform = match inputs.platform.as_str() {
            "" => None,
            code => Platform::from_code(code).or_else(|| {
                issues.push(FieldIssue {
                    field: Field::Platform,
                    error: FieldError::UnknownChoice,
                });
                None
            }),
        };
        let monorepos = match inputs.monorepos.as_str() {
            "" => Monorepos::None,
            code => Monorepos::from_code(code).unwrap_or_else(|| {
                issues.push(FieldIssue {
                    field: Field::Monorepos,
                    error: FieldError::UnknownChoice,
                });
                Monorepos::None
            }),
        };
        if current.is_none() && inputs.current_users.trim().is_empty() {
            issues.insert(
                0,
                FieldIssue {
                    field: Field::CurrentUsers,
                    error: FieldError::Missing,
                },
            );
        }
        let growth = match (target, growth, horizon) {
            (Some(users), _, _) => Growth::Target {
                users: users as u64,
            },
            (None, Some(pct), Some(months)) if pct > 0.0 => Growth::Rate {
                annual_pct: pct,
                horizon_months: months as u32,
            },
            (None, Some(pct), None) if pct > 0.0 => {
                if !issues.iter().any(|i| i.field == Field::Horizon) {
                    issues.push(FieldIssue {
                        field: Field::Horizon,
                        error: FieldError::HorizonForGrowth,
                    });
                }
                Growth::None
            }
            _ => Growth::None,
        };
        match current {
            Some(current) if issues.is_empty() => Ok(Requirements {
                current_users: current as u64,
                growth,
                peak_rps,
                sustained_rps,
                platform,
                ha_required: inputs.ha_required,
                zero_downtime: inputs.zero_downtime,
                geo: inputs.geo,
                kubernetes_expertise: inputs.kubernetes_expertise,
                monorepos,
                heavy_automation: inputs.heavy_automation,
            }),
            _ => Err(issues),
        }
    }
}

/// A GitLab documentation page that a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocPage {
    /// The reference architectures overview.
    Overview,
    /// The sizing guide.
    Sizing,
    /// One size's page.
    Size(SizeKey),
}

impl DocPage {
    pub fn url(self) -> String {
        match self {
            DocPage::Overview => DOCS_BASE.to_string(),
            DocPage::Sizing => format!("{DOCS_BASE}sizing/"),
            DocPage::Size(key) => key.size().doc_url(),
        }
    }

    pub fn title(self) -> String {
        match self {
            DocPage::Overview => "Reference architectures".into(),
            DocPage::Sizing => "Reference architecture sizing".into(),
            DocPage::Size(key) => format!("Reference architecture: {}", key.size().name),
        }
    }
}

/// One rule's contribution: a reason, a warning or a piece of advice.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// A stable rule id, such as `rps-per-type`.
    pub rule: &'static str,
    pub text: String,
    pub source: DocPage,
}

/// How the recommended architecture is deployed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    LinuxPackage,
    CloudNativeHybrid,
}

impl Variant {
    pub fn label(self) -> &'static str {
        match self {
            Variant::LinuxPackage => "Linux package on virtual machines",
            Variant::CloudNativeHybrid => "Cloud Native Hybrid (Kubernetes and virtual machines)",
        }
    }
}

/// What the size was chosen on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SizedBy {
    Rps,
    Users,
}

/// GitLab's recommended reference architecture for a set of requirements, with its reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub size: SizeKey,
    pub variant: Variant,
    pub platform: Option<Platform>,
    pub current_users: u64,
    pub projected_users: u64,
    /// Projected over current load; applied to measured RPS too.
    pub growth_factor: f64,
    pub horizon_months: Option<u32>,
    pub sized_by: SizedBy,
    /// The projected load is beyond the largest architecture.
    pub exceeds_largest: bool,
    /// HA below 3,000 users: the 3k architecture with its supported reductions.
    pub ha_reductions: bool,
    /// Environments to build: 2 with Geo (a primary and a secondary site).
    pub sites: u32,
    /// Current or projected users at or over 5,000.
    pub large_upgrade: bool,
    pub reasons: Vec<Finding>,
    pub warnings: Vec<Finding>,
    pub advice: Vec<Finding>,
}

impl Recommendation {
    /// The published architecture.
    pub fn architecture(&self) -> &'static Size {
        self.size.size()
    }

    /// The hybrid tables, when the variant is Cloud Native Hybrid.
    pub fn hybrid(&self) -> Option<&'static Hybrid> {
        match self.variant {
            Variant::CloudNativeHybrid => self.architecture().hybrid.as_ref(),
            Variant::LinuxPackage => None,
        }
    }

    /// The components that run on virtual machines in this variant.
    pub fn vm_components(&self) -> &'static [VmComponent] {
        match self.hybrid() {
            Some(hybrid) => hybrid.vm_components,
            None => self.architecture().linux_package,
        }
    }

    /// Nodes, vCPU and memory of the virtual machines, for one site.
    pub fn vm_totals(&self) -> Totals {
        Totals::of_vms(self.vm_components())
    }
}

/// "4,200"; decimals kept to one place ("0.5").
pub fn format_number(value: f64) -> String {
    let negative = value < 0.0;
    let rounded = (value.abs() * 10.0).round() / 10.0;
    let whole = rounded.trunc() as u64;
    let tenth = ((rounded - rounded.trunc()) * 10.0).round() as u64;
    let digits = whole.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if negative { "-" } else { "" };
    if tenth == 0 {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{tenth}")
    }
}

fn users_text(users: u64) -> String {
    format!("{} users", format_number(users as f64))
}

/// Points of the user projection, month by month over the horizon (12 months without one), for
/// a chart: `(month, users)`, starting at today's count.
pub fn projection_points(current_users: u64, growth: Growth) -> Vec<(u32, f64)> {
    let current = current_users as f64;
    match growth {
        Growth::None => vec![(0, current), (12, current)],
        Growth::Target { .. } => vec![(0, current), (12, project(current_users, growth).0 as f64)],
        Growth::Rate {
            annual_pct,
            horizon_months,
        } => (0..=horizon_months)
            .map(|m| {
                let factor = (1.0 + annual_pct / 100.0).powf(f64::from(m) / 12.0);
                (m, current * factor)
            })
            .collect(),
    }
}

/// Projected users and the factor from today's load, for a growth assumption.
pub fn project(current_users: u64, growth: Growth) -> (u64, f64) {
    match growth {
        Growth::None => (current_users, 1.0),
        Growth::Rate {
            annual_pct,
            horizon_months,
        } => {
            let factor = (1.0 + annual_pct / 100.0).powf(f64::from(horizon_months) / 12.0);
            // Rounded to a whole user, then up: 4,200 × 1.44 is 6,048, not 6,049.
            let projected = ((current_users as f64 * factor * 1e6).round() / 1e6).ceil();
            (projected.min(1e15) as u64, factor)
        }
        Growth::Target { users } => {
            let projected = users.max(current_users);
            (projected, projected as f64 / current_users as f64)
        }
    }
}

/// The smallest size whose target for `traffic` covers `rps`, with or without GitLab's headroom.
fn size_for_rps(traffic: TrafficType, rps: f64, headroom: bool) -> Option<SizeKey> {
    let allowance = if headroom { 100 + HEADROOM_PCT } else { 100 };
    SizeKey::ALL.into_iter().find(|key| {
        let target = f64::from(key.size().target_rps.get(traffic));
        rps * 100.0 <= target * f64::from(allowance)
    })
}

/// The smallest size whose user count covers `users`.
fn size_for_users(users: u64) -> Option<SizeKey> {
    SizeKey::ALL
        .into_iter()
        .find(|key| u64::from(key.size().users) >= users)
}

/// Applies GitLab's selection rules, in order, to the requirements.
pub fn recommend(req: &Requirements) -> Recommendation {
    let mut reasons = Vec::new();
    let mut warnings = Vec::new();
    let mut advice = Vec::new();
    let finding = |rule, text: String, source| Finding { rule, text, source };

    // 1. The load to size for: today's, or projected over the horizon.
    let (projected, factor) = project(req.current_users, req.growth);
    let horizon_months = match req.growth {
        Growth::Rate { horizon_months, .. } => Some(horizon_months),
        _ => None,
    };
    reasons.push(finding(
        "growth-projection",
        match req.growth {
            Growth::None => format!(
                "No growth given: sized on today's {}.",
                users_text(req.current_users)
            ),
            Growth::Rate {
                annual_pct,
                horizon_months,
            } => format!(
                "{} growing {}% a year for {horizon_months} months gives {} projected; GitLab \
                 advises sizing for the load expected when significant growth is planned.",
                users_text(req.current_users),
                format_number(annual_pct),
                users_text(projected)
            ),
            Growth::Target { users } if users < req.current_users => format!(
                "The target of {} is below today's {}; sized on today's count.",
                users_text(users),
                users_text(req.current_users)
            ),
            Growth::Target { users } => {
                format!(
                    "Sized for the target of {} given for the engagement.",
                    users_text(users)
                )
            }
        },
        DocPage::Sizing,
    ));

    // 2. The base size: by peak RPS per traffic type when known, else by users.
    let users_size = size_for_users(projected);
    let known: Vec<(TrafficType, f64, f64)> = TrafficType::ALL
        .into_iter()
        .filter_map(|t| req.peak_rps.get(t).map(|peak| (t, peak, peak * factor)))
        .collect();
    let mut exceeds = None::<String>;
    let (base, sized_by) = if known.is_empty() {
        let base = users_size.unwrap_or(SizeKey::Users50k);
        if users_size.is_none() {
            exceeds = Some(users_text(projected));
        }
        reasons.push(finding(
            "users-fallback",
            format!(
                "Peak RPS not known: by user count, the smallest architecture that covers {} is {} ({}).",
                users_text(projected),
                base.short(),
                base.size().name
            ),
            DocPage::Overview,
        ));
        advice.push(finding(
            "measure-rps",
            "Peak requests per second are GitLab's main sizing measure: collect 7 to 14 days of \
             metrics and enter the peak API, Web, Git pull and Git push rates. Until then, GitLab \
             advises starting large and scaling down once metrics allow."
                .into(),
            DocPage::Sizing,
        ));
        (base, SizedBy::Users)
    } else {
        let mut parts = Vec::new();
        let mut base = SizeKey::Users1k;
        for &(traffic, peak, load) in &known {
            let strict = size_for_rps(traffic, load, false);
            let tolerant = size_for_rps(traffic, load, true);
            let chosen = tolerant.unwrap_or(SizeKey::Users50k);
            if tolerant.is_none() {
                exceeds = Some(format!("{} {} RPS", format_number(load), traffic.label()));
            }
            if tolerant.is_some() && tolerant != strict {
                let target = chosen.size().target_rps.get(traffic);
                let over = (load / f64::from(target) - 1.0) * 100.0;
                reasons.push(finding(
                    "rps-headroom",
                    format!(
                        "{} load of {} RPS is {}% over the {} target of {target} RPS; within about \
                         {HEADROOM_PCT}% the architecture's built-in headroom covers it, so it stays on {}.",
                        traffic.label(),
                        format_number(load),
                        format_number(over),
                        chosen.short(),
                        chosen.short()
                    ),
                    DocPage::Sizing,
                ));
            }
            let shown = if (factor - 1.0).abs() > f64::EPSILON {
                format!(
                    "{} {} RPS ({} today) → {}",
                    traffic.label(),
                    format_number(load),
                    format_number(peak),
                    chosen.short()
                )
            } else {
                format!(
                    "{} {} RPS → {}",
                    traffic.label(),
                    format_number(load),
                    chosen.short()
                )
            };
            parts.push(shown);
            base = base.max(chosen);
        }
        reasons.push(finding(
            "rps-per-type",
            format!(
                "Peak RPS known: for each traffic type, the smallest architecture whose target \
                 covers it, then the largest of those: {}. Result: {}.",
                parts.join("; "),
                base.short()
            ),
            DocPage::Sizing,
        ));
        for traffic in TrafficType::ALL {
            let (Some(peak), Some(sustained)) =
                (req.peak_rps.get(traffic), req.sustained_rps.get(traffic))
            else {
                continue;
            };
            let by_peak = size_for_rps(traffic, peak * factor, true).unwrap_or(SizeKey::Users50k);
            let by_sustained =
                size_for_rps(traffic, sustained * factor, false).unwrap_or(SizeKey::Users50k);
            if by_sustained < by_peak {
                advice.push(finding(
                    "peak-vs-sustained",
                    format!(
                        "{} sustained (p95) load fits {} while the peak needs {}: spikes, often from \
                         automation. GitLab's choice: start on {} and scale down later if metrics \
                         allow, or {} with targeted component scaling (riskier).",
                        traffic.label(),
                        by_sustained.short(),
                        by_peak.short(),
                        by_peak.short(),
                        by_sustained.short()
                    ),
                    DocPage::Sizing,
                ));
            }
        }
        if let Some(by_users) = users_size.filter(|u| *u > base) {
            advice.push(finding(
                "users-vs-rps",
                format!(
                    "By user count alone, {} would point to {}. GitLab sizes on measured RPS; make \
                     sure the figures cover the busiest days and all automation.",
                    users_text(projected),
                    by_users.short()
                ),
                DocPage::Sizing,
            ));
        }
        (base, SizedBy::Rps)
    };

    // 3. Large monorepos or heavy automation: start one size up.
    let mut size = base;
    let start_large = match (req.heavy_automation, req.monorepos) {
        (true, Monorepos::Large) => Some("Heavy automation or CI and monorepos over 10 GB"),
        (true, _) => Some("Heavy automation or CI"),
        (false, Monorepos::Large) => Some("Monorepos over 10 GB"),
        (false, _) => None,
    };
    if let Some(why) = start_large {
        match base.next() {
            Some(next) => {
                size = next;
                reasons.push(finding(
                    "start-large",
                    format!(
                        "{why}: GitLab advises starting one size up ({} instead of {}), monitoring, \
                         and scaling down when metrics allow. For example, 3,000 users with heavy \
                         automation start on 5k.",
                        next.short(),
                        base.short()
                    ),
                    DocPage::Sizing,
                ));
            }
            None => warnings.push(finding(
                "start-large",
                format!(
                    "{why}: GitLab advises starting one size up, but 50k is the largest \
                     architecture; plan extra capacity with GitLab."
                ),
                DocPage::Sizing,
            )),
        }
    }

    // 4. High availability.
    let needs_ha = req.ha_required || req.zero_downtime;
    let mut ha_reductions = false;
    if needs_ha && size < SizeKey::Users3k {
        size = SizeKey::Users3k;
        ha_reductions = true;
        reasons.push(finding(
            "ha-below-3k",
            format!(
                "{} is required below 3,000 users: GitLab's route is the 3k architecture, the \
                 smallest with high availability, reduced as it allows (see the supported \
                 reductions).",
                if req.ha_required {
                    "High availability"
                } else {
                    "Zero-downtime upgrading (which needs high availability)"
                }
            ),
            DocPage::Size(SizeKey::Users3k),
        ));
    } else if size >= SizeKey::Users3k {
        reasons.push(finding(
            "ha-built-in",
            format!(
                "{} has high availability built in, as GitLab recommends from 3,000 users or 60 RPS.",
                size.short()
            ),
            DocPage::Overview,
        ));
    } else {
        reasons.push(finding(
            "standalone",
            "Under 3,000 users with no high-availability requirement, GitLab recommends a \
             standalone (non-HA) environment with automated backups: smaller, cheaper, and slower \
             only to recover."
                .into(),
            DocPage::Overview,
        ));
    }
    if req.zero_downtime {
        reasons.push(finding(
            "zero-downtime",
            "Zero-downtime upgrades need a highly available Linux package environment; Cloud \
             Native Hybrid does not support them, and brief interruptions during failover can \
             still occur."
                .into(),
            DocPage::Overview,
        ));
    }

    // 5. Beyond the largest architecture: 50k as the base, and GitLab to talk to.
    if let Some(load) = &exceeds {
        size = SizeKey::Users50k;
        warnings.push(finding(
            "beyond-largest",
            format!(
                "The projected load ({load}) exceeds the largest reference architecture (50k: up \
                 to 1,000 RPS or 50,000 users). Use 50k as the base and contact GitLab to design \
                 beyond it."
            ),
            DocPage::Size(SizeKey::Users50k),
        ));
    }

    // 6. Variant: Cloud Native Hybrid only with Kubernetes expertise, on a tested platform.
    let mut variant = Variant::LinuxPackage;
    if req.kubernetes_expertise {
        if req.zero_downtime {
            reasons.push(finding(
                "hybrid-zero-downtime",
                "Kubernetes expertise is there, but zero-downtime upgrades rule Cloud Native \
                 Hybrid out: Linux package on virtual machines."
                    .into(),
                DocPage::Overview,
            ));
        } else if size.size().hybrid.is_none() {
            advice.push(finding(
                "hybrid-smallest",
                "The smallest Cloud Native Hybrid architectures are 2k (not HA) and 3k (HA); at \
                 this load the single-node Linux package is recommended."
                    .into(),
                DocPage::Size(size),
            ));
        } else {
            match req.platform {
                Some(p @ (Platform::Aws | Platform::Gcp)) => {
                    variant = Variant::CloudNativeHybrid;
                    reasons.push(finding(
                        "hybrid",
                        format!(
                            "Kubernetes expertise on {}: Cloud Native Hybrid runs the stateless \
                             parts (Rails, Sidekiq, NGINX and supporting services) in Kubernetes, \
                             while Gitaly, PostgreSQL and Redis stay on virtual machines or cloud \
                             services.{}",
                            p.label(),
                            if size == SizeKey::Users2k {
                                " The 2k hybrid is not highly available."
                            } else {
                                ""
                            }
                        ),
                        DocPage::Size(size),
                    ));
                }
                Some(Platform::Azure) => warnings.push(finding(
                    "hybrid-azure",
                    "Cloud Native Hybrid is not a tested platform on Azure: GitLab tests and \
                     recommends it on GKE and EKS only. Linux package on virtual machines is \
                     recommended on Azure."
                        .into(),
                    DocPage::Overview,
                )),
                Some(Platform::BareMetal) => advice.push(finding(
                    "hybrid-platform",
                    "GitLab tests and recommends Cloud Native Hybrid on GKE and EKS only; on bare \
                     metal the Linux package on virtual machines is recommended."
                        .into(),
                    DocPage::Overview,
                )),
                None => advice.push(finding(
                    "hybrid-platform",
                    "With Kubernetes expertise, Cloud Native Hybrid is an option on AWS or GCP: \
                     choose the target platform."
                        .into(),
                    DocPage::Overview,
                )),
            }
        }
    }
    if variant == Variant::LinuxPackage {
        reasons.push(finding(
            "linux-package",
            "Deployed with the Linux package on virtual machines, the variant GitLab recommends \
             without strong Kubernetes expertise."
                .into(),
            DocPage::Size(size),
        ));
    }

    // 7. Geo: a second site.
    let sites = if req.geo { 2 } else { 1 };
    if req.geo {
        reasons.push(finding(
            "geo",
            "Disaster recovery with GitLab Geo needs a second, separate environment (a secondary \
             site). Size each site on its own; a secondary may be smaller or not highly available."
                .into(),
            DocPage::Overview,
        ));
        advice.push(finding(
            "geo-database",
            "With Geo, a cloud database service must support cross-region replication.".into(),
            DocPage::Overview,
        ));
    }

    // 8. Monorepos and automation: GitLab's multipliers.
    match req.monorepos {
        Monorepos::None => {}
        Monorepos::Medium => advice.push(finding(
            "monorepos",
            "Monorepos of 2–10 GB: plan Gitaly at 1.5–2× and Rails at 1.25–1.5× the listed \
             specs; repository optimisation (LFS, fewer full clones) helps more than hardware."
                .into(),
            DocPage::Sizing,
        )),
        Monorepos::Large => advice.push(finding(
            "monorepos",
            "Monorepos over 10 GB: plan Gitaly at 2–4× and Rails at 1.5–2× the listed specs, \
             consider a dedicated Gitaly shard, and from 20 GB a separate Gitaly backend for that \
             repository. Contact GitLab."
                .into(),
            DocPage::Sizing,
        )),
    }
    if req.heavy_automation {
        advice.push(finding(
            "automation",
            "Heavy automation: adjust busy components at 1.25–1.5× to start, then refine from \
             monitoring. Off-hours load staying above half of the peak confirms it."
                .into(),
            DocPage::Sizing,
        ));
    }

    // 9. Size-specific notes.
    if size >= SizeKey::Users10k {
        advice.push(finding(
            "database-load-balancing",
            "At 10k and above, add Database Load Balancing with read replicas, and keep Redis \
             cache and persistent instances separate when using cloud services."
                .into(),
            DocPage::Size(size),
        ));
    }
    if size >= SizeKey::Users25k && req.platform == Some(Platform::Gcp) {
        advice.push(finding(
            "cloud-sql",
            "On GCP at 25k and above, Cloud SQL Enterprise Plus is advised if Cloud SQL is used."
                .into(),
            DocPage::Size(size),
        ));
    }

    // 10. The 5,000-user mark, for the coordination step.
    let large_upgrade = req.current_users.max(projected) >= LARGE_UPGRADE_USERS;
    if large_upgrade {
        advice.push(finding(
            "professional-services",
            "5,000 users or more: Professional Services (Dedicated Implementation Services) are \
             highly recommended, and such migrations usually take at least three months to plan \
             and carry out."
                .into(),
            DocPage::Overview,
        ));
    }

    Recommendation {
        size,
        variant,
        platform: req.platform,
        current_users: req.current_users,
        projected_users: projected,
        growth_factor: factor,
        horizon_months,
        sized_by,
        exceeds_largest: exceeds.is_some(),
        ha_reductions,
        sites,
        large_upgrade,
        reasons,
        warnings,
        advice,
    }
}

/// The reductions GitLab supports when the 3k architecture is used below 3,000 users for HA.
pub const HA_REDUCTIONS: [&str; 6] = [
    "Node specs may be lowered, but not below GitLab's general installation requirements.",
    "Sidekiq may run on the Rails nodes.",
    "PgBouncer may run on the PostgreSQL nodes (a separate PgBouncer set is still needed for Database Load Balancing).",
    "Rails, Sidekiq, PostgreSQL and PgBouncer may drop to 2 nodes each; Consul, Redis Sentinel and Praefect stay at an odd number of at least 3.",
    "PostgreSQL and Redis may move to cloud services, which removes PgBouncer, Consul and Sentinel.",
    "No other reductions are supported.",
];
