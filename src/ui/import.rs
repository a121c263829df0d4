//! Import of plan and backup files (picker or drag and drop), and "Export all".

use leptos::prelude::*;

use super::browser;
use super::state::use_app_state;
use crate::domain::engagement::Engagement;
use crate::domain::plan::{backup_status, parse_import, MAX_IMPORT_BYTES};

/// An import read and checked, waiting for the TAM to confirm it.
#[derive(Clone, PartialEq)]
struct Pending {
    file: String,
    engagements: Vec<Engagement>,
    conflicts: usize,
    /// Of those already here, how many were changed here after the file was made.
    newer_here: usize,
}

/// Loads plan or backup files; nothing is stored until the import is confirmed.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_app_state();
    let pending = RwSignal::new(None::<Pending>);
    let message = RwSignal::new(None::<(bool, String)>);
    let keep_both = RwSignal::new(false);
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
                    // For each one already here: was it changed here after the file was made?
                    let newer: Vec<bool> = engagements
                        .iter()
                        .filter_map(|file| state.find(file.id).map(|here| here.changed_after(file)))
                        .collect();
                    let newer_here = newer.iter().filter(|n| **n).count();
                    message.set(None);
                    // Replacing would roll back later work: then keeping both is the default.
                    keep_both.set(newer_here > 0);
                    pending.set(Some(Pending {
                        file: name,
                        engagements,
                        conflicts: newer.len(),
                        newer_here,
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
    let confirm = move |_| {
        if let Some(p) = pending.get_untracked() {
            let count = state.import(p.engagements, keep_both.get_untracked()).len();
            pending.set(None);
            message.set(Some((
                false,
                format!(
                    "Imported {count} engagement{} from “{}”.",
                    if count == 1 { "" } else { "s" },
                    p.file
                ),
            )));
            browser::focus_soon("#import-file".into());
        }
    };
    let last_backup = RwSignal::new(browser::last_backup());
    let offset = browser::local_offset_minutes();
    let export_all = move |_| {
        let result = state
            .engagements
            .with_untracked(|list| browser::download_backup(list));
        last_backup.set(browser::last_backup());
        message.set(Some(match result {
            Ok(()) => (false, "Downloaded a backup of every engagement.".into()),
            Err(err) => (true, format!("The backup did not download: {err}.")),
        }));
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
            {move || pending.get().map(|p| {
                let names = p.engagements.iter().map(|e| e.customer_name.to_string()).collect::<Vec<_>>().join(", ");
                let count = p.engagements.len();
                view! {
                    <div class="confirm-import" role="group" aria-labelledby="import-confirm-heading">
                        <h3 id="import-confirm-heading">"Import from “" {p.file.clone()} "”?"</h3>
                        <p>{format!("{count} engagement{}: {names}.", if count == 1 { "" } else { "s" })}</p>
                        {(p.conflicts > 0).then(|| view! {
                            <fieldset>
                                <legend>{format!("{} already in this browser", if p.conflicts == 1 { "One is".to_string() } else { format!("{} are", p.conflicts) })}</legend>
                                {(p.newer_here > 0).then(|| view! {
                                    <p class="row-warning">{match p.newer_here {
                                        1 => "One was changed here after this file was made: replacing it brings back the older version.".to_string(),
                                        n => format!("{n} were changed here after this file was made: replacing them brings back the older versions."),
                                    }}</p>
                                })}
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
                        <button type="button" class="primary" on:click=confirm>"Import"</button>
                        " "
                        <button type="button" on:click=move |_| {
                            pending.set(None);
                            browser::focus_soon("#import-file".into());
                        }>"Cancel"</button>
                    </div>
                }
            })}
            <div class="button-row">
                <button type="button" on:click=export_all>"Export all"</button>
            </div>
            {move || state.engagements.with(|list| last_backup.with(|last| backup_status(list, last.as_ref(), offset)))
                .map(|status| view! { <p class="hint">{status}</p> })}
        </section>
    }
}
