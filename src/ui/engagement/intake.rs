//! What Support will ask for, on the engagement page: the intake fields, the migration method,
//! the upgrade path, a deviation record, and the checklist of what is still missing.

use leptos::prelude::*;

use crate::domain::documents::outline;
use crate::domain::documents::risks;
use crate::domain::engagement::fields::{Field, Form};
use crate::domain::engagement::limits::SHORT_CHARS;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::intake::{self, Intake, MigrationMethod};
use crate::domain::process::workflow::Action;
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;
use crate::ui::widgets::fields::{wall_text, CheckField, SelectField, TextField};
use crate::ui::widgets::intake_input::IntakeInput;
use crate::ui::widgets::plan_view::block;

/// The field where a missing item is answered: where its link takes the focus.
fn field_of(m: intake::Missing) -> &'static str {
    use intake::Missing as M;
    match m {
        M::Plan => "plan-link",
        M::RollbackPlan => Field::RollbackSummary.id(Form::Tam),
        M::Window => Field::WindowStart.id(Form::Tam),
        M::TimeZone => Field::TimeZone.id(Form::Tam),
        M::Contact => Field::ContactName.id(Form::Tam),
        M::Versions => "gitlab-version",
        M::Installation => Field::Installation.id(Form::Tam),
        M::Diagram => Field::DiagramLink.id(Form::Tam),
        M::Backup => "backup-method",
        M::Rehearsal => Field::RehearsalOn.id(Form::Tam),
        M::Method => "migration-method",
        M::DeviationRecord => "deviation-policy",
    }
}

/// The intake section of the Coordination card.
/// Which end of the maintenance window a field sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WindowEnd {
    Start,
    End,
}

#[component]
pub fn IntakePanel(
    id: EngagementId,
    engagement: Memo<Option<Engagement>>,
    risks: Memo<Vec<risks::Found>>,
) -> impl IntoView {
    let state = use_app_state();
    let intake = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| e.coordination.intake.clone())
                .unwrap_or_default()
        })
    });
    let message = RwSignal::new(None::<String>);
    let set = move |edit: &dyn Fn(&mut Intake)| {
        let mut next = intake.get_untracked();
        edit(&mut next);
        if let Err(refusal) = state.apply(id, Action::SetIntake(Box::new(next))) {
            message.set(Some(refusal.to_string()));
        }
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      get: fn(&Intake) -> String,
                      put: fn(&mut Intake, String),
                      multiline: bool,
                      link: bool| {
        view! {
            <TextField
                id=id
                label=label
                multiline=multiline
                link=link
                value=Signal::derive(move || intake.with(get))
                on_commit=Callback::new(move |value: String| set(&|i| put(i, value.clone())))
            />
        }
    };
    let text = move |id, label, get, put, multiline| field(id, label, get, put, multiline, false);
    let link = move |id, label, get, put| field(id, label, get, put, false, true);
    let browser_zone = browser::time_zone();
    let zone = Signal::derive({
        let browser_zone = browser_zone.clone();
        move || {
            intake.with(|i| {
                if i.time_zone.trim().is_empty() {
                    browser_zone.clone()
                } else {
                    i.time_zone.clone()
                }
            })
        }
    });
    let set_window = move |end: WindowEnd, local: String| {
        let start = end == WindowEnd::Start;
        let zone_name = zone.get_untracked();
        let at = if local.trim().is_empty() {
            None
        } else {
            match browser::zoned_instant(&local, &zone_name) {
                Some(at) => Some(at),
                None => {
                    message.set(Some("Enter a date and a time for the window.".into()));
                    return;
                }
            }
        };
        message.set(None);
        set(&|i| {
            i.time_zone = zone_name.clone();
            if start {
                i.window_start = at;
            } else {
                i.window_end = at;
            }
        });
    };
    let set_zone = move |zone_name: String| {
        // The window keeps its wall-clock times; their offsets follow the new zone.
        let (start, end) =
            intake.with_untracked(|i| (wall_text(i.window_start), wall_text(i.window_end)));
        let retimed = |local: &str| {
            (!local.is_empty())
                .then(|| browser::zoned_instant(local, &zone_name))
                .flatten()
        };
        let (start, end) = (retimed(&start), retimed(&end));
        set(&|i| {
            i.time_zone = zone_name.clone();
            i.window_start = start.or(i.window_start);
            i.window_end = end.or(i.window_end);
        });
    };
    // A field of the intake table, drawn as the customer's form draws it.
    let entry = move |field: Field| {
        let value = Signal::derive(move || {
            intake.with(|i| match field {
                Field::WindowStart => wall_text(i.window_start),
                Field::WindowEnd => wall_text(i.window_end),
                _ => field.read(i),
            })
        });
        let commit = move |v: String| match field {
            Field::WindowStart => set_window(WindowEnd::Start, v),
            Field::WindowEnd => set_window(WindowEnd::End, v),
            Field::TimeZone => set_zone(v),
            _ => set(&|i| field.write(i, &v)),
        };
        view! { <IntakeInput field=field form=Form::Tam value=value on_commit=Callback::new(commit)/> }
    };
    let open_risks = Memo::new(move |_| risks.with(Vec::len));
    let missing = Memo::new(move |_| {
        engagement.with(|e| e.as_ref().map(intake::missing).unwrap_or_default())
    });
    let upgrade_path = move || {
        engagement.with(|e| {
            e.as_ref().and_then(|e| {
                let i = &e.coordination.intake;
                intake::upgrade_path_link(
                    &e.coordination.gitlab_version,
                    &i.target_version,
                    intake::distro(i.installation, &i.operating_system),
                )
            })
        })
    };
    let upgrade = move || {
        engagement.with(|e| {
            e.as_ref()
                .map(outline::upgrade_blocks)
                .unwrap_or_default()
                .into_iter()
                .map(|b| block(b, 5))
                .collect_view()
        })
    };
    let window_text = move || intake.with(intake::window_text);
    view! {
        <section class="stage-panel intake" aria-labelledby="intake-heading">
            <h3 id="intake-heading">"What Support will ask for"</h3>
            <p class="hint">
                "GitLab Support reviews the plan from what it is given. Collect these with the customer before sharing the plan; the packet carries them."
            </p>
            {move || message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <fieldset>
                <legend>"Rollback and window"</legend>
                {entry(Field::RollbackSummary)}
                <p class="hint">"What triggers a rollback, and how long it takes."</p>
                <div class="field-row">
                    {entry(Field::RollbackLink)}
                    {entry(Field::RollbackHours)}
                </div>
                <div class="field-row">
                    {entry(Field::WindowStart)}
                    {entry(Field::WindowEnd)}
                    {entry(Field::TimeZone)}
                </div>
                {move || window_text().map(|t| view! { <p class="recorded">{t}</p> })}
                <div class="field-row">
                    {entry(Field::ContactName)}
                    {entry(Field::ContactEmail)}
                </div>
            </fieldset>
            <fieldset>
                <legend>"Versions and installation"</legend>
                <div class="field-row">
                    <TextField
                        id="gitlab-version"
                        label="Current GitLab version"
                        max_chars=SHORT_CHARS
                        value=Signal::derive(move || engagement.with(|e| e.as_ref().map(|e| e.coordination.gitlab_version.clone()).unwrap_or_default()))
                        on_commit=Callback::new(move |v: String| {
                            if let Err(refusal) = state.apply(id, Action::SetGitlabVersion(v)) {
                                message.set(Some(refusal.to_string()));
                            }
                        })
                    />
                    <TextField
                        id="target-version"
                        label="Target GitLab version"
                        max_chars=SHORT_CHARS
                        value=Signal::derive(move || intake.with(|i| i.target_version.clone()))
                        on_commit=Callback::new(move |v: String| set(&|i| i.target_version = v.clone()))
                    />
                    {entry(Field::Installation)}
                    {entry(Field::OperatingSystem)}
                </div>
                {move || upgrade_path().map(|href| view! {
                    <p>
                        <a href=href target="_blank" rel="noopener noreferrer">"Open the upgrade path in GitLab's Upgrade Path tool"</a>
                    </p>
                })}
                <SelectField
                    id="migration-method"
                    label="Migration method"
                    options=MigrationMethod::ALL.iter().map(|m| (m.code(), m.label())).collect()
                    value=Signal::derive(move || intake.with(|i| i.method.code().to_string()))
                    on_commit=Callback::new(move |code: String| {
                        MigrationMethod::from_code(&code).map(|m| set(&|i| i.method = m)).is_some()
                    })
                />
                <section class="upgrade-path" aria-labelledby="upgrade-path-heading">
                    <h4 id="upgrade-path-heading">"Upgrade path"</h4>
                    {upgrade}
                </section>
            </fieldset>
            <fieldset>
                <legend>"Diagram, backup and rehearsal"</legend>
                {entry(Field::DiagramLink)}
                <div class="field-row">
                    {text("backup-method", "Backup method", |i| i.backup_method.clone(), |i, v| i.backup_method = v, false)}
                    <TextField
                        id="data-size"
                        label="Data size (GB)"
                        max_chars=SHORT_CHARS
                        value=Signal::derive(move || intake.with(|i| i.data_size_gb.clone()))
                        on_commit=Callback::new(move |v: String| set(&|i| i.data_size_gb = v.clone()))
                    />
                </div>
                <div class="field-row">
                    {entry(Field::RehearsalOn)}
                    {entry(Field::RehearsalResult)}
                    {entry(Field::RestoreHours)}
                </div>
            </fieldset>
            <fieldset>
                <legend>"Deviation from the recommended architecture"</legend>
                <SelectField
                    id="deviation-planned"
                    label="Planned architecture"
                    options=intake::planned_choices()
                    value=Signal::derive(move || intake.with(|i| i.deviation.planned.clone()))
                    on_commit=Callback::new(move |code: String| {
                        set(&|i| i.deviation.planned = code.clone());
                        true
                    })
                />
                <Show when=move || intake.with(|i| i.deviation.recorded())>
                    <CheckField
                        id="deviation-policy".to_string()
                        label="Reason: policy"
                        checked=Signal::derive(move || intake.with(|i| i.deviation.policy))
                        on_commit=Callback::new(move |on| set(&|i| i.deviation.policy = on))
                    />
                    <CheckField
                        id="deviation-budget".to_string()
                        label="Reason: budget"
                        checked=Signal::derive(move || intake.with(|i| i.deviation.budget))
                        on_commit=Callback::new(move |on| set(&|i| i.deviation.budget = on))
                    />
                    {text("deviation-other", "Deviation reason (other)", |i| i.deviation.other_reason.clone(), |i, v| i.deviation.other_reason = v, false)}
                    <CheckField
                        id="deviation-informed".to_string()
                        label="The customer was told performance and supportability may be affected"
                        checked=Signal::derive(move || intake.with(|i| i.deviation.customer_informed))
                        on_commit=Callback::new(move |on| set(&|i| i.deviation.customer_informed = on))
                    />
                    {link("deviation-gpt", "GitLab Performance Tool results (link), against GitLab's benchmarks", |i| i.deviation.gpt_results_link.clone(), |i, v| i.deviation.gpt_results_link = v)}
                    {text("deviation-review", "Senior Support Engineer review (outcome)", |i| i.deviation.senior_review.clone(), |i, v| i.deviation.senior_review = v, false)}
                </Show>
            </fieldset>
            <h4 id="missing-heading">"Missing for Support review"</h4>
            {move || {
                let items = missing.get();
                let open = open_risks.get();
                if items.is_empty() && open > 0 {
                    view! { <p class="recorded">{format!(
                        "Every field Support asks for is filled in, but {} under “Risks for this window” {} still open.",
                        if open == 1 { "the risk".to_string() } else { format!("the {open} risks") },
                        if open == 1 { "is" } else { "are" }
                    )}</p> }.into_any()
                } else if items.is_empty() {
                    view! { <p class="recorded">"Nothing is missing: the packet holds everything Support asks for."</p> }.into_any()
                } else {
                    view! {
                        <ul class="missing" aria-labelledby="missing-heading">
                            {items.into_iter().map(|m| {
                                let target = field_of(m);
                                view! {
                                    <li>
                                        <a href=format!("#{target}") on:click=move |ev| {
                                            ev.prevent_default();
                                            browser::focus_soon(format!("#{target}"));
                                        }>{m.to_string()}</a>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
            <p class="hint">
                {format!(
                    "The app assumes Support needs {} days to review a plan, the notice GitLab Support asks for before scheduled upgrade work; a window that starts sooner is flagged.",
                    intake::REVIEW_LEAD_DAYS
                )}
            </p>
        </section>
    }
}
