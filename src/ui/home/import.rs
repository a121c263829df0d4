//! Import of plan and backup files (picker or drag and drop), and "Export all".

use leptos::prelude::*;

use crate::domain::documents::plan::{
    backup_status, parse_import, unreadable_summary, ImportPreview, Replacing, UnreadableInBackup,
    MAX_IMPORT_BYTES,
};
use crate::domain::engagement::Engagement;
use crate::ui::platform::browser;
use crate::ui::platform::state::{use_app_state, SameId};
use crate::ui::widgets::changes::ChangesTable;

/// An import read and checked, waiting for the TAM to confirm it.
#[derive(Clone, PartialEq)]
struct Pending {
    file: String,
    engagements: Vec<Engagement>,
    conflicts: usize,
    /// Of those already here, how many were changed here after the file was made, by the
    /// file's own clock: shown, never trusted to decide.
    newer_here: usize,
    /// Of those already here, how many hold other work than the file's copy.
    differ: usize,
    /// Entries the backup carries that this version cannot read: left in the file.
    kept_aside: usize,
    /// What replacing each engagement here that holds other work would change.
    replacing: Vec<Replacing>,
    /// The backup's engagements that cannot be read: kept aside here on import.
    unreadable: Vec<UnreadableInBackup>,
}

/// Loads plan or backup files; nothing is stored until the import is confirmed.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app_state();
    let pending = RwSignal::new(None::<Pending>);
    let message = RwSignal::new(None::<(bool, String)>);
    let keep_both = RwSignal::new(false);
    // Which of the file's engagements to import, in the file's order: a backup is restored
    // item by item.
    let chosen = RwSignal::new(Vec::<bool>::new());
    let dragging = RwSignal::new(false);
    let read = move |file: web_sys::File| {
        let name = file.name();
        if file.size() > MAX_IMPORT_BYTES as f64 {
            pending.set(None);
            message.set(Some((
                true,
                format!("“{name}” is over 5 MB; files that large are refused."),
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let outcome = browser::read_file(&file)
                .await
                .and_then(|bytes| parse_import(&bytes).map_err(|e| e.to_string()));
            match outcome {
                Ok(import) => {
                    let engagements = import.engagements().to_vec();
                    let preview = state
                        .engagements
                        .with_untracked(|here| ImportPreview::of(&engagements, here));
                    message.set(None);
                    keep_both.set(preview.keep_both_by_default());
                    chosen.set(vec![true; engagements.len()]);
                    pending.set(Some(Pending {
                        file: name,
                        engagements,
                        conflicts: preview.conflicts,
                        newer_here: preview.newer_here,
                        differ: preview.differ,
                        kept_aside: import.kept_aside().len(),
                        replacing: preview.replacing,
                        unreadable: import.unreadable().to_vec(),
                    }));
                }
                Err(error) => {
                    pending.set(None);
                    message.set(Some((true, format!("“{name}” was not imported. {error}"))));
                }
            }
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            read(file);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        if let Some(file) = ev
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0))
        {
            read(file);
        }
    };
    let confirm = move |()| {
        if let Some(p) = pending.get_untracked() {
            let picked = chosen.get_untracked();
            let engagements: Vec<Engagement> = p
                .engagements
                .into_iter()
                .zip(picked.into_iter().chain(std::iter::repeat(true)))
                .filter_map(|(e, take)| take.then_some(e))
                .collect();
            let same_id = if keep_both.get_untracked() {
                SameId::KeepBoth
            } else {
                SameId::Replace
            };
            let count = state.import(engagements, same_id).len();
            state.keep_aside_from_backup(&p.unreadable, &p.file);
            pending.set(None);
            let aside = match p.unreadable.len() {
                0 => String::new(),
                1 => " 1 that cannot be read is kept aside, listed under “Stored entries that could not be read”.".into(),
                n => format!(" {n} that cannot be read are kept aside, listed under “Stored entries that could not be read”."),
            };
            message.set(Some((
                false,
                format!(
                    "Imported {count} engagement{} from “{}”.{aside}",
                    if count == 1 { "" } else { "s" },
                    p.file
                ),
            )));
            browser::focus_soon("#import-file".into());
        }
    };
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import and backup"</h2>
            <div
                class=move || if dragging.get() { "drop-zone dragging" } else { "drop-zone" }
                on:dragover=move |ev: leptos::ev::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <label for="import-file">"Import a plan or backup file"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_pick/>
                <p class="hint">"Or drop a JSON plan or backup file here. Nothing is stored until you confirm."</p>
            </div>
            {move || message.get().map(|(error, text)| if error {
                view! { <p class="field-error" role="alert">{text}</p> }.into_any()
            } else {
                view! { <p class="notice-line" role="status">{text}</p> }.into_any()
            })}
            {move || pending.get().map(|p| view! {
                <ConfirmImport pending=p chosen=chosen keep_both=keep_both on_confirm=Callback::new(confirm)
                    on_cancel=Callback::new(move |()| {
                        pending.set(None);
                        browser::focus_soon("#import-file".into());
                    })/>
            })}
            <BackupControls message=message/>
        </section>
    }
}

/// The question before an import: what the file holds, which of its engagements to take, and
/// what to do with those already here.
#[component]
fn ConfirmImport(
    pending: Pending,
    chosen: RwSignal<Vec<bool>>,
    keep_both: RwSignal<bool>,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let p = pending;
    let offset = browser::local_offset_minutes();
    let names = p
        .engagements
        .iter()
        .map(|e| e.customer_name.to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let count = p.engagements.len();
    view! {
        <div class="confirm-import" role="group" aria-labelledby="import-confirm-heading">
            <h3 id="import-confirm-heading">"Import from “" {p.file.clone()} "”?"</h3>
            {(count > 0).then(|| view! {
                <p>{format!("{count} engagement{}: {names}.", if count == 1 { "" } else { "s" })}</p>
            })}
            {unreadable_summary(&p.unreadable).map(|text| view! {
                <p class="row-warning" id="import-unreadable">{text}</p>
            })}
            {(p.kept_aside > 0).then(|| view! {
                <p class="hint">{format!(
                    "The backup also holds {} stored entr{} this version cannot read: {} stay{} in the file, for a version that reads {}.",
                    p.kept_aside,
                    if p.kept_aside == 1 { "y" } else { "ies" },
                    if p.kept_aside == 1 { "it" } else { "they" },
                    if p.kept_aside == 1 { "s" } else { "" },
                    if p.kept_aside == 1 { "it" } else { "them" },
                )}</p>
            })}
            {(count > 1).then(|| view! {
                <fieldset>
                    <legend>"Engagements to import"</legend>
                    {p.engagements.iter().enumerate().map(|(i, e)| {
                        let id = format!("import-pick-{i}");
                        let label = format!(
                            "{} (last changed {}, by the file's clock)",
                            e.customer_name,
                            crate::domain::text::time_fmt::format_local(e.updated, offset)
                        );
                        view! {
                            <div class="check">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || chosen.with(|c| c.get(i).copied().unwrap_or(true))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        chosen.update(|c| if let Some(slot) = c.get_mut(i) { *slot = on });
                                    }/>
                                <label for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(p.conflicts > 0).then(|| view! {
                <fieldset>
                    <legend>{format!("{} already in this browser", if p.conflicts == 1 { "One is".to_string() } else { format!("{} are", p.conflicts) })}</legend>
                    {(p.newer_here > 0).then(|| view! {
                        <p class="row-warning">{match p.newer_here {
                            1 => "One was changed here after this file was made: replacing it brings back the older version.".to_string(),
                            n => format!("{n} were changed here after this file was made: replacing them brings back the older versions."),
                        }}</p>
                    })}
                    {(p.differ > 0).then(|| view! {
                        <p class="hint">{match p.differ {
                            1 => "One holds other work here than in the file.".to_string(),
                            n => format!("{n} hold other work here than in the file."),
                        }} " Replacing keeps the version here as a copy named “(replaced)”."</p>
                    })}
                    {p.replacing.iter().map(|r| view! {
                        <ChangesTable
                            caption=format!("“{}”: what replacing it would change, from the copy here (then) to the file's (now)", r.name)
                            changes=r.changes.clone()
                        />
                    }).collect_view()}
                    <div class="check">
                        <input type="radio" id="conflict-replace" name="conflict" prop:checked=move || !keep_both.get() on:change=move |_| keep_both.set(false)/>
                        <label for="conflict-replace">"Replace the stored version"</label>
                    </div>
                    <div class="check">
                        <input type="radio" id="conflict-keep" name="conflict" prop:checked=move || keep_both.get() on:change=move |_| keep_both.set(true)/>
                        <label for="conflict-keep">"Keep both (the imported one as a copy)"</label>
                    </div>
                </fieldset>
            })}
            <button type="button" class="primary" on:click=move |_| on_confirm.run(())>"Import"</button>
            " "
            <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
        </div>
    }
}

/// "Export all", when the last backup was made, and whether the browser keeps the data.
#[component]
fn BackupControls(message: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    let state = use_app_state();
    let last_backup = RwSignal::new(browser::last_backup());
    let offset = browser::local_offset_minutes();
    let export_all = move |_| {
        let result = state.download_backup();
        last_backup.set(browser::last_backup());
        // A link field stored before links were checked would make the backup refused on
        // restore: said now, while it can be corrected here.
        let bad_links: Vec<String> = state.engagements.with_untracked(|list| {
            list.iter()
                .filter_map(|e| {
                    crate::domain::engagement::fields::check_links(e)
                        .err()
                        .map(|bad| format!("in “{}”, {bad}", e.customer_name))
                })
                .collect()
        });
        message.set(Some(match result {
            Ok(()) if !bad_links.is_empty() => (
                true,
                format!(
                    "Downloaded a backup of every engagement, but it would be refused when restored until this is corrected here and the backup made again: {}.",
                    bad_links.join("; ")
                ),
            ),
            Ok(()) => (false, "Downloaded a backup of every engagement.".into()),
            Err(err) => (true, format!("The backup did not download: {err}.")),
        }));
    };
    // Once there is something to keep, ask the browser to keep it until the TAM clears it:
    // unasked, some browsers clear a site's storage after a week without a visit.
    let persisted = RwSignal::new(None::<Option<bool>>);
    Effect::new(move |_| {
        if persisted.get_untracked().is_none() && state.engagements.with(|l| !l.is_empty()) {
            persisted.set(Some(None));
            leptos::task::spawn_local(async move {
                persisted.set(Some(browser::persist_storage().await));
            });
        }
    });
    let persistence = move || {
        persisted.get().flatten().map(|granted| {
            if granted {
                "This browser keeps these engagements until you clear its data for this site."
            } else {
                "This browser has not agreed to keep these engagements for good: it may clear them when space runs low or after weeks without a visit. Download a backup now and then."
            }
        })
    };
    view! {
        <div class="button-row">
            <button type="button" on:click=export_all>"Export all"</button>
        </div>
        {move || state.engagements.with(|list| last_backup.with(|last| backup_status(list, last.as_ref(), offset)))
            .map(|status| view! { <p class="hint">{status}</p> })}
        {move || persistence().map(|text| view! { <p class="hint" id="storage-persistence">{text}</p> })}
    }
}
