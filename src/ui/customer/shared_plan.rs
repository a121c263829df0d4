//! The customer's link, second module: "Save a copy to this browser", which needs the planner's
//! storage. The first module (`first_screen`) fetches it when the button is first pressed, then
//! asks it to save with an event (`SAVE_EVENT`); what saving did, and the question before
//! replacing a copy saved here, go in the place the first screen left for them (`SAID`).

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::domain::documents::plan::Replacing;
use crate::domain::documents::share;
use crate::domain::engagement::Engagement;
use crate::domain::text::time_fmt;
use crate::ui::customer::first_screen::{self, SAID, SAVE_EVENT};
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, AppState, SameId};
use crate::ui::widgets::changes::ChangesTable;

/// Mounts what saving says, and answers the first screen's requests to save.
pub fn start() {
    let Ok((engagement, _)) = share::decode_with_reply_to(&first_screen::fragment()) else {
        return;
    };
    let Some(said) = browser::find_element(&format!("#{SAID}")) else {
        return;
    };
    leptos::mount::mount_to(said, move || {
        provide_context(AppState::start());
        let talk = Talk {
            message: RwSignal::new(None),
            saved: RwSignal::new(None),
            asking: RwSignal::new(None),
            plan: StoredValue::new(engagement),
            state: use_app_state(),
        };
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            let on_save = Closure::<dyn Fn()>::new(move || talk.ask());
            let _ = document
                .add_event_listener_with_callback(SAVE_EVENT, on_save.as_ref().unchecked_ref());
            on_save.forget();
        }
        view! { <SaveSaid talk=talk/> }
    })
    .forget();
}

/// What saving a copy says.
#[derive(Clone, Copy)]
struct Talk {
    message: RwSignal<Option<String>>,
    /// The saved copy's address.
    saved: RwSignal<Option<String>>,
    /// Set while asking whether to replace the copy saved here: the time of that copy's last
    /// change when it came after this link was made, and whether it holds internal notes.
    asking: RwSignal<Option<(Option<String>, bool, Replacing)>>,
    plan: StoredValue<Engagement>,
    state: AppState,
}

impl Talk {
    /// Saves the copy, or first asks whether to replace the one already saved here.
    fn ask(self) {
        let plan = self.plan;
        let Some(stored) = self.state.find(plan.with_value(|e| e.id)) else {
            self.save(SameId::Replace);
            return;
        };
        let later = plan
            .with_value(|shared| stored.changed_after(shared))
            .then(|| time_fmt::format_local(stored.updated, browser::local_offset_minutes()));
        let replacing = plan.with_value(|shared| {
            Replacing::of(&stored, &share::replacing(&stored, shared.clone()))
        });
        self.asking.set(Some((
            later,
            !stored.internal_notes.trim().is_empty(),
            replacing,
        )));
        browser::focus_soon("#replace-cancel".into());
    }

    fn save(self, same_id: SameId) {
        let state = self.state;
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
