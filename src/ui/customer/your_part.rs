//! The customer's part: on the shared plan, a form for what the customer owns, kept in their own
//! browser until sent, and "Send back to your TAM", which makes a return link carrying only the
//! answers.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::domain::documents::reply::{Field, Reply, Sent};
use crate::domain::documents::share::TamEmail;
use crate::domain::engagement::fields::{problems, Form, Input, Problem};
use crate::domain::engagement::Engagement;
use crate::ui::platform::browser;
use crate::ui::widgets::fields::wall_text;
use crate::ui::widgets::intake_input::IntakeInput;

/// The most a kept draft may hold before it is ignored (it is the customer's own browser, but
/// still read as untrusted).
const MAX_DRAFT_BYTES: usize = 256 * 1024;

fn draft_key(e: &Engagement) -> String {
    format!("reply-draft.{}", e.id)
}

fn read_draft(e: &Engagement) -> Option<BTreeMap<Field, String>> {
    let text = browser::setting(&draft_key(e)).filter(|t| t.len() <= MAX_DRAFT_BYTES)?;
    let raw: BTreeMap<String, String> = serde_json::from_str(&text).ok()?;
    Some(
        Field::ALL
            .into_iter()
            .filter_map(|f| raw.get(f.code()).map(|v| (f, v.clone())))
            .collect(),
    )
}

fn write_draft(e: &Engagement, answers: &BTreeMap<Field, String>) {
    let raw: BTreeMap<&str, &String> = answers.iter().map(|(f, v)| (f.code(), v)).collect();
    if let Ok(text) = serde_json::to_string(&raw) {
        browser::set_setting(&draft_key(e), &text);
    }
}

/// "2027-03-06T22:00" from an answer's RFC 3339 time, as a `datetime-local` input shows it.
fn wall_input(value: &str) -> String {
    wall_text(
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339).ok(),
    )
}

#[component]
pub fn YourPart(engagement: Engagement, reply_to: Option<TamEmail>) -> impl IntoView {
    let plan = StoredValue::new(engagement.clone());
    let customer = engagement.customer_name.to_string();
    let mut start = Reply::answers_from(&engagement);
    if let Some(draft) = read_draft(&engagement) {
        start.extend(draft);
    }
    let answers = RwSignal::new(start);
    // What the intake table's checks find wrong, at each field and in the summary.
    let found = Memo::new(move |_| answers.with(problems));
    // Set once "Send back" was pressed with mistakes: the summary shows until none is left.
    let tried = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);
    let link = RwSignal::new(None::<String>);
    // The confirmation beside the buttons, which takes the focus.
    let sent = RwSignal::new(None::<String>);
    let to_whom = match &reply_to {
        Some(email) => email.to_string(),
        None => "your Technical Account Manager".to_string(),
    };
    let set = move |field: Field, value: String| {
        answers.update(|a| {
            a.insert(field, value);
        });
        plan.with_value(|e| answers.with_untracked(|a| write_draft(e, a)));
    };
    let set_window = move |field: Field, local: String| {
        // A window typed before a zone is chosen is on this browser's clock, and says so.
        let mut zone =
            answers.with_untracked(|a| a.get(&Field::TimeZone).cloned().unwrap_or_default());
        if zone.trim().is_empty() && !local.trim().is_empty() {
            zone = browser::time_zone();
            set(Field::TimeZone, zone.clone());
        }
        if local.trim().is_empty() {
            set(field, String::new());
            return;
        }
        match browser::zoned_instant(&local, &zone) {
            Some(at) => {
                message.set(None);
                set(field, crate::domain::text::time_fmt::rfc3339(at));
            }
            None => message.set(Some("Enter a date and a time for the window.".into())),
        }
    };
    let set_zone = move |zone: String| {
        // The window keeps its times on the clock; their offsets follow the new zone.
        let walls: Vec<(Field, String)> = [Field::WindowStart, Field::WindowEnd]
            .into_iter()
            .map(|f| {
                (
                    f,
                    answers.with_untracked(|a| {
                        wall_input(a.get(&f).map(String::as_str).unwrap_or(""))
                    }),
                )
            })
            .collect();
        set(Field::TimeZone, zone.clone());
        for (field, wall) in walls {
            if let Some(at) = (!wall.is_empty())
                .then(|| browser::zoned_instant(&wall, &zone))
                .flatten()
            {
                set(field, crate::domain::text::time_fmt::rfc3339(at));
            }
        }
    };
    // A field of the intake table, drawn as the TAM's intake panel draws it.
    let entry = move |field: Field| {
        let value = Signal::derive(move || {
            answers.with(|a| {
                let value = a.get(&field).map(String::as_str).unwrap_or("");
                match field.input() {
                    Input::WallTime => wall_input(value),
                    _ => value.to_string(),
                }
            })
        });
        let commit = move |v: String| match field.input() {
            Input::WallTime => set_window(field, v),
            Input::Zone => set_zone(v),
            _ => set(field, v),
        };
        let problem = Signal::derive(move || {
            found.with(|all| all.iter().find_map(|(f, p)| (*f == field).then_some(*p)))
        });
        view! { <IntakeInput field=field form=Form::Customer value=value on_commit=Callback::new(commit) problem=problem/> }
    };
    let send = move |_| {
        // A mistake anywhere builds nothing: the summary at the top lists each, linked to its
        // field, and takes the focus.
        if found.with_untracked(|all| !all.is_empty()) {
            link.set(None);
            sent.set(None);
            message.set(None);
            tried.set(true);
            browser::focus_soon("#reply-problems".into());
            return;
        }
        tried.set(false);
        let reply = plan.with_value(|e| answers.with_untracked(|a| Reply::to(e, a)));
        if reply.answers.is_empty() {
            link.set(None);
            message.set(Some(
                "Nothing to send yet: every field is as your TAM recorded it.".into(),
            ));
            return;
        }
        let url = format!("{}#{}", browser::app_home_url(), reply.encode());
        // Remembered for this link only: coming back, the next step says what was sent.
        plan.with_value(|e| {
            browser::set_setting(&Sent::key(e), &Sent::of(&reply, browser::today()).to_text())
        });
        let count = reply.answers.len();
        link.set(Some(url));
        message.set(None);
        sent.set(Some(format!(
            "Your {} ready to send: email {} to {} or copy the return link below. {} in this browser until then.",
            if count == 1 { "answer is".to_string() } else { format!("{count} answers are") },
            if count == 1 { "it" } else { "them" },
            to_whom,
            if count == 1 { "It stays" } else { "They stay" },
        )));
        browser::focus_soon("#reply-ready".into());
    };
    view! {
        // Inside the section the first screen drew, under its heading.
        <ProblemSummary found=found shown=tried/>
        <p class="hint">
                "What only you can tell your Technical Account Manager. Fill in what you know; it is kept in this browser, and nothing is sent until you send the return link yourself."
            </p>
            {move || message.get().map(|m| view! { <p class="notice-line" role="status">{m}</p> })}
            <div class="field-row">
                {entry(Field::ContactName)}
                {entry(Field::ContactEmail)}
            </div>
            <div class="field-row">
                {entry(Field::WindowStart)}
                {entry(Field::WindowEnd)}
                {entry(Field::TimeZone)}
            </div>
            {entry(Field::RollbackSummary)}
            {entry(Field::RollbackLink)}
            {entry(Field::DiagramLink)}
            <div class="field-row">
                {entry(Field::Installation)}
                {entry(Field::OperatingSystem)}
            </div>
            <div class="field-row">
                {entry(Field::RehearsalOn)}
                {entry(Field::RehearsalResult)}
            </div>
            <div class="field-row">
                {entry(Field::RestoreHours)}
                {entry(Field::RollbackHours)}
            </div>
            <div class="button-row">
                <button type="button" class="primary" on:click=send>"Send back to your TAM"</button>
            </div>
            <ReturnLink link=link sent=sent reply_to=reply_to customer=customer/>
    }
}

/// At the top of "Your part" after a "Send back" with mistakes: every one, each a link that takes
/// the focus to its field. It goes once the last is corrected.
#[component]
fn ProblemSummary(found: Memo<Vec<(Field, Problem)>>, shown: RwSignal<bool>) -> impl IntoView {
    let go = |field: Field| {
        move |ev: leptos::ev::MouseEvent| {
            // The address's fragment is the plan's link: following `#field` would replace it.
            ev.prevent_default();
            browser::focus_soon(format!("#{}", field.id(Form::Customer)));
        }
    };
    move || {
        (shown.get() && found.with(|all| !all.is_empty())).then(|| {
            view! {
                <div class="error-summary" id="reply-problems" tabindex="-1" aria-labelledby="reply-problems-heading">
                    <h3 id="reply-problems-heading">
                        {found.with(|all| match all.len() {
                            1 => "Correct this before sending".to_string(),
                            n => format!("Correct these {n} before sending"),
                        })}
                    </h3>
                    <ul>
                        {found.get().into_iter().map(|(field, problem)| view! {
                            <li>
                                <a href=format!("#{}", field.id(Form::Customer)) on:click=go(field)>
                                    {format!("{}: {problem}", field.label())}
                                </a>
                            </li>
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// Once the answers are ready: what to do with them, the email to the TAM, "Copy the return
/// link", and the link itself to select by hand.
#[component]
fn ReturnLink(
    link: RwSignal<Option<String>>,
    sent: RwSignal<Option<String>>,
    reply_to: Option<TamEmail>,
    customer: String,
) -> impl IntoView {
    let copy = move |_| {
        let Some(url) = link.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let copied = browser::copy_text(&url).await.is_ok();
            sent.set(Some(
                if copied {
                    "Copied the return link: paste it into a message to your Technical Account Manager."
                } else {
                    "The browser did not allow copying: select the return link below and copy it."
                }
                .to_string(),
            ));
            browser::focus_soon("#reply-ready".into());
        });
    };
    let recipient = reply_to
        .as_ref()
        .map(|e| {
            js_sys::encode_uri_component(e.as_str())
                .as_string()
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let email_label = match &reply_to {
        Some(email) => format!("Email your answers to {email}"),
        None => "Email your answers to your TAM".to_string(),
    };
    let mail = move || {
        link.get().map(|url| {
            let subject = format!("Our answers for the GitLab move: {customer}");
            format!(
                "mailto:{recipient}?subject={}&body={}",
                js_sys::encode_uri_component(&subject),
                js_sys::encode_uri_component(&format!(
                    "Our answers, for you to accept in the planner:\n\n{url}\n"
                ))
            )
        })
    };
    view! {
        {move || sent.get().map(|m| view! { <p class="notice-line" id="reply-ready" tabindex="-1" role="status">{m}</p> })}
        {move || link.get().map(|url| view! {
            <div class="button-row">
                {mail().map(|href| view! { <a class="button primary" href=href>{email_label.clone()}</a> })}
                <button type="button" on:click=copy>"Copy the return link"</button>
            </div>
            <div class="field">
                <label for="return-link">"Return link"</label>
                <input id="return-link" type="text" readonly=true prop:value=url/>
            </div>
        })}
    }
}
