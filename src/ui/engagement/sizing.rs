//! The sizing section: the requirements form beside the live recommendation.

use leptos::prelude::*;

use crate::domain::documents::architecture;
use crate::domain::engagement::EngagementId;
use crate::domain::process::intake::{deviation_line, Deviation};
use crate::domain::process::workflow::{self, Stage};
use crate::domain::sizing::reference::{Platform, TrafficType};
use crate::domain::sizing::{
    recommend, Field, FieldError, FieldIssue, Flag, Monorepos, Recommendation, Requirements,
    SizingInputs, DEFAULT_HORIZON_MONTHS,
};
use crate::ui::engagement::toolkit::ToolkitDownload;
use crate::ui::platform::state::use_app_state;
use crate::ui::widgets::plan_view::Blocks;

/// The requirements form and GitLab's recommendation for it, side by side.
#[component]
pub fn SizingSection(id: EngagementId) -> impl IntoView {
    let state = use_app_state();
    let stored = Memo::new(move |_| {
        state.engagements.with(|list| {
            list.iter()
                .find(|e| e.id == id)
                .map(|e| e.sizing.clone())
                .unwrap_or_default()
        })
    });
    // A deviation recorded for Support, shown beside the recommendation it departs from: only
    // the deviation is tracked, so that typing elsewhere copies nothing more.
    let deviation = Memo::new(move |_| {
        state.engagements.with(|list| {
            list.iter()
                .find(|e| e.id == id)
                .map(|e| e.coordination.intake.deviation.clone())
                .unwrap_or_default()
        })
    });
    let inputs = RwSignal::new(stored.get_untracked());
    // A change from elsewhere (another tab, an import) shows in the form; the form's own edits
    // are stored at once, so they never differ from storage for long.
    Effect::new(move |_| {
        let stored = stored.get();
        if inputs.with_untracked(|i| *i != stored) {
            inputs.set(stored);
        }
    });
    let parsed = Memo::new(move |_| inputs.with(|i| Requirements::try_from(i)));
    let current = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(recommend)));
    // The last valid recommendation stays on screen, marked stale, while a field is invalid.
    let shown = Memo::new(move |previous: Option<&Option<Recommendation>>| {
        current.get().or_else(|| previous.cloned().flatten())
    });
    let stale = Memo::new(move |_| current.with(Option::is_none) && shown.with(Option::is_some));
    let form = SizingForm {
        inputs,
        issues: Memo::new(move |_| parsed.with(|p| p.as_ref().err().cloned().unwrap_or_default())),
    };
    // Every edit is stored with the engagement at once: nothing typed is lost, valid or not.
    let commit = move || state.update_sizing(id, inputs.get_untracked());
    provide_context(SizingEdit(Callback::new(
        move |(field, text): (Field, String)| {
            inputs.update(|i| *i.text_mut(field) = text);
            commit();
        },
    )));
    provide_context(form);
    let toggle = move |flag: Flag, on: bool| {
        inputs.update(|i| *flag.slot(i) = on);
        commit();
    };

    // Sizing finished when the page opened (a later stage is under way) shows its outcome in
    // one line and opens on demand, as the finished stages do.
    let finished = state
        .find(id)
        .is_some_and(|e| workflow::stage(&e) > Stage::Requirements);
    let collapsed = RwSignal::new(finished);
    let outcome = move || {
        let users = state
            .find(id)
            .map(|e| workflow::stage_outcome(&e, Stage::Requirements))
            .unwrap_or_default();
        let rec = shown.with(|r| {
            r.as_ref()
                .map(|r| {
                    format!(
                        " Recommended: {} ({}).",
                        r.architecture().name,
                        r.size.short()
                    )
                })
                .unwrap_or_default()
        });
        format!("{users}{rec}")
    };
    view! {
        <section class="card sizing" class:collapsed=move || collapsed.get() aria-labelledby="sizing-heading">
            <h2 id="sizing-heading">"Sizing"</h2>
            {move || collapsed.get().then(|| view! { <p class="outcome">"Done: " {outcome()}</p> })}
            {finished.then(|| view! {
                <button
                    type="button"
                    class="link-button no-print"
                    aria-expanded=move || (!collapsed.get()).to_string()
                    aria-controls="sizing-body"
                    on:click=move |_| collapsed.update(|c| *c = !*c)
                >
                    {move || if collapsed.get() { "Show sizing" } else { "Hide sizing" }}
                </button>
            })}
            <div class="sizing-layout" id="sizing-body" hidden=move || collapsed.get()>
                <RequirementsForm on_toggle=Callback::new(move |(flag, on)| toggle(flag, on))/>
                <RecommendationPanel id=id parsed=parsed shown=shown stale=stale deviation=deviation/>
            </div>
        </section>
    }
}

/// The requirements form: users and growth, peak requests per second, platform and needs.
/// Each field stores its edit through the `SizingEdit` context; a tick goes to `on_toggle`.
#[component]
fn RequirementsForm(on_toggle: Callback<(Flag, bool)>) -> impl IntoView {
    let form = expect_context::<SizingForm>();
    let inputs = form.inputs;
    let toggle = move |flag: Flag, on: bool| on_toggle.run((flag, on));
    view! {
            <form class="sizing-form" on:submit=|ev| ev.prevent_default() novalidate=true>
        <fieldset>
            <legend>"Users and growth"</legend>
            <NumberField field=Field::CurrentUsers label="Current users" mode="numeric"/>
            <NumberField field=Field::AnnualGrowth label="Annual growth (%)" mode="decimal"/>
            <NumberField
                field=Field::Horizon
                label="Planning horizon (months)"
                mode="numeric"
            />
            {move || form.inputs.with(|i| {
                (i.horizon_months.trim().is_empty() && !i.annual_growth_pct.trim().is_empty() && i.target_users.trim().is_empty())
                    .then(|| view! { <p class="hint" id="horizon-default">{format!("{DEFAULT_HORIZON_MONTHS} months unless you change it.")}</p> })
            })}
            <NumberField
                field=Field::TargetUsers
                label="Target users"
                mode="numeric"
                hint="Instead of growth: the user count to plan for."
            />
        </fieldset>
        <fieldset>
            <legend>"Peak requests per second (when known)"</legend>
            {TrafficType::ALL
                .map(|t| view! {
                    <NumberField
                        field=Field::PeakRps(t)
                        label=format!("Peak {} RPS", t.label())
                        mode="decimal"
                    />
                })
                .collect_view()}
            <details class="sustained">
                <summary>"Sustained (p95) rates, optional"</summary>
                {TrafficType::ALL
                    .map(|t| view! {
                        <NumberField
                            field=Field::SustainedRps(t)
                            label=format!("Sustained {} RPS (p95)", t.label())
                            mode="decimal"
                        />
                    })
                    .collect_view()}
            </details>
        </fieldset>
        <fieldset>
            <legend>"Platform and needs"</legend>
            <ChoiceField
                field=Field::Platform
                label="Target platform"
                options=std::iter::once(("", "Not chosen yet"))
                    .chain(Platform::ALL.iter().map(|p| (p.code(), p.label())))
                    .collect()
            />
            <ChoiceField
                field=Field::Monorepos
                label="Large monorepos"
                options=Monorepos::ALL.iter().map(|m| (m.code(), m.label())).collect()
            />
            {Flag::ALL
                .into_iter()
                .map(|flag| {
                    let id = flag.id();
                    view! {
                        <div class="check">
                            <input
                                type="checkbox"
                                id=id
                                prop:checked=move || inputs.with(|i| *flag.value(i))
                                on:change=move |ev| toggle(flag, event_target_checked(&ev))
                            />
                            <label for=id>{flag.label()}</label>
                        </div>
                    }
                })
                .collect_view()}
        </fieldset>
    </form>
        }
}

/// GitLab's recommendation for the requirements as typed, or the last valid one marked out of
/// date while a field needs correcting; the recorded deviation from it, beside it; and the
/// GitLab Environment Toolkit starting configuration of it, once a platform is chosen.
#[component]
fn RecommendationPanel(
    id: EngagementId,
    parsed: Memo<Result<Requirements, Vec<FieldIssue>>>,
    shown: Memo<Option<Recommendation>>,
    stale: Memo<bool>,
    deviation: Memo<Deviation>,
) -> impl IntoView {
    let prompt = move || {
        parsed.with(|p| {
            matches!(p, Err(issues) if issues.iter().any(|i| i.field == Field::CurrentUsers && i.error == FieldError::Missing))
        })
    };
    view! {
            <section class="result" aria-labelledby="recommendation-heading">
        <h2 id="recommendation-heading">"Recommended reference architecture"</h2>
        <Show when=move || stale.get()>
            <p class="stale" role="status">
                "Out of date: a field of the form needs correcting. This is the last valid result."
            </p>
        </Show>
        {move || match shown.get() {
            Some(rec) => {
                let points = parsed
                    .with(|p| p.as_ref().ok().map(|r| (r.current_users, r.growth)));
                view! {
                    <div class:stale-result=move || stale.get()>
                        {deviation.with(|d| deviation_line(d, Some(&rec))).map(|line| view! {
                            <p class="deviation" role="note">{line}</p>
                        })}
                        <Blocks blocks=architecture::blocks(&rec, points) level=3/>
                    </div>
                }
                    .into_any()
            }
            None => {
                view! {
                    <p class="empty-state">
                        {move || if prompt() {
                            "Enter the current users to see the recommendation."
                        } else {
                            "Correct the fields marked to see the recommendation."
                        }}
                    </p>
                }
                    .into_any()
            }
        }}
        <ToolkitDownload id=id shown=shown deviation=deviation/>
    </section>
        }
}

/// The form's state, shared with its fields.
#[derive(Clone, Copy)]
struct SizingForm {
    inputs: RwSignal<SizingInputs>,
    issues: Memo<Vec<FieldIssue>>,
}

/// Sets a field's text.
#[derive(Clone, Copy)]
struct SizingEdit(Callback<(Field, String)>);

impl SizingForm {
    /// The message to show next to a field. A blank "Current users" is prompted for in the
    /// result instead, so a new engagement does not open full of errors.
    fn message(&self, field: Field) -> Option<String> {
        self.issues.with(|issues| {
            issues
                .iter()
                .find(|i| i.field == field)
                .filter(|i| !(field == Field::CurrentUsers && i.error == FieldError::Missing))
                .map(|i| i.error.to_string())
        })
    }
}

/// The element id of a field.
fn field_id(field: Field) -> String {
    let traffic = |t: TrafficType| match t {
        TrafficType::Api => "api",
        TrafficType::Web => "web",
        TrafficType::GitPull => "git-pull",
        TrafficType::GitPush => "git-push",
    };
    match field {
        Field::CurrentUsers => "sizing-current-users".into(),
        Field::AnnualGrowth => "sizing-growth".into(),
        Field::Horizon => "sizing-horizon".into(),
        Field::TargetUsers => "sizing-target-users".into(),
        Field::PeakRps(t) => format!("sizing-peak-{}", traffic(t)),
        Field::SustainedRps(t) => format!("sizing-sustained-{}", traffic(t)),
        Field::Platform => "sizing-platform".into(),
        Field::Monorepos => "sizing-monorepos".into(),
    }
}

/// A labelled text field for a number, with its error message beside it.
#[component]
fn NumberField(
    field: Field,
    #[prop(into)] label: String,
    mode: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl IntoView {
    let form = expect_context::<SizingForm>();
    let edit = expect_context::<SizingEdit>();
    let id = field_id(field);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let message = Memo::new(move |_| form.message(field));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            <input
                id=id
                type="text"
                inputmode=mode
                autocomplete="off"
                prop:value=move || form.inputs.with(|i| i.text(field).to_owned())
                on:input=move |ev| edit.0.run((field, event_target_value(&ev)))
                aria-invalid=move || message.with(Option::is_some).to_string()
                aria-describedby=described
            />
            <p class="field-error" id=error_id>{move || message.get()}</p>
        </div>
    }
}

/// A labelled choice among fixed options.
#[component]
fn ChoiceField(
    field: Field,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
) -> impl IntoView {
    let form = expect_context::<SizingForm>();
    let edit = expect_context::<SizingEdit>();
    let id = field_id(field);
    let error_id = format!("{id}-error");
    let message = Memo::new(move |_| form.message(field));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                on:change=move |ev| edit.0.run((field, event_target_value(&ev)))
                aria-describedby=error_id.clone()
            >
                {options
                    .into_iter()
                    .map(|(code, text)| {
                        view! {
                            <option
                                value=code
                                prop:selected=move || form.inputs.with(|i| i.text(field) == code)
                            >
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <p class="field-error" id=error_id>{move || message.get()}</p>
        </div>
    }
}
