//! What Support is asked to do, decided once: the request (a plan review, and upgrade assistance
//! only when there is an upgrade), the date feedback is needed by, the contact during the
//! window, and what the feedback decides. The packet opens with it and the customer's ticket step
//! in the runbook asks for it, so the two cannot ask for different things.

use time::{Date, Duration};

use crate::domain::documents::blocks::{Block, Inline};
use crate::domain::documents::cutover::{self, REHEARSAL_LEAD_DAYS};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::REVIEW_LEAD_DAYS;
use crate::domain::process::upgrade::{self, PathError};
use crate::domain::process::workflow::{effective_feedback, Feedback, PsDecision};

/// The upgrade that goes with the move, as far as the recorded versions tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Upgrade {
    /// The target is the current version: nothing for Upgrade Assistance.
    None,
    /// An upgrade the app can read, from one version to the other.
    Planned { from: String, to: String },
    /// Both versions typed and different, one of them unreadable: the upgrade as typed.
    AsTyped { from: String, to: String },
    /// The target is older than the current version: GitLab does not downgrade.
    Downgrade { from: String, to: String },
    /// A version is missing, or both are the same unreadable text.
    Unknown,
}

impl Upgrade {
    fn of(e: &Engagement) -> Self {
        let current = e.coordination.gitlab_version.trim();
        let target = e.coordination.intake.target_version.trim();
        match upgrade::path(current, target) {
            Ok(path) if path.is_empty() => Self::None,
            Ok(path) => Self::Planned {
                from: path.current.to_string(),
                to: path.target.to_string(),
            },
            Err(PathError::Downgrade { current, target }) => Self::Downgrade {
                from: current.to_string(),
                to: target.to_string(),
            },
            Err(PathError::Unreadable(_)) if current != target => Self::AsTyped {
                from: current.to_string(),
                to: target.to_string(),
            },
            Err(_) => Self::Unknown,
        }
    }

    /// The versions as sentences show them, when an upgrade is asked for: text the app could
    /// not read stays in quotes, so it is not taken for a version it checked.
    fn asked(&self) -> Option<(String, String)> {
        match self {
            Self::Planned { from, to } => Some((from.clone(), to.clone())),
            Self::AsTyped { from, to } => Some((format!("“{from}”"), format!("“{to}”"))),
            _ => None,
        }
    }
}

/// How the date was counted back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountedFrom {
    /// The maintenance window's first day.
    Window(Date),
    /// The desired completion, while no window is set.
    DesiredCompletion(Date),
}

/// The milestone the feedback must come before.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Before {
    /// The rehearsal on the date the customer recorded.
    RecordedRehearsal,
    /// The rehearsal's latest date, `REHEARSAL_LEAD_DAYS` before the window.
    LatestRehearsal,
    /// The go/no-go, the rehearsal being already behind (on this date).
    GoNoGo { rehearsed_on: Option<Date> },
    /// The window itself, the go/no-go's day having passed.
    Window,
}

/// The date Support's feedback is needed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackBy {
    /// Neither a window nor a desired completion is set: nothing to count back from.
    NotSet,
    /// Every date counted back, the window's included, has passed.
    Passed(CountedFrom),
    By {
        date: Date,
        before: Before,
        from: CountedFrom,
        /// Days Support has from the sharing (or today, while not shared), when fewer than the
        /// review lead time and the feedback is still pending.
        short: Option<i64>,
    },
}

impl FeedbackBy {
    /// The date, when there is one.
    pub fn date(self) -> Option<Date> {
        match self {
            Self::By { date, .. } => Some(date),
            _ => None,
        }
    }
}

/// Who answers first if problems arise during the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Primary {
    /// Professional Services were declined: GitLab Support, through the normal support process.
    Support,
    /// Professional Services were engaged for the move.
    ProfessionalServices,
    /// Professional Services are not decided yet.
    Undecided,
}

/// What Support is asked to do for one engagement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupportRequest {
    pub upgrade: Upgrade,
    pub feedback_by: FeedbackBy,
    /// The customer's contact for the window, trimmed; empty when not recorded.
    pub contact_name: String,
    pub contact_email: String,
    pub primary: Primary,
    /// Whether the rehearsal is still ahead (or its date not recorded): what the feedback
    /// changes comes before it. Read only while no date can be counted.
    pub rehearsal_ahead: bool,
}

/// What Support is asked to do, as it stands on `today`.
pub fn support_request(e: &Engagement, today: Date) -> SupportRequest {
    let c = &e.coordination;
    let i = &c.intake;
    SupportRequest {
        upgrade: Upgrade::of(e),
        feedback_by: feedback_by(e, today),
        contact_name: i.contact_name.trim().to_string(),
        contact_email: i.contact_email.trim().to_string(),
        primary: match c.ps_decision {
            PsDecision::Declined => Primary::Support,
            PsDecision::Engaged => Primary::ProfessionalServices,
            PsDecision::Undecided => Primary::Undecided,
        },
        rehearsal_ahead: i.rehearsal_on.is_none_or(|on| on >= today),
    }
}

/// The date from the timeline's milestones: Support's review ends before the rehearsal (so what
/// it changes can be rehearsed); once the rehearsal is behind, before the go/no-go; once that
/// has passed, before the window.
fn feedback_by(e: &Engagement, today: Date) -> FeedbackBy {
    let c = &e.coordination;
    let from = match (c.intake.window_start, c.desired_completion) {
        (Some(start), _) => CountedFrom::Window(start.date()),
        (None, Some(due)) => CountedFrom::DesiredCompletion(due),
        (None, None) => return FeedbackBy::NotSet,
    };
    let timeline = cutover::timeline(e, today);
    let on = |key: &str| timeline.iter().find(|m| m.key == key).and_then(|m| m.date);
    let anchor = match from {
        CountedFrom::Window(d) | CountedFrom::DesiredCompletion(d) => d,
    };
    let go_no_go = on("go-no-go");
    let rehearsal = on("rehearsal");
    let recorded = c.intake.rehearsal_on;
    let mut candidates: Vec<(Date, Before)> = Vec::new();
    if let Some(date) = rehearsal {
        // A rehearsal recorded after the go/no-go is out of order (the timeline says so): the
        // go/no-go is then the date that matters.
        if go_no_go.is_none_or(|g| date <= g) {
            let before = if recorded == Some(date) {
                Before::RecordedRehearsal
            } else {
                Before::LatestRehearsal
            };
            candidates.push((date, before));
        }
    }
    if let Some(date) = go_no_go {
        candidates.push((
            date,
            Before::GoNoGo {
                rehearsed_on: recorded.filter(|r| *r < today),
            },
        ));
    }
    candidates.push((anchor, Before::Window));
    match candidates.into_iter().find(|(date, _)| *date >= today) {
        None => FeedbackBy::Passed(from),
        Some((date, before)) => {
            let pending = effective_feedback(c) == Feedback::Pending;
            let start = c.review.shared_on.unwrap_or(today);
            let days = (date - start).whole_days();
            FeedbackBy::By {
                date,
                before,
                from,
                short: (pending && days < REVIEW_LEAD_DAYS).then_some(days.max(0)),
            }
        }
    }
}

fn days(n: i64) -> String {
    match n {
        1 => "1 day".into(),
        n => format!("{n} days"),
    }
}

impl SupportRequest {
    /// The request: a plan review, and upgrade assistance when there is an upgrade.
    pub fn request_text(&self) -> String {
        let review = "A review of this migration plan, through a normal Support ticket: Support's Upgrade Assistance covers upgrading a GitLab installation, not moving data between installations.";
        match &self.upgrade {
            Upgrade::None => review.to_string(),
            Upgrade::Planned { from, to } => format!(
                "{review} Upgrade assistance for the upgrade from {from} to {to} that goes with the move (see “Upgrade path”)."
            ),
            Upgrade::AsTyped { from, to } => format!(
                "{review} Upgrade assistance too: an upgrade is planned from “{from}” to “{to}” as typed (the app cannot read these versions, so it has not worked out the path)."
            ),
            Upgrade::Downgrade { from, to } => format!(
                "{review} No upgrade assistance yet: the target version recorded ({to}) is older than the current one ({from}), and GitLab does not support downgrades."
            ),
            Upgrade::Unknown => format!(
                "{review} Whether upgrade assistance is needed too is not known yet: the current and the target GitLab versions are not both recorded in a form the app reads."
            ),
        }
    }

    /// The date feedback is needed by, and how it was counted.
    pub fn feedback_text(&self) -> String {
        let from_text = |from: CountedFrom| match from {
            CountedFrom::Window(d) => format!("the maintenance window on {d}"),
            CountedFrom::DesiredCompletion(d) => {
                format!("the desired completion ({d}), as no maintenance window is set yet")
            }
        };
        match self.feedback_by {
            FeedbackBy::NotSet => "No date yet: there is no maintenance window and no desired completion to count back from.".into(),
            FeedbackBy::Passed(from) => format!(
                "No date: counted back from {}, every date has passed.",
                from_text(from)
            ),
            FeedbackBy::By { date, before, from, short } => {
                // The timeline counts from the window, or from the desired completion until a
                // window is set: name the one it counted from.
                let end = match from {
                    CountedFrom::Window(_) => "the window",
                    CountedFrom::DesiredCompletion(_) => "the desired completion",
                };
                let why = match before {
                    Before::RecordedRehearsal => "the day of the rehearsal the customer recorded, so that what the feedback changes can be rehearsed".to_string(),
                    Before::LatestRehearsal => format!(
                        "the latest date for the rehearsal, {REHEARSAL_LEAD_DAYS} days before {end}: Support's review ends before the rehearsal, so that what it changes can be rehearsed"
                    ),
                    Before::GoNoGo { rehearsed_on } => format!(
                        "the go/no-go, the day before {end}{}",
                        match rehearsed_on {
                            Some(on) => format!(" (the rehearsal was on {on})"),
                            None => String::new(),
                        }
                    ),
                    Before::Window => format!("{end} itself: the go/no-go's day has passed"),
                };
                let counted = match (before, from) {
                    (Before::RecordedRehearsal, _) => String::new(),
                    (_, from) => format!("; counted back from {}", from_text(from)),
                };
                let short = match short {
                    Some(n) => format!(
                        " That leaves Support {}, fewer than the {REVIEW_LEAD_DAYS} days the app allows for a review.",
                        days(n)
                    ),
                    None => String::new(),
                };
                format!("{date}: {why}{counted}.{short}")
            }
        }
    }

    /// The contact: "Dana Scully (dana@acme.example)", or what is still missing.
    fn contact(&self) -> Option<String> {
        match (self.contact_name.as_str(), self.contact_email.as_str()) {
            ("", "") => None,
            (name, "") => Some(format!("{name} (email not recorded yet)")),
            ("", email) => Some(format!("{email} (name not recorded yet)")),
            (name, email) => Some(format!("{name} ({email})")),
        }
    }

    /// The contact during the window, who opens the ticket, and who answers first.
    pub fn contact_text(&self) -> String {
        let who = match self.contact() {
            Some(contact) => format!("{contact}, the customer's contact."),
            None => "The customer's contact: not recorded yet (name and email).".into(),
        };
        let primary = match self.primary {
            Primary::Support => "GitLab Support is the primary contact during the window, through the normal support process, as Professional Services were declined.",
            Primary::ProfessionalServices => "Professional Services are the primary contact during the window, as they were engaged for the move; Support answers the tickets the customer opens.",
            Primary::Undecided => "Who is the primary contact during the window is not settled: Professional Services are not decided yet (GitLab Support is, if they are declined).",
        };
        format!("{who} The customer opens the Support ticket for this request, and a new one if problems arise during the window. {primary}")
    }

    /// What the feedback decides, one item each.
    pub fn decides(&self) -> Vec<String> {
        // When the go-ahead is decided, and what the feedback can still change before it.
        let (go_ahead, before_rehearsal) = match self.feedback_by {
            FeedbackBy::Passed(_) => {
                return vec!["Nothing before this window any more: every date counted back, the window's included, has passed; the feedback can only shape what follows the move.".into()]
            }
            FeedbackBy::NotSet => (
                "at the go/no-go, the day before the window".to_string(),
                self.rehearsal_ahead,
            ),
            FeedbackBy::By {
                before: Before::Window,
                from,
                ..
            } => (
                match from {
                    CountedFrom::Window(window) => format!("when the window opens on {window}"),
                    CountedFrom::DesiredCompletion(due) => {
                        format!("before the desired completion ({due})")
                    }
                },
                false,
            ),
            FeedbackBy::By {
                before,
                from: CountedFrom::Window(window),
                ..
            } => (
                format!(
                    "at the go/no-go on {}",
                    window - Duration::days(cutover::GO_NO_GO_DAYS)
                ),
                matches!(before, Before::RecordedRehearsal | Before::LatestRehearsal),
            ),
            FeedbackBy::By { before, .. } => (
                "at the go/no-go, the day before the desired completion".to_string(),
                matches!(before, Before::RecordedRehearsal | Before::LatestRehearsal),
            ),
        };
        let mut items = vec![format!(
            "Whether the plan goes ahead as written {go_ahead}. The feedback is advice, not a gate: the customer may go ahead without it, and the TAM records that."
        )];
        items.push(if before_rehearsal {
            "What must change in the plan, the runbook or the rollback before the rehearsal.".into()
        } else {
            "What must change in the plan, the runbook or the rollback before the window.".into()
        });
        if let Some((from, to)) = self.upgrade.asked() {
            items.push(format!(
                "Whether the upgrade from {from} to {to} fits the move's window, or needs a window of its own before the move."
            ));
        }
        items
    }

    /// The customer's ticket step, asking for the same thing: "Open a Support ticket asking for
    /// …, feedback needed by …, contact …".
    pub fn ticket_text(&self) -> String {
        let upgrade = match self.upgrade.asked() {
            Some((from, to)) => {
                format!(" and upgrade assistance for the upgrade from {from} to {to}")
            }
            None => String::new(),
        };
        let by = match self.feedback_by.date() {
            Some(date) => format!("feedback needed by {date}"),
            None => "no date for the feedback yet".into(),
        };
        let contact = match self.contact() {
            Some(contact) => format!("contact during the window: {contact}"),
            None => "contact during the window: not recorded yet".into(),
        };
        format!(
            "Open a Support ticket asking for a review of this migration plan (a normal ticket: Upgrade Assistance covers upgrades, not moving data between installations){upgrade}; {by}; {contact}"
        )
    }

    /// The packet's section: the four parts as labelled facts.
    pub fn blocks(&self) -> Vec<Block> {
        let fact = |label: &str, text: String| (label.to_string(), vec![Inline::Text(text)]);
        vec![
            Block::Facts(vec![
                fact("Request", self.request_text()),
                fact("Feedback needed by", self.feedback_text()),
                fact("Contact during the window", self.contact_text()),
            ]),
            Block::Sub {
                id: "plan-request-decides-heading",
                heading: "What the feedback decides".into(),
                blocks: vec![Block::Items(
                    self.decides()
                        .into_iter()
                        .map(|t| vec![Inline::Text(t)])
                        .collect(),
                )],
            },
        ]
    }
}
