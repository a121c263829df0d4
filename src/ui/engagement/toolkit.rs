//! The GitLab Environment Toolkit download beside the recommendation: a zip of one
//! environment's Terraform and Ansible files, once a target platform is chosen.

use leptos::prelude::*;

use crate::domain::documents::toolkit::{self, Refusal};
use crate::domain::engagement::EngagementId;
use crate::domain::process::intake::Deviation;
use crate::domain::sizing::Recommendation;
use crate::domain::text::numbers::format_number;
use crate::ui::platform::browser;
use crate::ui::platform::state::use_app_state;

/// The download button, or why there is none: nothing before a platform is chosen.
#[component]
pub fn ToolkitDownload(
    id: EngagementId,
    shown: Memo<Option<Recommendation>>,
    deviation: Memo<Deviation>,
) -> impl IntoView {
    let state = use_app_state();
    let message = RwSignal::new(None::<String>);
    let offer = Memo::new(move |_| {
        shown.with(|rec| {
            rec.as_ref().map(|rec| {
                let target = deviation.with(|d| toolkit::target(rec, d).map(|_| ()));
                (target, toolkit::azure_hybrid_note(rec))
            })
        })
    });
    let download = move |_| {
        let Some(e) = state.find(id) else {
            return;
        };
        let result = toolkit::starting_configuration(&e, browser::today()).map(|c| {
            let offset =
                time::UtcOffset::from_whole_seconds(browser::local_offset_minutes() * 60)
                    .unwrap_or(time::UtcOffset::UTC);
            let local = browser::now().to_offset(offset);
            let bytes = c.zip(time::PrimitiveDateTime::new(local.date(), local.time()));
            let kb = format_number((bytes.len() as f64 / 1024.0 * 10.0).round() / 10.0);
            browser::download_bytes(&c.file_name(), "application/zip", &bytes).map(|()| {
                format!(
                    "Downloaded {} ({kb} KB): a starting point for Professional Services' review; its README.md says what they fill in.",
                    c.file_name()
                )
            })
        });
        message.set(Some(match result {
            Ok(Ok(done)) => done,
            Ok(Err(err)) => format!("The download did not start: {err}."),
            Err(refusal) => refusal.to_string(),
        }));
    };
    move || {
        match offer.get() {
        None | Some((Err(Refusal::NoPlatform), _)) => None,
        Some((Err(refusal), _)) => Some(
            view! { <p class="hint toolkit-refusal" role="note">{refusal.to_string()}</p> }
                .into_any(),
        ),
        Some((Ok(()), note)) => Some(
            view! {
                <div class="toolkit-download no-print">
                    <button type="button" on:click=download>
                        "Download GitLab Environment Toolkit starting configuration"
                    </button>
                    {note.map(|note| view! { <p class="hint" role="note">{note}</p> })}
                    <p class="notice-line" role=move || message.with(Option::is_some).then_some("status")>
                        {move || message.get()}
                    </p>
                </div>
            }
            .into_any(),
        ),
    }
    }
}
