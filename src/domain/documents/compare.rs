//! What changed between two versions of an engagement, field by field: the one comparison
//! behind every "what changed since?" (a review out of date, a reply from an older revision, an
//! import over a stored copy).
//!
//! Every field a TAM can set is listed once, in the order of the engagement page, with the
//! label the page gives it and its value as a person reads it; two versions are compared on that
//! list, so a field is reported exactly when its value differs. Lists compare item by item:
//! consultations and the log by position (both only grow at the end), documents handed over by
//! their address. When the sizing differs, the recommended architecture before and after is
//! reported beside it. The record keeping (id, created, updated, revision, schema version) is not
//! a field and is never reported.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::domain::documents::share;
use crate::domain::engagement::fields::Field;
use crate::domain::engagement::intake::Intake;
use crate::domain::engagement::records::Coordination;
use crate::domain::engagement::snapshots::Snapshot;
use crate::domain::engagement::Engagement;
use crate::domain::process::intake::planned_choices;
use crate::domain::process::workflow::sizing_of;
use crate::domain::sizing::reference::Platform;
use crate::domain::sizing::{format_number, Field as SizingField, Flag, Monorepos, SizingInputs};
use crate::domain::text::time_fmt;
use crate::domain::text::words::{date_or_dash, yes_no};

/// One field that differs: its label, and its value before and after ("—" for nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// The label of the recommendation's row.
pub const RECOMMENDATION: &str = "Recommended architecture";

/// One row of an engagement: a key that identifies the field (and the item, in a list), its
/// label and its value.
struct Row {
    key: String,
    label: String,
    value: String,
    /// What is compared: the value itself, or where two stored values can read alike (a
    /// figure typed "6000" or "6,000", a time to the second), the stored text.
    exact: String,
}

/// A text as it was typed; "—" for nothing.
fn shown(text: &str) -> String {
    if text.is_empty() {
        "—".into()
    } else {
        text.to_string()
    }
}

/// A number of the sizing form: "9,000" for "9000"; any other text as it was typed, so two
/// different texts never show alike.
fn figure(text: &str) -> String {
    match text.parse::<u64>() {
        Ok(n) if n.to_string() == text => format_number(n as f64),
        _ => shown(text),
    }
}

/// The rows of every field, in the order of the engagement page.
fn rows(e: &Engagement) -> Vec<Row> {
    let mut out = Rows(Vec::new());
    let c = &e.coordination;
    out.add("name", "Customer name", e.customer_name.to_string());
    context(c, &mut out);
    for (key, label, value, exact) in sizing_rows(&e.sizing) {
        out.add_exact(&format!("sizing.{key}"), &label, value, exact);
    }
    coordination(c, &mut out);
    intake(&c.intake, &mut out);
    out.add("notes", "Internal notes", shown(&e.internal_notes));
    for (i, entry) in e.log.iter().enumerate() {
        let day = entry.on.map(|d| format!("{d} — ")).unwrap_or_default();
        out.add(
            &format!("log.{i}"),
            "Activity log",
            format!(
                "{day}{} (recorded {})",
                entry.text,
                time_fmt::rfc3339(entry.at)
            ),
        );
    }
    // Fields a newer version wrote, kept as they are: compared as their stored text.
    for (key, value) in &e.extra {
        out.add(&format!("extra.{key}"), key, compact(value));
    }
    out.0
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The rows of an engagement, as they are added.
struct Rows(Vec<Row>);

impl Rows {
    fn add(&mut self, key: &str, label: &str, value: String) {
        self.add_exact(key, label, value.clone(), value);
    }

    fn add_exact(&mut self, key: &str, label: &str, value: String, exact: String) {
        self.0.push(Row {
            key: key.into(),
            label: label.into(),
            value,
            exact,
        });
    }
}

/// The customer and their context, as the Requirements stage asks.
fn context(c: &Coordination, rows: &mut Rows) {
    let r = &c.move_reasons;
    rows.add(
        "reason.cloud",
        "Moving to a cloud provider",
        yes_no(r.cloud_provider).into(),
    );
    rows.add(
        "reason.kubernetes",
        "Adopting Kubernetes",
        yes_no(r.kubernetes).into(),
    );
    rows.add(
        "reason.growth",
        "Growth needs more computing resources",
        yes_no(r.growth).into(),
    );
    rows.add("reason.other", "Other reason", shown(&r.other));
    rows.add(
        "environment",
        "Current environment",
        shown(&c.current_environment),
    );
    rows.add(
        "gitlab-version",
        "Current GitLab version",
        shown(&c.gitlab_version),
    );
    rows.add(
        "desired-completion",
        "Desired completion date",
        date_or_dash(c.desired_completion),
    );
}

/// The sizing form's fields as the form labels them: key, label, value shown, and the text
/// compared (a figure as it was typed, since "6000" and "6,000" show alike).
pub fn sizing_rows(s: &SizingInputs) -> Vec<(String, String, String, String)> {
    let mut out: Vec<(String, String, String, String)> = SizingField::all()
        .into_iter()
        .map(|field| {
            let typed = s.text(field);
            let value = match field {
                SizingField::Platform => Platform::from_code(typed)
                    .map(|p| p.label().to_string())
                    .unwrap_or_else(|| shown(typed)),
                SizingField::Monorepos => Monorepos::from_code(typed)
                    .map(|m| m.label().to_string())
                    .unwrap_or_else(|| shown(typed)),
                _ => figure(typed),
            };
            (field.label(), field.label(), value, typed.to_string())
        })
        .collect();
    for flag in Flag::ALL {
        let on = yes_no(*flag.value(s)).to_string();
        out.push((flag.id().into(), flag.label().into(), on.clone(), on));
    }
    out
}

/// Professional Services, the documents handed over, the consultations, the plan, Support's
/// review and the migration.
fn coordination(c: &Coordination, rows: &mut Rows) {
    rows.add(
        "ps.recommended",
        "Professional Services recommended on",
        date_or_dash(c.ps_recommended_on),
    );
    rows.add(
        "ps.decision",
        "Customer's decision",
        c.ps_decision.label().into(),
    );
    rows.add("ps.decided", "Decision date", date_or_dash(c.ps_decided_on));
    for (link, on) in &c.handed_over {
        rows.add(
            &format!("handed-over.{link}"),
            "Document handed over",
            format!("{link}, on {on}"),
        );
    }
    for (i, consult) in c.consultations.iter().enumerate() {
        rows.add(
            &format!("consultation.{i}"),
            "Consultation",
            format!(
                "{}: {} → {}",
                consult.team.label(),
                shown(&consult.question),
                shown(&consult.answer)
            ),
        );
    }
    let plan = c.plan.as_ref();
    rows.add(
        "plan.link",
        "Plan link",
        shown(plan.map(|p| p.link.as_str()).unwrap_or("")),
    );
    rows.add(
        "plan.summary",
        "Plan summary",
        shown(plan.map(|p| p.summary.as_str()).unwrap_or("")),
    );
    rows.add("plan.date", "Plan date", date_or_dash(plan.map(|p| p.date)));
    rows.add(
        "plan.revision",
        "Plan revision",
        c.plan_revision.to_string(),
    );
    let r = &c.review;
    rows.add(
        "review.shared",
        "Shared with Support on",
        date_or_dash(r.shared_on),
    );
    rows.add("review.ticket", "Support ticket link", shown(&r.ticket));
    rows.add(
        "review.feedback",
        "Support's feedback",
        r.feedback.label().into(),
    );
    rows.add(
        "review.feedback-revision",
        "Plan revision Support's feedback is on",
        r.feedback_on_revision.to_string(),
    );
    rows.add("review.notes", "Feedback notes", shown(&r.notes));
    rows.add(
        "review.approved-sizing",
        "Sizing Support approved",
        r.approved_sizing
            .as_ref()
            .map(|s| {
                let set: Vec<String> = sizing_rows(s)
                    .into_iter()
                    .filter(|(_, _, _, typed)| !typed.is_empty() && typed != "no")
                    .map(|(_, label, _, typed)| format!("{label}: {typed}"))
                    .collect();
                format!("recorded: {}", set.join("; "))
            })
            .unwrap_or_else(|| "—".into()),
    );
    let m = &c.migration;
    rows.add("migration.start", "Migration start", date_or_dash(m.start));
    rows.add("migration.end", "Migration end", date_or_dash(m.end));
    rows.add(
        "migration.status",
        "Migration status",
        m.status.label().into(),
    );
}

/// What Support will ask for: the fields both forms hold, by their table, then the TAM's own.
fn intake(i: &Intake, rows: &mut Rows) {
    for field in Field::ALL {
        let value = field.read(i);
        // A window time on its own clock; one set to the second (not from the form) in full.
        let exact = match field {
            Field::WindowStart => i.window_start,
            Field::WindowEnd => i.window_end,
            _ => None,
        }
        .is_some_and(|at| at.second() != 0 || at.nanosecond() != 0);
        let shown = if exact {
            value.clone()
        } else {
            field.show(&value)
        };
        rows.add_exact(
            &format!("intake.{}", field.code()),
            field.label(),
            shown,
            value,
        );
    }
    rows.add(
        "intake.target",
        "Target GitLab version",
        shown(&i.target_version),
    );
    rows.add("intake.backup", "Backup method", shown(&i.backup_method));
    rows.add("intake.data-size", "Data size (GB)", shown(&i.data_size_gb));
    rows.add("intake.method", "Migration method", i.method.label().into());
    let d = &i.deviation;
    let planned = planned_choices()
        .into_iter()
        .find(|(code, _)| *code == d.planned)
        .map(|(_, label)| label.to_string())
        .unwrap_or_else(|| shown(&d.planned));
    rows.add("deviation.planned", "Planned architecture", planned);
    rows.add(
        "deviation.policy",
        "Reason: policy",
        yes_no(d.policy).into(),
    );
    rows.add(
        "deviation.budget",
        "Reason: budget",
        yes_no(d.budget).into(),
    );
    rows.add(
        "deviation.other",
        "Deviation reason (other)",
        shown(&d.other_reason),
    );
    rows.add(
        "deviation.informed",
        "The customer was told performance and supportability may be affected",
        yes_no(d.customer_informed).into(),
    );
    rows.add(
        "deviation.gpt",
        "GitLab Performance Tool results (link), against GitLab's benchmarks",
        shown(&d.gpt_results_link),
    );
    rows.add(
        "deviation.review",
        "Senior Support Engineer review (outcome)",
        shown(&d.senior_review),
    );
}

/// The recommended architecture for an engagement's sizing, as a person names it.
fn recommendation(e: &Engagement) -> String {
    sizing_of(e)
        .map(|(_, rec)| {
            format!(
                "{} ({}), {}",
                rec.architecture().name,
                rec.size.short(),
                rec.variant.label()
            )
        })
        .unwrap_or_else(|| "none (the sizing form is incomplete)".into())
}

/// Every field that differs between `before` and `after`, in the order of the engagement page
/// (`after`'s order, then fields only `before` has); when the sizing differs, the recommended
/// architecture before and after follows the sizing's rows.
pub fn compare(before: &Engagement, after: &Engagement) -> Vec<Change> {
    let old_rows = rows(before);
    let old: BTreeMap<&str, &Row> = old_rows.iter().map(|r| (r.key.as_str(), r)).collect();
    let new = rows(after);
    let last_sizing = new.iter().rposition(|r| r.key.starts_with("sizing."));
    let mut changes = Vec::new();
    for (i, row) in new.iter().enumerate() {
        match old.get(row.key.as_str()) {
            Some(then) if then.exact == row.exact => {}
            // Two stored values that read alike are shown as they are stored.
            Some(then) if then.value == row.value => changes.push(Change {
                field: row.label.clone(),
                before: shown(&then.exact),
                after: shown(&row.exact),
            }),
            then => changes.push(Change {
                field: row.label.clone(),
                before: then.map(|r| r.value.clone()).unwrap_or_else(|| "—".into()),
                after: row.value.clone(),
            }),
        }
        // The same sizing gives the same recommendation: it is derived only when the sizing differs.
        if Some(i) == last_sizing && before.sizing != after.sizing {
            let (then, now) = (recommendation(before), recommendation(after));
            if then != now {
                changes.push(Change {
                    field: RECOMMENDATION.into(),
                    before: then,
                    after: now,
                });
            }
        }
    }
    // Items only the earlier version has (a document no longer listed, a shorter log).
    let keys: BTreeSet<&str> = new.iter().map(|r| r.key.as_str()).collect();
    for row in &old_rows {
        if !keys.contains(row.key.as_str()) {
            changes.push(Change {
                field: row.label.clone(),
                before: row.value.clone(),
                after: "—".into(),
            });
        }
    }
    changes
}

/// What changed since Support approved the plan, when the approval is out of date: the sizing's
/// fields and the recommended architecture, from the sizing Support approved to today's.
pub fn since_approval(e: &Engagement) -> Vec<Change> {
    let Some(approved) = e.coordination.review.approved_sizing.as_ref() else {
        return Vec::new();
    };
    if !crate::domain::process::workflow::review_out_of_date(e) {
        return Vec::new();
    }
    let then = Engagement {
        sizing: approved.clone(),
        ..e.clone()
    };
    compare(&then, e)
}

/// The engagement now, as a snapshot of a hand-off keeps it: the customer's view or Support's.
pub fn view_now(e: &Engagement, customer_view: bool) -> Engagement {
    if customer_view {
        e.snapshot_content(share::customer_copy)
    } else {
        e.snapshot_content(Engagement::clone)
    }
}

/// What changed from one side to the other, each side a snapshot or (`None`) the engagement
/// now. When either side is the customer's view, both are compared as the customer sees them.
pub fn between(e: &Engagement, from: Option<&Snapshot>, to: Option<&Snapshot>) -> Vec<Change> {
    let customer_view = [from, to]
        .into_iter()
        .flatten()
        .any(|s| s.kind.customer_view());
    let side = |snapshot: Option<&Snapshot>| match snapshot {
        Some(s) if customer_view => share::customer_copy(&s.content),
        Some(s) => (*s.content).clone(),
        None => view_now(e, customer_view),
    };
    compare(&side(from), &side(to))
}

/// What changed since Support last saw the plan (the latest plan shared with them or packet
/// handed over), without Support's own record of the review; the internal notes only when
/// `with_notes` (the packet that shows the rows carries them). An engagement kept before
/// snapshots has none to compare with: then the sizing Support approved, when it is out of
/// date.
pub fn since_support(e: &Engagement, with_notes: bool) -> Vec<Change> {
    let Some(seen) = e.support_last_saw() else {
        return since_approval(e);
    };
    let mut then = (*seen.content).clone();
    let mut now = view_now(e, false);
    then.coordination.review = now.coordination.review.clone();
    if !with_notes {
        then.internal_notes.clear();
        now.internal_notes.clear();
    }
    compare(&then, &now)
}

/// What changed, as the customer sees it, since the customer link made at `revision`: `None`
/// when no snapshot of that link is kept.
pub fn since_customer_link(e: &Engagement, revision: u64) -> Option<Vec<Change>> {
    e.customer_link_at(revision)
        .map(|link| between(e, Some(link), None))
}

/// The changes as a table of a document: "Field", "Then", "Now".
pub fn table(label: &str, changes: &[Change]) -> crate::domain::documents::blocks::Table {
    use crate::domain::documents::blocks::{Column, Table};
    Table {
        label: label.into(),
        titled: false,
        columns: vec![
            Column::text("Field"),
            Column::text("Then"),
            Column::text("Now"),
        ],
        rows: changes
            .iter()
            .map(|c| vec![c.field.clone(), c.before.clone(), c.after.clone()])
            .collect(),
    }
}
