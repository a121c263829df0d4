//! Labelled form fields that commit their value as the TAM types or chooses.

use leptos::prelude::*;
use time::Date;

use crate::domain::engagement::draft::DraftField;
use crate::domain::engagement::limits;
use crate::domain::engagement::EngagementId;
use crate::domain::text::links;
use crate::domain::text::time_fmt::{date_input_value, parse_date};
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;

/// A text field (or a text area) saved as the TAM types: every input reaches the state at
/// once, and the state is written to storage a moment later (see `sync`), so neither a reload
/// nor a closed tab loses what was typed. Text over the field's limit stays on screen with a
/// message next to the field, and is not saved until it is shortened.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
    #[prop(optional, into)] disabled: Signal<bool>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] input_type: Option<&'static str>,
    /// The most characters the field holds; by default a long text for a text area and one
    /// line otherwise.
    #[prop(optional)]
    max_chars: Option<usize>,
    /// A link field: it holds a web address (`https://…`) or nothing; other text stays on
    /// screen with a message next to the field, and is not saved.
    #[prop(optional)]
    link: bool,
    /// What the domain says of the saved value: how it was read (`Ok`), or why it cannot be
    /// read (`Err`, shown as the field's error). The value is saved either way.
    #[prop(optional, into)]
    note: Option<Signal<Option<Result<String, String>>>>,
    /// What the intake table's checks find wrong with the saved value, shown as the field's
    /// error (after a limit's refusal).
    #[prop(optional, into)]
    problem: Option<Signal<Option<String>>>,
    /// Every text is committed, whatever it holds: the caller says what is wrong through
    /// `problem` (the customer's "Your part" keeps a mistyped link, and names it before sending).
    #[prop(optional)]
    keep_all: bool,
) -> impl IntoView {
    let problem = move || problem.and_then(|p| p.get());
    let has_note = note.is_some();
    let note = move || note.and_then(|n| n.get());
    let limit = max_chars.unwrap_or(if multiline {
        limits::LONG_TEXT_CHARS
    } else {
        limits::LINE_CHARS
    });
    let typed_error = RwSignal::new(None::<String>);
    // A limit's refusal first (the text is not saved), then the note's reason (it is).
    let shown_error = move || {
        typed_error
            .get()
            .or_else(problem)
            .or_else(|| note().and_then(Result::err))
    };
    let error_id = format!("{id}-error");
    let note_id = format!("{id}-note");
    let described_by = if has_note {
        format!("{error_id} {note_id}")
    } else {
        error_id.clone()
    };
    let checked = move |text: &str| {
        if keep_all {
            return Ok(());
        }
        limits::check_text(text, limit).map_err(|over| over.to_string())?;
        if link && !links::is_web_address(text) {
            return Err(links::NOT_WEB_ADDRESS.to_string());
        }
        Ok(())
    };
    let commit = move |text: String| match checked(&text) {
        Ok(()) => {
            if typed_error.with_untracked(Option::is_some) {
                typed_error.set(None);
            }
            on_commit.run(text);
        }
        Err(message) => typed_error.set(Some(message)),
    };
    let input = if multiline {
        view! {
            <textarea
                id=id
                rows="3"
                prop:value=move || value.get()
                disabled=move || disabled.get()
                on:input=move |ev| commit(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
                aria-invalid=move || shown_error().is_some().to_string()
                aria-describedby=described_by.clone()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type=input_type.unwrap_or("text")
                prop:value=move || value.get()
                disabled=move || disabled.get()
                on:input=move |ev| commit(event_target_value(&ev))
                on:change=move |ev| commit(event_target_value(&ev))
                aria-invalid=move || shown_error().is_some().to_string()
                aria-describedby=described_by.clone()
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            <p class="field-error" id=error_id role=move || shown_error().is_some().then_some("alert")>
                {shown_error}
            </p>
            {has_note.then(|| view! { <p class="hint" id=note_id>{move || note().and_then(Result::ok)}</p> })}
        </div>
    }
}

/// A date field saved when it changes; clearing it saves no date.
#[component]
pub fn DateField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<Option<Date>>,
    on_commit: Callback<Option<Date>>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="field field-date">
            <label for=id>{label}</label>
            <input
                id=id
                type="date"
                prop:value=move || date_input_value(value.get())
                disabled=move || disabled.get()
                on:change=move |ev| on_commit.run(parse_date(&event_target_value(&ev)))
            />
        </div>
    }
}

/// A choice among fixed options. `on_commit` answers whether the choice was taken; when it was
/// not (a confirmation is pending, or it was refused), the field shows the stored value again.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String, bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    let select = NodeRef::<leptos::html::Select>::new();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select
                id=id
                node_ref=select
                disabled=move || disabled.get()
                on:change=move |ev| {
                    if !on_commit.run(event_target_value(&ev)) {
                        if let Some(select) = select.get_untracked() {
                            select.set_value(&value.get_untracked());
                        }
                    }
                }
            >
                {options
                    .into_iter()
                    .map(|(code, text)| {
                        view! {
                            <option value=code prop:selected=move || value.with(|v| v == code)>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A checkbox saved when it changes.
#[component]
pub fn CheckField(
    id: String,
    #[prop(into)] label: String,
    #[prop(into)] checked: Signal<bool>,
    on_commit: Callback<bool>,
    #[prop(optional, into)] disabled: Signal<bool>,
) -> impl IntoView {
    view! {
        <div class="check">
            <input
                type="checkbox"
                id=id.clone()
                prop:checked=move || checked.get()
                disabled=move || disabled.get()
                on:change=move |ev| on_commit.run(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// "2027-03-06T22:00", as a `datetime-local` input takes it: the time on the zone's own clock.
pub fn wall_text(at: Option<time::OffsetDateTime>) -> String {
    at.map(|at| format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute()))
        .unwrap_or_default()
}

/// A date and a time on the clock of a time zone chosen beside it; `value` and what
/// `on_commit` receives are as the input holds them ("2027-03-06T22:00", or empty).
#[component]
pub fn WallTimeField(
    id: &'static str,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
    /// What is wrong with the value, shown at the field.
    #[prop(into)]
    error: Signal<Option<String>>,
) -> impl IntoView {
    view! { <ChangeField id=id label=label input_type="datetime-local" class="field" value=value on_commit=on_commit error=error/> }
}

/// An input of `input_type` whose text is committed when it changes (a date, a time), as the
/// input holds it.
#[component]
pub fn ChangeField(
    id: &'static str,
    label: &'static str,
    input_type: &'static str,
    class: &'static str,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
    /// What is wrong with the value, shown at the field.
    #[prop(optional, into)]
    error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let error = move || error.and_then(|e| e.get());
    let error_id = format!("{id}-error");
    view! {
        <div class=class>
            <label for=id>{label}</label>
            <input
                id=id
                type=input_type
                prop:value=move || value.get()
                on:change=move |ev| on_commit.run(event_target_value(&ev))
                aria-invalid=move || error().is_some().to_string()
                aria-describedby={
                    let error_id = error_id.clone();
                    move || error().is_some().then(|| error_id.clone())
                }
            />
            {move || error().map(|m| view! { <p class="field-error" id=error_id.clone() role="alert">{m}</p> })}
        </div>
    }
}

/// "Time zone": one of the IANA names the browser knows. Nothing shows as chosen until someone
/// chooses; the browser's own zone is offered first.
#[component]
pub fn TimeZoneField(
    id: &'static str,
    zones: Vec<String>,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
) -> impl IntoView {
    let suggested = crate::ui::platform::browser::time_zone();
    // Some 400 zones: the options are plain (no reactive binding each, which cost a noticeable
    // part of a page's start on a slow phone); the one chosen is marked as they are built, and
    // one effect follows later changes.
    let select = NodeRef::<leptos::html::Select>::new();
    let first = value.get_untracked();
    Effect::new(move |_| {
        let chosen = value.get();
        if let Some(select) = select.get() {
            if select.value() != chosen {
                select.set_value(&chosen);
            }
        }
    });
    view! {
        <div class="field">
            <label for=id>"Time zone"</label>
            <select id=id node_ref=select on:change=move |ev| on_commit.run(event_target_value(&ev))>
                <option value="" selected=first.is_empty()>"Choose a time zone"</option>
                <option value=suggested.clone() selected=first == suggested>{format!("{suggested} (this browser's)")}</option>
                {zones.into_iter().filter(|zone| *zone != suggested).map(|zone| {
                    let selected = zone == first;
                    view! { <option selected=selected>{zone}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A field whose text waits for a button ("Record plan", "Add consultation", "Rename"): what
/// is typed is kept as a draft of the engagement, saved like any change, and shown back after a
/// reload until the button commits it or "Discard draft" throws it away. When another tab
/// commits a different value meanwhile, the field keeps the typing and says so.
#[component]
pub fn DraftTextField(
    engagement: EngagementId,
    field: DraftField,
    label: &'static str,
    /// The committed value the draft is typed over.
    #[prop(into)]
    committed: Signal<String>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// A message about the field from its button (a link refused, a name that cannot be
    /// empty), shown with the field's own.
    #[prop(optional)]
    message: Option<RwSignal<Option<String>>>,
    /// Runs when the field is left (`change`): the customer name commits then.
    #[prop(optional)]
    on_leave: Option<Callback<()>>,
) -> impl IntoView {
    let state = use_app_state();
    let id = field.code();
    let error = message.unwrap_or_else(|| RwSignal::new(None));
    let error_id = format!("{id}-error");
    let value = move || committed.with(|c| state.draft_text(engagement, field, c));
    let typed = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        let result = committed.with_untracked(|c| state.type_draft(engagement, field, &text, c));
        error.set(result.err().map(|over| over.to_string()));
    };
    let elsewhere = move || committed.with(|c| state.changed_elsewhere(engagement, field, c));
    let use_it = move |_| {
        state.clear_drafts(engagement, &[field]);
        error.set(None);
    };
    // Leaving the field commits nothing while another tab's value waits for the TAM's choice:
    // "Use it", or the form's button.
    let leave = move |_| {
        if let Some(on_leave) = on_leave {
            if untrack(elsewhere).is_some() {
                return;
            }
            on_leave.run(());
        }
    };
    let input = if multiline {
        view! {
            <textarea
                id=id
                rows="3"
                prop:value=value
                on:input=typed
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id
                type=input_type.unwrap_or("text")
                autocomplete=autocomplete
                prop:value=value
                on:input=typed
                on:change=leave
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby=error_id.clone()
            />
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {input}
            <p class="field-error" id=error_id role=move || error.with(Option::is_some).then_some("alert")>
                {move || error.get()}
            </p>
            {move || elsewhere().map(|theirs| view! {
                <p class="callout warning elsewhere" role="status">
                    {format!("Changed in another tab: {}", if theirs.is_empty() { "(empty)".to_string() } else { theirs })}
                    " "
                    <button type="button" class="small" on:click=use_it>"Use it"</button>
                </p>
            })}
        </div>
    }
}

/// "Discard draft", with a line saying the text is a draft, shown while any of `fields` holds
/// one; focus goes to `focus` after.
#[component]
pub fn DraftNote(
    engagement: EngagementId,
    fields: &'static [DraftField],
    /// What commits the draft, as the note names it ("Record plan").
    button: &'static str,
    focus: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let has = move || state.has_draft(engagement, fields);
    view! {
        <Show when=has>
            <p class="hint draft-note">
                {format!("A draft, kept in this browser until you press “{button}”. ")}
                <button type="button" class="small" on:click=move |_| {
                    state.clear_drafts(engagement, fields);
                    crate::ui::platform::browser::focus_soon(format!("#{focus}"));
                }>"Discard draft"</button>
            </p>
        </Show>
    }
}

/// A link to a field (or control) on the page, by its id, that moves the focus there and leaves
/// the address as it is.
#[component]
pub fn FieldLink(#[prop(into)] target: String, children: Children) -> impl IntoView {
    let selector = format!("#{target}");
    let focus = selector.clone();
    view! {
        <a href=selector on:click=move |ev| {
            ev.prevent_default();
            browser::focus_soon(focus.clone());
        }>{children()}</a>
    }
}
