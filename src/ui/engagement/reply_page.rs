//! The TAM's side of a return link: each answer beside what the engagement holds, accepted one
//! by one or all at once. Nothing is applied until accepted.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::domain::documents::reply::{self, Field, Reply, Standing};
use crate::domain::process::workflow::Action;
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;
use crate::ui::widgets::changes::ChangesTable;

#[component]
pub fn ReplyPage(fragment: String) -> impl IntoView {
    browser::set_page_title("Answers from the customer");
    match Reply::decode(&fragment) {
        Ok(reply) => view! { <ReplyReview reply=reply fragment=fragment.clone()/> }.into_any(),
        Err(error) => view! {
            <section class="not-found" aria-labelledby="reply-heading">
                <h1 id="reply-heading">"This return link cannot be opened"</h1>
                <p role="alert">{error.to_string()}</p>
                <p><A href=browser::href("/")>"Go to the planner"</A></p>
            </section>
        }
        .into_any(),
    }
}

#[component]
fn ReplyReview(reply: Reply, fragment: String) -> impl IntoView {
    let state = use_app_state();
    let id = reply.engagement;
    let Some(found) = state.find(id) else {
        return view! {
            <section class="not-found" aria-labelledby="reply-heading">
                <h1 id="reply-heading">"Answers from the customer"</h1>
                <p role="alert">
                    "This reply is for an engagement that is not saved in this browser. Open the return link in the browser that holds the engagement, or import the engagement's plan file first."
                </p>
                <p><A href=browser::href("/")>"Go to the planner"</A></p>
            </section>
        }
        .into_any();
    };
    let standing = reply::standing(&reply, &found);
    // What changed here since the customer's link was made, as it stood when the reply opened.
    let changed = reply::changed_here(&reply, &found);
    let reply = StoredValue::new(reply);
    let message = RwSignal::new(None::<String>);
    let engagement = state.watch(id);
    let pending = Memo::new(move |_| {
        engagement.with(|e| {
            e.as_ref()
                .map(|e| reply.with_value(|r| reply::answers(r, e)))
                .unwrap_or_default()
        })
    });
    // While answers wait, this browser remembers the reply, so the home page can say so.
    let waiting_key = format!("pending-reply.{id}");
    Effect::new(move |_| {
        if pending.with(Vec::is_empty) {
            browser::remove_setting(&waiting_key);
        } else {
            browser::set_setting(&waiting_key, &fragment);
        }
    });
    let applied = RwSignal::new(0usize);
    let accept = move |fields: Vec<Field>| {
        let Some(e) = engagement.get_untracked() else {
            return;
        };
        let (intake, line) = reply.with_value(|r| reply::accept(r, &e, &fields));
        let Some(line) = line else { return };
        let labels: Vec<&str> = fields.iter().map(|f| f.label()).collect();
        message.set(Some(
            match state.apply(id, Action::AcceptAnswers(Box::new(intake), line)) {
                Ok(()) => {
                    applied.update(|n| *n += fields.len());
                    format!(
                        "Applied to the engagement: {}. The activity log says so.",
                        labels.join("; ")
                    )
                }
                Err(refusal) => refusal.to_string(),
            },
        ));
        browser::focus_soon("#reply-applied".into());
    };
    // What follows once answers are applied: Support holds the packet as it was when shared.
    let today = browser::today();
    let next = move || {
        (applied.get() > 0).then(|| {
            engagement.with(|e| {
                e.as_ref().map(|e| match e.coordination.review.shared_on {
                    Some(shared) => format!(
                        "Support was given the plan on {shared}, before these answers: send Support the updated packet (Share and export)."
                    ),
                    None => crate::domain::process::workflow::status(e, today).next_action,
                })
            })
        })
    };
    let name = found.customer_name.to_string();
    let standing_text = match (standing, &changed) {
        (Standing::Current, _) => None,
        (Standing::Older { seen, .. }, Some(changed)) if changed.answered.is_empty() && changed.other.is_empty() => Some(format!(
            "The customer answered from the link made at revision {seen}; nothing the customer sees has changed here since."
        )),
        (Standing::Older { seen, .. }, Some(_)) => Some(format!(
            "The customer answered from the link made at revision {seen}, and the engagement changed here since: answers to fields changed here too are marked, and the other changes are listed below. Accepting an answer replaces what you recorded later."
        )),
        (Standing::Older { seen, now }, None) => Some(format!(
            "The customer answered from an older version of the engagement (revision {seen}; it is at revision {now} here): compare each answer with what is recorded now before accepting it."
        )),
        (Standing::Newer { seen, now }, _) => Some(format!(
            "The customer answered from a newer version of the engagement (revision {seen}) than the one saved here (revision {now}): another browser may hold later changes."
        )),
    };
    let href = browser::href(&format!("/engagements/{id}"));
    let (changed_here, other) = match changed {
        Some(c) => (c.answered, (!c.other.is_empty()).then_some(c.other)),
        None => (Default::default(), None),
    };
    let changed_here = StoredValue::new(changed_here);
    view! {
        <section class="card reply" aria-labelledby="reply-heading">
            <h1 id="reply-heading">"Answers from the customer"</h1>
            <p>"For " <A href=href.clone()>{name}</A> ". "
                {move || if pending.with(Vec::is_empty) && applied.get() > 0 {
                    "Every answer in this reply is now applied."
                } else {
                    "Nothing is applied until you accept it."
                }}
            </p>
            {standing_text.map(|t| view! { <p class="warning" role="alert">{t}</p> })}
            {move || message.get().map(|m| view! { <p class="notice-line" id="reply-applied" tabindex="-1" role="status">{m}</p> })}
            {move || next().flatten().map(|n| view! { <p class="next-action"><strong>"Next action: "</strong>{n}</p> })}
            {move || {
                let rows = pending.get();
                if rows.is_empty() {
                    view! { <p>"Every answer in this reply is recorded."</p> }.into_any()
                } else {
                    let all: Vec<Field> = rows.iter().map(|a| a.field).collect();
                    view! {
                        <p class="scroll-hint">"The table scrolls sideways: every column is there."</p>
                        <div class="table-scroll" tabindex="0" role="region" aria-label="The customer's answers">
                        <table class="reply-table">
                            <caption>"Each answer beside what is recorded"</caption>
                            <thead><tr><th scope="col">"Field"</th><th scope="col">"Recorded"</th><th scope="col">"The customer's answer"</th><th scope="col">"Accept"</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|a| {
                                    let field = a.field;
                                    view! {
                                        <tr>
                                            <th scope="row">{field.label()}</th>
                                            <td class="pre">
                                                {field.show(&a.stored)}
                                                {changed_here.with_value(|m| m.get(&field).cloned()).map(|c| view! {
                                                    <span class="changed-here">
                                                        <strong>"Changed here since the link was made"</strong>
                                                        {format!(" (then: {})", c.before)}
                                                    </span>
                                                })}
                                            </td>
                                            <td class="pre">{field.show(&a.answered)}</td>
                                            <td><button type="button" aria-label=format!("Accept {}", field.label()) on:click=move |_| accept(vec![field])>"Accept"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                        <div class="button-row">
                            <button type="button" class="primary" on:click=move |_| accept(all.clone())>"Accept all"</button>
                        </div>
                    }.into_any()
                }
            }}
            {other.map(|changes| view! {
                <ChangesTable caption="Other changes since the customer's link was made".to_string() changes=changes/>
            })}
            <p><A href=href>"Open the engagement"</A></p>
        </section>
    }
    .into_any()
}
