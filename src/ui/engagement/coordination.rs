//! The coordination process on an engagement's page: where it stands, what comes next, and
//! one panel per stage. Rules live in `domain::process::workflow`; this only shows and edits.

use leptos::prelude::*;
use time::Date;

use crate::domain::documents::{compare, handoff};
use crate::domain::engagement::draft::DraftField;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::workflow::{
    self, handover_documents, missing_for, plan_author, Action, ActionAt, Consultation,
    Coordination, Feedback, Migration, MigrationStatus, MoveReasons, PlanRecord, PsDecision,
    Refusal, Stage, Status, Team,
};
use crate::domain::text::links::{self, safe_href};
use crate::domain::text::time_fmt;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, AppState};
use crate::ui::widgets::changes::ChangesTable;
use crate::ui::widgets::fields::{
    CheckField, DateField, DraftNote, DraftTextField, FieldLink, SelectField, TextField,
};

/// What every panel of the section shares.
#[derive(Clone, Copy)]
struct Ctx {
    state: crate::ui::platform::state::AppState,
    id: EngagementId,
    engagement: Memo<Option<Engagement>>,
    today: Date,
    /// The last refused change, shown in its stage's panel.
    refusal: RwSignal<Option<(Stage, String)>>,
    /// The question asked before declining Professional Services at 5,000 users or more.
    confirm_decline: RwSignal<Option<String>>,
    /// The question asked before sharing a packet Support will find incomplete.
    confirm_share: RwSignal<Option<String>>,
}

impl Ctx {
    /// Applies a change; a refusal is shown in the panel of `stage`.
    fn act(self, stage: Stage, action: Action) -> bool {
        match self.state.apply(self.id, action) {
            Ok(()) => {
                self.refusal.set(None);
                true
            }
            // Asked while the TAM may still be typing the ticket: the question shows next to the
            // fields without taking the focus away from them.
            Err(Refusal::NeedsConfirmation(question)) if stage == Stage::SupportReview => {
                self.confirm_share.set(Some(question));
                false
            }
            Err(Refusal::NeedsConfirmation(question)) => {
                self.confirm_decline.set(Some(question));
                // The question takes the focus, on its safe answer.
                browser::focus_soon("#confirm-decline-cancel".into());
                false
            }
            Err(refusal) => {
                self.refusal.set(Some((stage, refusal.to_string())));
                false
            }
        }
    }

    /// A value of the coordination record, tracked.
    fn read<T: Default>(self, f: impl Fn(&Coordination) -> T) -> T {
        self.engagement
            .with(|e| e.as_ref().map(|e| f(&e.coordination)).unwrap_or_default())
    }

    /// Why the fields of `stage` cannot be used yet, if they cannot.
    fn blocked(self, stage: Stage) -> Option<String> {
        self.engagement.with(|e| {
            e.as_ref()
                .and_then(|e| missing_for(e, stage))
                .map(|r| r.to_string())
        })
    }

    fn callback<T: 'static>(
        self,
        stage: Stage,
        make: fn(T, &Coordination) -> Action,
    ) -> Callback<T> {
        Callback::new(move |value: T| {
            let action = self
                .engagement
                .with_untracked(|e| e.as_ref().map(|e| make(value, &e.coordination)));
            if let Some(action) = action {
                self.act(stage, action);
            }
        })
    }
}

/// Where the engagement stands: the risks for the window once there is one, the stage, the next
/// action (a link to where it is done) and warnings.
#[component]
pub fn StatusSummary(
    engagement: Memo<Option<Engagement>>,
    status: Memo<Option<Status>>,
    risks: Memo<Vec<crate::domain::documents::risks::Found>>,
) -> impl IntoView {
    let stage = move || status.with(|s| s.as_ref().map(|s| s.stage).unwrap_or(Stage::Requirements));
    // "None found" is only true of a window: before one is recorded there is nothing to say.
    let has_window = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.coordination.intake.window_start.is_some())
        })
    });
    view! {
        <section class="card status" aria-labelledby="status-heading">
            <h2 id="status-heading">"Where it stands"</h2>
            {move || {
                let found = risks.get();
                (!found.is_empty() || has_window.get()).then(|| view! {
                    <section class="risks" aria-labelledby="risks-heading">
                        <h3 id="risks-heading">"Risks for this window"</h3>
                        {if found.is_empty() {
                            view! { <p class="recorded">"None found from what is recorded."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="warnings" aria-labelledby="risks-heading">
                                    {found.into_iter().map(|r| view! { <li data-rule=r.risk.code()>{r.text}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                })
            }}
            <ol class="stages">
                {Stage::ALL
                    .into_iter()
                    .map(|s| {
                        let state = move || {
                            let current = stage();
                            if s < current {
                                "done"
                            } else if s == current {
                                "current"
                            } else {
                                "todo"
                            }
                        };
                        view! {
                            <li
                                class=move || format!("stage stage-{}", state())
                                aria-current=move || (state() == "current").then_some("step")
                            >
                                <span class="stage-name">{s.label()}</span>
                                <span class="visually-hidden">
                                    {move || match state() {
                                        "done" => " (complete)",
                                        "current" => " (current stage)",
                                        _ => " (to do)",
                                    }}
                                </span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <p class="next-action">
                <strong>"Next action: "</strong>
                {move || status.with(|s| s.as_ref().map(|s| {
                    let text = s.next_action.clone();
                    match s.action_at.map(action_target) {
                        Some(target) => view! { <FieldLink target=target>{text}</FieldLink> }.into_any(),
                        None => text.into_any(),
                    }
                }))}
            </p>
            {move || {
                // A version the method cannot meet and the notice are among the risks above.
                let warnings: Vec<_> = status.with(|s| s.as_ref().map(|s| s.warnings.clone()).unwrap_or_default())
                    .into_iter()
                    .filter(|w| !w.rule.among_risks())
                    .collect();
                (!warnings.is_empty()).then(|| view! {
                    <ul class="warnings" aria-label="Warnings">
                        {warnings.into_iter().map(|w| view! { <li data-rule=w.rule.id()>{w.text}</li> }).collect_view()}
                    </ul>
                })
            }}
        </section>
    }
}

/// The element a next action is done at, by its id.
fn action_target(at: ActionAt) -> &'static str {
    match at {
        ActionAt::CurrentUsers => "sizing-current-users",
        ActionAt::PsRecommendedOn => "ps-recommended-on",
        ActionAt::PsDecision => "ps-decision",
        ActionAt::HandOver => "documents-handed-over",
        ActionAt::PlanLink => "plan-link",
        ActionAt::Missing => "missing-heading",
        ActionAt::Share => "mark-shared",
        ActionAt::SupportFeedback => "support-feedback",
        ActionAt::MigrationStart => "migration-start",
        ActionAt::MigrationStatus => "migration-status",
    }
}

/// The panels of the coordination process, and the activity log.
#[component]
pub fn CoordinationSection(
    id: EngagementId,
    engagement: Memo<Option<Engagement>>,
    /// The risks for the window, derived once by the page.
    risks: Memo<Vec<crate::domain::documents::risks::Found>>,
) -> impl IntoView {
    let ctx = Ctx {
        state: use_app_state(),
        id,
        engagement,
        today: browser::today(),
        refusal: RwSignal::new(None),
        confirm_decline: RwSignal::new(None),
        confirm_share: RwSignal::new(None),
    };
    view! {
        <section class="card" aria-labelledby="coordination-heading">
            <h2 id="coordination-heading">"Coordination"</h2>
            <RequirementsPanel ctx=ctx/>
            <ProfessionalServicesPanel ctx=ctx/>
            <PlanPanel ctx=ctx/>
            <crate::ui::engagement::intake::IntakePanel id=id engagement=engagement risks=risks/>
            <SupportReviewPanel ctx=ctx/>
            <MigrationPanel ctx=ctx/>
        </section>
        <ActivityLog engagement=engagement/>
    }
}

/// A stage's panel: heading, why it is blocked, its last refusal, and its fields.
#[component]
fn StagePanel(ctx: Ctx, stage: Stage, children: Children) -> impl IntoView {
    let heading = format!("stage-{}-heading", stage.code());
    let blocked = move || ctx.blocked(stage);
    // A stage finished when the page opened shows its outcome in one line, and opens on demand.
    let finished = move |e: &Option<Engagement>| {
        e.as_ref().is_some_and(|e| {
            let at = workflow::stage(e);
            Stage::ALL.iter().position(|s| *s == stage) < Stage::ALL.iter().position(|s| *s == at)
        })
    };
    let collapsed = RwSignal::new(ctx.engagement.with_untracked(finished));
    let outcome = move || {
        ctx.engagement
            .with(|e| e.as_ref().map(|e| workflow::stage_outcome(e, stage)))
            .unwrap_or_default()
    };
    let body = format!("stage-{}-body", stage.code());
    view! {
        <section class="stage-panel" class:collapsed=move || collapsed.get() aria-labelledby=heading.clone()>
            <h3 id=heading.clone()>{stage.label()}</h3>
            {move || collapsed.get().then(|| view! { <p class="outcome">"Done: " {outcome()}</p> })}
            {
                let controls = body.clone();
                move || (collapsed.get() || ctx.engagement.with(finished)).then(|| view! {
                    <button
                        type="button"
                        class="link-button no-print"
                        aria-expanded=move || (!collapsed.get()).to_string()
                        aria-controls=controls.clone()
                        on:click=move |_| collapsed.update(|c| *c = !*c)
                    >
                        {move || if collapsed.get() { format!("Show {}", stage.label().to_lowercase()) } else { format!("Hide {}", stage.label().to_lowercase()) }}
                    </button>
                })
            }
            <div id=body hidden=move || collapsed.get()>
            {move || blocked().map(|why| view! { <p class="blocked">{why}</p> })}
            {move || {
                ctx.refusal
                    .get()
                    .filter(|(s, _)| *s == stage)
                    .map(|(_, why)| view! { <p class="field-error" role="alert">{why}</p> })
            }}
            <fieldset class="plain" disabled=move || blocked().is_some()>
                {children()}
            </fieldset>
            </div>
        </section>
    }
}

#[component]
fn RequirementsPanel(ctx: Ctx) -> impl IntoView {
    let reasons = move || ctx.read(|c| c.move_reasons.clone());
    let set_reason = move |edit: fn(&mut MoveReasons, bool), on: bool| {
        let mut r = reasons();
        edit(&mut r, on);
        ctx.act(Stage::Requirements, Action::SetMoveReasons(r));
    };
    let reason_box = move |id: &'static str,
                           label: &'static str,
                           get: fn(&MoveReasons) -> bool,
                           set: fn(&mut MoveReasons, bool)| {
        view! {
            <CheckField
                id=id.to_string()
                label=label
                checked=Signal::derive(move || get(&reasons()))
                on_commit=Callback::new(move |on| set_reason(set, on))
            />
        }
    };
    view! {
        <StagePanel ctx=ctx stage=Stage::Requirements>
            <p class="hint">
                "The sizing form above holds the users, growth and load. Record here why the customer is moving and by when."
            </p>
            <fieldset>
                <legend>"Reasons for the move"</legend>
                {reason_box("reason-cloud", "Moving to a cloud provider", |r| r.cloud_provider, |r, on| r.cloud_provider = on)}
                {reason_box("reason-kubernetes", "Adopting Kubernetes", |r| r.kubernetes, |r, on| r.kubernetes = on)}
                {reason_box("reason-growth", "Growth needs more computing resources", |r| r.growth, |r, on| r.growth = on)}
                <TextField
                    id="reason-other"
                    label="Other reason"
                    value=Signal::derive(move || reasons().other)
                    on_commit=Callback::new(move |text: String| {
                        let mut r = reasons();
                        r.other = text;
                        ctx.act(Stage::Requirements, Action::SetMoveReasons(r));
                    })
                />
            </fieldset>
            <div class="field-row">
                <TextField
                    id="current-environment"
                    label="Current environment"
                    value=Signal::derive(move || ctx.read(|c| c.current_environment.clone()))
                    on_commit=ctx.callback(Stage::Requirements, |t, _| Action::SetCurrentEnvironment(t))
                />
                <DateField
                    id="desired-completion"
                    label="Desired completion date"
                    value=Signal::derive(move || ctx.read(|c| c.desired_completion))
                    on_commit=ctx.callback(Stage::Requirements, |d, _| Action::SetDesiredCompletion(d))
                />
            </div>
        </StagePanel>
    }
}

#[component]
fn ProfessionalServicesPanel(ctx: Ctx) -> impl IntoView {
    let large = move || {
        ctx.engagement.with(|e| {
            e.as_ref()
                .and_then(workflow::peak_users)
                .is_some_and(|u| u >= crate::domain::sizing::LARGE_UPGRADE_USERS)
        })
    };
    let decide = move |decision: PsDecision, confirmed: bool| {
        let on = ctx.read(|c| c.ps_decided_on).unwrap_or(ctx.today);
        let on = if ctx.read(|c| c.ps_decision) == decision {
            on
        } else {
            ctx.today
        };
        ctx.act(
            Stage::ProfessionalServices,
            Action::DecidePs {
                decision,
                on,
                confirmed,
            },
        )
    };
    view! {
        <StagePanel ctx=ctx stage=Stage::ProfessionalServices>
            <Show when=large>
                <p class="callout" role="note">
                    <strong>"Professional Services are highly recommended. "</strong>
                    "At 5,000 users or more, Dedicated Implementation Services make sure the plan is sufficient and the migration interrupts as little as possible. Such migrations often take at least three months to plan and carry out."
                </p>
            </Show>
            <Show when=move || !large()>
                <p class="hint">
                    "The recommended path: Professional Services plan and carry out the migration through Dedicated Implementation Services."
                </p>
            </Show>
            <div class="field-row">
                <DateField
                    id="ps-recommended-on"
                    label="Professional Services recommended on"
                    value=Signal::derive(move || ctx.read(|c| c.ps_recommended_on))
                    on_commit=ctx.callback(Stage::ProfessionalServices, |d, _| Action::RecommendPs(d))
                />
                <SelectField
                    id="ps-decision"
                    label="Customer's decision"
                    options=PsDecision::ALL.iter().map(|d| (d.code(), d.label())).collect()
                    value=Signal::derive(move || ctx.read(|c| c.ps_decision.code().to_string()))
                    on_commit=Callback::new(move |code: String| {
                        PsDecision::from_code(&code).is_some_and(|d| decide(d, false))
                    })
                />
                <DateField
                    id="ps-decided-on"
                    label="Decision date"
                    value=Signal::derive(move || ctx.read(|c| c.ps_decided_on))
                    disabled=Signal::derive(move || ctx.read(|c| c.ps_decision) == PsDecision::Undecided)
                    on_commit=Callback::new(move |d: Option<Date>| {
                        let (decision, on) = ctx.read(|c| (c.ps_decision, c.ps_decided_on));
                        let on = d.or(on).unwrap_or(ctx.today);
                        ctx.act(Stage::ProfessionalServices, Action::DecidePs { decision, on, confirmed: true });
                    })
                />
            </div>
            {move || ctx.confirm_decline.get().map(|question| view! {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-decline-heading" aria-describedby="confirm-decline-text">
                    <h4 id="confirm-decline-heading">"Confirm: customer declines Professional Services"</h4>
                    <p id="confirm-decline-text">{question}</p>
                    <button type="button" class="danger" on:click=move |_| {
                        ctx.confirm_decline.set(None);
                        decide(PsDecision::Declined, true);
                        browser::focus_soon("#ps-decision".into());
                    }>"Confirm decline"</button>
                    " "
                    <button type="button" id="confirm-decline-cancel" on:click=move |_| {
                        ctx.confirm_decline.set(None);
                        browser::focus_soon("#ps-decision".into());
                    }>"Cancel"</button>
                </div>
            })}
        </StagePanel>
    }
}

#[component]
fn PlanPanel(ctx: Ctx) -> impl IntoView {
    let author = move || ctx.read(|c| plan_author(c).map(|a| a.label()));
    let declined = move || ctx.read(|c| c.ps_decision == PsDecision::Declined);
    let documents = Memo::new(move |_| {
        let rec = ctx
            .engagement
            .with(|e| e.as_ref().and_then(workflow::sizing_of).map(|(_, rec)| rec));
        handover_documents(rec.as_ref(), ctx.read(|c| c.intake.method))
    });
    // The plan form and the consultation form keep what is typed as drafts of the engagement
    // until their buttons commit it; the plan form starts from the recorded plan, so a revision
    // edits what was there.
    let state = ctx.state;
    let id = ctx.id;
    let recorded = move |get: fn(&PlanRecord) -> String| {
        Signal::derive(move || ctx.read(|c| c.plan.as_ref().map(get).unwrap_or_default()))
    };
    let recorded_link = recorded(|p| p.link.clone());
    let recorded_summary = recorded(|p| p.summary.clone());
    let recorded_date = recorded(|p| p.date.to_string());
    let link_error = RwSignal::new(None::<String>);
    let typed = move |field: DraftField, committed: Signal<String>| {
        committed.with_untracked(|c| state.draft_text(id, field, c))
    };
    let record = move |_| {
        let link = typed(DraftField::PlanLink, recorded_link);
        if !links::is_web_address(&link) {
            link_error.set(Some(
                "Enter a web address starting with https:// (or http://); the plan was not recorded.".into(),
            ));
            browser::focus_soon("#plan-link".into());
            return;
        }
        link_error.set(None);
        let plan = PlanRecord {
            link: link.trim().to_string(),
            summary: typed(DraftField::PlanSummary, recorded_summary),
            date: time_fmt::parse_date(&typed(DraftField::PlanDate, recorded_date))
                .unwrap_or(ctx.today),
        };
        if ctx.act(Stage::Plan, Action::RecordPlan(plan)) {
            state.clear_drafts(id, &DraftField::PLAN);
        }
    };
    let default_team = Signal::derive(|| Team::Product.code().to_string());
    let no_text = Signal::derive(String::new);
    let team = move || state.draft_text(id, DraftField::ConsultTeam, Team::Product.code());
    let consult = move |_| {
        let consultation = Consultation {
            team: Team::from_code(&team()).unwrap_or_default(),
            question: typed(DraftField::ConsultQuestion, no_text),
            answer: typed(DraftField::ConsultAnswer, no_text),
        };
        if ctx.act(Stage::Plan, Action::AddConsultation(consultation)) {
            state.clear_drafts(id, &DraftField::CONSULTATION);
        }
    };
    let date_value = move || typed_date(state, id, recorded_date);
    view! {
        <StagePanel ctx=ctx stage=Stage::Plan>
            <p>
                <strong>"Written by: "</strong>
                {move || author().unwrap_or("decided by the Professional Services answer")}
            </p>
            <Show when=declined>
                <p class="callout" role="note">
                    "The customer declined Professional Services, so the customer writes the plan. The TAM hands over GitLab's documentation but does not produce a detailed hardware upgrade plan. Other teams (Product, Quality, Support, …) can help with specific questions."
                </p>
                <fieldset id="documents-handed-over" tabindex="-1">
                    <legend>"Documents handed over"</legend>
                    <ul class="documents">
                        <For
                            each=move || documents.get()
                            key=|d| d.url.clone()
                            children=move |d| {
                                let url = d.url.clone();
                                let url_for_date = d.url.clone();
                                let on_date = Signal::derive(move || ctx.read(|c| c.handed_over.get(&url_for_date).copied()));
                                let id = format!("handover-{}", d.url.trim_end_matches('/').rsplit('/').next().unwrap_or("doc"));
                                let title = d.title.clone();
                                view! {
                                    <li>
                                        <a href=d.url.clone() target="_blank" rel="noopener noreferrer">{d.title.clone()}</a>
                                        <CheckField
                                            id=id
                                            label=format!("Handed over: {}", d.title)
                                            checked=Signal::derive(move || on_date.get().is_some())
                                            on_commit=Callback::new(move |on: bool| {
                                                ctx.act(Stage::Plan, Action::HandOver {
                                                    url: url.clone(),
                                                    title: title.clone(),
                                                    on: on.then_some(ctx.today),
                                                });
                                            })
                                        />
                                        {move || on_date.get().map(|d| view! { <span class="hint">"on " {d.to_string()}</span> })}
                                    </li>
                                }
                            }
                        />
                    </ul>
                </fieldset>
                <fieldset>
                    <legend>"Internal teams consulted"</legend>
                    <ul class="consultations">
                        {move || ctx.read(|c| c.consultations.clone()).into_iter().enumerate().map(|(i, c)| view! {
                            <li>
                                <strong>{c.team.label()}</strong> ": " {c.question.clone()}
                                {(!c.answer.is_empty()).then(|| view! { <br/> "Answer: " {c.answer.clone()} })}
                                " "
                                <button type="button" class="small" id=format!("remove-consultation-{i}") on:click=move |_| {
                                    if ctx.act(Stage::Plan, Action::RemoveConsultation(i)) {
                                        // Focus goes to the consultation that took this one's place, or the form.
                                        let left = ctx.read(|c| c.consultations.len());
                                        browser::focus_soon(match left {
                                            0 => "#consult-team".into(),
                                            _ => format!("#remove-consultation-{}", i.min(left - 1)),
                                        });
                                    }
                                }>
                                    "Remove"
                                    <span class="visually-hidden">{format!(" the consultation “{}”", c.question)}</span>
                                </button>
                            </li>
                        }).collect_view()}
                    </ul>
                    <div class="field-row">
                        <div class="field">
                            <label for="consult-team">"Team"</label>
                            <select id="consult-team" on:change=move |ev| {
                                let _ = state.type_draft(id, DraftField::ConsultTeam, &event_target_value(&ev), &default_team.get_untracked());
                            }>
                                {Team::ALL.iter().map(|t| {
                                    let code = t.code();
                                    view! { <option value=code prop:selected=move || team() == code>{t.label()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                        <DraftTextField engagement=id field=DraftField::ConsultQuestion label="Question" committed=no_text/>
                        <DraftTextField engagement=id field=DraftField::ConsultAnswer label="Answer" committed=no_text/>
                    </div>
                    <button type="button" on:click=consult>"Add consultation"</button>
                    <DraftNote engagement=id fields=&DraftField::CONSULTATION button="Add consultation" focus="consult-question"/>
                </fieldset>
            </Show>
            <fieldset>
                <legend>"The upgrade plan"</legend>
                {move || ctx.read(|c| c.plan.clone().map(|p| (p, c.plan_revision))).map(|(plan, revision)| {
                    let href = safe_href(&plan.link);
                    view! {
                        <p class="recorded">
                            {format!("Recorded on {} (revision {revision}). ", plan.date)}
                            {href.map(|h| view! { <a href=h target="_blank" rel="noopener noreferrer">"Open the plan"</a> })}
                        </p>
                    }
                })}
                <DraftTextField engagement=id field=DraftField::PlanLink label="Plan link" input_type="url" committed=recorded_link message=link_error/>
                <DraftTextField engagement=id field=DraftField::PlanSummary label="Plan summary" multiline=true committed=recorded_summary/>
                <div class="field field-date">
                    <label for="plan-date">"Plan date"</label>
                    <input id="plan-date" type="date"
                        prop:value=date_value
                        on:input=move |ev| {
                            let _ = recorded_date.with_untracked(|c| state.type_draft(id, DraftField::PlanDate, &event_target_value(&ev), c));
                        }/>
                </div>
                <button type="button" class="primary" on:click=record>
                    {move || if ctx.read(|c| c.plan.is_some()) { "Record revised plan" } else { "Record plan" }}
                </button>
                <DraftNote engagement=id fields=&DraftField::PLAN button="Record plan" focus="plan-link"/>
            </fieldset>
        </StagePanel>
    }
}

/// The plan date the field shows: the draft's, or the recorded plan's (reactive).
fn typed_date(state: AppState, id: EngagementId, recorded: Signal<String>) -> String {
    recorded.with(|c| state.draft_text(id, DraftField::PlanDate, c))
}

#[component]
fn SupportReviewPanel(ctx: Ctx) -> impl IntoView {
    // What the TAM asked to share, while the app asks whether to share an incomplete packet.
    let pending = RwSignal::new(None::<(Option<Date>, String)>);
    // Before the plan first goes to Support, the app asks while items are missing or risks stand,
    // naming them; answers whether it asked.
    let asked = move |on: Option<Date>, ticket: &str| {
        let question = ctx.engagement.with_untracked(|e| {
            e.as_ref()
                .and_then(|e| handoff::share_question(e, on, ctx.today))
        });
        question
            .map(|q| {
                ctx.confirm_share.set(Some(q));
                pending.set(Some((on, ticket.to_string())));
            })
            .is_some()
    };
    let share_with = move |on: Option<Date>, ticket: String, confirmed: bool| {
        if !confirmed && asked(on, &ticket) {
            return;
        }
        let done = ctx.act(
            Stage::SupportReview,
            Action::ShareWithSupport {
                on,
                ticket: ticket.clone(),
                confirmed,
            },
        );
        pending.set((!done).then_some((on, ticket)));
        if done {
            // Focus goes to what the action changed: the date it recorded.
            browser::focus_soon("#shared-on".into());
        }
    };

    let share = move |on: Option<Date>, ticket: String| share_with(on, ticket, false);
    // From the button the question takes the focus, on its safe answer.
    let mark_shared = move |_| {
        share(Some(ctx.today), ctx.read(|c| c.review.ticket.clone()));
        if ctx.confirm_share.with_untracked(Option::is_some) {
            browser::focus_soon("#confirm-share-cancel".into());
        }
    };
    let not_shared = move || ctx.read(|c| c.review.shared_on.is_none());
    let out_of_date = move || {
        ctx.engagement
            .with(|e| e.as_ref().is_some_and(workflow::review_out_of_date))
    };
    // What changed since the plan Support last saw (shared, or its packet handed over).
    let since_support = Memo::new(move |_| {
        ctx.engagement.with(|e| {
            e.as_ref()
                .filter(|e| e.coordination.review.shared_on.is_some())
                .map(|e| compare::since_support(e, true))
                .unwrap_or_default()
        })
    });
    view! {
        <StagePanel ctx=ctx stage=Stage::SupportReview>
            <Show when=out_of_date>
                <p class="callout warning" role="note">
                    "The sizing changed after Support approved the plan: the review is out of date. Share the updated plan and record Support's feedback again."
                </p>
            </Show>
            {move || {
                let changes = since_support.get();
                (!changes.is_empty()).then(|| view! {
                    <ChangesTable caption="Changed since Support last saw the plan".to_string() changes=changes/>
                })
            }}
            <Show when=not_shared>
                <div class="button-row">
                    <button type="button" class="primary" id="mark-shared" on:click=mark_shared>"Mark as shared with Support"</button>
                </div>
                <p class="hint">"Records today's date; change it below if the plan went to Support on another day."</p>
            </Show>
            <ReviewFields ctx=ctx share=Callback::new(move |(on, ticket)| share(on, ticket))/>
            <ShareQuestion
                question=ctx.confirm_share
                on_share=Callback::new(move |()| {
                    ctx.confirm_share.set(None);
                    if let Some((on, ticket)) = pending.get_untracked() {
                        share_with(on, ticket, true);
                    }
                })
                on_cancel=Callback::new(move |()| {
                    ctx.confirm_share.set(None);
                    pending.set(None);
                    browser::focus_soon("#shared-on".into());
                })
            />
            <TextField
                id="feedback-notes"
                label="Feedback notes"
                multiline=true
                value=Signal::derive(move || ctx.read(|c| c.review.notes.clone()))
                on_commit=ctx.callback(Stage::SupportReview, |notes, c| Action::SetFeedback {
                    feedback: workflow::effective_feedback(c),
                    notes,
                })
            />
        </StagePanel>
    }
}

/// When the plan went to Support, under which ticket, and Support's feedback; `share` records a
/// day and a ticket (asking first, before the first share, when there is something to ask).
#[component]
fn ReviewFields(ctx: Ctx, share: Callback<(Option<Date>, String)>) -> impl IntoView {
    view! {
        <div class="field-row">
            <DateField
                id="shared-on"
                label="Shared with Support on"
                value=Signal::derive(move || ctx.read(|c| c.review.shared_on))
                on_commit=Callback::new(move |d| share.run((d, ctx.read(|c| c.review.ticket.clone()))))
            />
            <TextField
                id="support-ticket"
                label="Support ticket link"
                input_type="url"
                link=true
                value=Signal::derive(move || ctx.read(|c| c.review.ticket.clone()))
                on_commit=Callback::new(move |t| share.run((ctx.read(|c| c.review.shared_on).or(Some(ctx.today)), t)))
            />
            <SelectField
                id="support-feedback"
                label="Support's feedback"
                options=Feedback::ALL.iter().map(|f| (f.code(), f.label())).collect()
                value=Signal::derive(move || ctx.read(|c| workflow::effective_feedback(c).code().to_string()))
                on_commit=Callback::new(move |code: String| {
                    Feedback::from_code(&code).is_some_and(|feedback| {
                        let notes = ctx.read(|c| c.review.notes.clone());
                        ctx.act(Stage::SupportReview, Action::SetFeedback { feedback, notes })
                    })
                })
            />
        </div>
    }
}

/// The question asked before the plan first goes to Support while items are missing or risks
/// stand, naming them.
#[component]
fn ShareQuestion(
    question: RwSignal<Option<String>>,
    on_share: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    move || {
        question.get().map(|question| {
            view! {
                <div class="confirm" role="alertdialog" aria-labelledby="confirm-share-text">
                    <p id="confirm-share-text">{question}</p>
                    <button type="button" class="primary" on:click=move |_| on_share.run(())>"Share anyway"</button>
                    " "
                    <button type="button" id="confirm-share-cancel" on:click=move |_| on_cancel.run(())>"Cancel"</button>
                </div>
            }
        })
    }
}

#[component]
fn MigrationPanel(ctx: Ctx) -> impl IntoView {
    let migration = move || ctx.read(|c| c.migration.clone());
    let set = move |edit: &dyn Fn(&mut Migration)| {
        let mut m = migration();
        edit(&mut m);
        ctx.act(Stage::Migration, Action::SetMigration(m))
    };
    let without_ps = move || ctx.read(|c| c.ps_decision == PsDecision::Declined);
    let ticket = move || ctx.read(|c| safe_href(&c.review.ticket));
    view! {
        <StagePanel ctx=ctx stage=Stage::Migration>
            <Show when=without_ps>
                <p class="callout" role="note">
                    "Without Professional Services, Support is the customer's primary contact during the migration, through the normal support process. "
                    {move || ticket().map(|href| view! {
                        <a href=href target="_blank" rel="noopener noreferrer">"Open the Support ticket"</a>
                    })}
                </p>
            </Show>
            <div class="field-row">
                <DateField
                    id="migration-start"
                    label="Migration start"
                    value=Signal::derive(move || migration().start)
                    on_commit=Callback::new(move |d| { set(&|m| m.start = d); })
                />
                <DateField
                    id="migration-end"
                    label="Migration end"
                    value=Signal::derive(move || migration().end)
                    on_commit=Callback::new(move |d| { set(&|m| m.end = d); })
                />
                <SelectField
                    id="migration-status"
                    label="Migration status"
                    options=MigrationStatus::ALL.iter().map(|s| (s.code(), s.label())).collect()
                    value=Signal::derive(move || migration().status.code().to_string())
                    on_commit=Callback::new(move |code: String| {
                        MigrationStatus::from_code(&code).is_some_and(|s| set(&|m| m.status = s))
                    })
                />
            </div>
        </StagePanel>
    }
}

/// Every decision and stage change, newest first.
#[component]
fn ActivityLog(engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let offset = browser::local_offset_minutes();
    view! {
        <section class="card" aria-labelledby="log-heading">
            <h2 id="log-heading">"Activity log"</h2>
            {move || {
                let entries = engagement.with(|e| e.as_ref().map(|e| e.log.clone()).unwrap_or_default());
                if entries.is_empty() {
                    view! { <p class="empty-state">"Nothing recorded yet: decisions and stage changes appear here."</p> }.into_any()
                } else {
                    view! {
                        <ol class="log">
                            {entries.into_iter().rev().map(|entry| view! {
                                <li>
                                    <time datetime=time_fmt::rfc3339(entry.at)>
                                        {time_fmt::format_local(entry.at, offset)}
                                    </time>
                                    " "
                                    {entry.text}
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }
            }}
        </section>
    }
}
