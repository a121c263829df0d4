//! The TAM's side of a return link: each answer beside what the engagement holds, accepted or
//! declined one by one, or all accepted at once. Nothing is applied until accepted.

use leptos::prelude::*;
use leptos_router::components::A;

use std::collections::BTreeMap;

use crate::domain::documents::compare::Change;
use crate::domain::documents::reply::{self, Field, Reply};
use crate::domain::documents::risks;
use crate::domain::engagement::{Engagement, EngagementId};
use crate::domain::process::workflow::Action;
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;
use crate::ui::widgets::changes::ChangesTable;
use time::Date;

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

/// The reply against the engagement it answers: what stands, the answers to decide, what
/// follows once applied and the risks the accepted answers opened.
#[component]
fn ReplyReview(reply: Reply, fragment: String) -> impl IntoView {
    let state = use_app_state();
    let id = reply.engagement;
    let Some(found) = state.find(id) else {
        return view! { <NotSavedHere/> }.into_any();
    };
    let today = browser::today();
    let standing = reply::standing(&reply, &found);
    // What changed here since the customer's link was made, as it stood when the reply opened.
    let changed = reply::changed_here(&reply, &found);
    // The risks as they stood when the reply opened: those the accepted answers add are new.
    let risks_before = StoredValue::new(risks::risks(&found, today));
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
    remember_while_waiting(id, fragment, pending);
    let applied = RwSignal::new(0usize);
    let declined = RwSignal::new(0usize);
    let opened = Signal::derive(move || {
        if applied.get() == 0 {
            return vec![];
        }
        engagement.with(|e| {
            e.as_ref()
                .map(|e| risks_before.with_value(|b| risks::opened(b, &risks::risks(e, today))))
                .unwrap_or_default()
        })
    });
    let decide = move |action: Action, done: String, counter: RwSignal<usize>, n: usize| {
        message.set(Some(match state.apply(id, action) {
            Ok(()) => {
                counter.update(|c| *c += n);
                done
            }
            Err(refusal) => refusal.to_string(),
        }));
        browser::focus_soon("#reply-applied".into());
    };
    let on_accept = Callback::new(move |fields: Vec<Field>| {
        let Some(e) = engagement.get_untracked() else {
            return;
        };
        let (intake, line) = reply.with_value(|r| reply::accept(r, &e, &fields));
        let Some(line) = line else { return };
        let labels: Vec<&str> = fields.iter().map(|f| f.label()).collect();
        let done = format!(
            "Applied to the engagement: {}. The activity log says so.",
            labels.join("; ")
        );
        decide(
            Action::AcceptAnswers(Box::new(intake), line),
            done,
            applied,
            fields.len(),
        );
    });
    let on_decline = Callback::new(move |field: Field| {
        let Some(e) = engagement.get_untracked() else {
            return;
        };
        let Some(line) = reply.with_value(|r| reply::decline(r, &e, field)) else {
            return;
        };
        let done = format!(
            "Declined: {}. The recorded value stays, and the activity log says so.",
            field.label()
        );
        decide(Action::DeclineAnswer(line), done, declined, 1);
    });
    let name = found.customer_name.to_string();
    let standing_text = reply::standing_note(standing, changed.as_ref());
    let (changed_here, their_earlier, other) = match changed {
        Some(c) => (
            c.answered,
            c.their_earlier,
            (!c.other.is_empty()).then_some(c.other),
        ),
        None => (Default::default(), Default::default(), None),
    };
    let marks = StoredValue::new((changed_here, their_earlier));
    view! {
        <section class="card reply" aria-labelledby="reply-heading">
            <h1 id="reply-heading">"Answers from the customer"</h1>
            <p>"For " <EngagementLink id=id landing=browser::PAGE_TOP>{name}</EngagementLink> ". "
                {move || if pending.with(Vec::is_empty) && declined.get() > 0 {
                    "Every answer in this reply is now accepted or declined."
                } else if pending.with(Vec::is_empty) && applied.get() > 0 {
                    "Every answer in this reply is now applied."
                } else {
                    "Nothing is applied until you accept it."
                }}
            </p>
            {standing_text.map(|t| view! { <p class="warning" role="alert">{t}</p> })}
            <AppliedNotice id=id message=message opened=opened/>
            <NextAfterApplied engagement=engagement applied=applied today=today/>
            <AnswerTable pending=pending marks=marks on_accept=on_accept on_decline=on_decline/>
            {other.map(|changes| view! {
                <ChangesTable caption="Other changes since the customer's link was made".to_string() changes=changes/>
            })}
            <p><EngagementLink id=id landing=browser::PAGE_TOP>"Open the engagement"</EngagementLink></p>
        </section>
    }
    .into_any()
}

/// A reply for an engagement this browser does not hold.
#[component]
fn NotSavedHere() -> impl IntoView {
    view! {
        <section class="not-found" aria-labelledby="reply-heading">
            <h1 id="reply-heading">"Answers from the customer"</h1>
            <p role="alert">
                "This reply is for an engagement that is not saved in this browser. Open the return link in the browser that holds the engagement, or import the engagement's plan file first."
            </p>
            <p><A href=browser::href("/")>"Go to the planner"</A></p>
        </section>
    }
}

/// While answers wait, this browser remembers the reply, so the home page can say so.
fn remember_while_waiting(id: EngagementId, fragment: String, pending: Memo<Vec<reply::Answer>>) {
    let waiting_key = format!("pending-reply.{id}");
    Effect::new(move |_| {
        if pending.with(Vec::is_empty) {
            browser::remove_setting(&waiting_key);
        } else {
            browser::set_setting(&waiting_key, &fragment);
        }
    });
}

/// What the last decision did, said at once (it takes the focus): with the risks the accepted
/// answers opened, and a link to every risk for the window.
#[component]
fn AppliedNotice(
    id: EngagementId,
    message: RwSignal<Option<String>>,
    opened: Signal<Vec<risks::Found>>,
) -> impl IntoView {
    move || {
        message.get().map(|m| {
            let new = opened.get();
            view! {
                <div class="notice-line" id="reply-applied" tabindex="-1" role="status">
                    <p>{m}</p>
                    {(!new.is_empty()).then(|| view! {
                        <div class="callout warning new-risks">
                            <p><strong>{format!("{}: ", risks::opened_heading(new.len()))}</strong></p>
                            <ul class="warnings">
                                {new.into_iter().map(|r| view! { <li data-rule=r.risk.code()>{r.text}</li> }).collect_view()}
                            </ul>
                            <p><EngagementLink id=id landing="#risks-heading">"See every risk for this window"</EngagementLink></p>
                        </div>
                    })}
                </div>
            }
        })
    }
}

/// What follows once answers are applied: Support holds the packet as it was when shared.
#[component]
fn NextAfterApplied(
    engagement: Memo<Option<Engagement>>,
    applied: RwSignal<usize>,
    today: Date,
) -> impl IntoView {
    move || {
        (applied.get() > 0).then(|| {
            engagement.with(|e| {
                e.as_ref().map(|e| {
                    let next = match e.coordination.review.shared_on {
                        Some(shared) => format!(
                            "Support was given the plan on {shared}, before these answers: send Support the updated packet (Share and export)."
                        ),
                        None => crate::domain::process::workflow::status(e, today).next_action,
                    };
                    view! { <p class="next-action"><strong>"Next action: "</strong>{next}</p> }
                })
            })
        })
    }
}

/// The answers still to decide, each beside what is recorded, and "Accept all".
#[component]
fn AnswerTable(
    pending: Memo<Vec<reply::Answer>>,
    marks: StoredValue<(BTreeMap<Field, Change>, BTreeMap<Field, Change>)>,
    on_accept: Callback<Vec<Field>>,
    on_decline: Callback<Field>,
) -> impl IntoView {
    move || {
        let rows = pending.get();
        if rows.is_empty() {
            return view! { <p>"Every answer in this reply is recorded or declined."</p> }
                .into_any();
        }
        let all: Vec<Field> = rows.iter().map(|a| a.field).collect();
        view! {
            <table class="reply-table answer-review">
                <caption>"Each answer beside what is recorded"</caption>
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Recorded"</th><th scope="col">"The customer's answer"</th><th scope="col">"Accept or decline"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|a| {
                        let field = a.field;
                        view! {
                            <AnswerRow answer=a
                                changed_here=marks.with_value(|m| m.0.get(&field).cloned())
                                their_earlier=marks.with_value(|m| m.1.get(&field).cloned())
                                on_accept=Callback::new(move |()| on_accept.run(vec![field]))
                                on_decline=Callback::new(move |()| on_decline.run(field))/>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="button-row">
                <button type="button" class="primary" on:click=move |_| on_accept.run(all.clone())>"Accept all"</button>
            </div>
        }
        .into_any()
    }
}

/// A link to the engagement's page that asks it to open at `landing` (its top, or its risks)
/// rather than at the stage in progress.
#[component]
fn EngagementLink(id: EngagementId, landing: &'static str, children: Children) -> impl IntoView {
    // Listened to on the link itself (events are not delegated here), so it runs before the
    // router's own handler on the window opens the page.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key()) {
            browser::land_next_page_on(landing);
        }
    };
    view! {
        <a href=browser::href(&format!("/engagements/{id}")) on:click=on_click>{children()}</a>
    }
}

/// One answer beside what is recorded, with its two decisions. On a phone its cells stack, each
/// named, so both buttons stay in view.
#[component]
fn AnswerRow(
    answer: reply::Answer,
    changed_here: Option<Change>,
    their_earlier: Option<Change>,
    on_accept: Callback<()>,
    on_decline: Callback<()>,
) -> impl IntoView {
    let field = answer.field;
    view! {
        <tr>
            <th scope="row">{field.label()}</th>
            <td class="pre" data-label="Recorded">
                {field.show(&answer.stored)}
                {changed_here.map(|c| view! {
                    <span class="changed-here">
                        <strong>"Changed here since the link was made"</strong>
                        {format!(" (then: {})", c.before)}
                    </span>
                })}
                {their_earlier.map(|_| view! {
                    <span class="their-earlier">"The customer's earlier answer, accepted here: this one replaces it."</span>
                })}
            </td>
            <td class="pre" data-label="The customer's answer">{field.show(&answer.answered)}</td>
            <td class="decide">
                <button type="button" aria-label=format!("Accept {}", field.label()) on:click=move |_| on_accept.run(())>"Accept"</button>
                <button type="button" aria-label=format!("Decline {}", field.label()) on:click=move |_| on_decline.run(())>"Decline"</button>
            </td>
        </tr>
    }
}
