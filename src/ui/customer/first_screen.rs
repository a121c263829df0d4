//! The customer's link, drawn without the UI framework: the link decoded, the plan's outline
//! drawn by the one outline renderer (`widgets::dom`), "Download", and "Your part"
//! (`your_part`), all from one small module, so a customer on a slow connection reads the plan
//! and types their answers sooner. "Save a copy to this browser" needs the planner's storage:
//! its module (`shared_plan`, the second module) is fetched only when the button is pressed, and
//! says what it did in the place left for it here (`SAID`).

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::domain::documents::outline::{self, Outline};
use crate::domain::documents::plan::{file_name, markdown_of};
use crate::domain::documents::reply::{self, Sent};
use crate::domain::documents::share::{self, TamEmail};
use crate::domain::engagement::Engagement;
use crate::domain::process::workflow;
use crate::domain::text::time_fmt;
use crate::ui::customer::your_part;
use crate::ui::platform::browser;
use crate::ui::widgets::dom::{self, add, set, Dom};

/// Where the second module says what it did, and asks before replacing a saved copy.
pub const SAID: &str = "customer-said";
/// The event the second module answers by saving a copy (or asking first).
pub const SAVE_EVENT: &str = "save-copy";

/// How many of the customer's sections make the first screen; the rest follow the first paint.
const FIRST_SCREEN: usize = 2;

/// The link in the address, without its `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// What this browser remembers sending from this link, if anything.
pub fn sent(engagement: &Engagement) -> Option<Sent> {
    browser::setting(&Sent::key(engagement)).and_then(|text| Sent::from_text(&text))
}

/// Whether the customer is asked for answers at this stage: their part then comes second.
pub fn owes(engagement: &Engagement) -> bool {
    !workflow::customer_owes(engagement, workflow::stage(engagement)).is_empty()
}

/// Whether "Fill in your part" is the page's first and primary button: an item the customer owns
/// is missing, at any stage, and nothing was sent from this link yet.
pub fn fill_in_first(engagement: &Engagement) -> bool {
    reply::fill_in_first(engagement, sent(engagement).as_ref())
}

/// Draws the page a shared link opens.
pub fn start() {
    let Some(d) = Dom::new() else {
        return;
    };
    let Some(body) = d.document().body() else {
        return;
    };
    // Another address (another link pasted, or the fragment taken away) may need the planner:
    // the page loads again, and index.html picks the module for it.
    if let Some(window) = web_sys::window() {
        let reload = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        let _ =
            window.add_event_listener_with_callback("hashchange", reload.as_ref().unchecked_ref());
        reload.forget();
    }
    let header = d.el_with("header", &[("class", "site-header no-print")]);
    add(
        &header,
        &d.el_text(
            "a",
            &[("href", &browser::href("/")), ("class", "brand")],
            "Infrastructure Upgrade Planner",
        ),
    );
    let main = d.el_with("main", &[("id", "main"), ("class", "page")]);
    match share::decode_with_reply_to(&fragment()) {
        Ok((engagement, reply_to)) => plan(&d, &main, engagement, reply_to),
        Err(error) => {
            browser::set_page_title("This plan link cannot be opened");
            let s = d.el_with(
                "section",
                &[
                    ("class", "not-found"),
                    ("aria-labelledby", "shared-error-heading"),
                ],
            );
            add(
                &s,
                &d.el_text(
                    "h1",
                    &[("id", "shared-error-heading")],
                    "This plan link cannot be opened",
                ),
            );
            add(
                &s,
                &d.el_text("p", &[("role", "alert")], &error.to_string()),
            );
            add(
                &s,
                &d.el_text("p", &[], "Ask for the link again, and copy all of it."),
            );
            let p = d.el("p");
            add(
                &p,
                &d.el_text("a", &[("href", &browser::href("/"))], "Go to the planner"),
            );
            add(&s, &p);
            add(&main, &s);
        }
    }
    // The static shell goes in the same task as the page arrives: never a blank paint between.
    crate::ui::remove_static_shell();
    add(&body, &header);
    add(&body, &main);
}

/// The shared plan: the banner, the title, "Download", the first sections, a place for "Your
/// part", and the rest of the plan once the first screen is painted.
fn plan(d: &Dom, main: &Element, engagement: Engagement, reply_to: Option<TamEmail>) {
    browser::set_page_title(&format!(
        "Planning summary for {}",
        engagement.customer_name
    ));
    let today = browser::today();
    let owes = owes(&engagement);
    let as_of = time_fmt::format_local(engagement.updated, browser::local_offset_minutes());
    add(
        main,
        &d.el_text(
            "div",
            &[("class", "shared-banner no-print"), ("role", "note")],
            &format!(
                "A read-only plan shared by your GitLab Technical Account Manager, as it stood on {as_of}: ask them for a new link to see later changes. Nothing leaves this page unless you send it."
            ),
        ),
    );
    let Outline {
        title,
        intro,
        sections,
        ..
    } = outline::build_customer(&engagement, today, sent(&engagement).as_ref());
    let article = d.el_with(
        "article",
        &[
            ("class", "plan-document"),
            ("aria-labelledby", "plan-title"),
        ],
    );
    add(&article, &dom::heading(d, 1, Some("plan-title"), &title));
    let row = d.el_with("div", &[("class", "button-row no-print")]);
    // "Fill in your part" first and primary while an item the customer owns is missing and
    // nothing was sent from this link.
    let fill_first = fill_in_first(&engagement);
    let fill = d.el_text("button", &[("type", "button")], "Fill in your part");
    on_click(&fill, || browser::focus_soon("#reply-contact-name".into()));
    let save = d.el_text(
        "button",
        &[("type", "button"), ("id", "save-copy")],
        "Save a copy to this browser",
    );
    set(if fill_first { &fill } else { &save }, "class", "primary");
    if fill_first {
        add(&row, &fill);
        add(&row, &save);
    } else {
        add(&row, &save);
        add(&row, &fill);
    }
    let download = d.el_text(
        "button",
        &[("type", "button")],
        "Download the plan (Markdown)",
    );
    add(&row, &download);
    add(&article, &row);
    let said = d.el_with("div", &[("id", SAID), ("class", "no-print")]);
    let downloaded = d.el_with("p", &[("class", "notice-line")]);
    add(&said, &downloaded);
    add(&article, &said);
    let loading = downloaded.clone();
    on_click(&save, move || save_copy(loading.clone()));
    let engagement_for_part = engagement.clone();
    let on_download = Closure::<dyn Fn()>::new(move || {
        let now = browser::now();
        let md = markdown_of(&outline::build_customer(&engagement, now.date(), None), now);
        let result = browser::download(&file_name(&engagement, today, "md"), "text/markdown", &md);
        set(&downloaded, "role", "status");
        downloaded.set_text_content(Some(&match result {
            Ok(()) => "Downloaded the plan.".to_string(),
            Err(err) => format!("The download did not start: {err}."),
        }));
    });
    let _ =
        download.add_event_listener_with_callback("click", on_download.as_ref().unchecked_ref());
    on_download.forget();
    add(
        &article,
        &d.el_text("p", &[("class", "plan-intro")], &intro),
    );
    let part = your_part(d, engagement_for_part, reply_to);
    let mut sections = sections.into_iter();
    for (i, s) in sections.by_ref().take(FIRST_SCREEN).enumerate() {
        add(&article, &dom::section(d, &s, 2));
        if i == 0 && owes {
            add(&article, &part);
        }
    }
    add(main, &article);
    if !owes {
        add(main, &part);
    }
    let rest: Vec<_> = sections.collect();
    let d = d.clone();
    browser::once_painted(move || {
        for s in &rest {
            add(&article, &dom::section(&d, s, 2));
        }
    });
}

/// "Your part": its heading, then the form.
fn your_part(d: &Dom, engagement: Engagement, reply_to: Option<TamEmail>) -> Element {
    let s = d.el_with(
        "section",
        &[
            ("id", "your-part"),
            ("class", "card your-part no-print"),
            ("aria-labelledby", "your-part-heading"),
        ],
    );
    add(
        &s,
        &d.el_text("h2", &[("id", "your-part-heading")], "Your part"),
    );
    your_part::draw(d, &s, engagement, reply_to);
    s
}

fn on_click(target: &Element, work: impl Fn() + 'static) {
    let handler = Closure::<dyn Fn()>::new(work);
    let _ = target.add_event_listener_with_callback("click", handler.as_ref().unchecked_ref());
    handler.forget();
}

/// "Save a copy to this browser": the second module is fetched the first time (index.html's
/// `loadPart`), then asked to save. `said` tells the customer when it cannot be fetched.
fn save_copy(said: Element) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let load = js_sys::Reflect::get(&window, &"loadPart".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&window).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = match load {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
            None => false,
        };
        if !loaded {
            set(&said, "role", "alert");
            said.set_text_content(Some(
                "Saving a copy did not load. Check the connection, then try again.",
            ));
            return;
        }
        let event = web_sys::Event::new(SAVE_EVENT);
        if let (Some(document), Ok(event)) = (window.document(), event) {
            let _ = document.dispatch_event(&event);
        }
    });
}
