//! What the TAM records about the coordination, as stored: the reasons for the move, the
//! Professional Services decision, consultations, the plan, Support's review, the migration and
//! the activity log. The rules that read them are in `process`.

use crate::domain::text::coded;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};

use crate::domain::engagement::intake::Intake;

/// Why the customer is moving; several may apply.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MoveReasons {
    #[serde(alias = "cp")]
    pub cloud_provider: bool,
    #[serde(alias = "ku")]
    pub kubernetes: bool,
    #[serde(alias = "gr")]
    pub growth: bool,
    #[serde(alias = "ot")]
    pub other: String,
}

impl MoveReasons {
    /// The reasons given, in words ("Moving to a cloud provider", …, then the other reason).
    pub fn labels(&self) -> Vec<String> {
        let mut labels: Vec<String> = [
            (self.cloud_provider, "Moving to a cloud provider"),
            (self.kubernetes, "Adopting Kubernetes"),
            (self.growth, "Growth needs more computing resources"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, label)| label.to_string())
        .collect();
        if !self.other.trim().is_empty() {
            labels.push(self.other.trim().to_string());
        }
        labels
    }
}

/// The customer's answer to the Professional Services recommendation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PsDecision {
    #[default]
    Undecided,
    Engaged,
    Declined,
}

coded! {
    PsDecision:
    Undecided => "undecided", "Undecided";
    Engaged => "engaged", "Engaged";
    Declined => "declined", "Declined";
}

/// An internal team a TAM may ask for help when the customer writes the plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Team {
    #[default]
    Product,
    Quality,
    Support,
    Other,
}

coded! {
    Team:
    Product => "product", "Product";
    Quality => "quality", "Quality";
    Support => "support", "Support";
    Other => "other", "Other";
}

/// How a log line about an internal consultation starts: such lines stay internal.
pub(crate) const CONSULTED: &str = "Consulted ";

/// A question put to an internal team, and its answer.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Consultation {
    pub team: Team,
    pub question: String,
    pub answer: String,
}

impl Consultation {
    /// The answer as a plan shows it: "no answer yet" while there is none.
    pub fn answer_or_pending(&self) -> &str {
        match self.answer.trim() {
            "" => "no answer yet",
            answer => answer,
        }
    }
}

/// The upgrade plan as recorded: where it is or what it says, and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanRecord {
    #[serde(default)]
    #[serde(alias = "lk")]
    pub link: String,
    #[serde(default)]
    #[serde(alias = "sm")]
    pub summary: String,
    #[serde(alias = "d")]
    pub date: Date,
}

/// Support's answer on the plan.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Feedback {
    #[default]
    Pending,
    ChangesRequested,
    Approved,
}

coded! {
    Feedback:
    Pending => "pending", "Pending";
    ChangesRequested => "changes_requested", "Changes requested";
    Approved => "approved", "Approved";
}

/// The Support review of the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SupportReview {
    #[serde(alias = "so")]
    pub shared_on: Option<Date>,
    #[serde(alias = "t")]
    pub ticket: String,
    #[serde(alias = "f")]
    pub feedback: Feedback,
    /// The plan revision the feedback was given on; a newer plan goes back to review.
    #[serde(alias = "fr")]
    pub feedback_on_revision: u32,
    #[serde(alias = "nt")]
    pub notes: String,
    /// The sizing form as it stood when Support approved: a later change makes the approval
    /// out of date.
    #[serde(alias = "as")]
    pub approved_sizing: Option<crate::domain::sizing::SizingInputs>,
}

/// Where the migration stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MigrationStatus {
    #[default]
    NotScheduled,
    Scheduled,
    InProgress,
    Done,
    RolledBack,
}

coded! {
    MigrationStatus:
    NotScheduled => "not_scheduled", "Not scheduled";
    Scheduled => "scheduled", "Scheduled";
    InProgress => "in_progress", "In progress";
    Done => "done", "Done";
    RolledBack => "rolled_back", "Rolled back";
}

/// The migration window and status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Migration {
    #[serde(alias = "st")]
    pub start: Option<Date>,
    #[serde(alias = "en")]
    pub end: Option<Date>,
    #[serde(alias = "ss")]
    pub status: MigrationStatus,
}

/// Everything the TAM records about the coordination, beyond the sizing form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Coordination {
    #[serde(alias = "mv")]
    pub move_reasons: MoveReasons,
    #[serde(alias = "ce")]
    pub current_environment: String,
    #[serde(alias = "gv")]
    pub gitlab_version: String,
    #[serde(alias = "dc")]
    pub desired_completion: Option<Date>,
    #[serde(alias = "pro")]
    pub ps_recommended_on: Option<Date>,
    #[serde(alias = "pd")]
    pub ps_decision: PsDecision,
    #[serde(alias = "pdo")]
    pub ps_decided_on: Option<Date>,
    /// Documents handed over to the customer: URL → date.
    #[serde(alias = "hd")]
    pub handed_over: BTreeMap<String, Date>,
    #[serde(alias = "cs")]
    pub consultations: Vec<Consultation>,
    #[serde(alias = "p")]
    pub plan: Option<PlanRecord>,
    /// Counts plan recordings: 1 for the first plan, 2 after one revision, …
    #[serde(alias = "prv")]
    pub plan_revision: u32,
    #[serde(alias = "rv")]
    pub review: SupportReview,
    #[serde(alias = "m")]
    pub migration: Migration,
    /// What Support asks for beyond the plan.
    #[serde(skip_serializing_if = "Intake::is_blank")]
    #[serde(alias = "i")]
    pub intake: Intake,
}

impl Coordination {
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }
}

/// One line of the activity log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// When it was recorded.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// The day it happened, when the TAM gave one with the action (the day the plan was shared,
    /// the decision taken, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on: Option<Date>,
    pub text: String,
}

impl LogEntry {
    /// True for a line about an internal consultation, which the customer never sees.
    pub fn is_about_consultation(&self) -> bool {
        self.text.starts_with(CONSULTED)
    }
}

/// The moments at which the engagement is handed to someone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandOff {
    SharedWithSupport,
    SupportPacket,
    CustomerLink,
    PlanRecorded,
    MigrationScheduled,
}

coded! {
    HandOff:
    SharedWithSupport => "shared_with_support", "Shared with Support";
    SupportPacket => "support_packet", "Support packet handed over";
    CustomerLink => "customer_link", "Customer link made";
    PlanRecorded => "plan_recorded", "Plan recorded";
    MigrationScheduled => "migration_scheduled", "Migration scheduled";
}

impl HandOff {
    /// Whether the reader sees the customer's view (no internal notes, no consultations).
    pub fn customer_view(self) -> bool {
        self == HandOff::CustomerLink
    }

    /// A hand-off to Support for review: the plan shared, or the packet handed over.
    pub fn for_support_review(self) -> bool {
        matches!(self, HandOff::SharedWithSupport | HandOff::SupportPacket)
    }
}
