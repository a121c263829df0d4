//! The browser's clock, time zone and random numbers: the only places the UI reads them.

use time::OffsetDateTime;

use crate::domain::documents::plan::BackupRecord;
use crate::domain::engagement::EngagementId;
use crate::domain::text::time_fmt;

/// Now, from the browser's clock.
pub fn now() -> OffsetDateTime {
    time_fmt::from_unix_millis(js_sys::Date::now()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Today's date in the browser's time zone.
pub fn today() -> time::Date {
    let offset = time::UtcOffset::from_whole_seconds(local_offset_minutes() * 60)
        .unwrap_or(time::UtcOffset::UTC);
    now().to_offset(offset).date()
}

/// Minutes east of UTC of the browser's time zone, now.
pub fn local_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A fresh random engagement id, from the browser's cryptographic random source.
pub fn new_id() -> EngagementId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only a browser without Web Crypto gets here; Math.random is still unique enough
        // to tell engagements in one browser apart.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    EngagementId::from_random_bytes(bytes)
}

/// Offers `text` as a file download named `name`.
pub fn download(name: &str, mime: &str, text: &str) -> Result<(), String> {
    offer(name, mime, &wasm_bindgen::JsValue::from_str(text))
}

/// Offers `bytes` (a zip archive) as a file download named `name`.
pub fn download_bytes(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    offer(name, mime, &js_sys::Uint8Array::from(bytes))
}

/// Offers one part, text or bytes (a Blob takes either), as a file download.
fn offer(name: &str, mime: &str, part: &wasm_bindgen::JsValue) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let fail = |e: wasm_bindgen::JsValue| format!("the browser refused the download ({e:?})");
    let parts = js_sys::Array::of1(part);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(fail)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoked a minute later, not at once: some browsers read the file only after the click
    // has returned, and an address revoked by then downloads nothing.
    later(60_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    Ok(())
}

/// Runs `work` after `ms` milliseconds (browser calls only: the customer's first screen, which
/// has no UI framework, uses it too).
pub fn later(ms: i32, work: impl FnOnce() + 'static) {
    let work = wasm_bindgen::closure::Closure::once_into_js(work);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&work),
            ms,
        );
    }
}

/// Runs `work` at the browser's next frame (browser calls only, as [`later`]).
fn next_frame(work: impl FnOnce() + 'static) {
    let frame = wasm_bindgen::closure::Closure::once_into_js(work);
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(wasm_bindgen::JsCast::unchecked_ref(&frame));
    }
}

/// Runs `work` once the browser has painted what is on the page now.
pub fn once_painted(work: impl FnOnce() + 'static) {
    next_frame(move || later(0, work));
}

/// Downloads a backup of every engagement and every entry kept aside, named after today, and
/// remembers when, once the file was handed to the browser.
pub fn download_backup(
    engagements: &[crate::domain::engagement::Engagement],
    kept_aside: &[crate::domain::documents::plan::KeptAside],
) -> Result<(), String> {
    let at = now();
    let json = crate::domain::documents::plan::backup_json(engagements, kept_aside, at)
        .map_err(|e| e.to_string())?;
    download(
        &format!("upgrade-planner-backup-{}.json", today()),
        "application/json",
        &json,
    )?;
    set_setting(LAST_BACKUP, &BackupRecord::new(at, engagements).to_text());
    Ok(())
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|_| "the browser did not allow copying".to_string())
}

/// The bytes of a file the user chose or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the file could not be read".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The path the app is served under: "" at the root of a host, "/planner" under a sub-path.
/// Read from where the app's own script was loaded, so one build works on any host.
pub fn base_path() -> String {
    static BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    BASE.get_or_init(read_base_path).clone()
}

fn read_base_path() -> String {
    let script = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("link[rel=modulepreload]").ok().flatten())
        .and_then(|link| link.get_attribute("href"));
    script
        .as_deref()
        .and_then(|href| href.rsplit_once('/'))
        .map(|(dir, _)| dir.trim_end_matches('/').to_string())
        .filter(|dir| dir.starts_with('/'))
        .unwrap_or_default()
}

/// An app path ("/engagements/…") as a link under the path the app is served from.
pub fn href(path: &str) -> String {
    format!("{}{path}", base_path())
}

/// The address of the app's home page, for links it makes ("https://host/planner/").
pub fn app_home_url() -> String {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    format!("{origin}{}/", base_path())
}

/// Opens the browser's print dialog (its "Save as PDF" gives the print view).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The first element of the page that `selector` finds.
pub fn find_element(selector: &str) -> Option<web_sys::HtmlElement> {
    let element = web_sys::window()?
        .document()?
        .query_selector(selector)
        .ok()??;
    wasm_bindgen::JsCast::dyn_into(element).ok()
}

/// Moves keyboard focus to the first element `selector` finds, once the view has drawn it: the
/// button or link that takes the place of one the user's action removed.
pub fn focus_soon(selector: String) {
    // Without the UI framework's helper: the customer's first module uses it too.
    next_frame(move || {
        if let Some(element) = find_element(&selector) {
            let _ = element.focus();
        }
    });
}

/// Brings the whole of `element` into view after the next frame (after [`focus_soon`] asked in
/// the same turn), scrolling no more than it needs.
pub fn show_soon(element: web_sys::Element) {
    next_frame(move || {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        element.scroll_into_view_with_scroll_into_view_options(&options);
    });
}

/// The app's name, ending every page's title.
const APP_NAME: &str = "Infrastructure Upgrade Planner";

/// Names the page in the browser's tab and history: "Acme · Infrastructure Upgrade Planner".
pub fn set_page_title(page: &str) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&format!("{page} · {APP_NAME}"));
    }
}

thread_local! {
    /// Where the next page should put focus instead of its heading (set by the page that moves
    /// there, taken by the page that arrives).
    static LANDING: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The landing that asks the next page to open at its top, on its main heading, as a page
/// reached from elsewhere does.
pub const PAGE_TOP: &str = "main h1";

/// Asks the next page to put focus on `selector` when it opens.
pub fn land_next_page_on(selector: &str) {
    LANDING.with(|l| *l.borrow_mut() = Some(selector.to_string()));
}

/// Where the page that just opened was asked to put focus, once.
pub fn take_landing() -> Option<String> {
    LANDING.with(|l| l.borrow_mut().take())
}

/// Moves focus to `selector` (made focusable) and brings it into view, after the page's own
/// focus on its heading has happened.
pub fn land_on(selector: String) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::request_animation_frame(move || {
            if let Some(element) = find_element(&selector) {
                if !element.has_attribute("tabindex") && element.tag_name().starts_with('H') {
                    let _ = element.set_attribute("tabindex", "-1");
                }
                let _ = element.focus();
                // A heading is brought to the top; a field only into view (focus does that), so
                // that the page's name and next action above it stay on screen with it.
                if element.tag_name().starts_with('H') {
                    element.scroll_into_view();
                }
            }
        });
    });
}

/// After moving to another page, puts focus on its main heading, so that the keyboard starts
/// from the top of the new page and a screen reader announces it; coming Back to a page whose
/// scroll position was kept ([`remember_scroll`]), returns there too.
pub fn focus_page_heading() {
    leptos::prelude::request_animation_frame(|| {
        if let Some(heading) = find_element("main h1") {
            let _ = heading.set_attribute("tabindex", "-1");
            let _ = heading.focus();
        }
        if let (Some(window), Some(y)) = (web_sys::window(), remembered_scroll()) {
            window.scroll_to_with_x_and_y(0.0, y);
        }
    });
}

/// Where, in the current history entry, the page's scroll position is kept.
const SCROLL_KEY: &str = "scrollY";

/// Keeps the window's scroll position in the current history entry (before a link leaves the
/// page), so that Back returns to the same place. The browser's own restoring cannot: on Back
/// the page is drawn again only after it would have scrolled. A new visit is a new entry, and
/// starts at the top.
pub fn remember_scroll() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(history) = window.history() else {
        return;
    };
    // Whatever the router keeps in the entry stays.
    let kept = js_sys::Object::new();
    if let Ok(state) = history.state() {
        if state.is_object() {
            js_sys::Object::assign(&kept, wasm_bindgen::JsCast::unchecked_ref(&state));
        }
    }
    let y = window.scroll_y().unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&kept, &SCROLL_KEY.into(), &y.into());
    let _ = history.replace_state(&kept, "");
}

/// The scroll position kept in the current history entry, if any.
fn remembered_scroll() -> Option<f64> {
    let state = web_sys::window()?.history().ok()?.state().ok()?;
    if !state.is_object() {
        return None;
    }
    js_sys::Reflect::get(&state, &SCROLL_KEY.into())
        .ok()?
        .as_f64()
}

/// Opens `url` in a new tab that cannot reach back to this one (its `opener` is cut); answers
/// false when the browser blocked the tab.
pub fn open_in_new_tab(url: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    // Not the "noopener" feature: with it the browser answers null whether or not it opened
    // the tab, and a blocked pop-up could not be told apart.
    match window.open_with_url_and_target(url, "_blank") {
        Ok(Some(tab)) => {
            let _ = js_sys::Reflect::set(&tab, &"opener".into(), &wasm_bindgen::JsValue::NULL);
            true
        }
        _ => false,
    }
}

/// A small setting kept in local storage (not an engagement); `None` when unset or unreadable.
pub fn setting(key: &str) -> Option<String> {
    web_sys::window()?
        .local_storage()
        .ok()??
        .get_item(&format!("upgrade-planner.setting.{key}"))
        .ok()?
}

/// Stores a small setting; failures are ignored (the setting is a convenience).
pub fn set_setting(key: &str, value: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.set_item(&format!("upgrade-planner.setting.{key}"), value);
    }
}

/// Forgets a setting; failures are ignored.
pub fn remove_setting(key: &str) {
    if let Some(Ok(Some(storage))) = web_sys::window().map(|w| w.local_storage()) {
        let _ = storage.remove_item(&format!("upgrade-planner.setting.{key}"));
    }
}

const LAST_BACKUP: &str = "last-backup";

/// When this browser last downloaded a backup, and what it held.
pub fn last_backup() -> Option<BackupRecord> {
    BackupRecord::from_text(&setting(LAST_BACKUP)?)
}

/// Runs `work` while holding the Web Lock `name` (`navigator.locks`), so that no other tab of
/// the app runs its own locked work at the same time; at once where the browser has no locks.
pub fn with_lock(name: &str, work: impl FnOnce() + 'static) {
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    let work = Rc::new(RefCell::new(Some(work)));
    let run = {
        let work = work.clone();
        move || {
            if let Some(work) = work.borrow_mut().take() {
                work();
            }
        }
    };
    let requested = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(|locks| locks.is_object())
        .and_then(|locks| {
            let request = js_sys::Reflect::get(&locks, &"request".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            let run = run.clone();
            let callback = Closure::once_into_js(move |_lock: JsValue| run());
            request.call2(&locks, &name.into(), &callback).ok()
        });
    if requested.is_none() {
        run();
    }
}

/// Asks the browser to keep this site's storage until the person clears it
/// (`navigator.storage.persist()`): answers whether it is kept so, or `None` where the browser
/// cannot say.
pub async fn persist_storage() -> Option<bool> {
    use wasm_bindgen::JsCast;
    let storage = js_sys::Reflect::get(&web_sys::window()?.navigator(), &"storage".into()).ok()?;
    if !storage.is_object() {
        return None;
    }
    let call = |name: &str| -> Option<js_sys::Promise> {
        js_sys::Reflect::get(&storage, &name.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?
            .call0(&storage)
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
    };
    let already = wasm_bindgen_futures::JsFuture::from(call("persisted")?)
        .await
        .ok()?
        .as_bool()?;
    if already {
        return Some(true);
    }
    wasm_bindgen_futures::JsFuture::from(call("persist")?)
        .await
        .ok()?
        .as_bool()
}

/// The browser's own time zone (an IANA name such as Europe/Berlin), or UTC when it cannot say.
pub fn time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|z| z.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// Every IANA time zone the browser knows, for a choice; the browser's own and UTC at least.
pub fn time_zones() -> Vec<String> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let listed = intl
        .and_then(|intl| {
            let supported = js_sys::Reflect::get(&intl, &"supportedValuesOf".into()).ok()?;
            let supported: js_sys::Function = wasm_bindgen::JsCast::dyn_into(supported).ok()?;
            supported.call1(&intl, &"timeZone".into()).ok()
        })
        .map(|list| {
            js_sys::Array::from(&list)
                .iter()
                .filter_map(|z| z.as_string())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    let mut zones = listed;
    for zone in [time_zone(), "UTC".to_string()] {
        if !zones.contains(&zone) {
            zones.push(zone);
        }
    }
    zones.sort();
    zones
}

/// The offset of `zone` from UTC, in minutes, at the instant `utc_millis`. `zone` must be one of
/// [`time_zones`]: an unknown zone would throw a RangeError across the boundary.
fn zone_offset_minutes(zone: &str, utc_millis: f64) -> Option<i32> {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        js_sys::Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    let locales = js_sys::Array::of1(&"en-US".into());
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let date = js_sys::Date::new(&utc_millis.into());
    let parts = format.format_to_parts(&date);
    let mut fields = [0f64; 6];
    for part in parts.iter() {
        let kind = js_sys::Reflect::get(&part, &"type".into())
            .ok()?
            .as_string()?;
        let slot = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            // Separators ("/", ", ") carry no number.
            _ => continue,
        };
        fields[slot] = js_sys::Reflect::get(&part, &"value".into())
            .ok()?
            .as_string()?
            .parse()
            .ok()?;
    }
    let date = time::Date::from_calendar_date(
        fields[0] as i32,
        time::Month::try_from(fields[1] as u8).ok()?,
        fields[2] as u8,
    )
    .ok()?;
    let wall = date
        .with_hms(fields[3] as u8, fields[4] as u8, fields[5] as u8)
        .ok()?
        .assume_utc()
        .unix_timestamp() as f64
        * 1000.0;
    let utc_seconds = (utc_millis / 1000.0).floor() * 1000.0;
    Some(((wall - utc_seconds) / 60_000.0).round() as i32)
}

/// The instant a wall-clock time has in `zone` ("2027-03-06T22:00" in Europe/Berlin →
/// 2027-03-06T22:00+01:00); `None` for text that is not such a time or a zone the browser does
/// not know.
pub fn zoned_instant(local: &str, zone: &str) -> Option<time::OffsetDateTime> {
    let wall = time::PrimitiveDateTime::parse(
        local.trim(),
        time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]"),
    )
    .ok()?;
    // Checked once here: only zones the browser lists reach `zone_offset_minutes`.
    if !time_zones().iter().any(|z| z == zone) {
        return None;
    }
    let guess = wall.assume_utc().unix_timestamp() as f64 * 1000.0;
    let first = zone_offset_minutes(zone, guess)?;
    let utc = guess - f64::from(first) * 60_000.0;
    let offset = zone_offset_minutes(zone, utc)?;
    let offset = time::UtcOffset::from_whole_seconds(offset * 60).ok()?;
    Some(wall.assume_offset(offset))
}
