//! The plan as a read-only document: the customer's view of a shared link, and the print view.

use leptos::prelude::*;

use super::chart::ProjectionChart;
use super::recommendation::RecommendationView;
use crate::domain::engagement::Engagement;
use crate::domain::links::safe_href;
use crate::domain::plan::{intake_rows, requirement_lines, Audience};
use crate::domain::reference::Platform;
use crate::domain::workflow::{
    self, effective_feedback, handover_documents, plan_author, sizing_of, PsDecision, Stage,
};

/// A heading at `level` (1 to 4) of the document's outline.
fn heading(level: u8, id: &'static str, text: String) -> AnyView {
    match level {
        1 => view! { <h1 id=id>{text}</h1> }.into_any(),
        2 => view! { <h2 id=id>{text}</h2> }.into_any(),
        3 => view! { <h3 id=id>{text}</h3> }.into_any(),
        _ => view! { <h4 id=id>{text}</h4> }.into_any(),
    }
}

/// Every part of the plan, read-only, for one audience: internal notes only in the TAM's own
/// view, internal consultations never for the customer.
///
/// For the customer the plan is the whole page: its title is the page's heading, and
/// `children` (the page's own buttons) follow it. For Support it is a part of the engagement
/// page (the print view), one heading level down.
#[component]
pub fn PlanDocument(
    engagement: Engagement,
    today: time::Date,
    audience: Audience,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let status = workflow::status(&engagement, today);
    let next = audience.next(&engagement, &status);
    let name = engagement.customer_name.to_string();
    let (top, title) = match audience {
        Audience::Customer => (1, format!("Upgrade plan for {name}")),
        Audience::Tam | Audience::Support => (
            2,
            format!("Planning summary and Support review packet: {name}"),
        ),
    };
    let sizing = sizing_of(&engagement);
    let c = engagement.coordination.clone();
    let reasons = match c.move_reasons.labels() {
        labels if labels.is_empty() => "—".to_string(),
        labels => labels.join("; "),
    };
    let dash = |text: &str| {
        if text.trim().is_empty() {
            "—".to_string()
        } else {
            text.trim().to_string()
        }
    };
    let platform = Platform::from_code(&engagement.sizing.platform)
        .map(Platform::label)
        .unwrap_or("—");
    let requirements = sizing.as_ref().map(|(req, _)| {
        requirement_lines(req)
            .into_iter()
            .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
            .collect_view()
    });
    let stage_index = Stage::ALL
        .iter()
        .position(|s| *s == status.stage)
        .unwrap_or(0);
    let rec = sizing.as_ref().map(|(_, rec)| rec.clone());
    let docs = (c.ps_decision == PsDecision::Declined)
        .then(|| handover_documents(rec.as_ref(), c.intake.method));
    view! {
        <article class="plan-document" aria-labelledby="plan-title">
            {heading(top, "plan-title", title)}
            {children.map(|children| children())}
            <section aria-labelledby="plan-context-heading">
                {heading(top + 1, "plan-context-heading", "Customer and context".into())}
                <dl class="facts">
                    <dt>"Reasons for the move"</dt><dd>{reasons}</dd>
                    <dt>"Current environment"</dt><dd>{dash(&c.current_environment)}</dd>
                    <dt>"Current GitLab version"</dt><dd>{dash(&c.gitlab_version)}</dd>
                    <dt>"Target platform"</dt><dd>{platform}</dd>
                    <dt>"Desired completion"</dt><dd>{c.desired_completion.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</dd>
                </dl>
            </section>
            <section aria-labelledby="plan-requirements-heading">
                {heading(top + 1, "plan-requirements-heading", "Requirements".into())}
                {match requirements {
                    Some(lines) => view! { <dl class="facts">{lines}</dl> }.into_any(),
                    None => view! { <p>"The sizing form is not complete yet."</p> }.into_any(),
                }}
            </section>
            <section aria-labelledby="plan-timeline-heading">
                {heading(top + 1, "plan-timeline-heading", "Timeline and state".into())}
                <ol class="stages">
                    {Stage::ALL.iter().enumerate().map(|(i, s)| {
                        let class = if i < stage_index { "stage stage-done" } else if i == stage_index { "stage stage-current" } else { "stage stage-todo" };
                        view! { <li class=class aria-current=(i == stage_index).then_some("step")>{s.label()}</li> }
                    }).collect_view()}
                </ol>
                <p><strong>"Next: "</strong>{next}</p>
                {(!status.warnings.is_empty()).then(|| view! {
                    <ul class="warnings" aria-label="Warnings">
                        {status.warnings.iter().map(|w| view! { <li>{w.text.clone()}</li> }).collect_view()}
                    </ul>
                })}
                <ul class="plain-list">
                    <li>"Professional Services: " {c.ps_decision.label()} {c.ps_decided_on.map(|d| format!(" on {d}"))}</li>
                    <li>"Plan written by: " {plan_author(&c).map(|a| a.label()).unwrap_or("not decided yet")}</li>
                    <li>
                        "Plan: "
                        {match c.plan.clone() {
                            Some(plan) => view! {
                                <span>
                                    {format!("recorded on {} (revision {})", plan.date, c.plan_revision)}
                                    {safe_href(&plan.link).map(|href| view! { " · " <a href=href rel="noopener noreferrer" target="_blank">"open the plan"</a> })}
                                    {(!plan.summary.trim().is_empty()).then(|| view! { <span class="pre">{plan.summary.clone()}</span> })}
                                </span>
                            }.into_any(),
                            None => view! { <span>"not recorded yet"</span> }.into_any(),
                        }}
                    </li>
                    <li>
                        "Support review: " {effective_feedback(&c).label()}
                        {c.review.shared_on.map(|d| format!(", shared on {d}"))}
                        {workflow::review_out_of_date(&engagement).then_some(" (out of date: the sizing changed since)")}
                        {safe_href(&c.review.ticket).map(|href| view! { " · " <a href=href rel="noopener noreferrer" target="_blank">"the Support ticket"</a> })}
                        {(!c.review.notes.trim().is_empty()).then(|| view! { <span class="pre">{c.review.notes.clone()}</span> })}
                    </li>
                    <li>
                        "Migration: " {c.migration.status.label()}
                        {c.migration.start.map(|d| format!(", from {d}"))}
                        {c.migration.end.map(|d| format!(" to {d}"))}
                    </li>
                    {workflow::support_is_primary_contact(&c).then(|| view! {
                        <li>"During the migration, GitLab Support is the primary contact, through the normal support process."</li>
                    })}
                </ul>
                {docs.map(|docs| view! {
                    {heading(top + 2, "plan-documents-heading", "Documents handed over".into())}
                    <ul class="plain-list">
                        {docs.into_iter().map(|d| {
                            let when = match c.handed_over.get(&d.url) {
                                Some(date) => format!(": handed over on {date}"),
                                None => ": not handed over yet".to_string(),
                            };
                            view! { <li><a href=d.url rel="noopener noreferrer" target="_blank">{d.title}</a>{when}</li> }
                        }).collect_view()}
                    </ul>
                })}
                {(audience.sees_consultations() && c.ps_decision == PsDecision::Declined && !c.consultations.is_empty()).then(|| view! {
                    {heading(top + 2, "plan-consultations-heading", "Internal teams consulted".into())}
                    <ul class="plain-list">
                        {c.consultations.iter().map(|k| {
                            view! { <li>{k.team.label()} ": " {k.question.clone()} " — " {k.answer_or_pending().to_string()}</li> }
                        }).collect_view()}
                    </ul>
                })}
            </section>
            <section aria-labelledby="plan-intake-heading">
                {heading(top + 1, "plan-intake-heading", "For Support's review".into())}
                <dl class="facts">
                    {intake_rows(&engagement).into_iter().map(|row| view! {
                        <dt>{row.label}</dt>
                        <dd>
                            {(row.text != "—" || row.links.is_empty()).then(|| row.text.clone())}
                            {row.links.into_iter().filter_map(|(label, url)| safe_href(&url).map(|href| (label, href))).map(|(label, href)| view! {
                                " " <a href=href rel="noopener noreferrer" target="_blank">{label}</a>
                            }).collect_view()}
                        </dd>
                    }).collect_view()}
                </dl>
            </section>
            <section class="result" aria-labelledby="plan-architecture-heading">
                {heading(top + 1, "plan-architecture-heading", "Recommended reference architecture".into())}
                {match (rec, sizing.as_ref().map(|(req, _)| (req.current_users, req.growth))) {
                    (Some(rec), Some((users, growth))) => view! {
                        <RecommendationView rec=rec.clone()/>
                        <ProjectionChart current_users=users growth=growth rec=rec/>
                    }.into_any(),
                    _ => view! { <p>"No recommendation until the sizing is complete."</p> }.into_any(),
                }}
            </section>
            {(audience.sees_internal_notes() && !engagement.internal_notes.trim().is_empty()).then(|| view! {
                <section aria-labelledby="plan-notes-heading">
                    {heading(top + 1, "plan-notes-heading", "Internal notes".into())}
                    <p class="pre">{engagement.internal_notes.clone()}</p>
                </section>
            })}
            <section aria-labelledby="plan-log-heading">
                {heading(top + 1, "plan-log-heading", "Activity log".into())}
                <ol class="log">
                    {engagement.log.iter().rev().filter(|entry| audience.sees_consultations() || !entry.is_about_consultation()).map(|entry| view! {
                        <li>{entry.at.date().to_string()} " " {entry.text.clone()}</li>
                    }).collect_view()}
                </ol>
            </section>
        </article>
    }
}
