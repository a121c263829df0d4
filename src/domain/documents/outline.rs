//! The plan's outline: one plain structure, built once from an engagement for one reader, that
//! the Markdown, the page, the print view and the customer's view all render. A field added here
//! appears in every rendering at once, and what a reader must not see is left out here, before
//! any rendering runs.
//!
//! Each reader's outline opens with what that reader needs first: the customer's with their next
//! step and the recommended architecture; Support's (and the TAM's own) with what Support is
//! asked to do, the risks, then the plan under review, the maintenance window and what is still
//! missing.

use time::Date;

pub use crate::domain::documents::blocks::{Block, Inline};
use crate::domain::documents::reply::Sent;
use crate::domain::documents::{architecture, compare, request, risks};
use crate::domain::engagement::Engagement;
use crate::domain::process::intake;
use crate::domain::process::upgrade;
use crate::domain::process::workflow::{
    self, effective_feedback, handover_documents, plan_author, sizing_of, Guardrail, PsDecision,
    Stage,
};
use crate::domain::sizing::reference::Platform;
use crate::domain::sizing::reference::Rps;
use crate::domain::sizing::{Growth, Monorepos, Recommendation, Requirements};
use crate::domain::text::numbers::format_number;
use crate::domain::text::time_fmt;
use crate::domain::text::words::{date_or_dash, yes_no};

/// A section: an id for the page's links, a heading, its blocks.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: &'static str,
    pub heading: String,
    pub blocks: Vec<Block>,
}

/// The whole document for one reader.
#[derive(Clone, Debug, PartialEq)]
pub struct Outline {
    pub audience: Audience,
    pub title: String,
    pub intro: String,
    /// The stage the engagement is at.
    pub stage: Stage,
    pub sections: Vec<Section>,
}

impl Outline {
    /// The section headings in order, as every rendering shows them.
    pub fn headings(&self) -> Vec<&str> {
        self.sections.iter().map(|s| s.heading.as_str()).collect()
    }
}

fn dash(text: &str) -> String {
    match text.trim() {
        "" => "—".into(),
        t => t.to_string(),
    }
}

/// A version as typed, with how it was read when its patch was left out: "18.6.x (read as the
/// latest patch of 18.6)".
fn version_text(text: &str) -> String {
    match upgrade::read_as(text) {
        Ok(Some(read)) => format!("{} (read as {read})", text.trim()),
        _ => dash(text),
    }
}

/// One line of what Support asks for: a label, the text, and links (label, address).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IntakeRow {
    pub label: &'static str,
    pub text: String,
    pub links: Vec<(String, String)>,
}

impl IntakeRow {
    /// The row as a fact: the text (left out when only links are known) and the links.
    fn fact(self) -> (String, Vec<Inline>) {
        let mut value = Vec::new();
        if self.text != "—" || self.links.is_empty() {
            value.push(Inline::Text(self.text));
        }
        for (label, url) in self.links {
            if !value.is_empty() {
                value.push(Inline::text(" "));
            }
            value.push(Inline::link(label, url));
        }
        (self.label.to_string(), value)
    }
}

/// What Support asks for beyond the plan.
pub fn intake_rows(e: &Engagement) -> Vec<IntakeRow> {
    let c = &e.coordination;
    let i = &c.intake;
    let link = |label: &str, url: &str| -> Vec<(String, String)> {
        if url.trim().is_empty() {
            vec![]
        } else {
            vec![(label.to_string(), url.trim().to_string())]
        }
    };
    let row = |label, text: String, links| IntakeRow { label, text, links };
    vec![
        row(
            "Rollback plan",
            match hours_text(&i.rollback_hours) {
                None => dash(&i.rollback_summary),
                Some(hours) => {
                    format!("{} (rolling back takes {hours})", dash(&i.rollback_summary))
                }
            },
            link("rollback document", &i.rollback_link),
        ),
        row("Maintenance window", window(e), vec![]),
        row(
            "Customer contact during the window",
            match (i.contact_name.trim(), i.contact_email.trim()) {
                ("", "") => "—".into(),
                (name, "") => name.to_string(),
                (name, email) => format!("{}, {email}", dash(name)),
            },
            vec![],
        ),
        row(
            "GitLab version (current → target)",
            format!(
                "{} → {}",
                version_text(&c.gitlab_version),
                version_text(&i.target_version)
            ),
            intake::upgrade_path_link(
                &c.gitlab_version,
                &i.target_version,
                intake::distro(i.installation, &i.operating_system),
            )
            .map(|url| vec![("upgrade path".to_string(), url)])
            .unwrap_or_default(),
        ),
        row(
            "Installation",
            format!("{}; {}", i.installation.label(), dash(&i.operating_system)),
            vec![],
        ),
        row(
            "Architecture diagram",
            "—".into(),
            link("architecture diagram", &i.diagram_link),
        ),
        row(
            "Backup",
            format!(
                "{}; data size: {} GB",
                dash(&i.backup_method),
                dash(&i.data_size_gb)
            ),
            vec![],
        ),
        row(
            "Rehearsal on a test environment",
            format!(
                "{}{}",
                match i.rehearsal_on {
                    Some(on) => format!("{on}: {}", dash(&i.rehearsal_result)),
                    None => dash(&i.rehearsal_result),
                },
                match hours_text(&i.restore_hours) {
                    None => String::new(),
                    Some(hours) => format!(" (the restore took {hours})"),
                }
            ),
            vec![],
        ),
        row(
            "Migration method",
            i.method.label().to_string(),
            i.method
                .document()
                .map(|(title, url)| vec![(title.to_string(), url.to_string())])
                .unwrap_or_default(),
        ),
    ]
}

/// An hours field as a person reads it ("5 h 10 min"), or as typed when it cannot be read.
fn hours_text(text: &str) -> Option<String> {
    match intake::hours(text) {
        Ok(Some(d)) => Some(crate::domain::text::time_fmt::duration_text(d)),
        Ok(None) => None,
        Err(_) => Some(format!("“{}” hours", text.trim())),
    }
}

fn window(e: &Engagement) -> String {
    intake::window_text(&e.coordination.intake).unwrap_or_else(|| "—".into())
}

/// The plan's record: when, which revision, its link.
fn plan_value(e: &Engagement) -> Vec<Inline> {
    let c = &e.coordination;
    match &c.plan {
        Some(plan) => {
            let mut value = vec![Inline::Text(format!(
                "recorded on {} (revision {})",
                plan.date, c.plan_revision
            ))];
            if !plan.link.trim().is_empty() {
                value.push(Inline::text(" · "));
                value.push(Inline::link("open the plan", plan.link.trim()));
            }
            value
        }
        None => vec![Inline::text("not recorded yet")],
    }
}

fn review_value(e: &Engagement) -> Vec<Inline> {
    let c = &e.coordination;
    let mut value = vec![Inline::Text(format!(
        "{}{}{}",
        effective_feedback(c).label(),
        c.review
            .shared_on
            .map(|d| format!(", shared on {d}"))
            .unwrap_or_default(),
        if workflow::review_out_of_date(e) {
            " (out of date: the sizing changed since)"
        } else {
            ""
        }
    ))];
    if !c.review.ticket.trim().is_empty() {
        value.push(Inline::text(" · "));
        value.push(Inline::link("the Support ticket", c.review.ticket.trim()));
    }
    value
}

fn migration_value(e: &Engagement) -> Vec<Inline> {
    let m = &e.coordination.migration;
    vec![Inline::Text(format!(
        "{}{}{}",
        m.status.label(),
        m.start.map(|d| format!(", from {d}")).unwrap_or_default(),
        m.end.map(|d| format!(" to {d}")).unwrap_or_default()
    ))]
}

/// The requirements and recommendation, when the sizing form is valid: derived once per outline.
type Sizing<'a> = Option<&'a (Requirements, Recommendation)>;

/// The recommendation, or why there is none; for Support and the TAM, the deviation from it
/// right beside it.
fn architecture(e: &Engagement, audience: Audience, sizing: Sizing) -> Vec<Block> {
    let mut blocks = match sizing {
        Some((req, rec)) => architecture::blocks(rec, Some((req.current_users, req.growth))),
        None => vec![Block::Para(vec![Inline::text(
            "No recommendation until the sizing form is complete.",
        )])],
    };
    if audience != Audience::Customer {
        let rec = sizing.map(|(_, rec)| rec);
        if let Some(line) = intake::deviation_line(&e.coordination.intake.deviation, rec) {
            let d = &e.coordination.intake.deviation;
            let results = if d.gpt_results_link.trim().is_empty() {
                Inline::text("—")
            } else {
                Inline::link("results", d.gpt_results_link.trim())
            };
            blocks.push(Block::Sub {
                id: "plan-deviation-heading",
                heading: "Deviation from the recommendation".into(),
                blocks: vec![
                    Block::Para(vec![Inline::Strong(line)]),
                    Block::Facts(vec![
                        (
                            "GitLab Performance Tool results against GitLab's benchmarks".into(),
                            vec![results],
                        ),
                        (
                            "Senior Support Engineer review".into(),
                            vec![Inline::Text(dash(&d.senior_review))],
                        ),
                    ]),
                ],
            });
        }
    }
    blocks
}

/// Where the move stands: the stages, Professional Services, the plan, Support's review, the
/// migration, and (without Professional Services) the documents handed over and the internal
/// teams consulted.
fn coordination(e: &Engagement, audience: Audience, stage: Stage, sizing: Sizing) -> Vec<Block> {
    let c = &e.coordination;
    let stage_index = Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0);
    let mut facts = vec![
        (
            "Professional Services".to_string(),
            vec![Inline::Text(format!(
                "{}{}{}",
                c.ps_decision.label(),
                c.ps_decided_on
                    .map(|d| format!(" on {d}"))
                    .unwrap_or_default(),
                c.ps_recommended_on
                    .map(|d| format!(" (recommended on {d})"))
                    .unwrap_or_default()
            ))],
        ),
        (
            "Plan written by".to_string(),
            vec![Inline::text(
                plan_author(c)
                    .map(|a| a.label())
                    .unwrap_or("not decided yet"),
            )],
        ),
        ("Migration".to_string(), migration_value(e)),
    ];
    // Support's outline shows the plan and its review first; the customer's shows them here.
    if audience == Audience::Customer {
        facts.insert(2, ("Plan".to_string(), plan_value(e)));
        facts.insert(3, ("Support review".to_string(), review_value(e)));
    }
    if workflow::support_is_primary_contact(c) {
        facts.push((
            "Primary contact during the migration".into(),
            vec![Inline::text(
                "GitLab Support, through the normal support process",
            )],
        ));
    }
    let mut blocks = vec![Block::Stages(stage_index), Block::Facts(facts)];
    if !c.review.notes.trim().is_empty() {
        blocks.push(Block::Sub {
            id: "plan-review-notes-heading",
            heading: "Support's feedback".into(),
            blocks: vec![Block::Quote(c.review.notes.clone())],
        });
    }
    if c.ps_decision == PsDecision::Declined {
        let (given, not_yet): (Vec<_>, Vec<_>) =
            handover_documents(sizing.map(|(_, rec)| rec), c.intake.method)
                .into_iter()
                .partition(|doc| c.handed_over.contains_key(&doc.url));
        let mut docs: Vec<Block> = Vec::new();
        if !given.is_empty() {
            docs.push(Block::Items(
                given
                    .into_iter()
                    .map(|doc| {
                        let when = c
                            .handed_over
                            .get(&doc.url)
                            .map(|d| format!(": handed over on {d}"))
                            .unwrap_or_default();
                        vec![Inline::link(doc.title, doc.url), Inline::Text(when)]
                    })
                    .collect(),
            ));
        }
        if !not_yet.is_empty() {
            let mut line = vec![Inline::text("Not handed over yet: ")];
            for (n, doc) in not_yet.into_iter().enumerate() {
                if n > 0 {
                    line.push(Inline::text("; "));
                }
                line.push(Inline::link(doc.title, doc.url));
            }
            line.push(Inline::text("."));
            docs.push(Block::Para(line));
        }
        blocks.push(Block::Sub {
            id: "plan-documents-heading",
            heading: "Documents handed over".into(),
            blocks: docs,
        });
        if audience.sees_consultations() && !c.consultations.is_empty() {
            blocks.push(Block::Sub {
                id: "plan-consultations-heading",
                heading: "Internal teams consulted".into(),
                blocks: vec![Block::Items(
                    c.consultations
                        .iter()
                        .map(|k| {
                            vec![Inline::Text(format!(
                                "{}: {} — {}",
                                k.team.label(),
                                k.question,
                                k.answer_or_pending()
                            ))]
                        })
                        .collect(),
                )],
            });
        }
    }
    blocks
}

fn context(e: &Engagement) -> Vec<Block> {
    let c = &e.coordination;
    let reasons = match c.move_reasons.labels() {
        labels if labels.is_empty() => "—".to_string(),
        labels => labels.join("; "),
    };
    let platform = Platform::from_code(&e.sizing.platform)
        .map(Platform::label)
        .unwrap_or("—");
    let fact = |label: &str, text: String| (label.to_string(), vec![Inline::Text(text)]);
    vec![Block::Facts(vec![
        fact("Customer", e.customer_name.to_string()),
        fact("Reasons for the move", reasons),
        fact("Current environment", dash(&c.current_environment)),
        fact("Current GitLab version", version_text(&c.gitlab_version)),
        fact("Target platform", platform.to_string()),
        fact("Desired completion", date_or_dash(c.desired_completion)),
    ])]
}

fn requirements(sizing: Sizing) -> Vec<Block> {
    match sizing {
        Some((req, rec)) => vec![Block::Facts(
            requirement_lines(req, Some(rec))
                .into_iter()
                .map(|(label, value)| (label.to_string(), vec![Inline::Text(value)]))
                .collect(),
        )],
        None => vec![Block::Para(vec![Inline::text(
            "The sizing form is not complete yet.",
        )])],
    }
}

/// The intake rows. Support's outline shows the window in its first section, so not again here;
/// a version the method cannot meet is among the risks.
fn intake_blocks(e: &Engagement, audience: Audience) -> Vec<Block> {
    // The customer's rows that only they can answer say where to answer them.
    let theirs: Vec<&str> = match audience {
        Audience::Customer => intake::missing_from_customer(e)
            .into_iter()
            .filter_map(row_of)
            .collect(),
        _ => vec![],
    };
    vec![Block::Facts(
        intake_rows(e)
            .into_iter()
            .filter(|row| audience == Audience::Customer || row.label != "Maintenance window")
            .map(|row| {
                let open = theirs.contains(&row.label);
                if open && row.text == "—" && row.links.is_empty() {
                    (
                        row.label.to_string(),
                        vec![Inline::text("Missing: you can answer it in Your part")],
                    )
                } else {
                    let mut fact = row.fact();
                    if open {
                        fact.1.push(Inline::text(
                            " · incomplete: you can complete it in Your part",
                        ));
                    }
                    fact
                }
            })
            .collect(),
    )]
}

/// What Support will still ask for, each item naming only its missing part. While the customer
/// is asked for their items (the same list their link counts in its next step), those come
/// first under their own line, so that both sides count the same answers.
fn missing_blocks(e: &Engagement, stage: Stage) -> Vec<Block> {
    let missing = intake::missing(e);
    if missing.is_empty() {
        return vec![];
    }
    let asked = workflow::customer_owes(e, stage);
    let words = |items: &[intake::Missing]| items.iter().map(|m| m.wording(e)).collect();
    if asked.is_empty() {
        return vec![Block::Checklist(words(&missing))];
    }
    let rest: Vec<intake::Missing> = missing.into_iter().filter(|m| !asked.contains(m)).collect();
    let mut blocks = vec![
        Block::Para(vec![Inline::Text(format!(
            "Asked of the customer in their link's “Your part” ({}):",
            asked.len()
        ))]),
        Block::Checklist(words(&asked)),
    ];
    if !rest.is_empty() {
        blocks.push(Block::Para(vec![Inline::Text(format!(
            "For the TAM to record ({}):",
            rest.len()
        ))]));
        blocks.push(Block::Checklist(words(&rest)));
    }
    blocks
}

/// The intake row a missing item belongs to.
fn row_of(m: intake::Missing) -> Option<&'static str> {
    use intake::Missing as M;
    Some(match m {
        M::RollbackPlan => "Rollback plan",
        M::Window | M::TimeZone => "Maintenance window",
        M::Contact => "Customer contact during the window",
        M::Installation => "Installation",
        M::Diagram => "Architecture diagram",
        M::Rehearsal => "Rehearsal on a test environment",
        _ => return None,
    })
}

/// The upgrade path: each stop, the PostgreSQL versions crossed, whether it can be done without
/// downtime, GitLab's page and Support's Upgrade Path tool; written for `audience`.
pub fn upgrade_blocks(e: &Engagement, audience: Audience) -> Vec<Block> {
    let c = &e.coordination;
    let i = &c.intake;
    let tool = intake::upgrade_path_link(
        &c.gitlab_version,
        &i.target_version,
        intake::distro(i.installation, &i.operating_system),
    );
    let mut sources = vec![Inline::Text(format!(
        "Stops from GitLab's page (copied on {}): ",
        upgrade::STOPS_COPIED_ON
    ))];
    sources.push(Inline::link(upgrade::STOPS_PAGE.0, upgrade::STOPS_PAGE.1));
    if let Some(url) = tool {
        sources.push(Inline::text("; check it in "));
        sources.push(Inline::link("GitLab Support's Upgrade Path tool", url));
    }
    sources.push(Inline::text("."));
    let mut blocks = Vec::new();
    // A version written without its patch says how it was read, before the path drawn from it.
    for written in [&c.gitlab_version, &i.target_version] {
        if let Ok(Some(reading)) = upgrade::reading(written) {
            blocks.push(Block::Para(vec![Inline::Text(reading)]));
        }
    }
    match upgrade::path(&c.gitlab_version, &i.target_version) {
        // Until both versions are known, the sentence that asks for them is all there is; the
        // versions are the TAM's to record, so the customer is told so, not asked.
        Err(upgrade::PathError::Missing) if audience == Audience::Customer => {
            return vec![Block::Para(vec![Inline::text(
                "The upgrade path shows here once your Technical Account Manager records the current and target GitLab versions.",
            )])]
        }
        Err(error @ upgrade::PathError::Missing) => {
            return vec![Block::Para(vec![Inline::Text(error.to_string())])]
        }
        // What is wrong with a version, and GitLab's page to check it against: the rest of the
        // document does not depend on it.
        Err(error) => blocks.push(Block::Para(vec![Inline::Text(error.to_string())])),
        Ok(path) if path.is_empty() => blocks.push(Block::Para(vec![Inline::Text(format!(
            "No upgrade: the target is the current version ({}).",
            path.current
        ))])),
        Ok(path) => {
            let stops = path.stops().filter(|s| !s.is_conditional()).count();
            let conditional = path.stops().filter(|s| s.is_conditional()).count();
            blocks.push(Block::Para(vec![Inline::Strong(format!(
                "From {} to {}: {}{}, each followed by its background migrations.",
                path.current,
                path.target,
                match stops {
                    0 => "no required stop".to_string(),
                    1 => "1 required stop".to_string(),
                    n => format!("{n} required stops"),
                },
                match conditional {
                    0 => String::new(),
                    1 => ", and 1 more if its condition holds".to_string(),
                    n => format!(", and {n} more if their conditions hold"),
                }
            ))]));
            blocks.push(Block::Checklist(
                path.steps.iter().map(|s| s.text()).collect(),
            ));
            let mut notes: Vec<Vec<Inline>> = path
                .postgres
                .iter()
                .map(|p| {
                    vec![Inline::Text(upgrade::postgres_text(
                        p,
                        risks::database_on_its_own(e),
                    ))]
                })
                .collect();
            notes.push(vec![Inline::Text(if path.zero_downtime_possible() {
                "Zero-downtime: possible, one minor version at a time, on an architecture built for it.".into()
            } else {
                format!(
                    "Zero-downtime: not possible on this path. Upgrading across several minor versions in one go needs downtime{}.",
                    if e.sizing.zero_downtime {
                        ", although the requirements ask for zero-downtime upgrades"
                    } else {
                        ""
                    }
                )
            })]);
            blocks.push(Block::Items(notes));
        }
    }
    blocks.push(Block::Para(sources));
    blocks
}

/// The risks for the window, each with what to do; or a sentence that none was found.
fn risk_blocks(found: &[risks::Found]) -> Vec<Block> {
    if found.is_empty() {
        vec![Block::Para(vec![Inline::text(
            "None found from what is recorded: the upgrade path, the window's length, the rehearsal and the notice all check out.",
        )])]
    } else {
        vec![Block::Warnings(
            found.iter().map(|r| r.text.clone()).collect(),
        )]
    }
}

fn log(e: &Engagement, audience: Audience) -> Vec<Block> {
    let entries: Vec<_> = e
        .log
        .iter()
        .rev()
        .filter(|entry| audience.sees_consultations() || !entry.is_about_consultation())
        .map(|entry| (entry.at, entry.on, entry.text.clone()))
        .collect();
    if entries.is_empty() {
        vec![Block::Para(vec![Inline::text("Nothing recorded yet.")])]
    } else {
        vec![Block::Log(entries)]
    }
}

/// The outline of an engagement for one reader, as it stands on `today`.
pub fn build(e: &Engagement, today: Date, audience: Audience) -> Outline {
    build_with(e, today, audience, None)
}

/// The outline as [`build`] makes it, for a customer whose browser remembers sending answers
/// from this link (`sent`): their next step says so instead of what is still owed.
pub fn build_with(e: &Engagement, today: Date, audience: Audience, sent: Option<&Sent>) -> Outline {
    match audience {
        Audience::Customer => build_customer(e, today, sent),
        Audience::Tam | Audience::Support => build_team(e, today, audience),
    }
}

/// The customer's outline (see [`build_with`]). Built apart from the TAM's and Support's, so
/// that the customer's module holds none of what only they read (the risks, the schedule, the
/// procedures behind them).
pub fn build_customer(e: &Engagement, today: Date, sent: Option<&Sent>) -> Outline {
    build_for(e, today, Audience::Customer, sent, customer_sections)
}

fn build_team(e: &Engagement, today: Date, audience: Audience) -> Outline {
    build_for(e, today, audience, None, team_sections)
}

/// An outline, with the sections only its audience reads from `sections_of`: each audience's
/// caller names its own, so the customer's module holds none of the TAM's.
fn build_for(
    e: &Engagement,
    today: Date,
    audience: Audience,
    sent: Option<&Sent>,
    sections_of: fn(Parts, &mut Vec<Section>) -> (String, &'static str),
) -> Outline {
    let status = workflow::status(e, today);
    let next = audience.next(e, &status);
    let next = match sent.filter(|_| audience == Audience::Customer) {
        Some(sent) if !workflow::customer_owes(e, status.stage).is_empty() => sent.next_step(),
        Some(sent) => format!("{} {next}", sent.next_step()),
        None => next,
    };
    // The deviation record is for Support: the customer's outline leaves its warning out. What
    // the risks say (a version the method cannot meet, the notice) is not said again.
    let mut warnings: Vec<String> = Vec::new();
    for w in &status.warnings {
        let covered = w.rule.among_risks();
        if (audience != Audience::Customer || w.rule != Guardrail::Deviation)
            && !(covered && audience != Audience::Customer)
            && !warnings.contains(&w.text)
        {
            warnings.push(w.text.clone());
        }
    }
    let name = e.customer_name.to_string();
    let sizing = sizing_of(e);
    let stage = status.stage;
    let mut sections = Vec::new();
    let (title, intro) = sections_of(
        Parts {
            e,
            today,
            audience,
            status,
            next,
            warnings,
            sizing: sizing.as_ref(),
            name,
        },
        &mut sections,
    );
    let sizing = sizing.as_ref();
    sections.push(section(
        "plan-requirements-heading",
        "Requirements",
        requirements(sizing),
    ));
    sections.push(section(
        "plan-context-heading",
        "Customer and context",
        context(e),
    ));
    if audience.sees_internal_notes() && !e.internal_notes.trim().is_empty() {
        sections.push(section(
            "plan-notes-heading",
            "Internal notes",
            vec![Block::Quote(e.internal_notes.clone())],
        ));
    }
    sections.push(section(
        "plan-log-heading",
        "Activity log",
        log(e, audience),
    ));
    Outline {
        audience,
        title,
        intro: intro.to_string(),
        stage,
        sections,
    }
}

/// The customer's sections before the ones every outline ends with: their next step, the
/// architecture, where the move stands, the intake and the upgrade path.
fn customer_sections(p: Parts, sections: &mut Vec<Section>) -> (String, &'static str) {
    let Parts {
        e,
        audience,
        status,
        next,
        warnings,
        sizing,
        name,
        ..
    } = p;
    let mut first = vec![Block::Para(vec![Inline::Text(next)])];
    if !warnings.is_empty() {
        first.push(Block::Warnings(warnings));
    }
    sections.push(section("plan-next-heading", "Your next step", first));
    sections.push(architecture_section(e, audience, sizing));
    sections.push(coordination_section(
        e,
        audience,
        status.stage,
        sizing,
        "Where the move stands",
    ));
    sections.push(intake_section(e, audience));
    sections.push(upgrade_section(e, audience));
    // "Linked below" only when there is a link to follow.
    let plan_linked = e
        .coordination
        .plan
        .as_ref()
        .is_some_and(|p| !p.link.trim().is_empty());
    (
        format!("Planning summary for {name}"),
        if plan_linked {
            "The engagement as your Technical Account Manager records it: your next step, GitLab's recommended reference architecture and where the move stands. The upgrade plan itself is a separate document, linked below."
        } else {
            "The engagement as your Technical Account Manager records it: your next step, GitLab's recommended reference architecture and where the move stands. The upgrade plan itself is a separate document, shared with you once it is written."
        },
    )
}

/// What every outline's sections are made from.
struct Parts<'a> {
    e: &'a Engagement,
    today: Date,
    audience: Audience,
    status: workflow::Status,
    next: String,
    warnings: Vec<String>,
    sizing: Sizing<'a>,
    name: String,
}

fn section(id: &'static str, heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id,
        heading: heading.to_string(),
        blocks,
    }
}

// The sections both orders hold, each defined once.
fn architecture_section(e: &Engagement, audience: Audience, sizing: Sizing) -> Section {
    section(
        "plan-architecture-heading",
        "Recommended reference architecture",
        architecture(e, audience, sizing),
    )
}

fn intake_section(e: &Engagement, audience: Audience) -> Section {
    section(
        "plan-intake-heading",
        "For Support's review",
        intake_blocks(e, audience),
    )
}

fn upgrade_section(e: &Engagement, audience: Audience) -> Section {
    section(
        "plan-upgrade-heading",
        "Upgrade path",
        upgrade_blocks(e, audience),
    )
}

fn coordination_section(
    e: &Engagement,
    audience: Audience,
    stage: Stage,
    sizing: Sizing,
    heading: &str,
) -> Section {
    section(
        "plan-coordination-heading",
        heading,
        coordination(e, audience, stage, sizing),
    )
}

/// The TAM's and Support's sections before the ones every outline ends with: what Support is
/// asked to do, the risks, the plan under review, and what changed since Support's last review.
fn team_sections(p: Parts, sections: &mut Vec<Section>) -> (String, &'static str) {
    let Parts {
        e,
        today,
        audience,
        status,
        next,
        warnings,
        sizing,
        name,
    } = p;
    // The risks are the TAM's and Support's: the customer's outline (and its module)
    // never reaches them.
    let found = risks::risks(e, today);
    let missing = missing_blocks(e, status.stage);
    let mut first = vec![Block::Facts(vec![
        ("Plan".into(), plan_value(e)),
        ("Maintenance window".into(), vec![Inline::Text(window(e))]),
        ("Support review".into(), review_value(e)),
        ("Next action".into(), vec![Inline::Text(next)]),
    ])];
    if let Some(plan) = e.coordination.plan.as_ref() {
        if !plan.summary.trim().is_empty() {
            first.push(Block::Sub {
                id: "plan-summary-heading",
                heading: "Summary of the plan".into(),
                blocks: vec![Block::Quote(plan.summary.clone())],
            });
        }
    }
    first.push(Block::Sub {
        id: "plan-missing-heading",
        heading: "Missing for Support review".into(),
        blocks: match (missing.is_empty(), found.is_empty()) {
            (true, true) => vec![Block::Para(vec![Inline::text(
                "Nothing: the packet holds everything Support asks for.",
            )])],
            (true, false) => vec![Block::Para(vec![Inline::Text(format!(
                "Every field Support asks for is filled in, but {} under “Risks for this window” {} still open.",
                if found.len() == 1 { "the risk".to_string() } else { format!("the {} risks", found.len()) },
                if found.len() == 1 { "is" } else { "are" }
            ))])],
            (false, _) => missing,
        },
    });
    if !warnings.is_empty() {
        first.push(Block::Warnings(warnings));
    }
    // What Support is asked to do comes before everything it is asked to review.
    sections.push(section(
        "plan-request-heading",
        "What Support is asked to do",
        request::support_request(e, today).blocks(),
    ));
    sections.push(section(
        "plan-risks-heading",
        "Risks for this window",
        risk_blocks(&found),
    ));
    // What changed since Support last saw the plan (none for a first review). The
    // internal notes are not among the rows: a packet that carries them shows them whole.
    let changed = compare::since_support(e, false);
    if !changed.is_empty() {
        let seen = match e.support_last_saw() {
            Some(s) => format!(
                "Then: the plan as Support last saw it ({}, {} UTC). Now: this packet.",
                s.kind.label(),
                time_fmt::clock(time_fmt::to_utc(s.at))
            ),
            None => "Then: the sizing Support approved. Now: this packet.".to_string(),
        };
        sections.push(section(
            "plan-changed-heading",
            "Changed since Support's last review",
            vec![
                Block::Para(vec![Inline::Text(seen)]),
                Block::Table(compare::table(
                    "Changed since Support's last review",
                    &changed,
                )),
            ],
        ));
    }
    sections.push(section(
        "plan-review-heading",
        "The plan under review",
        first,
    ));
    sections.push(upgrade_section(e, audience));
    sections.push(intake_section(e, audience));
    sections.push(architecture_section(e, audience, sizing));
    sections.push(coordination_section(
        e,
        audience,
        status.stage,
        sizing,
        "Coordination",
    ));
    (
        format!("Planning summary and Support review packet: {name}"),
        "The engagement as the TAM records it, for Support's review of the upgrade plan. The plan itself is the customer's or Professional Services' document, linked under \"The plan under review\".",
    )
}

/// Who reads the document. The TAM's own file holds everything; Support's hand-off holds no
/// internal notes (the TAM may include them for one hand-off: then it is the TAM's rendering);
/// the customer's holds neither internal notes nor internal consultations and the log lines
/// about them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Tam,
    Support,
    Customer,
}

impl Audience {
    /// What comes next, worded for the reader: the TAM's next action for Support, the next
    /// step and whose it is for the customer.
    pub fn next(self, engagement: &Engagement, status: &workflow::Status) -> String {
        match self {
            Self::Tam | Self::Support => status.next_action.clone(),
            Self::Customer => workflow::customer_next_step(engagement, status),
        }
    }

    /// Whether this reader sees the internal notes.
    pub fn sees_internal_notes(self) -> bool {
        self == Self::Tam
    }

    /// Whether this reader sees the internal teams consulted, and the log lines about them.
    pub fn sees_consultations(self) -> bool {
        self != Self::Customer
    }
}

/// The requirements the sizing used, as labelled lines: the same in the Markdown and in the
/// plan view. Every value is a number or a fixed word, never the user's text.
pub fn requirement_lines(
    req: &Requirements,
    rec: Option<&Recommendation>,
) -> Vec<(&'static str, String)> {
    let growth = match req.growth {
        Growth::None => "none expected".to_string(),
        Growth::NotGiven => "not given: sized on today's users".to_string(),
        Growth::Rate {
            annual_pct,
            horizon_months,
        } => {
            format!(
                "{}% a year over {horizon_months} months",
                format_number(annual_pct)
            )
        }
        Growth::Target { users } => format!("target of {} users", format_number(users as f64)),
    };
    let rps = |v: Option<f64>| v.map(format_number).unwrap_or_else(|| "—".into());
    let by_type = |r: &Rps<Option<f64>>| {
        format!(
            "API {}, Web {}, Git pull {}, Git push {}",
            rps(r.api),
            rps(r.web),
            rps(r.git_pull),
            rps(r.git_push)
        )
    };
    let mut lines = vec![
        ("Current users", format_number(req.current_users as f64)),
        ("Growth", growth),
        ("Peak RPS", by_type(&req.peak_rps)),
    ];
    let s = &req.sustained_rps;
    if [s.api, s.web, s.git_pull, s.git_push]
        .iter()
        .any(Option::is_some)
    {
        lines.push(("Sustained (p95) RPS", by_type(s)));
    }
    // "No" beside a highly available recommendation reads as a contradiction: say whose it is.
    let ha = match (req.ha_required, rec.map(|r| r.size.is_ha())) {
        (false, Some(true)) => {
            "not required by the customer (the recommended architecture is highly available)"
        }
        (ha, _) => yes_no(ha),
    };
    lines.push((
        "High availability",
        format!(
            "{}; zero-downtime upgrades: {}; Geo: {}; Kubernetes expertise: {}",
            ha,
            yes_no(req.zero_downtime),
            yes_no(req.geo),
            yes_no(req.kubernetes_expertise)
        ),
    ));
    let mono = match req.monorepos {
        Monorepos::None => "none",
        Monorepos::Medium => "2–10 GB",
        Monorepos::Large => "over 10 GB",
    };
    lines.push((
        "Large monorepos",
        format!(
            "{mono}; heavy automation or CI: {}",
            yes_no(req.heavy_automation)
        ),
    ));
    lines
}
