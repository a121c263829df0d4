//! The customer's part: on the shared plan, a form for what the customer owns, kept in their own
//! browser until sent, and "Send back to your TAM", which makes a return link carrying only the
//! answers. Drawn by the element renderer (`widgets::dom`) from the intake field table, in the
//! customer's first module: no UI framework, so a customer on a slow connection can type into it
//! as soon as the plan is drawn.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::domain::documents::reply::{Field, Reply, Sent};
use crate::domain::documents::share::TamEmail;
use crate::domain::engagement::fields::{problems, Form, Input, Problem};
use crate::domain::engagement::intake::Installation;
use crate::domain::engagement::Engagement;
use crate::domain::text::time_fmt;
use crate::ui::platform::browser;
use crate::ui::widgets::dom::{add, set, Dom};

/// The most a kept draft may hold before it is ignored (it is the customer's own browser, but
/// still read as untrusted).
const MAX_DRAFT_BYTES: usize = 256 * 1024;

/// The form's rows: the intake table's fields, side by side where they belong together.
const ROWS: [&[Field]; 8] = [
    &[Field::ContactName, Field::ContactEmail],
    &[Field::WindowStart, Field::WindowEnd, Field::TimeZone],
    &[Field::RollbackSummary],
    &[Field::RollbackLink],
    &[Field::DiagramLink],
    &[Field::Installation, Field::OperatingSystem],
    &[Field::RehearsalOn, Field::RehearsalResult],
    &[Field::RestoreHours, Field::RollbackHours],
];

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
    time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc3339)
        .map(|at| format!("{}T{:02}:{:02}", at.date(), at.hour(), at.minute()))
        .unwrap_or_default()
}

/// What an input, a text area or a select holds.
fn value_of(e: &Element) -> String {
    js_sys::Reflect::get(e, &"value".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

fn set_value(e: &Element, value: &str) {
    if value_of(e) != value {
        let _ = js_sys::Reflect::set(e, &"value".into(), &value.into());
    }
}

/// Runs `work` on each `event` of `target`, for the page's life.
fn on(target: &Element, event: &str, work: impl Fn(web_sys::Event) + 'static) {
    let handler = Closure::<dyn Fn(web_sys::Event)>::new(work);
    let _ = target.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
    handler.forget();
}

/// One field on the page: its input and the line under it that names what is wrong.
struct Entry {
    field: Field,
    input: Element,
    error: Element,
}

/// The form and what it holds.
struct Part {
    d: Dom,
    engagement: Engagement,
    reply_to: Option<TamEmail>,
    answers: RefCell<BTreeMap<Field, String>>,
    entries: RefCell<Vec<Entry>>,
    /// Set once "Send back" was pressed with mistakes: the summary shows until none is left.
    tried: Cell<bool>,
    /// Every mistake, at the top of the section (before `hint`) while shown.
    summary: Element,
    section: Element,
    hint: Element,
    message: Element,
    /// The answers ready to send: what to do with them, and the return link.
    ready: Element,
}

/// Draws "Your part" into `section`, under its heading.
pub fn draw(d: &Dom, section: &Element, engagement: Engagement, reply_to: Option<TamEmail>) {
    let mut answers = Reply::answers_from(&engagement);
    if let Some(draft) = read_draft(&engagement) {
        answers.extend(draft);
    }
    let summary = d.el_with(
        "div",
        &[
            ("class", "error-summary"),
            ("id", "reply-problems"),
            ("tabindex", "-1"),
            ("aria-labelledby", "reply-problems-heading"),
        ],
    );
    let hint = d.el_text(
        "p",
        &[("class", "hint")],
        "What only you can tell your Technical Account Manager. Fill in what you know; it is kept in this browser, and nothing is sent until you send the return link yourself.",
    );
    let part = Rc::new(Part {
        d: d.clone(),
        engagement,
        reply_to,
        answers: RefCell::new(answers),
        entries: RefCell::new(Vec::new()),
        tried: Cell::new(false),
        summary,
        section: section.clone(),
        hint,
        message: d.el_with(
            "p",
            &[
                ("class", "notice-line"),
                ("id", "reply-message"),
                ("tabindex", "-1"),
            ],
        ),
        ready: d.el("div"),
    });
    add(section, &part.hint);
    add(section, &part.message);
    for row in ROWS {
        let holder = if row.len() > 1 {
            let r = d.el_with("div", &[("class", "field-row")]);
            add(section, &r);
            r
        } else {
            section.clone()
        };
        for field in row {
            add(&holder, &entry(&part, *field));
        }
    }
    let buttons = d.el_with("div", &[("class", "button-row")]);
    let send = d.el_text(
        "button",
        &[("type", "button"), ("class", "primary")],
        "Send back to your TAM",
    );
    let sending = part.clone();
    on(&send, "click", move |_| sending.send());
    add(&buttons, &send);
    add(section, &buttons);
    add(section, &part.ready);
    part.refresh();
}

/// A field of the intake table, drawn as the TAM's intake panel draws it: label, input, and the
/// line for what is wrong with it.
fn entry(part: &Rc<Part>, field: Field) -> Element {
    let d = &part.d;
    let id = field.id(Form::Customer);
    let error_id = format!("{id}-error");
    let shown = {
        let answers = part.answers.borrow();
        let value = answers.get(&field).map(String::as_str).unwrap_or("");
        match field.input() {
            Input::WallTime => wall_input(value),
            _ => value.to_string(),
        }
    };
    let class = if field.input() == Input::Date {
        "field field-date"
    } else {
        "field"
    };
    let holder = d.el_with("div", &[("class", class)]);
    add(&holder, &d.el_text("label", &[("for", id)], field.label()));
    let common = [("id", id), ("aria-describedby", error_id.as_str())];
    let input = match field.input() {
        Input::Long => {
            let t = d.el_with("textarea", &common);
            set(&t, "rows", "3");
            t
        }
        Input::Line | Input::Link | Input::Hours => {
            let i = d.el_with("input", &common);
            set(&i, "type", "text");
            // The phone's keyboard for what is asked, and the browser's own contact details
            // offered for the customer's contact (never on the TAM's form, where they would be
            // the TAM's).
            let (mode, complete) = match (field, field.input()) {
                (Field::ContactEmail, _) => (Some("email"), Some("email")),
                (Field::ContactName, _) => (None, Some("name")),
                (_, Input::Link) => (Some("url"), None),
                (_, Input::Hours) => (Some("decimal"), None),
                _ => (None, None),
            };
            if let Some(mode) = mode {
                set(&i, "inputmode", mode);
            }
            if let Some(complete) = complete {
                set(&i, "autocomplete", complete);
            }
            i
        }
        Input::Date => {
            let i = d.el_with("input", &common);
            set(&i, "type", "date");
            i
        }
        Input::WallTime => {
            let i = d.el_with("input", &common);
            set(&i, "type", "datetime-local");
            i
        }
        Input::Installation => {
            let s = d.el_with("select", &common);
            for m in Installation::ALL {
                add(&s, &d.el_text("option", &[("value", m.code())], m.label()));
            }
            s
        }
        Input::Zone => {
            let s = d.el_with("select", &common);
            add(
                &s,
                &d.el_text("option", &[("value", "")], "Choose a time zone"),
            );
            // The chosen zone now; this browser's own zone (second in the list) and the other
            // 400 or so once the page is painted: asking the browser for its zone costs about
            // 0.1 s on a slow phone, which would otherwise hold up the plan and the fields above.
            if !shown.is_empty() {
                add(&s, &d.el_text("option", &[("value", &shown)], &shown));
            }
            let (d, select, shown) = (d.clone(), s.clone(), shown.clone());
            browser::once_painted(move || {
                let suggested = browser::time_zone();
                let label = format!("{suggested} (this browser's)");
                let options = select.children();
                match options.item(1).filter(|_| suggested == shown) {
                    Some(chosen) => chosen.set_text_content(Some(&label)),
                    None => {
                        let own = d.el_text("option", &[("value", &suggested)], &label);
                        let _ = select
                            .insert_before(&own, options.item(1).as_ref().map(|o| o.as_ref()));
                    }
                }
                for zone in browser::time_zones() {
                    if zone != suggested && zone != shown {
                        add(&select, &d.el_text("option", &[("value", &zone)], &zone));
                    }
                }
            });
            s
        }
    };
    add(&holder, &input);
    set_value(&input, &shown);
    let error = d.el_with("p", &[("class", "field-error"), ("id", &error_id)]);
    add(&holder, &error);
    // Text is taken as it is typed; a choice, a day or a time when it changes.
    let events: &[&str] = match field.input() {
        Input::Line | Input::Long | Input::Link | Input::Hours => &["input", "change"],
        _ => &["change"],
    };
    for event in events {
        let part = part.clone();
        let target = input.clone();
        on(&input, event, move |_| {
            part.commit(field, value_of(&target))
        });
    }
    part.entries.borrow_mut().push(Entry {
        field,
        input,
        error,
    });
    holder
}

impl Part {
    fn value(&self, field: Field) -> String {
        self.answers
            .borrow()
            .get(&field)
            .cloned()
            .unwrap_or_default()
    }

    /// Keeps `value` for `field`, and in this browser's draft.
    fn keep(&self, field: Field, value: String) {
        self.answers.borrow_mut().insert(field, value);
        write_draft(&self.engagement, &self.answers.borrow());
    }

    /// What the field's input holds, as it holds it ("2027-03-06T22:00" for a window time).
    fn commit(&self, field: Field, typed: String) {
        match field.input() {
            Input::WallTime => self.set_window(field, &typed),
            Input::Zone => self.set_zone(typed),
            _ => self.keep(field, typed),
        }
        self.refresh();
    }

    fn set_window(&self, field: Field, local: &str) {
        if local.trim().is_empty() {
            self.keep(field, String::new());
            return;
        }
        // A window typed before a zone is chosen is on this browser's clock, and says so.
        let mut zone = self.value(Field::TimeZone);
        if zone.trim().is_empty() {
            zone = browser::time_zone();
            self.keep(Field::TimeZone, zone.clone());
        }
        match browser::zoned_instant(local, &zone) {
            Some(at) => {
                self.say(None);
                self.keep(field, time_fmt::rfc3339(at));
            }
            None => self.say(Some("Enter a date and a time for the window.")),
        }
    }

    /// The window keeps its times on the clock; their offsets follow the new zone.
    fn set_zone(&self, zone: String) {
        let walls: Vec<(Field, String)> = [Field::WindowStart, Field::WindowEnd]
            .into_iter()
            .map(|f| (f, wall_input(&self.value(f))))
            .collect();
        self.keep(Field::TimeZone, zone.clone());
        for (field, wall) in walls {
            if let Some(at) = (!wall.is_empty())
                .then(|| browser::zoned_instant(&wall, &zone))
                .flatten()
            {
                self.keep(field, time_fmt::rfc3339(at));
            }
        }
    }

    fn say(&self, text: Option<&str>) {
        self.message.set_text_content(text);
        if text.is_some() {
            set(&self.message, "role", "status");
        } else {
            let _ = self.message.remove_attribute("role");
        }
    }

    /// Every field shows what the intake table's checks find wrong with it now, and the summary
    /// (once shown) what is left.
    fn refresh(&self) {
        let found = problems(&self.answers.borrow());
        let zone = self.value(Field::TimeZone);
        for Entry {
            field,
            input,
            error,
        } in self.entries.borrow().iter()
        {
            let problem = found.iter().find_map(|(f, p)| (f == field).then_some(*p));
            let text = problem.map(|p| p.to_string()).unwrap_or_default();
            if error.text_content().unwrap_or_default() != text {
                error.set_text_content(Some(&text));
            }
            if problem.is_some() {
                set(error, "role", "alert");
            } else {
                let _ = error.remove_attribute("role");
            }
            set(input, "aria-invalid", &problem.is_some().to_string());
            // A zone chosen for the customer (their browser's, when a window came first).
            if *field == Field::TimeZone {
                set_value(input, &zone);
            }
        }
        self.show_summary(&found);
    }

    /// At the top of "Your part" after a "Send back" with mistakes: every one, each a link that
    /// takes the focus to its field. It goes once the last is corrected.
    fn show_summary(&self, found: &[(Field, Problem)]) {
        let s = &self.summary;
        s.set_text_content(None);
        if !self.tried.get() || found.is_empty() {
            s.remove();
            return;
        }
        let _ = self.section.insert_before(s, Some(&self.hint));
        let d = &self.d;
        let heading = match found.len() {
            1 => "Correct this before sending".to_string(),
            n => format!("Correct these {n} before sending"),
        };
        add(
            s,
            &d.el_text("h3", &[("id", "reply-problems-heading")], &heading),
        );
        let list = d.el("ul");
        for (field, problem) in found {
            let id = field.id(Form::Customer);
            let item = d.el("li");
            let link = d.el_text(
                "a",
                &[("href", &format!("#{id}"))],
                &format!("{}: {problem}", field.label()),
            );
            on(&link, "click", move |ev| {
                // The address's fragment is the plan's link: following `#field` would replace it.
                ev.prevent_default();
                browser::focus_soon(format!("#{id}"));
            });
            add(&item, &link);
            add(&list, &item);
        }
        add(s, &list);
    }

    fn send(self: &Rc<Self>) {
        self.ready.set_text_content(None);
        let found = problems(&self.answers.borrow());
        // A mistake anywhere builds nothing: the summary at the top lists each, linked to its
        // field, and takes the focus.
        if !found.is_empty() {
            self.say(None);
            self.tried.set(true);
            self.show_summary(&found);
            browser::focus_soon("#reply-problems".into());
            return;
        }
        self.tried.set(false);
        self.show_summary(&found);
        let reply = Reply::to(&self.engagement, &self.answers.borrow());
        if reply.answers.is_empty() {
            self.say(Some(
                "Nothing to send yet: every field is as your TAM recorded it.",
            ));
            // Said above the fields, out of sight from the button: it takes the focus.
            browser::focus_soon("#reply-message".into());
            return;
        }
        self.say(None);
        let url = format!("{}#{}", browser::app_home_url(), reply.encode());
        // Remembered for this link only: coming back, the next step says what was sent.
        browser::set_setting(
            &Sent::key(&self.engagement),
            &Sent::of(&reply, browser::today()).to_text(),
        );
        let count = reply.answers.len();
        let to_whom = match &self.reply_to {
            Some(email) => email.to_string(),
            None => "your Technical Account Manager".to_string(),
        };
        let said = format!(
            "Your {} ready to send: email {} to {} or copy the return link below. {} in this browser until then.",
            if count == 1 { "answer is".to_string() } else { format!("{count} answers are") },
            if count == 1 { "it" } else { "them" },
            to_whom,
            if count == 1 { "It stays" } else { "They stay" },
        );
        self.return_link(&url, &said);
        browser::focus_soon("#reply-ready".into());
        // The message takes the focus; the ways to send come into view with it.
        browser::show_soon(self.ready.clone());
    }

    /// Once the answers are ready: what to do with them, the email to the TAM, "Copy the return
    /// link", and the link itself to select by hand.
    fn return_link(&self, url: &str, said: &str) {
        let d = &self.d;
        let ready = d.el_text(
            "p",
            &[
                ("class", "notice-line"),
                ("id", "reply-ready"),
                ("tabindex", "-1"),
                ("role", "status"),
            ],
            said,
        );
        add(&self.ready, &ready);
        let buttons = d.el_with("div", &[("class", "button-row")]);
        let (recipient, label) = match &self.reply_to {
            Some(email) => (
                String::from(js_sys::encode_uri_component(email.as_str())),
                format!("Email your answers to {email}"),
            ),
            // The link carries no address: the customer's mail opens without one, and says so.
            None => (
                String::new(),
                "Email your answers (add your TAM's address)".to_string(),
            ),
        };
        let subject = format!(
            "Our answers for the GitLab move: {}",
            self.engagement.customer_name
        );
        let body = format!("Our answers, for you to accept in the planner:\n\n{url}\n");
        let mail = format!(
            "mailto:{recipient}?subject={}&body={}",
            js_sys::encode_uri_component(&subject),
            js_sys::encode_uri_component(&body)
        );
        add(
            &buttons,
            &d.el_text("a", &[("class", "button primary"), ("href", &mail)], &label),
        );
        let copy = d.el_text("button", &[("type", "button")], "Copy the return link");
        let link = url.to_string();
        on(&copy, "click", move |_| {
            let link = link.clone();
            let ready = ready.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let copied = browser::copy_text(&link).await.is_ok();
                ready.set_text_content(Some(if copied {
                    "Copied the return link: paste it into a message to your Technical Account Manager."
                } else {
                    "The browser did not allow copying: select the return link below and copy it."
                }));
                browser::focus_soon("#reply-ready".into());
            });
        });
        add(&buttons, &copy);
        add(&self.ready, &buttons);
        let field = d.el_with("div", &[("class", "field")]);
        add(
            &field,
            &d.el_text("label", &[("for", "return-link")], "Return link"),
        );
        let input = d.el_with(
            "input",
            &[("id", "return-link"), ("type", "text"), ("readonly", "")],
        );
        set_value(&input, url);
        add(&field, &input);
        add(&self.ready, &field);
    }
}
