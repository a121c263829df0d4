//! The customer's link, second module: what the customer can do beyond reading the plan the
//! first screen drew (`first_screen`): "Save a copy to this browser", "Fill in your part", and
//! the customer's part itself, each mounted into the place the first screen left for it.

use leptos::prelude::*;

use crate::domain::documents::plan::Replacing;
use crate::domain::documents::share;
use crate::domain::engagement::Engagement;
use crate::domain::text::time_fmt;
use crate::ui::customer::first_screen::{self, BUTTONS, SAID, YOUR_PART};
use crate::ui::customer::your_part::YourPart;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, AppState, SameId};
use crate::ui::widgets::changes::ChangesTable;

/// Fills the first screen's places, once it is drawn (a link that cannot be opened has none).
pub fn start() {
    let Ok((engagement, reply_to)) = share::decode_with_reply_to(&first_screen::fragment()) else {
        return;
    };
    let place = |id: &str| browser::find_element(&format!("#{id}"));
    let (Some(buttons), Some(said), Some(part)) = (place(BUTTONS), place(SAID), place(YOUR_PART))
    else {
        return;
    };
    // One root holds the state; the other two places are mounted from inside it, so that they
    // share its context (and the first mount starts the executor the state's effects need).
    leptos::mount::mount_to(buttons, move || {
        provide_context(AppState::start());
        let talk = Talk {
            message: RwSignal::new(None),
            saved: RwSignal::new(None),
            asking: RwSignal::new(None),
            plan: StoredValue::new(engagement.clone()),
        };
        let owes = first_screen::fill_in_first(&engagement);
        leptos::mount::mount_to(said, move || view! { <SaveSaid talk=talk/> }).forget();
        // The loading line gives way to the form.
        if let Ok(Some(loading)) = part.query_selector(".loading") {
            loading.remove();
        }
        leptos::mount::mount_to(
            part,
            move || view! { <YourPart engagement=engagement reply_to=reply_to/> },
        )
        .forget();
        view! { <SaveButtons talk=talk owes=owes/> }
    })
    .forget();
}

/// What saving a copy says, shared between the buttons and the lines below them.
#[derive(Clone, Copy)]
struct Talk {
    message: RwSignal<Option<String>>,
    /// The saved copy's address.
    saved: RwSignal<Option<String>>,
    /// Set while asking whether to replace the copy saved here: the time of that copy's last
    /// change when it came after this link was made, and whether it holds internal notes.
    asking: RwSignal<Option<(Option<String>, bool, Replacing)>>,
    plan: StoredValue<Engagement>,
}

impl Talk {
    fn save(self, same_id: SameId) {
        let state = use_app_state();
        self.asking.set(None);
        let shared = self.plan.get_value();
        let incoming = match state.find(shared.id) {
            Some(saved) if same_id == SameId::Replace => share::replacing(&saved, shared),
            _ => shared,
        };
        let ids = state.import(vec![incoming], same_id);
        if let Some(id) = ids.first() {
            self.saved
                .set(Some(browser::href(&format!("/engagements/{id}"))));
            self.message
                .set(Some("Saved a copy to this browser.".into()));
            browser::focus_soon("#open-saved-copy".into());
        }
    }
}

/// "Save a copy to this browser" and "Fill in your part", the latter first and primary while an
/// item the customer owns is missing and nothing was sent from this link.
#[component]
fn SaveButtons(talk: Talk, owes: bool) -> impl IntoView {
    let state = use_app_state();
    let offset = browser::local_offset_minutes();
    let on_save = move |_| {
        let plan = talk.plan;
        if let Some(stored) = state.find(plan.with_value(|e| e.id)) {
            let later = plan
                .with_value(|shared| stored.changed_after(shared))
                .then(|| time_fmt::format_local(stored.updated, offset));
            let replacing = plan.with_value(|shared| {
                Replacing::of(&stored, &share::replacing(&stored, shared.clone()))
            });
            talk.asking.set(Some((
                later,
                !stored.internal_notes.trim().is_empty(),
                replacing,
            )));
            browser::focus_soon("#replace-cancel".into());
        } else {
            talk.save(SameId::Replace);
        }
    };
    let fill = move |primary: bool| {
        view! {
            <button type="button" class=primary.then_some("primary") on:click=|_| browser::focus_soon("#reply-contact-name".into())>"Fill in your part"</button>
        }
    };
    view! {
        {owes.then(|| fill(true))}
        <button type="button" class=(!owes).then_some("primary") id="save-copy" on:click=on_save>"Save a copy to this browser"</button>
        {(!owes).then(|| fill(false))}
    }
}

/// What saving did, and the question before replacing a copy saved here.
#[component]
fn SaveSaid(talk: Talk) -> impl IntoView {
    let Talk {
        message,
        saved,
        asking,
        ..
    } = talk;
    view! {
        {move || asking.get().map(|(later, notes, replacing)| view! {
            <div class="confirm" role="alertdialog" aria-labelledby="replace-heading">
                <h2 id="replace-heading">"This plan is already saved in this browser"</h2>
                {later.map(|at| view! {
                    <p>
                        "The copy here was changed after this link was made (last change " {at}
                        "): replacing it brings back the plan as this link holds it."
                    </p>
                })}
                {(!replacing.changes.is_empty()).then(|| view! {
                    <ChangesTable
                        caption="What replacing would change, from the copy saved here (then) to this link's (now)".to_string()
                        changes=replacing.changes.clone()
                    />
                })}
                <p>
                    "Replace the saved one with this version, or keep both?"
                    {notes.then_some(" The internal notes saved here are kept either way.")}
                </p>
                <button type="button" on:click=move |_| talk.save(SameId::Replace)>"Replace"</button>
                " "
                <button type="button" on:click=move |_| talk.save(SameId::KeepBoth)>"Keep both"</button>
                " "
                <button type="button" id="replace-cancel" on:click=move |_| {
                    asking.set(None);
                    browser::focus_soon("#save-copy".into());
                }>"Cancel"</button>
            </div>
        })}
        <p class="notice-line" role=move || message.with(Option::is_some).then_some("status")>
            {move || message.get()}
            " "
            {move || saved.get().map(|href| view! { <a href=href id="open-saved-copy">"Open the saved copy"</a> })}
        </p>
    }
}
