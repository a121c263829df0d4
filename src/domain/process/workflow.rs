//! The coordination process: stages, what each records, guardrails, and the next action.
//!
//! What the TAM records lives in [`Coordination`]; the stage, the warnings and the next action
//! are derived from it by [`status`]. Every change goes through [`apply`], which refuses what a
//! missing earlier stage forbids and logs decisions and stage changes.

use crate::domain::text::coded;
use std::fmt;

use time::{Date, Month, OffsetDateTime};

use crate::domain::engagement::fields;
use crate::domain::engagement::records::CONSULTED;
pub use crate::domain::engagement::records::*;
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::{self, Intake};
use crate::domain::sizing::reference::DOCS_BASE;
use crate::domain::sizing::{
    format_number, project, recommend, Recommendation, Requirements, LARGE_UPGRADE_USERS,
};

/// A step of the coordination process, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    Requirements,
    ProfessionalServices,
    Plan,
    SupportReview,
    Migration,
    Done,
}

// The code names a stage in filters and element ids.
coded! {
    Stage:
    Requirements => "requirements", "Requirements";
    ProfessionalServices => "professional-services", "Professional Services";
    Plan => "plan", "Plan";
    SupportReview => "support-review", "Support review";
    Migration => "migration", "Migration";
    Done => "done", "Done";
}

/// Who writes the upgrade plan: it follows from the Professional Services decision.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanAuthor {
    ProfessionalServices,
    Customer,
}

impl PlanAuthor {
    pub fn label(self) -> &'static str {
        match self {
            Self::ProfessionalServices => "Professional Services",
            Self::Customer => "The customer",
        }
    }
}

/// A document the TAM can hand over to a customer who writes their own plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HandoverDocument {
    pub title: String,
    pub url: String,
}

/// The documents to hand over: the recommended size's page, then GitLab's general pages.
pub fn handover_documents(
    rec: Option<&Recommendation>,
    method: intake::MigrationMethod,
) -> Vec<HandoverDocument> {
    let mut docs = Vec::new();
    if let Some(rec) = rec {
        let size = rec.architecture();
        docs.push(HandoverDocument {
            title: format!("Reference architecture: {}", size.name),
            url: size.doc_url(),
        });
    }
    docs.push(HandoverDocument {
        title: "Reference architectures: overview and how to choose".into(),
        url: DOCS_BASE.into(),
    });
    docs.push(HandoverDocument {
        title: "Reference architecture sizing".into(),
        url: format!("{DOCS_BASE}sizing/"),
    });
    docs.push(migration_document(rec, method));
    docs
}

/// GitLab's page for moving the data: the chosen method's, or, until one is chosen, the one
/// that fits the recommendation (a single server, a multi-node architecture, or Geo's failover).
fn migration_document(
    rec: Option<&Recommendation>,
    method: intake::MigrationMethod,
) -> HandoverDocument {
    let (title, url) = method.document().unwrap_or(match rec {
        Some(rec) if rec.sites > 1 => intake::GEO_FAILOVER_PAGE,
        Some(rec) if rec.size != crate::domain::sizing::reference::SizeKey::Users1k => {
            intake::MULTI_NODE_PAGE
        }
        _ => intake::SINGLE_NODE_PAGE,
    });
    HandoverDocument {
        title: title.into(),
        url: url.into(),
    }
}

/// The requirements and recommendation of an engagement, when its sizing form is valid.
pub fn sizing_of(engagement: &Engagement) -> Option<(Requirements, Recommendation)> {
    let req = Requirements::try_from(&engagement.sizing).ok()?;
    let rec = recommend(&req);
    Some((req, rec))
}

/// The larger of current and projected users, when the sizing form is valid.
pub fn peak_users(engagement: &Engagement) -> Option<u64> {
    // The projection alone: the home list derives this for every engagement, and the full
    // recommendation (with its reasons) is not needed for it.
    let req = Requirements::try_from(&engagement.sizing).ok()?;
    Some(
        req.current_users
            .max(project(req.current_users, req.growth).0),
    )
}

/// The users a decision was made at, today's and the projection each named: "6,500 users
/// today, 7,800 projected" (or "a target of 7,800"), or "6,500 users" when no growth raises
/// them. The log and the risks both say it this way.
pub fn users_text(engagement: &Engagement) -> Option<String> {
    let req = Requirements::try_from(&engagement.sizing).ok()?;
    let today = format_number(req.current_users as f64);
    let (projected, _) = project(req.current_users, req.growth);
    Some(if projected <= req.current_users {
        format!("{today} users")
    } else if matches!(req.growth, crate::domain::sizing::Growth::Target { .. }) {
        format!(
            "{today} users today, a target of {}",
            format_number(projected as f64)
        )
    } else {
        format!(
            "{today} users today, {} projected",
            format_number(projected as f64)
        )
    })
}

/// False when the sizing form reads but gives neither a growth rate nor a target.
fn growth_given(engagement: &Engagement) -> bool {
    Requirements::try_from(&engagement.sizing)
        .is_ok_and(|req| req.growth != crate::domain::sizing::Growth::NotGiven)
}

/// What the sizing form still lacks for the requirements to be complete, as an instruction
/// naming the field: "enter the planning horizon (months)".
pub fn requirements_gap(engagement: &Engagement) -> String {
    let s = &engagement.sizing;
    let issues = Requirements::try_from(s).err().unwrap_or_default();
    if let Some(issue) = issues.first() {
        return match issue.error {
            crate::domain::sizing::FieldError::Missing => {
                format!("enter “{}”", issue.field.label())
            }
            _ => format!("correct “{}”", issue.field.label()),
        };
    }
    "complete the sizing form".into()
}

/// Requirements are complete once the form reads: today's users are enough. Growth is
/// optional; without it the sizing is on today's users and says so.
fn requirements_complete(engagement: &Engagement) -> bool {
    Requirements::try_from(&engagement.sizing).is_ok()
}

/// Support's feedback as it stands for the current plan: a plan revised since the feedback
/// is back to pending review.
pub fn effective_feedback(c: &Coordination) -> Feedback {
    if c.plan_revision > c.review.feedback_on_revision {
        Feedback::Pending
    } else {
        c.review.feedback
    }
}

/// True when Support approved the plan and the sizing has changed since.
pub fn review_out_of_date(engagement: &Engagement) -> bool {
    let c = &engagement.coordination;
    effective_feedback(c) == Feedback::Approved
        && c.review.approved_sizing.as_ref() != Some(&engagement.sizing)
}

/// When the migration is recorded (scheduled, under way, done or rolled back) while Support has
/// not approved the current plan: the sentence that says so.
pub fn migration_without_approval(engagement: &Engagement) -> Option<String> {
    let c = &engagement.coordination;
    let feedback = effective_feedback(c);
    let approved = feedback == Feedback::Approved && !review_out_of_date(engagement);
    (c.migration.status != MigrationStatus::NotScheduled && !approved).then(|| {
        format!(
            "The migration goes ahead without Support's approval of the current plan (Support's feedback: {}). Their review is feedback, not a gate: make sure the customer has seen it.",
            if review_out_of_date(engagement) {
                "out of date".to_string()
            } else {
                feedback.label().to_lowercase()
            }
        )
    })
}

/// True while GitLab Support is the customer's primary contact: during a migration done without
/// Professional Services (scheduled or under way), if problems arise.
pub fn support_is_primary_contact(c: &Coordination) -> bool {
    c.ps_decision == PsDecision::Declined
        && matches!(
            c.migration.status,
            MigrationStatus::Scheduled | MigrationStatus::InProgress
        )
}

/// Who writes the plan, once the customer has decided.
pub fn plan_author(c: &Coordination) -> Option<PlanAuthor> {
    match c.ps_decision {
        PsDecision::Engaged => Some(PlanAuthor::ProfessionalServices),
        PsDecision::Declined => Some(PlanAuthor::Customer),
        PsDecision::Undecided => None,
    }
}

fn stage_complete(engagement: &Engagement, stage: Stage) -> bool {
    let c = &engagement.coordination;
    match stage {
        Stage::Requirements => requirements_complete(engagement),
        Stage::ProfessionalServices => c.ps_decision != PsDecision::Undecided,
        Stage::Plan => c.plan.is_some(),
        // Support's review is feedback, not a gate: the stage is behind the engagement once
        // Support approved the current plan, or once the migration went ahead without it.
        Stage::SupportReview => {
            (effective_feedback(c) == Feedback::Approved && !review_out_of_date(engagement))
                || (c.review.shared_on.is_some()
                    && c.migration.status != MigrationStatus::NotScheduled)
        }
        Stage::Migration => c.migration.status == MigrationStatus::Done,
        Stage::Done => true,
    }
}

/// The stage the engagement is at: the first one not complete.
pub fn stage(engagement: &Engagement) -> Stage {
    Stage::ALL
        .into_iter()
        .find(|s| !stage_complete(engagement, *s))
        .unwrap_or(Stage::Done)
}

/// The date three calendar months after `date` (the last day of the month when it is shorter).
pub fn add_months(date: Date, months: u32) -> Date {
    let index = date.year() * 12 + i32::from(u8::from(date.month())) - 1 + months as i32;
    let (year, month) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
    let month = Month::try_from(month).unwrap_or(Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

/// A guardrail of the process: a condition the TAM is warned about while it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Guardrail {
    /// 5,000 users or more, and the desired completion less than three months away.
    ShortTimeline,
    /// The maintenance window starts inside Support's notice, or ends before it starts.
    WindowLeadTime,
    /// The target version is the current one, or below it.
    SameVersion,
    /// A planned architecture other than the recommended one is recorded.
    Deviation,
    /// The migration went ahead without Support's approval of the current plan.
    MigrationWithoutApproval,
    /// The sizing changed after Support approved the plan.
    ReviewOutOfDate,
}

impl Guardrail {
    pub const ALL: [Guardrail; 6] = [
        Guardrail::ShortTimeline,
        Guardrail::WindowLeadTime,
        Guardrail::SameVersion,
        Guardrail::Deviation,
        Guardrail::MigrationWithoutApproval,
        Guardrail::ReviewOutOfDate,
    ];

    /// Its stable name, on the page (`data-rule`) and in tests.
    pub fn id(self) -> &'static str {
        match self {
            Self::ShortTimeline => "short-timeline",
            Self::WindowLeadTime => "window-lead-time",
            Self::SameVersion => "same-version",
            Self::Deviation => "deviation",
            Self::MigrationWithoutApproval => "migration-without-approval",
            Self::ReviewOutOfDate => "review-out-of-date",
        }
    }

    /// What it holds the process to, in one line.
    pub fn line(self) -> &'static str {
        match self {
            Self::ShortTimeline => "A move of 5,000 users or more needs at least three months to plan and carry out.",
            Self::WindowLeadTime => "Support needs its notice before the window, and the window must end after it starts.",
            Self::SameVersion => "The target version is above the current one.",
            Self::Deviation => "A deviation from the recommended architecture is recorded with its reasons and results for Support.",
            Self::MigrationWithoutApproval => "The migration waits for Support's approval of the current plan.",
            Self::ReviewOutOfDate => "Support's approval holds only for the sizing it approved.",
        }
    }

    /// True when "Risks for this window" already says it: the other lists leave it out.
    pub fn among_risks(self) -> bool {
        matches!(self, Self::SameVersion | Self::WindowLeadTime)
    }
}

/// A guardrail that applies now, with its reason.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Warning {
    pub rule: Guardrail,
    pub text: String,
}

/// Where an engagement stands: derived, never stored.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Status {
    pub stage: Stage,
    pub next_action: String,
    /// Where the next action is done, for the page to link to; none when nothing is left.
    pub action_at: Option<ActionAt>,
    pub warnings: Vec<Warning>,
    /// Current or projected users at 5,000 or more.
    pub large_upgrade: bool,
    pub peak_users: Option<u64>,
}

/// The field (or control) a next action is done at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActionAt {
    CurrentUsers,
    PsRecommendedOn,
    PsDecision,
    HandOver,
    PlanLink,
    /// The list of what Support will ask for that is still missing.
    Missing,
    Share,
    SupportFeedback,
    MigrationStart,
    MigrationStatus,
}

/// Derives the stage, the next action and the warnings of an engagement on `today`.
pub fn status(engagement: &Engagement, today: Date) -> Status {
    let c = &engagement.coordination;
    let stage = stage(engagement);
    let peak_users = peak_users(engagement);
    let large_upgrade = peak_users.is_some_and(|u| u >= LARGE_UPGRADE_USERS);
    let mut warnings = Vec::new();
    if let (true, Some(due)) = (large_upgrade, c.desired_completion) {
        if due < add_months(today, 3) && c.migration.status != MigrationStatus::Done {
            warnings.push(Warning {
                rule: Guardrail::ShortTimeline,
                text: format!(
                    "Desired completion on {due} is less than three months away; migrations of \
                     5,000 users or more often take at least three months to plan and carry out."
                ),
            });
        }
    }
    // True of the engagement's state: no lead-time warning once Support has answered or the
    // migration has gone ahead, none about a window that has passed.
    let awaiting_review = effective_feedback(c) == Feedback::Pending
        && matches!(
            c.migration.status,
            MigrationStatus::NotScheduled | MigrationStatus::Scheduled
        );
    let i = &c.intake;
    let window_ahead = i.window_start.is_some_and(|w| w.date() >= today);
    let reversed = matches!((i.window_start, i.window_end), (Some(s), Some(e)) if e <= s);
    for (rule, text) in [
        (
            Guardrail::WindowLeadTime,
            intake::window_warning(&c.intake, today)
                .filter(|_| reversed || awaiting_review && window_ahead),
        ),
        (Guardrail::SameVersion, intake::version_warning(engagement)),
    ] {
        if let Some(text) = text {
            if c.migration.status != MigrationStatus::Done {
                warnings.push(Warning { rule, text });
            }
        }
    }
    // Only a recorded deviation costs a recommendation here: the home list derives the status of
    // every engagement.
    if c.migration.status != MigrationStatus::Done && c.intake.deviation.recorded() {
        let rec = sizing_of(engagement).map(|(_, rec)| rec);
        if let Some(text) = intake::deviation_line(&c.intake.deviation, rec.as_ref()) {
            warnings.push(Warning {
                rule: Guardrail::Deviation,
                text,
            });
        }
    }
    if let Some(text) = migration_without_approval(engagement) {
        warnings.push(Warning {
            rule: Guardrail::MigrationWithoutApproval,
            text,
        });
    }
    if review_out_of_date(engagement) {
        warnings.push(Warning {
            rule: Guardrail::ReviewOutOfDate,
            text: "The sizing changed after Support approved the plan: the review is out of date."
                .into(),
        });
    }
    let (next_action, action_at) = next_action(engagement, stage, large_upgrade);
    Status {
        stage,
        next_action,
        action_at,
        warnings,
        large_upgrade,
        peak_users,
    }
}

/// What the TAM does next, and where on the page it is done.
fn next_action(
    engagement: &Engagement,
    stage: Stage,
    large_upgrade: bool,
) -> (String, Option<ActionAt>) {
    let c = &engagement.coordination;
    let (text, at): (String, ActionAt) = match stage {
        Stage::Requirements => ("Enter the current users in the sizing form, with the expected growth (or a target user count) when it is known.".into(), ActionAt::CurrentUsers),
        Stage::ProfessionalServices if c.ps_recommended_on.is_none() => {
            let text = if large_upgrade {
                "Recommend Professional Services (Dedicated Implementation Services) to the customer: highly recommended at 5,000 users or more."
            } else {
                "Recommend Professional Services (Dedicated Implementation Services) to the customer."
            };
            (text.into(), ActionAt::PsRecommendedOn)
        }
        Stage::ProfessionalServices => ("Record the customer's decision on Professional Services.".into(), ActionAt::PsDecision),
        Stage::Plan => match c.ps_decision {
            PsDecision::Declined if c.handed_over.is_empty() => ("Hand the reference-architecture documents over to the customer, who writes the plan.".into(), ActionAt::HandOver),
            PsDecision::Declined => ("Record the customer's upgrade plan once they have written it.".into(), ActionAt::PlanLink),
            _ => ("Record Professional Services' upgrade plan once it is ready.".into(), ActionAt::PlanLink),
        },
        Stage::SupportReview => {
            if review_out_of_date(engagement) {
                ("The sizing changed after Support's approval: share the updated plan with Support again.".into(), ActionAt::Share)
            } else if c.review.shared_on.is_none() {
                match intake::missing(engagement).len() {
                    0 => ("Share the plan with Support for review.".into(), ActionAt::Share),
                    n => (format!(
                        "Collect what Support will ask for ({} missing, listed under “Missing for Support review”), then share the plan with Support for review.",
                        missing_count(n)
                    ), ActionAt::Missing),
                }
            } else {
                match effective_feedback(c) {
                    Feedback::ChangesRequested => ("Support requested changes: have the plan revised, then record the revised plan.".into(), ActionAt::PlanLink),
                    _ if c.plan_revision > 1 && c.review.feedback_on_revision < c.plan_revision => ("Send the revised plan to Support and record their feedback.".into(), ActionAt::SupportFeedback),
                    _ => ("Wait for Support's feedback on the plan and record it.".into(), ActionAt::SupportFeedback),
                }
            }
        }
        Stage::Migration => match c.migration.status {
            MigrationStatus::NotScheduled => ("Agree the migration window with the customer.".into(), ActionAt::MigrationStart),
            MigrationStatus::Scheduled => (match c.migration.start {
                Some(start) => format!("Prepare for the migration starting on {start}."),
                None => "Prepare for the scheduled migration.".into(),
            }, ActionAt::MigrationStatus),
            MigrationStatus::InProgress => ("Follow the migration and record when it is done.".into(), ActionAt::MigrationStatus),
            MigrationStatus::RolledBack => ("The migration was rolled back: agree a new window with the customer.".into(), ActionAt::MigrationStart),
            MigrationStatus::Done => ("Record the migration as done.".into(), ActionAt::MigrationStatus),
        },
        Stage::Done => return ("Nothing left to do: the migration is done.".into(), None),
    };
    (text, Some(at))
}

/// What the customer still owes Support's review (only they can answer it): nothing once
/// Support approved the plan or the migration is under way.
pub fn customer_owes(engagement: &Engagement, stage: Stage) -> Vec<intake::Missing> {
    let c = &engagement.coordination;
    let approved = effective_feedback(c) == Feedback::Approved && !review_out_of_date(engagement);
    // From the plan on: before it, the customer's step is the decision or the requirements.
    if !matches!(stage, Stage::Plan | Stage::SupportReview) || approved {
        return vec![];
    }
    intake::missing_from_customer(engagement)
}

/// The next step told to the customer, who reads the plan through a share link: what happens
/// next and who does it, where [`Status::next_action`] tells the TAM what to do.
pub fn customer_next_step(engagement: &Engagement, status: &Status) -> String {
    let c = &engagement.coordination;
    let theirs = customer_owes(engagement, status.stage);
    if !theirs.is_empty() {
        let n = theirs.len();
        return format!(
            "GitLab Support needs {} from you before the review: {}. Fill them in under “Your part”.",
            if n == 1 { "1 answer".to_string() } else { format!("{n} answers") },
            theirs.iter().map(|m| m.for_customer(engagement)).collect::<Vec<_>>().join("; ")
        );
    }
    let author = plan_author(c);
    match status.stage {
        Stage::Requirements => "Your Technical Account Manager is gathering the requirements: how many users you have today and how much growth you expect.".into(),
        Stage::ProfessionalServices if c.ps_recommended_on.is_none() => {
            if status.large_upgrade {
                "Your Technical Account Manager will propose Professional Services (Dedicated Implementation Services) to plan and carry out the migration: highly recommended at 5,000 users or more.".into()
            } else {
                "Your Technical Account Manager will propose Professional Services (Dedicated Implementation Services) to plan and carry out the migration.".into()
            }
        }
        Stage::ProfessionalServices => "Decide whether Professional Services (Dedicated Implementation Services) should plan and carry out the migration, and tell your Technical Account Manager.".into(),
        Stage::Plan => match author {
            Some(PlanAuthor::Customer) if c.handed_over.is_empty() => "Your Technical Account Manager will send you GitLab's reference-architecture documents, from which you write the upgrade plan.".into(),
            Some(PlanAuthor::Customer) => "Write the upgrade plan from the reference-architecture documents and send it to your Technical Account Manager.".into(),
            _ => "Professional Services are writing the upgrade plan.".into(),
        },
        Stage::SupportReview => {
            if review_out_of_date(engagement) {
                "The sizing changed after GitLab Support approved the plan: your Technical Account Manager will share the updated plan with Support again.".into()
            } else if c.review.shared_on.is_none() {
                "Your Technical Account Manager will share the plan with GitLab Support for review.".into()
            } else if effective_feedback(c) == Feedback::ChangesRequested {
                match author {
                    Some(PlanAuthor::Customer) => "GitLab Support asked for changes: revise the plan and send it to your Technical Account Manager.".into(),
                    _ => "GitLab Support asked for changes: Professional Services are revising the plan.".into(),
                }
            } else {
                "GitLab Support is reviewing the plan.".into()
            }
        }
        Stage::Migration => match c.migration.status {
            MigrationStatus::NotScheduled | MigrationStatus::Done => "Agree the migration window with your Technical Account Manager.".into(),
            MigrationStatus::Scheduled => match c.migration.start {
                Some(start) => format!("The migration is scheduled to start on {start}."),
                None => "The migration is scheduled.".into(),
            },
            MigrationStatus::InProgress => "The migration is under way.".into(),
            MigrationStatus::RolledBack => "The migration was rolled back: agree a new window with your Technical Account Manager.".into(),
        },
        Stage::Done => "Nothing left to do: the migration is done.".into(),
    }
}

/// A change the TAM makes to the coordination.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetMoveReasons(MoveReasons),
    SetCurrentEnvironment(String),
    SetGitlabVersion(String),
    SetDesiredCompletion(Option<Date>),
    RecommendPs(Option<Date>),
    /// `confirmed` answers the question asked when declining at 5,000 users or more.
    DecidePs {
        decision: PsDecision,
        on: Date,
        confirmed: bool,
    },
    HandOver {
        url: String,
        title: String,
        on: Option<Date>,
    },
    AddConsultation(Consultation),
    RemoveConsultation(usize),
    RecordPlan(PlanRecord),
    /// `confirmed` answers the question asked when sharing while Support's intake is incomplete.
    ShareWithSupport {
        on: Option<Date>,
        ticket: String,
        confirmed: bool,
    },
    /// What Support asks for beyond the plan.
    SetIntake(Box<Intake>),
    /// Answers from the customer's reply, accepted by the TAM: the intake they give, and the
    /// log line naming them and their source.
    AcceptAnswers(Box<Intake>, String),
    /// An answer from the customer's reply, declined by the TAM: the log line naming it; the
    /// recorded value stays.
    DeclineAnswer(String),
    SetFeedback {
        feedback: Feedback,
        notes: String,
    },
    SetMigration(Migration),
}

/// Why an action was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// An earlier stage must be completed first.
    Blocked { needs: Stage, message: String },
    /// The TAM must confirm first (declining Professional Services at 5,000 users or more).
    NeedsConfirmation(String),
    /// The values are not acceptable.
    Invalid(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Blocked { message, .. }
            | Refusal::NeedsConfirmation(message)
            | Refusal::Invalid(message) => f.write_str(message),
        }
    }
}

/// Which earlier stage an action needs, if it is not complete: the first one missing. The
/// migration needs the plan shared with Support, not Support's approval.
pub fn missing_for(engagement: &Engagement, stage: Stage) -> Option<Refusal> {
    let shared = engagement.coordination.review.shared_on.is_some();
    let needed = Stage::ALL
        .into_iter()
        .take_while(|s| *s < stage)
        .find(|s| {
            if *s == Stage::SupportReview && stage == Stage::Migration {
                !shared
            } else {
                !stage_complete(engagement, *s)
            }
        })?;
    let message = match needed {
        Stage::Requirements => return Some(Refusal::Blocked {
            needs: needed,
            message: format!(
                "Complete the requirements first: {} in the sizing form.",
                requirements_gap(engagement)
            ),
        }),
        Stage::ProfessionalServices => "Record the customer's decision on Professional Services first.",
        Stage::Plan => "Record the upgrade plan first.",
        Stage::SupportReview => "Share the plan with Support first: their review is feedback, and it comes before the migration.",
        Stage::Migration | Stage::Done => "Complete the migration first.",
    };
    Some(Refusal::Blocked {
        needs: needed,
        message: message.into(),
    })
}

/// The stage whose earlier stages an action needs complete.
fn stage_of(action: &Action) -> Stage {
    match action {
        Action::SetMoveReasons(_)
        | Action::SetCurrentEnvironment(_)
        | Action::SetGitlabVersion(_)
        | Action::SetDesiredCompletion(_)
        | Action::SetIntake(_)
        | Action::AcceptAnswers(..)
        | Action::DeclineAnswer(_) => Stage::Requirements,
        Action::RecommendPs(_) | Action::DecidePs { .. } => Stage::ProfessionalServices,
        Action::HandOver { .. }
        | Action::AddConsultation(_)
        | Action::RemoveConsultation(_)
        | Action::RecordPlan(_) => Stage::Plan,
        Action::ShareWithSupport { .. } | Action::SetFeedback { .. } => Stage::SupportReview,
        Action::SetMigration(_) => Stage::Migration,
    }
}

/// Applies an action at `now`, logging decisions and stage changes; refuses it, changing
/// nothing, when an earlier stage is missing, a confirmation is needed, or a value is invalid.
pub fn apply(
    engagement: &mut Engagement,
    action: Action,
    now: OffsetDateTime,
) -> Result<(), Refusal> {
    if let Some(refusal) = missing_for(engagement, stage_of(&action)) {
        return Err(refusal);
    }
    let mut next = engagement.coordination.clone();
    // The day the event happened, when the action carries one.
    let day = match &action {
        Action::RecommendPs(on)
        | Action::HandOver { on, .. }
        | Action::ShareWithSupport { on, .. } => *on,
        Action::DecidePs { on, .. } => Some(*on),
        Action::RecordPlan(plan) => Some(plan.date),
        // A migration done happened on its last day; scheduling one happens now, not on its start.
        Action::SetMigration(m) if m.status == MigrationStatus::Done => m.end.or(m.start),
        _ => None,
    };
    // A hand-off this action makes: the engagement as Support sees it is kept once applied.
    let hand_off = match &action {
        Action::ShareWithSupport { on, .. }
            if on.is_some() && *on != engagement.coordination.review.shared_on =>
        {
            Some(HandOff::SharedWithSupport)
        }
        Action::RecordPlan(_) => Some(HandOff::PlanRecorded),
        Action::SetMigration(m)
            if m.status == MigrationStatus::Scheduled
                && engagement.coordination.migration.status != MigrationStatus::Scheduled =>
        {
            Some(HandOff::MigrationScheduled)
        }
        _ => None,
    };
    let decision = match action {
        Action::SetMoveReasons(r) => {
            next.move_reasons = r;
            None
        }
        Action::SetCurrentEnvironment(t) => {
            next.current_environment = t;
            None
        }
        Action::SetGitlabVersion(t) => {
            next.gitlab_version = t;
            None
        }
        Action::SetDesiredCompletion(d) => {
            next.desired_completion = d;
            None
        }
        Action::RecommendPs(on) => {
            next.ps_recommended_on = on;
            on.map(|d| format!("Professional Services recommended to the customer on {d}."))
        }
        Action::DecidePs {
            decision,
            on,
            confirmed,
        } => {
            if decision == next.ps_decision {
                next.ps_decided_on = Some(on);
                None
            } else {
                let users = peak_users(engagement);
                let large = users.is_some_and(|u| u >= LARGE_UPGRADE_USERS);
                if decision == PsDecision::Declined && large && !confirmed {
                    return Err(Refusal::NeedsConfirmation(format!(
                        "At {}, Professional Services are highly recommended: they make sure \
                         the plan is sufficient and the migration interrupts as little as possible. \
                         Record that the customer declined anyway?",
                        users_text(engagement).unwrap_or_default()
                    )));
                }
                next.ps_decision = decision;
                next.ps_decided_on = (decision != PsDecision::Undecided).then_some(on);
                Some(match decision {
                    PsDecision::Engaged => "The customer engaged Professional Services; they write the plan.".to_string(),
                    PsDecision::Declined if large => format!(
                        "The customer declined Professional Services at {} (confirmed by the TAM); the customer writes the plan.",
                        users_text(engagement).unwrap_or_default()
                    ),
                    PsDecision::Declined => "The customer declined Professional Services; the customer writes the plan.".to_string(),
                    PsDecision::Undecided => "The Professional Services decision was reset to undecided.".to_string(),
                })
            }
        }
        Action::HandOver { url, title, on } => match on {
            Some(date) => {
                let new = next.handed_over.insert(url, date).is_none();
                new.then(|| format!("Handed over to the customer: {title}."))
            }
            None => next
                .handed_over
                .remove(&url)
                .map(|_| format!("No longer marked as handed over: {title}.")),
        },
        Action::AddConsultation(consultation) => {
            if consultation.question.trim().is_empty() {
                return Err(Refusal::Invalid("Enter the question asked.".into()));
            }
            let text = format!(
                "{CONSULTED}{}: {}",
                consultation.team.label(),
                consultation.question.trim()
            );
            next.consultations.push(consultation);
            Some(text)
        }
        Action::RemoveConsultation(index) => {
            if index < next.consultations.len() {
                next.consultations.remove(index);
            }
            None
        }
        Action::RecordPlan(plan) => {
            if plan.link.trim().is_empty() && plan.summary.trim().is_empty() {
                return Err(Refusal::Invalid(
                    "Give the plan's link or a summary of it.".into(),
                ));
            }
            let author = plan_author(&next)
                .map(PlanAuthor::label)
                .unwrap_or("Unknown");
            let revised = next.plan.is_some();
            next.plan = Some(plan);
            next.plan_revision = next.plan_revision.saturating_add(1);
            Some(if revised {
                format!(
                    "Revised plan recorded (revision {}); it goes back to Support review.",
                    next.plan_revision
                )
            } else {
                format!(
                    "Upgrade plan recorded; written by {}.",
                    author.to_lowercase_first()
                )
            })
        }
        Action::ShareWithSupport {
            on,
            ticket,
            confirmed,
        } => {
            let first = next.review.shared_on.is_none() && on.is_some();
            let missing = intake::missing(engagement);
            if let Some(still) = missing_sentence(engagement).filter(|_| first && !confirmed) {
                return Err(Refusal::NeedsConfirmation(format!(
                    "{still} Share the plan with Support anyway?"
                )));
            }
            next.review.shared_on = on;
            next.review.ticket = ticket;
            first.then(|| match missing.len() {
                0 => "Plan shared with Support for review.".to_string(),
                _ => format!(
                    "Plan shared with Support for review, with {} still missing: {}.",
                    missing_count(missing.len()),
                    missing_list(engagement, &missing)
                ),
            })
        }
        Action::SetIntake(intake) => {
            next.intake = *intake;
            None
        }
        Action::AcceptAnswers(intake, line) => {
            next.intake = *intake;
            Some(line)
        }
        Action::DeclineAnswer(line) => Some(line),
        Action::SetFeedback { feedback, notes } => {
            if next.review.shared_on.is_none() {
                return Err(Refusal::Invalid(
                    "Record when the plan was shared with Support first.".into(),
                ));
            }
            let changed = feedback != effective_feedback(&next);
            next.review.feedback = feedback;
            next.review.feedback_on_revision = next.plan_revision;
            next.review.notes = notes;
            next.review.approved_sizing =
                (feedback == Feedback::Approved).then(|| engagement.sizing.clone());
            changed.then(|| format!("Support feedback: {}.", feedback.label().to_lowercase()))
        }
        Action::SetMigration(migration) => {
            if let (Some(start), Some(end)) = (migration.start, migration.end) {
                if end < start {
                    return Err(Refusal::Invalid(
                        "The migration window ends before it starts.".into(),
                    ));
                }
            }
            let changed = migration.status != next.migration.status;
            let feedback = effective_feedback(&next);
            let unapproved = feedback != Feedback::Approved || review_out_of_date(engagement);
            let going_ahead = next.migration.status == MigrationStatus::NotScheduled
                && migration.status != MigrationStatus::NotScheduled;
            let text = if going_ahead && unapproved {
                format!(
                    "Migration status: {}, without Support's approval of the current plan (Support's feedback: {}).",
                    migration.status.label().to_lowercase(),
                    feedback.label().to_lowercase()
                )
            } else {
                format!(
                    "Migration status: {}.",
                    migration.status.label().to_lowercase()
                )
            };
            next.migration = migration;
            changed.then_some(text)
        }
    };
    // A link field set to anything but a web address is refused, naming the field, whichever
    // action set it (typed, or accepted from the customer's reply).
    fields::check_changed_links(&engagement.coordination, &next)
        .map_err(|e| Refusal::Invalid(format!("{e}.")))?;
    engagement.change_on(now, day, |e| {
        e.coordination = next;
        decision
    });
    if let Some(kind) = hand_off {
        let content = engagement.snapshot_content(Engagement::clone);
        engagement.keep_snapshot(kind, content, now);
    }
    Ok(())
}

/// "1 item" / "3 items".
/// What Support will still ask for, in one sentence ("Support will still ask for 2 items: …."),
/// or `None` when Support's intake is complete.
pub fn missing_sentence(engagement: &Engagement) -> Option<String> {
    let missing = intake::missing(engagement);
    (!missing.is_empty()).then(|| {
        format!(
            "Support will still ask for {}: {}.",
            missing_count(missing.len()),
            missing_list(engagement, &missing)
        )
    })
}

fn missing_count(n: usize) -> String {
    if n == 1 {
        "1 item".into()
    } else {
        format!("{n} items")
    }
}

/// The missing items in one line, each lower-cased after the first word.
fn missing_list(engagement: &Engagement, missing: &[intake::Missing]) -> String {
    missing
        .iter()
        .map(|m| {
            let text = m.wording(engagement);
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => text,
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for str {
    /// "The customer" → "the customer"; "Professional Services" stays as it is.
    fn to_lowercase_first(&self) -> String {
        match self.strip_prefix("The ") {
            Some(rest) => format!("the {rest}"),
            None => self.to_string(),
        }
    }
}

/// A finished stage in one line: its outcome, as the engagement page shows it collapsed.
pub fn stage_outcome(engagement: &Engagement, stage: Stage) -> String {
    let c = &engagement.coordination;
    let on = |d: Option<Date>| d.map(|d| format!(" on {d}")).unwrap_or_default();
    match stage {
        Stage::Requirements => match peak_users(engagement) {
            Some(users) => format!(
                "{} {} users{}.",
                if growth_given(engagement) {
                    "Sized for"
                } else {
                    "No growth was given: sized on today's"
                },
                crate::domain::sizing::format_number(users as f64),
                c.desired_completion
                    .map(|d| format!("; desired completion {d}"))
                    .unwrap_or_default()
            ),
            None => "Requirements recorded.".into(),
        },
        Stage::ProfessionalServices => {
            format!("{}{}.", c.ps_decision.label(), on(c.ps_decided_on))
        }
        Stage::Plan => match (&c.plan, plan_author(c)) {
            (Some(plan), author) => format!(
                "Plan recorded on {} (revision {}){}.",
                plan.date,
                c.plan_revision,
                author
                    .map(|a| format!(", written by {}", a.label().to_lowercase()))
                    .unwrap_or_default()
            ),
            (None, _) => "Plan recorded.".into(),
        },
        Stage::SupportReview => format!(
            "Shared with Support{}; feedback: {}.",
            on(c.review.shared_on),
            effective_feedback(c).label().to_lowercase()
        ),
        Stage::Migration | Stage::Done => {
            format!("Migration: {}.", c.migration.status.label().to_lowercase())
        }
    }
}
