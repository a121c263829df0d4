//! What Support will ask for, on the engagement page: the intake fields, the migration method,
//! the upgrade path, a deviation record, and the checklist of what is still missing.

use leptos::prelude::*;

use crate::domain::documents::outline;
use crate::domain::documents::risks;
use crate::domain::engagement::fields::{problems, values, Field, Form};
use crate::domain::engagement::limits::{LINE_CHARS, SHORT_CHARS};
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::intake::{self, Intake, MigrationMethod};
use crate::domain::process::upgrade;
use crate::domain::process::workflow::Action;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, AppState};
use crate::ui::widgets::fields::{wall_text, CheckField, FieldLink, SelectField, TextField};
use crate::ui::widgets::intake_input::IntakeInput;
use crate::ui::widgets::plan_view::Blocks;

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

/// How much a field only the TAM fills holds, and whether it is a link.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One line.
    Line,
    /// A version or a figure.
    Short,
    /// A web address.
    Link,
}

/// Which end of the maintenance window a field sets.
#[derive(Clone, Copy, PartialEq, Eq)]
enum WindowEnd {
    Start,
    End,
}

/// The intake being edited: what is stored, where a refusal is said, and how a change is made.
/// Copied into each part of the panel.
#[derive(Clone, Copy)]
struct Editor {
    id: EngagementId,
    state: AppState,
    intake: Memo<Intake>,
    message: RwSignal<Option<String>>,
}

impl Editor {
    /// Applies an edit of the intake; a refusal is said at the top of the panel.
    fn set(self, edit: &dyn Fn(&mut Intake)) {
        let mut next = self.intake.get_untracked();
        edit(&mut next);
        if let Err(refusal) = self.state.apply(self.id, Action::SetIntake(Box::new(next))) {
            self.message.set(Some(refusal.to_string()));
        }
    }

    /// A field only the TAM fills: one line, or a link.
    fn text(
        self,
        id: &'static str,
        label: &'static str,
        get: fn(&Intake) -> String,
        put: fn(&mut Intake, String),
        kind: Kind,
    ) -> impl IntoView {
        view! {
            <TextField
                id=id
                label=label
                link=kind == Kind::Link
                max_chars=if kind == Kind::Short { SHORT_CHARS } else { LINE_CHARS }
                value=Signal::derive(move || self.intake.with(get))
                on_commit=Callback::new(move |value: String| self.set(&|i| put(i, value.clone())))
            />
        }
    }

    /// The zone the window's times are on: the recorded one, or this browser's.
    fn zone(self) -> String {
        self.intake.with_untracked(|i| {
            if i.time_zone.trim().is_empty() {
                browser::time_zone()
            } else {
                i.time_zone.clone()
            }
        })
    }

    /// Sets one end of the window from a time on the zone's clock.
    fn set_window(self, end: WindowEnd, local: String) {
        let zone_name = self.zone();
        let at = if local.trim().is_empty() {
            None
        } else {
            match browser::zoned_instant(&local, &zone_name) {
                Some(at) => Some(at),
                None => {
                    self.message
                        .set(Some("Enter a date and a time for the window.".into()));
                    return;
                }
            }
        };
        self.message.set(None);
        self.set(&|i| {
            i.time_zone = zone_name.clone();
            match end {
                WindowEnd::Start => i.window_start = at,
                WindowEnd::End => i.window_end = at,
            }
        });
    }

    /// Sets the zone; the window keeps its wall-clock times, and their offsets follow.
    fn set_zone(self, zone_name: String) {
        let (start, end) = self
            .intake
            .with_untracked(|i| (wall_text(i.window_start), wall_text(i.window_end)));
        let retimed = |local: &str| {
            (!local.is_empty())
                .then(|| browser::zoned_instant(local, &zone_name))
                .flatten()
        };
        let (start, end) = (retimed(&start), retimed(&end));
        self.set(&|i| {
            i.time_zone = zone_name.clone();
            i.window_start = start.or(i.window_start);
            i.window_end = end.or(i.window_end);
        });
    }

    /// A field of the intake table, drawn as the customer's form draws it.
    fn entry(self, field: Field) -> impl IntoView {
        let value = Signal::derive(move || {
            self.intake.with(|i| match field {
                Field::WindowStart => wall_text(i.window_start),
                Field::WindowEnd => wall_text(i.window_end),
                _ => field.read(i),
            })
        });
        let commit = move |v: String| match field {
            Field::WindowStart => self.set_window(WindowEnd::Start, v),
            Field::WindowEnd => self.set_window(WindowEnd::End, v),
            Field::TimeZone => self.set_zone(v),
            _ => self.set(&|i| field.write(i, &v)),
        };
        let problem = Signal::derive(move || {
            self.intake.with(|i| {
                problems(&values(i))
                    .into_iter()
                    .find_map(|(f, p)| (f == field).then_some(p))
            })
        });
        view! { <IntakeInput field=field form=Form::Tam value=value on_commit=Callback::new(commit) problem=problem/> }
    }
}

/// The intake section of the Coordination card: four groups of fields, then what is missing.
#[component]
pub fn IntakePanel(
    id: EngagementId,
    engagement: Memo<Option<Engagement>>,
    risks: Memo<Vec<risks::Found>>,
) -> impl IntoView {
    let intake = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| e.coordination.intake.clone())
                .unwrap_or_default()
        })
    });
    let editor = Editor {
        id,
        state: use_app_state(),
        intake,
        message: RwSignal::new(None),
    };
    view! {
        <section class="stage-panel intake" aria-labelledby="intake-heading">
            <h3 id="intake-heading">"What Support will ask for"</h3>
            <p class="hint">
                "GitLab Support reviews the plan from what it is given. Collect these with the customer before sharing the plan; the packet carries them."
            </p>
            {move || editor.message.get().map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
            <RollbackAndWindow editor=editor/>
            <VersionsAndInstallation editor=editor engagement=engagement/>
            <DiagramBackupRehearsal editor=editor/>
            <DeviationRecord editor=editor/>
            <MissingForReview engagement=engagement risks=risks/>
        </section>
    }
}

/// The rollback plan, the window and the customer's contact during it.
#[component]
fn RollbackAndWindow(editor: Editor) -> impl IntoView {
    let window_text = move || editor.intake.with(intake::window_text);
    view! {
        <fieldset>
            <legend>"Rollback and window"</legend>
            {editor.entry(Field::RollbackSummary)}
            <p class="hint">"What triggers a rollback, and how long it takes."</p>
            <div class="field-row">
                {editor.entry(Field::RollbackLink)}
                {editor.entry(Field::RollbackHours)}
            </div>
            <div class="field-row">
                {editor.entry(Field::WindowStart)}
                {editor.entry(Field::WindowEnd)}
                {editor.entry(Field::TimeZone)}
            </div>
            {move || window_text().map(|t| view! { <p class="recorded">{t}</p> })}
            <div class="field-row">
                {editor.entry(Field::ContactName)}
                {editor.entry(Field::ContactEmail)}
            </div>
        </fieldset>
    }
}

/// How a version field's text is read ("18.6.x" as the latest patch of 18.6), or why it cannot
/// be: the note under the field.
fn version_note(text: &str) -> Option<Result<String, String>> {
    upgrade::reading(text)
        .map_err(|e| e.to_string())
        .transpose()
}

/// The versions, the installation, the migration method and the upgrade path they give.
#[component]
fn VersionsAndInstallation(editor: Editor, engagement: Memo<Option<Engagement>>) -> impl IntoView {
    let intake = editor.intake;
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
        let blocks = engagement.with(|e| {
            e.as_ref()
                .map(|e| outline::upgrade_blocks(e, outline::Audience::Tam))
                .unwrap_or_default()
        });
        view! { <Blocks blocks=blocks level=5/> }
    };
    view! {
        <fieldset>
            <legend>"Versions and installation"</legend>
            <div class="field-row">
                <TextField
                    id="gitlab-version"
                    label="Current GitLab version"
                    max_chars=SHORT_CHARS
                    value=Signal::derive(move || engagement.with(|e| e.as_ref().map(|e| e.coordination.gitlab_version.clone()).unwrap_or_default()))
                    on_commit=Callback::new(move |v: String| {
                        if let Err(refusal) = editor.state.apply(editor.id, Action::SetGitlabVersion(v)) {
                            editor.message.set(Some(refusal.to_string()));
                        }
                    })
                    note=Signal::derive(move || engagement.with(|e| e.as_ref().and_then(|e| version_note(&e.coordination.gitlab_version))))
                />
                <TextField
                    id="target-version"
                    label="Target GitLab version"
                    max_chars=SHORT_CHARS
                    value=Signal::derive(move || intake.with(|i| i.target_version.clone()))
                    on_commit=Callback::new(move |v: String| editor.set(&|i| i.target_version = v.clone()))
                    note=Signal::derive(move || intake.with(|i| version_note(&i.target_version)))
                />
                {editor.entry(Field::Installation)}
                {editor.entry(Field::OperatingSystem)}
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
                    MigrationMethod::from_code(&code).map(|m| editor.set(&|i| i.method = m)).is_some()
                })
            />
            <section class="upgrade-path" aria-labelledby="upgrade-path-heading">
                <h4 id="upgrade-path-heading">"Upgrade path"</h4>
                {upgrade}
            </section>
        </fieldset>
    }
}

/// The diagram, the backup and the rehearsal of the restore.
#[component]
fn DiagramBackupRehearsal(editor: Editor) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Diagram, backup and rehearsal"</legend>
            {editor.entry(Field::DiagramLink)}
            <div class="field-row">
                {editor.text("backup-method", "Backup method", |i| i.backup_method.clone(), |i, v| i.backup_method = v, Kind::Line)}
                {editor.text("data-size", "Data size (GB)", |i| i.data_size_gb.clone(), |i, v| i.data_size_gb = v, Kind::Short)}
            </div>
            <div class="field-row">
                {editor.entry(Field::RehearsalOn)}
                {editor.entry(Field::RehearsalResult)}
                {editor.entry(Field::RestoreHours)}
            </div>
        </fieldset>
    }
}

/// A planned architecture other than the recommended one, and the record GitLab asks for.
#[component]
fn DeviationRecord(editor: Editor) -> impl IntoView {
    let intake = editor.intake;
    let check = move |id: &'static str,
                      label: &'static str,
                      get: fn(&Intake) -> bool,
                      put: fn(&mut Intake, bool)| {
        view! {
            <CheckField
                id=id.to_string()
                label=label
                checked=Signal::derive(move || intake.with(get))
                on_commit=Callback::new(move |on| editor.set(&|i| put(i, on)))
            />
        }
    };
    view! {
        <fieldset>
            <legend>"Deviation from the recommended architecture"</legend>
            <SelectField
                id="deviation-planned"
                label="Planned architecture"
                options=intake::planned_choices()
                value=Signal::derive(move || intake.with(|i| i.deviation.planned.clone()))
                on_commit=Callback::new(move |code: String| {
                    editor.set(&|i| i.deviation.planned = code.clone());
                    true
                })
            />
            <Show when=move || intake.with(|i| i.deviation.recorded())>
                {check("deviation-policy", "Reason: policy", |i| i.deviation.policy, |i, on| i.deviation.policy = on)}
                {check("deviation-budget", "Reason: budget", |i| i.deviation.budget, |i, on| i.deviation.budget = on)}
                {editor.text("deviation-other", "Deviation reason (other)", |i| i.deviation.other_reason.clone(), |i, v| i.deviation.other_reason = v, Kind::Line)}
                {check("deviation-informed", "The customer was told performance and supportability may be affected", |i| i.deviation.customer_informed, |i, on| i.deviation.customer_informed = on)}
                {editor.text("deviation-gpt", "GitLab Performance Tool results (link), against GitLab's benchmarks", |i| i.deviation.gpt_results_link.clone(), |i, v| i.deviation.gpt_results_link = v, Kind::Link)}
                {editor.text("deviation-review", "Senior Support Engineer review (outcome)", |i| i.deviation.senior_review.clone(), |i, v| i.deviation.senior_review = v, Kind::Line)}
            </Show>
        </fieldset>
    }
}

/// What Support would still ask for, each item a link to its field, and the open risks.
#[component]
fn MissingForReview(
    engagement: Memo<Option<Engagement>>,
    risks: Memo<Vec<risks::Found>>,
) -> impl IntoView {
    let open_risks = Memo::new(move |_| risks.with(Vec::len));
    let missing = Memo::new(move |_| {
        engagement.with(|e| e.as_ref().map(intake::missing).unwrap_or_default())
    });
    view! {
        <h4 id="missing-heading" tabindex="-1">"Missing for Support review"</h4>
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
                            let words = engagement.with(|e| e.as_ref().map(|e| m.wording(e)).unwrap_or_else(|| m.to_string()));
                            view! {
                                <li><FieldLink target=target>{words}</FieldLink></li>
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
    }
}
