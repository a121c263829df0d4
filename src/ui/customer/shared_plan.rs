//! The customer's read-only view of a shared plan, opened from the link's fragment.

use leptos::prelude::*;

use crate::domain::documents::plan::{file_name, markdown, Audience, Replacing};
use crate::domain::documents::share;
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow;
use crate::domain::text::time_fmt;
use crate::ui::customer::your_part::YourPart;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, SameId};
use crate::ui::widgets::changes::ChangesTable;
use crate::ui::widgets::plan_view::PlanDocument;

/// Decodes the fragment and shows the plan, or says why it cannot.
#[component]
pub fn SharedPlanPage(fragment: String) -> impl IntoView {
    match share::decode_with_reply_to(&fragment) {
        Ok((engagement, reply_to)) => {
            view! { <SharedPlan engagement=engagement reply_to=reply_to/> }.into_any()
        }
        Err(error) => {
            browser::set_page_title("This plan link cannot be opened");
            view! {
                <section class="not-found" aria-labelledby="shared-error-heading">
                    <h1 id="shared-error-heading">"This plan link cannot be opened"</h1>
                    <p role="alert">{error.to_string()}</p>
                    <p>"Ask for the link again, and copy all of it."</p>
                    <p><a href=browser::href("/")>"Go to the planner"</a></p>
                </section>
            }
            .into_any()
        }
    }
}

/// A valid shared plan: read-only, with "Save a copy to this browser" and "Download".
#[component]
fn SharedPlan(engagement: Engagement, reply_to: Option<share::TamEmail>) -> impl IntoView {
    let state = use_app_state();
    let today = browser::today();
    let message = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    // Set while asking whether to replace the copy saved here: the time of that copy's last
    // change when it came after this link was made, and whether it holds internal notes.
    let asking = RwSignal::new(None::<(Option<String>, bool, Replacing)>);
    browser::set_page_title(&format!(
        "Planning summary for {}",
        engagement.customer_name
    ));
    let offset = browser::local_offset_minutes();
    let as_of = time_fmt::format_local(engagement.updated, offset);
    let plan = StoredValue::new(engagement.clone());
    let own = engagement.clone();
    let painted = browser::after_first_paint();
    // While the customer owes Support answers, their part comes second and its button first.
    let owes = !workflow::customer_owes(&engagement, workflow::stage(&engagement)).is_empty();
    // Drawn once the plan's first screen is painted: the view stays reactive to that.
    let part = move || {
        let own = own.clone();
        let reply_to = reply_to.clone();
        view! {
            {move || {
                painted.get().then(|| {
                    view! { <YourPart engagement=own.clone() reply_to=reply_to.clone()/> }
                })
            }}
        }
    };
    let (second, last): (Option<ViewFn>, Option<ViewFn>) = if owes {
        (Some(ViewFn::from(part)), None)
    } else {
        (None, Some(ViewFn::from(part)))
    };
    let fill = |primary: bool| {
        view! {
            <button type="button" class=primary.then_some("primary") on:click=|_| browser::focus_soon("#reply-contact-name".into())>"Fill in your part"</button>
        }
    };
    let save = move |same_id: SameId| {
        asking.set(None);
        let shared = plan.get_value();
        let incoming = match state.find(shared.id) {
            Some(saved) if same_id == SameId::Replace => share::replacing(&saved, shared),
            _ => shared,
        };
        let ids = state.import(vec![incoming], same_id);
        if let Some(id) = ids.first() {
            saved.set(Some(browser::href(&format!("/engagements/{id}"))));
            message.set(Some("Saved a copy to this browser.".into()));
            browser::focus_soon("#open-saved-copy".into());
        }
    };
    let on_save = move |_| {
        if let Some(stored) = state.find(plan.with_value(|e| e.id)) {
            let later = plan
                .with_value(|shared| stored.changed_after(shared))
                .then(|| time_fmt::format_local(stored.updated, offset));
            let replacing = plan.with_value(|shared| {
                Replacing::of(&stored, &share::replacing(&stored, shared.clone()))
            });
            asking.set(Some((
                later,
                !stored.internal_notes.trim().is_empty(),
                replacing,
            )));
            browser::focus_soon("#replace-cancel".into());
        } else {
            save(SameId::Replace);
        }
    };
    let download = move |_| {
        let e = plan.get_value();
        let md = markdown(&e, browser::now(), Audience::Customer);
        let result = browser::download(&file_name(&e, today, "md"), "text/markdown", &md);
        message.set(Some(match result {
            Ok(()) => "Downloaded the plan.".into(),
            Err(err) => format!("The download did not start: {err}."),
        }));
    };
    view! {
        <div class="shared-banner no-print" role="note">
            "A read-only plan shared by your GitLab Technical Account Manager, as it stood on "
            {as_of}
            ": ask them for a new link to see later changes. Nothing here is sent anywhere."
        </div>
        <PlanDocument engagement=engagement today=today audience=Audience::Customer second=second>
            <div class="button-row no-print">
                {owes.then(|| fill(true))}
                <button type="button" class=(!owes).then_some("primary") id="save-copy" on:click=on_save>"Save a copy to this browser"</button>
                <button type="button" on:click=download>"Download"</button>
                {(!owes).then(|| fill(false))}
            </div>
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
                    <button type="button" on:click=move |_| save(SameId::Replace)>"Replace"</button>
                    " "
                    <button type="button" on:click=move |_| save(SameId::KeepBoth)>"Keep both"</button>
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
        </PlanDocument>
        // Below the plan when nothing is owed: drawn once the plan's first screen is painted.
        {last.map(|v| v.run())}
    }
}
