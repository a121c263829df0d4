//! Requirements → recommended reference architecture, with the rules that produced it.
//!
//! The form's text is kept as typed ([`SizingInputs`]), parsed into [`Requirements`] (or field
//! errors), and [`recommend`] applies GitLab's selection rules in a fixed order, recording a
//! [`Finding`] for each rule that decided something.

use crate::domain::text::coded;
pub use crate::domain::text::numbers::format_number;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::domain::sizing::reference::{
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
/// The planning horizon a growth rate is applied over when none is given.
pub const DEFAULT_HORIZON_MONTHS: u32 = 12;
pub const RPS_MAX: f64 = 1_000_000.0;

/// The sizing form exactly as the TAM typed it; stored with the engagement so nothing typed is
/// lost, even while invalid.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SizingInputs {
    #[serde(alias = "cu")]
    pub current_users: String,
    #[serde(alias = "ag")]
    pub annual_growth_pct: String,
    #[serde(alias = "hm")]
    pub horizon_months: String,
    #[serde(alias = "tu")]
    pub target_users: String,
    #[serde(alias = "pr")]
    pub peak_rps: Rps<String>,
    #[serde(alias = "sr")]
    pub sustained_rps: Rps<String>,
    /// A [`Platform::code`], or empty when not chosen yet.
    #[serde(alias = "pf")]
    pub platform: String,
    #[serde(alias = "ha")]
    pub ha_required: bool,
    #[serde(alias = "zd")]
    pub zero_downtime: bool,
    #[serde(alias = "g")]
    pub geo: bool,
    #[serde(alias = "k")]
    pub kubernetes_expertise: bool,
    /// A [`Monorepos::code`].
    #[serde(alias = "mr")]
    pub monorepos: String,
    #[serde(alias = "au")]
    pub heavy_automation: bool,
    /// The TAM chose to size on the load rather than start large (monorepos, automation).
    #[serde(alias = "sl")]
    pub size_on_load: bool,
    /// The TAM turned on the 2k Cloud Native Hybrid, which GitLab's decision tree does not reach.
    #[serde(alias = "h2")]
    pub hybrid_at_2k: bool,
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

coded! {
    Monorepos:
    None => "none", "None";
    Medium => "2-10gb", "2–10 GB";
    Large => "over-10gb", "Over 10 GB";
}

/// How the user count is expected to change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Growth {
    /// No growth expected (a rate of 0 given): size on today's users.
    None,
    /// Neither a growth rate nor a target given: size on today's users, and say so.
    NotGiven,
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
    /// Size on the load, without the start-large step.
    pub size_on_load: bool,
    /// Plan the 2k Cloud Native Hybrid when the load gives 2k and Kubernetes expertise is there.
    pub hybrid_at_2k: bool,
}

impl Requirements {
    /// The requirements when only today's user count is known: no growth given, no measured
    /// load, no platform, and none of the needs ticked.
    pub fn for_users(current_users: u64) -> Self {
        Self {
            current_users,
            growth: Growth::NotGiven,
            peak_rps: Rps::default(),
            sustained_rps: Rps::default(),
            platform: None,
            ha_required: false,
            zero_downtime: false,
            geo: false,
            kubernetes_expertise: false,
            monorepos: Monorepos::None,
            heavy_automation: false,
            size_on_load: false,
            hybrid_at_2k: false,
        }
    }
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

impl Field {
    /// The form's text fields, in the form's order.
    pub fn all() -> Vec<Field> {
        let mut fields = vec![
            Field::CurrentUsers,
            Field::AnnualGrowth,
            Field::Horizon,
            Field::TargetUsers,
        ];
        fields.extend(TrafficType::ALL.map(Field::PeakRps));
        fields.extend(TrafficType::ALL.map(Field::SustainedRps));
        fields.extend([Field::Platform, Field::Monorepos]);
        fields
    }

    /// The field's label, as the sizing form shows it.
    pub fn label(self) -> String {
        match self {
            Field::CurrentUsers => "Current users".into(),
            Field::AnnualGrowth => "Annual growth (%)".into(),
            Field::Horizon => "Planning horizon (months)".into(),
            Field::TargetUsers => "Target users".into(),
            Field::PeakRps(t) => format!("Peak {} RPS", t.label()),
            Field::SustainedRps(t) => format!("Sustained {} RPS (p95)", t.label()),
            Field::Platform => "Target platform".into(),
            Field::Monorepos => "Large monorepos".into(),
        }
    }
}

/// The yes/no requirements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Ha,
    ZeroDowntime,
    Geo,
    Kubernetes,
    Automation,
    SizeOnLoad,
    Hybrid2k,
}

impl Flag {
    pub const ALL: [Flag; 7] = [
        Self::Ha,
        Self::ZeroDowntime,
        Self::Geo,
        Self::Kubernetes,
        Self::Automation,
        Self::SizeOnLoad,
        Self::Hybrid2k,
    ];

    /// The checkbox's label on the sizing form.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ha => "High availability required",
            Self::ZeroDowntime => "Zero-downtime upgrades required",
            Self::Geo => "Disaster recovery (Geo)",
            Self::Kubernetes => "Kubernetes expertise",
            Self::Automation => "Heavy automation or CI",
            Self::SizeOnLoad => "Size on the load, without starting large",
            Self::Hybrid2k => "Plan the 2k Cloud Native Hybrid",
        }
    }

    /// The checkbox's id on the sizing form.
    pub fn id(self) -> &'static str {
        match self {
            Self::Ha => "sizing-ha",
            Self::ZeroDowntime => "sizing-zero-downtime",
            Self::Geo => "sizing-geo",
            Self::Kubernetes => "sizing-kubernetes",
            Self::Automation => "sizing-automation",
            Self::SizeOnLoad => "sizing-size-on-load",
            Self::Hybrid2k => "sizing-hybrid-2k",
        }
    }

    pub fn value(self, inputs: &SizingInputs) -> &bool {
        match self {
            Self::Ha => &inputs.ha_required,
            Self::ZeroDowntime => &inputs.zero_downtime,
            Self::Geo => &inputs.geo,
            Self::Kubernetes => &inputs.kubernetes_expertise,
            Self::Automation => &inputs.heavy_automation,
            Self::SizeOnLoad => &inputs.size_on_load,
            Self::Hybrid2k => &inputs.hybrid_at_2k,
        }
    }

    pub fn slot(self, inputs: &mut SizingInputs) -> &mut bool {
        match self {
            Self::Ha => &mut inputs.ha_required,
            Self::ZeroDowntime => &mut inputs.zero_downtime,
            Self::Geo => &mut inputs.geo,
            Self::Kubernetes => &mut inputs.kubernetes_expertise,
            Self::Automation => &mut inputs.heavy_automation,
            Self::SizeOnLoad => &mut inputs.size_on_load,
            Self::Hybrid2k => &mut inputs.hybrid_at_2k,
        }
    }
}

/// Why a field's value was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldError {
    Missing,
    NotANumber,
    NotWhole,
    OutOfRange { min: f64, max: f64 },
    SustainedAbovePeak,
    UnknownChoice,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldError::Missing => f.write_str("Enter a value."),
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
            // A growth rate without a horizon never hides the answer: it is applied over the
            // default horizon, and the form says so next to the field.
            (None, Some(pct), None) if pct > 0.0 && inputs.horizon_months.trim().is_empty() => {
                Growth::Rate {
                    annual_pct: pct,
                    horizon_months: DEFAULT_HORIZON_MONTHS,
                }
            }
            // Growth is optional: without a rate or a target, today's users are the answer.
            (None, None, _) => Growth::NotGiven,
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
                size_on_load: inputs.size_on_load,
                hybrid_at_2k: inputs.hybrid_at_2k,
            }),
            _ => Err(issues),
        }
    }
}

/// GitLab's handbook page on coordinating a customer's infrastructure upgrade: the source of the
/// 5,000-user Professional Services advice and the three-month timeline.
pub const HANDBOOK_URL: &str =
    "https://handbook.gitlab.com/handbook/customer-success/csm/services/infrastructure-upgrade/";

/// A GitLab documentation page that a rule comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocPage {
    /// The reference architectures overview.
    Overview,
    /// The sizing guide.
    Sizing,
    /// One size's page.
    Size(SizeKey),
    /// GitLab's handbook page on infrastructure upgrade coordination.
    Handbook,
}

impl DocPage {
    pub fn url(self) -> String {
        match self {
            DocPage::Overview => DOCS_BASE.to_string(),
            DocPage::Sizing => format!("{DOCS_BASE}sizing/"),
            DocPage::Size(key) => key.size().doc_url(),
            DocPage::Handbook => HANDBOOK_URL.to_string(),
        }
    }

    pub fn title(self) -> String {
        match self {
            DocPage::Overview => "Reference architectures".into(),
            DocPage::Sizing => "Reference architecture sizing".into(),
            DocPage::Size(key) => format!("Reference architecture: {}", key.size().name),
            DocPage::Handbook => "Infrastructure upgrade coordination (GitLab handbook)".into(),
        }
    }
}

/// One rule's contribution: a reason, a warning or a piece of advice.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule that produced it.
    pub rule: Rule,
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
    /// False when neither a growth rate nor a target was given: every rendering says so.
    pub growth_given: bool,
    pub horizon_months: Option<u32>,
    pub sized_by: SizedBy,
    /// The projected load is beyond the largest architecture.
    pub exceeds_largest: bool,
    /// HA below 3,000 users: the 3k architecture with its supported reductions.
    pub ha_reductions: bool,
    /// The size the load alone gives, when the start-large step chose one size up.
    pub start_large_from: Option<SizeKey>,
    /// Environments to build: 2 with Geo (a primary and a secondary site).
    pub sites: u32,
    /// Current or projected users at or over 5,000.
    pub large_upgrade: bool,
    pub reasons: Vec<Finding>,
    pub warnings: Vec<Finding>,
    pub advice: Vec<Finding>,
}

impl Recommendation {
    /// "Started large: the load alone gives 3k; …", when the start-large step chose the size.
    pub fn start_large_note(&self) -> Option<String> {
        self.start_large_from.map(|from| {
            format!(
                "Started large: the load alone gives {}. Monitor, and scale down to {} when metrics allow.",
                from.short(),
                from.short()
            )
        })
    }

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

fn users_text(users: u64) -> String {
    format!("{} users", format_number(users as f64))
}

/// Points of the user projection, month by month over the horizon (12 months without one), for
/// a chart: `(month, users)`, starting at today's count.
pub fn projection_points(current_users: u64, growth: Growth) -> Vec<(u32, f64)> {
    let current = current_users as f64;
    match growth {
        Growth::None | Growth::NotGiven => vec![(0, current), (12, current)],
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
        Growth::None | Growth::NotGiven => (current_users, 1.0),
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

/// Every sizing rule, by name: a finding names the rule that produced it, and a mistyped rule is
/// a compile error. Each variant's comment gives the GitLab page the rule comes from (paths under
/// `doc/administration/reference_architectures/` unless said otherwise) and what it says there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// `sizing.md`: when significant growth is expected, size for the projected load.
    GrowthProjection,
    /// `_index.md`: the user count is the fallback when the RPS is not known; each size's count
    /// maps to its typical RPS.
    UsersFallback,
    /// `sizing.md`: collect 7 to 14 days of metrics; with RPS unknown, consider starting large.
    MeasureRps,
    /// `sizing.md`: for each traffic type, the smallest size whose target covers the peak, then
    /// the largest across the types.
    RpsPerType,
    /// `sizing.md`: a peak less than about 10–15% over the size the sustained load suggests can
    /// stay there: the sizes have built-in headroom.
    RpsHeadroom,
    /// `sizing.md`: when peak and sustained load point to the same size, use it.
    RpsNoHeadroom,
    /// `sizing.md`: a peak well above the sustained load (automation spikes): start on the peak's
    /// size and scale down, or stay lower with targeted component scaling (riskier).
    PeakVsSustained,
    /// `sizing.md`: size on measured RPS, which covers people and automation alike.
    UsersVsRps,
    /// `_index.md`: high availability is recommended from 3,000 users or 60 RPS; the decision tree
    /// then leads to the HA architecture closest to the expected load.
    UsersHa,
    /// `_index.md`: large monorepos, heavy automation or unknown RPS: consider starting large,
    /// monitoring and scaling down (3,000 users with heavy automation start on 5k).
    StartLarge,
    /// `_index.md`: HA below 3,000 users is the 3k architecture with its supported reductions.
    HaBelow3k,
    /// `_index.md`: every architecture from 3k up has high availability built in.
    HaBuiltIn,
    /// `_index.md`: below 3,000 users, a standalone environment with automated backups is
    /// enough, and even preferable, for most customers.
    Standalone,
    /// `_index.md`: zero-downtime upgrades need an HA Linux package environment; Cloud Native
    /// Hybrid does not support them.
    ZeroDowntime,
    /// `50k_users.md`: beyond the largest architecture, contact GitLab.
    BeyondLargest,
    /// `_index.md`: zero-downtime upgrades rule Cloud Native Hybrid out.
    HybridZeroDowntime,
    /// `_index.md`: the smallest Kubernetes architectures are 2k (not HA) and 3k (HA); specs can be
    /// lowered for fewer users.
    HybridSmallest,
    /// `_index.md`: the decision tree reaches Cloud Native Hybrid only at 60 RPS / 3,000 users;
    /// below it ends at the standalone 1k/2k architectures with backups.
    Hybrid2kOption,
    /// `_index.md`: with strong Kubernetes expertise and the wish for its resilience, the Cloud
    /// Native Hybrid architecture closest to the expected load.
    Hybrid,
    /// `_index.md`: Cloud Native Hybrid is tested and recommended on GKE and EKS.
    HybridAzure,
    /// `_index.md`: the same, for bare metal or a platform not chosen yet.
    HybridPlatform,
    /// `_index.md`: without strong Kubernetes expertise, the Linux package on virtual machines.
    LinuxPackage,
    /// `_index.md`: Geo needs a second, separate environment.
    Geo,
    /// `_index.md`: with Geo, a cloud database must support cross-region replication.
    GeoDatabase,
    /// `sizing.md`: monorepos of 2–10 GB or more: Gitaly and Rails multipliers.
    Monorepos,
    /// `sizing.md`: heavy automation: adjust busy components at 1.25–1.5× to start.
    Automation,
    /// `10k_users.md` and up: Database Load Balancing, separate Redis cache and persistent.
    DatabaseLoadBalancing,
    /// `25k_users.md`, `50k_users.md`: Cloud SQL Enterprise Plus on GCP.
    CloudSql,
    /// `3k_users.md` and up: Praefect's PostgreSQL is one node; full HA needs a third-party one.
    PraefectPostgres,
    /// `_index.md`: with a cloud PostgreSQL service, PgBouncer and Consul are not needed, though
    /// Consul may still serve Prometheus auto-discovery.
    CloudPostgresConsul,
    /// The handbook's infrastructure upgrade page: 5,000 users or more, Professional Services
    /// highly recommended; such migrations often take at least three months.
    ProfessionalServices,
}

impl Rule {
    /// Every rule, in the order `recommend` can produce them.
    pub const ALL: [Rule; 31] = [
        Rule::GrowthProjection,
        Rule::UsersFallback,
        Rule::MeasureRps,
        Rule::RpsPerType,
        Rule::RpsHeadroom,
        Rule::RpsNoHeadroom,
        Rule::PeakVsSustained,
        Rule::UsersVsRps,
        Rule::UsersHa,
        Rule::StartLarge,
        Rule::HaBelow3k,
        Rule::HaBuiltIn,
        Rule::Standalone,
        Rule::ZeroDowntime,
        Rule::BeyondLargest,
        Rule::HybridZeroDowntime,
        Rule::HybridSmallest,
        Rule::Hybrid2kOption,
        Rule::Hybrid,
        Rule::HybridAzure,
        Rule::HybridPlatform,
        Rule::LinuxPackage,
        Rule::Geo,
        Rule::GeoDatabase,
        Rule::Monorepos,
        Rule::Automation,
        Rule::DatabaseLoadBalancing,
        Rule::CloudSql,
        Rule::PraefectPostgres,
        Rule::CloudPostgresConsul,
        Rule::ProfessionalServices,
    ];

    /// The rule's stable id, as plan files and the page carry it ("rps-per-type").
    pub fn id(self) -> &'static str {
        match self {
            Rule::GrowthProjection => "growth-projection",
            Rule::UsersFallback => "users-fallback",
            Rule::MeasureRps => "measure-rps",
            Rule::RpsPerType => "rps-per-type",
            Rule::RpsHeadroom => "rps-headroom",
            Rule::RpsNoHeadroom => "rps-no-headroom",
            Rule::PeakVsSustained => "peak-vs-sustained",
            Rule::UsersVsRps => "users-vs-rps",
            Rule::UsersHa => "users-ha",
            Rule::StartLarge => "start-large",
            Rule::HaBelow3k => "ha-below-3k",
            Rule::HaBuiltIn => "ha-built-in",
            Rule::Standalone => "standalone",
            Rule::ZeroDowntime => "zero-downtime",
            Rule::BeyondLargest => "beyond-largest",
            Rule::HybridZeroDowntime => "hybrid-zero-downtime",
            Rule::HybridSmallest => "hybrid-smallest",
            Rule::Hybrid2kOption => "hybrid-2k-option",
            Rule::Hybrid => "hybrid",
            Rule::HybridAzure => "hybrid-azure",
            Rule::HybridPlatform => "hybrid-platform",
            Rule::LinuxPackage => "linux-package",
            Rule::Geo => "geo",
            Rule::GeoDatabase => "geo-database",
            Rule::Monorepos => "monorepos",
            Rule::Automation => "automation",
            Rule::DatabaseLoadBalancing => "database-load-balancing",
            Rule::CloudSql => "cloud-sql",
            Rule::PraefectPostgres => "praefect-postgres",
            Rule::CloudPostgresConsul => "cloud-postgres-consul",
            Rule::ProfessionalServices => "professional-services",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The work in progress of [`recommend`]: each step reads the requirements and what earlier
/// steps decided, and adds its findings.
struct Draft<'a> {
    req: &'a Requirements,
    projected: u64,
    factor: f64,
    size: SizeKey,
    sized_by: SizedBy,
    exceeds: Option<String>,
    start_large_from: Option<SizeKey>,
    ha_reductions: bool,
    variant: Variant,
    reasons: Vec<Finding>,
    warnings: Vec<Finding>,
    advice: Vec<Finding>,
}

impl Draft<'_> {
    fn reason(&mut self, rule: Rule, text: String, source: DocPage) {
        self.reasons.push(Finding { rule, text, source });
    }
    fn warn(&mut self, rule: Rule, text: String, source: DocPage) {
        self.warnings.push(Finding { rule, text, source });
    }
    fn advise(&mut self, rule: Rule, text: String, source: DocPage) {
        self.advice.push(Finding { rule, text, source });
    }
    /// The users the customer has or will have: every sentence about users speaks of these.
    fn users(&self) -> u64 {
        self.req.current_users.max(self.projected)
    }
}

/// Applies GitLab's selection rules, in order, to the requirements.
pub fn recommend(req: &Requirements) -> Recommendation {
    let (projected, factor) = project(req.current_users, req.growth);
    let mut d = Draft {
        req,
        projected,
        factor,
        size: SizeKey::Users1k,
        sized_by: SizedBy::Users,
        exceeds: None,
        start_large_from: None,
        ha_reductions: false,
        variant: Variant::LinuxPackage,
        reasons: Vec::new(),
        warnings: Vec::new(),
        advice: Vec::new(),
    };
    let steps: [fn(&mut Draft); 10] = [
        growth,
        base_size,
        high_availability,
        start_large,
        beyond_largest,
        variant,
        geo,
        component_advice,
        size_notes,
        professional_services,
    ];
    for step in steps {
        step(&mut d);
    }
    Recommendation {
        size: d.size,
        variant: d.variant,
        platform: req.platform,
        current_users: req.current_users,
        projected_users: projected,
        growth_factor: factor,
        growth_given: req.growth != Growth::NotGiven,
        horizon_months: match req.growth {
            Growth::Rate { horizon_months, .. } => Some(horizon_months),
            _ => None,
        },
        sized_by: d.sized_by,
        exceeds_largest: d.exceeds.is_some(),
        ha_reductions: d.ha_reductions,
        start_large_from: d.start_large_from,
        sites: if req.geo { 2 } else { 1 },
        large_upgrade: d.users() >= LARGE_UPGRADE_USERS,
        reasons: d.reasons,
        warnings: d.warnings,
        advice: d.advice,
    }
}

/// The load to size for: today's, or projected over the horizon.
fn growth(d: &mut Draft) {
    let (req, projected) = (d.req, d.projected);
    let text = match req.growth {
        Growth::None => format!(
            "No growth expected: sized on today's {}.",
            users_text(req.current_users)
        ),
        Growth::NotGiven => format!(
            "No growth was given: sized on today's {}.",
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
        Growth::Target { users } => format!(
            "Sized for the target of {} given for the engagement.",
            users_text(users)
        ),
    };
    d.reason(Rule::GrowthProjection, text, DocPage::Sizing);
}

/// The base size: by peak RPS per traffic type when any is known, else by users.
fn base_size(d: &mut Draft) {
    if TrafficType::ALL
        .into_iter()
        .any(|t| d.req.peak_rps.get(t).is_some())
    {
        base_size_by_rps(d);
    } else {
        base_size_by_users(d);
    }
}

fn base_size_by_users(d: &mut Draft) {
    let by_users = size_for_users(d.projected);
    let base = by_users.unwrap_or(SizeKey::Users50k);
    if by_users.is_none() {
        d.exceeds = Some(users_text(d.projected));
    }
    d.size = base;
    d.sized_by = SizedBy::Users;
    let text = format!(
        "Peak RPS not known: by user count, the smallest architecture that covers {} is {} ({}).",
        users_text(d.projected),
        base.short(),
        base.size().name
    );
    d.reason(Rule::UsersFallback, text, DocPage::Overview);
    let larger = match base.next() {
        Some(next) => format!(
            " Until then GitLab suggests considering starting large ({} instead of {}), \
             monitoring, and scaling down once metrics allow.",
            next.short(),
            base.short()
        ),
        None => String::new(),
    };
    let text = format!(
        "Peak requests per second are GitLab's main sizing measure: collect 7 to 14 days of \
         metrics and enter the peak API, Web, Git pull and Git push rates.{larger}"
    );
    d.advise(Rule::MeasureRps, text, DocPage::Sizing);
}

/// One traffic type's size, and why, when a tolerance or the sustained load decided it.
fn size_for_traffic(d: &mut Draft, traffic: TrafficType, load: f64) -> SizeKey {
    let strict = size_for_rps(traffic, load, false);
    let tolerant = size_for_rps(traffic, load, true);
    let Some(tolerant) = tolerant else {
        d.exceeds = Some(format!("{} {} RPS", format_number(load), traffic.label()));
        return SizeKey::Users50k;
    };
    if Some(tolerant) == strict {
        return tolerant;
    }
    let target = tolerant.size().target_rps.get(traffic);
    let over = format_number((load / f64::from(target) - 1.0) * 100.0);
    let larger = strict.unwrap_or(SizeKey::Users50k);
    let sustained = d.req.sustained_rps.get(traffic).map(|s| s * d.factor);
    match sustained {
        Some(s) if s > f64::from(target) => {
            let text = format!(
                "{} peak of {} RPS and sustained (p95) load of {} RPS are both over the {} target \
                 of {target} RPS: peak and sustained load point to the same larger architecture, \
                 {}, so no headroom tolerance applies.",
                traffic.label(),
                format_number(load),
                format_number(s),
                tolerant.short(),
                larger.short()
            );
            d.reason(Rule::RpsNoHeadroom, text, DocPage::Sizing);
            larger
        }
        Some(s) => {
            let text = format!(
                "{} peak of {} RPS is {over}% over the {} target of {target} RPS, and the \
                 sustained (p95) load of {} RPS fits {}: a peak within about {HEADROOM_PCT}% of \
                 it is covered by the architecture's built-in headroom, so it stays on {}.",
                traffic.label(),
                format_number(load),
                tolerant.short(),
                format_number(s),
                tolerant.short(),
                tolerant.short()
            );
            d.reason(Rule::RpsHeadroom, text, DocPage::Sizing);
            tolerant
        }
        None => {
            let text = format!(
                "{} peak of {} RPS is {over}% over the {} target of {target} RPS. A peak within \
                 about {HEADROOM_PCT}% stays on the size the sustained load fits, thanks to its \
                 built-in headroom; no sustained (p95) figure was given, so {} assumes it fits {}. \
                 A sustained {} rate of {target} RPS or less confirms it; above that, {} is the \
                 size.",
                traffic.label(),
                format_number(load),
                tolerant.short(),
                tolerant.short(),
                tolerant.short(),
                traffic.label(),
                larger.short()
            );
            d.reason(Rule::RpsHeadroom, text, DocPage::Sizing);
            tolerant
        }
    }
}

fn base_size_by_rps(d: &mut Draft) {
    let mut parts = Vec::new();
    let mut base = SizeKey::Users1k;
    for traffic in TrafficType::ALL {
        let Some(peak) = d.req.peak_rps.get(traffic) else {
            continue;
        };
        let load = peak * d.factor;
        let chosen = size_for_traffic(d, traffic, load);
        parts.push(if (d.factor - 1.0).abs() > f64::EPSILON {
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
        });
        base = base.max(chosen);
        peak_vs_sustained(d, traffic, chosen);
    }
    let text = format!(
        "Peak RPS known: for each traffic type, the smallest architecture whose target covers the \
         peak (or that it passes by no more than about {HEADROOM_PCT}% where the sustained load \
         allows, as explained below), then the largest of those: {}. Result: {}.",
        parts.join("; "),
        base.short()
    );
    d.reason(Rule::RpsPerType, text, DocPage::Sizing);
    d.size = base;
    d.sized_by = SizedBy::Rps;
    if let Some(by_users) = size_for_users(d.projected).filter(|u| *u > base) {
        let text = format!(
            "By user count alone, {} would point to {}. GitLab sizes on measured RPS; make sure the \
             figures cover the busiest days and all automation.",
            users_text(d.projected),
            by_users.short()
        );
        d.advise(Rule::UsersVsRps, text, DocPage::Sizing);
    }
}

/// A sustained load that fits a smaller size than the peak: spikes, often from automation.
fn peak_vs_sustained(d: &mut Draft, traffic: TrafficType, by_peak: SizeKey) {
    let Some(sustained) = d.req.sustained_rps.get(traffic) else {
        return;
    };
    let by_sustained =
        size_for_rps(traffic, sustained * d.factor, false).unwrap_or(SizeKey::Users50k);
    if by_sustained < by_peak {
        let text = format!(
            "{} sustained (p95) load fits {} while the peak needs {}: spikes, often from \
             automation. GitLab's choice: start on {} and scale down later if metrics allow, or {} \
             with targeted component scaling (riskier).",
            traffic.label(),
            by_sustained.short(),
            by_peak.short(),
            by_peak.short(),
            by_sustained.short()
        );
        d.advise(Rule::PeakVsSustained, text, DocPage::Sizing);
    }
}

/// High availability: from 3,000 users, when required, or for zero-downtime upgrades.
fn high_availability(d: &mut Draft) {
    let req = d.req;
    let users = d.users();
    if users >= 3_000 && d.size < SizeKey::Users3k {
        d.size = SizeKey::Users3k;
        let text = format!(
            "{}: GitLab recommends high availability from 3,000 users, so the architecture \
             closest to the measured load that has it: 3k.",
            users_text(users)
        );
        d.reason(Rule::UsersHa, text, DocPage::Overview);
    } else if (req.ha_required || req.zero_downtime) && d.size < SizeKey::Users3k {
        d.size = SizeKey::Users3k;
        d.ha_reductions = true;
        let text = format!(
            "{} is required for {}, under 3,000: GitLab's route is the 3k architecture, the \
             smallest with high availability, reduced as it allows (see the supported reductions).",
            if req.ha_required {
                "High availability"
            } else {
                "Zero-downtime upgrading (which needs high availability)"
            },
            users_text(users)
        );
        d.reason(Rule::HaBelow3k, text, DocPage::Size(SizeKey::Users3k));
    } else if d.size >= SizeKey::Users3k {
        let text = format!(
            "{} has high availability built in, as GitLab recommends from 3,000 users or 60 RPS.",
            d.size.short()
        );
        d.reason(Rule::HaBuiltIn, text, DocPage::Overview);
    } else {
        let text = format!(
            "{}, under 3,000, with no high-availability requirement: GitLab recommends a \
             standalone (non-HA) environment with automated backups, smaller, cheaper, and slower \
             only to recover.",
            users_text(users)
        );
        d.reason(Rule::Standalone, text, DocPage::Overview);
    }
    if req.zero_downtime {
        d.reason(
            Rule::ZeroDowntime,
            "Zero-downtime upgrades need a highly available Linux package environment; Cloud \
             Native Hybrid does not support them, and brief interruptions during failover can \
             still occur."
                .into(),
            DocPage::Overview,
        );
    }
}

/// Large monorepos or heavy automation: GitLab suggests considering starting one size up. The
/// app does so, as GitLab's own example does, unless the TAM chose to size on the load.
fn start_large(d: &mut Draft) {
    let why = match (d.req.heavy_automation, d.req.monorepos) {
        (true, Monorepos::Large) => "Heavy automation or CI and monorepos over 10 GB",
        (true, _) => "Heavy automation or CI",
        (false, Monorepos::Large) => "Monorepos over 10 GB",
        (false, _) => return,
    };
    let base = d.size;
    let Some(next) = base.next() else {
        let text = format!(
            "{why}: GitLab suggests considering starting one size up, but 50k is the largest \
             architecture; plan extra capacity with GitLab."
        );
        d.warn(Rule::StartLarge, text, DocPage::Sizing);
        return;
    };
    if d.req.size_on_load {
        let text = format!(
            "{why}: GitLab suggests considering starting large ({} instead of {}), monitoring and \
             scaling down; you chose to size on the load instead, so {} stays, with the \
             component scaling below.",
            next.short(),
            base.short(),
            base.short()
        );
        d.reason(Rule::StartLarge, text, DocPage::Sizing);
        return;
    }
    d.size = next;
    d.start_large_from = Some(base);
    let text = format!(
        "{why}: a start-large choice. GitLab suggests considering starting one size up, \
         monitoring, and scaling down when metrics allow (its example: 3,000 users with heavy \
         automation start on 5k). The load alone gives {}; starting large gives {}. Scaling single \
         components of {} instead is the alternative.",
        base.short(),
        next.short(),
        base.short()
    );
    d.reason(Rule::StartLarge, text, DocPage::Sizing);
}

/// Beyond the largest architecture: 50k as the base, and GitLab to talk to.
fn beyond_largest(d: &mut Draft) {
    let Some(load) = d.exceeds.clone() else {
        return;
    };
    d.size = SizeKey::Users50k;
    let text = format!(
        "The projected load ({load}) exceeds the largest reference architecture (50k: up to 1,000 \
         RPS or 50,000 users). Use 50k as the base and contact GitLab to design beyond it."
    );
    d.warn(Rule::BeyondLargest, text, DocPage::Size(SizeKey::Users50k));
}

/// Cloud Native Hybrid: at 3k and up with Kubernetes expertise on a tested platform; at 2k only
/// when the TAM turns it on.
fn variant(d: &mut Draft) {
    let req = d.req;
    if req.kubernetes_expertise {
        if req.zero_downtime {
            d.reason(
                Rule::HybridZeroDowntime,
                "Kubernetes expertise is there, but zero-downtime upgrades rule Cloud Native \
                 Hybrid out: Linux package on virtual machines."
                    .into(),
                DocPage::Overview,
            );
        } else if d.size.size().hybrid.is_none() {
            d.advise(
                Rule::HybridSmallest,
                "The smallest Kubernetes architectures are 2k (not highly available) and 3k \
                 (highly available); their node specs can be lowered for fewer users. At this load \
                 GitLab recommends the single-node Linux package with backups."
                    .into(),
                DocPage::Size(d.size),
            );
        } else if d.size == SizeKey::Users2k && !req.hybrid_at_2k {
            d.advise(
                Rule::Hybrid2kOption,
                "GitLab's decision tree leads to Cloud Native Hybrid only from 60 RPS or 3,000 \
                 users, for customers with Kubernetes expertise who want its extra resilience; \
                 below that it ends at the standalone 1k and 2k architectures with backups. A 2k \
                 hybrid (not highly available) exists: turn on \u{201c}Plan the 2k Cloud Native \
                 Hybrid\u{201d} to plan it."
                    .into(),
                DocPage::Overview,
            );
        } else {
            hybrid_on_platform(d);
        }
    }
    if d.variant == Variant::LinuxPackage {
        d.reason(
            Rule::LinuxPackage,
            "Deployed with the Linux package on virtual machines, the variant GitLab recommends \
             without strong Kubernetes expertise."
                .into(),
            DocPage::Size(d.size),
        );
    }
}

fn hybrid_on_platform(d: &mut Draft) {
    match d.req.platform {
        Some(p @ (Platform::Aws | Platform::Gcp)) => {
            d.variant = Variant::CloudNativeHybrid;
            let text = format!(
                "Kubernetes expertise on {}: Cloud Native Hybrid runs the stateless parts (Rails, \
                 Sidekiq, NGINX and supporting services) in Kubernetes, while Gitaly, PostgreSQL \
                 and Redis stay on virtual machines or cloud services.{}",
                p.label(),
                if d.size == SizeKey::Users2k {
                    " The 2k hybrid, turned on for this engagement, is not highly available."
                } else {
                    ""
                }
            );
            d.reason(Rule::Hybrid, text, DocPage::Size(d.size));
        }
        Some(Platform::Azure) => d.warn(
            Rule::HybridAzure,
            "Cloud Native Hybrid is not a tested platform on Azure: GitLab tests and recommends it \
             on GKE and EKS only. Linux package on virtual machines is recommended on Azure."
                .into(),
            DocPage::Overview,
        ),
        Some(Platform::BareMetal) => d.advise(
            Rule::HybridPlatform,
            "GitLab tests and recommends Cloud Native Hybrid on GKE and EKS only; on bare metal \
             the Linux package on virtual machines is recommended."
                .into(),
            DocPage::Overview,
        ),
        None => d.advise(
            Rule::HybridPlatform,
            "With Kubernetes expertise, Cloud Native Hybrid is an option on AWS or GCP: choose \
             the target platform."
                .into(),
            DocPage::Overview,
        ),
    }
}

/// Geo: a second site.
fn geo(d: &mut Draft) {
    if !d.req.geo {
        return;
    }
    d.reason(
        Rule::Geo,
        "Disaster recovery with GitLab Geo needs a second, separate environment (a secondary \
         site). Size each site on its own; a secondary may be smaller or not highly available."
            .into(),
        DocPage::Overview,
    );
    d.advise(
        Rule::GeoDatabase,
        "With Geo, a cloud database service must support cross-region replication.".into(),
        DocPage::Overview,
    );
}

/// Monorepos and automation: GitLab's component multipliers, the alternative to starting large
/// (never stacked on a size already started large).
fn component_advice(d: &mut Draft) {
    if d.start_large_from.is_some() {
        return;
    }
    let on = d.size.short();
    match d.req.monorepos {
        Monorepos::None => {}
        Monorepos::Medium => d.advise(
            Rule::Monorepos,
            format!(
                "Monorepos of 2–10 GB: plan Gitaly at 1.5–2× and Rails at 1.25–1.5× the {on} \
                 specs; repository optimisation (LFS, fewer full clones) helps more than hardware."
            ),
            DocPage::Sizing,
        ),
        Monorepos::Large => d.advise(
            Rule::Monorepos,
            format!(
                "Monorepos over 10 GB: plan Gitaly at 2–4× and Rails at 1.5–2× the {on} specs, \
                 consider a dedicated Gitaly shard, and from 20 GB a separate Gitaly backend for \
                 that repository. Contact GitLab."
            ),
            DocPage::Sizing,
        ),
    }
    if d.req.heavy_automation {
        d.advise(
            Rule::Automation,
            format!(
                "Heavy automation: adjust the busy components of {on} at 1.25–1.5× to start, then \
                 refine from monitoring. Off-hours load staying above half of the peak confirms it."
            ),
            DocPage::Sizing,
        );
    }
}

/// Notes GitLab prints on the size pages.
fn size_notes(d: &mut Draft) {
    let size = d.size;
    if size >= SizeKey::Users3k {
        d.advise(
            Rule::PraefectPostgres,
            "Praefect's own PostgreSQL database is a single node in this architecture (listed as \
             1+): for full high availability, use a third-party PostgreSQL database for it."
                .into(),
            DocPage::Size(size),
        );
        if matches!(
            d.req.platform,
            Some(Platform::Aws | Platform::Gcp | Platform::Azure)
        ) {
            d.advise(
                Rule::CloudPostgresConsul,
                "With PostgreSQL on a cloud database service, the bundled PostgreSQL, PgBouncer \
                 and Consul are not needed; Consul may still be wanted for Prometheus \
                 auto-discovery."
                    .into(),
                DocPage::Overview,
            );
        }
    }
    if size >= SizeKey::Users10k {
        d.advise(
            Rule::DatabaseLoadBalancing,
            "At 10k and above, add Database Load Balancing with read replicas, and keep Redis \
             cache and persistent instances separate when using cloud services."
                .into(),
            DocPage::Size(size),
        );
    }
    if size >= SizeKey::Users25k && d.req.platform == Some(Platform::Gcp) {
        d.advise(
            Rule::CloudSql,
            "On GCP at 25k and above, Cloud SQL Enterprise Plus is advised if Cloud SQL is used."
                .into(),
            DocPage::Size(size),
        );
    }
}

/// The 5,000-user mark, for the coordination step (GitLab's handbook, not the docs).
fn professional_services(d: &mut Draft) {
    if d.users() < LARGE_UPGRADE_USERS {
        return;
    }
    d.advise(
        Rule::ProfessionalServices,
        "5,000 users or more: Professional Services (Dedicated Implementation Services) are \
         highly recommended, and such migrations often take at least three months to plan and \
         carry out."
            .into(),
        DocPage::Handbook,
    );
}

/// The reductions GitLab supports when the 3k architecture is used below 3,000 users for HA.
pub const HA_REDUCTIONS: [&str; 6] = [
    "Node specs may be lowered, but not below GitLab's general installation requirements.",
    "Sidekiq may run on the Rails nodes.",
    "PgBouncer may run on the PostgreSQL nodes (a separate PgBouncer set is still needed for Database Load Balancing).",
    "Rails, Sidekiq, PostgreSQL and PgBouncer may drop to 2 nodes each; Consul, Redis Sentinel and Praefect stay at an odd number of at least 3.",
    "PostgreSQL and Redis may move to cloud services, which removes PgBouncer and Sentinel, and Consul unless it is kept for Prometheus auto-discovery.",
    "No other reductions are supported.",
];
