//! One line saying what an action just did: a status, or an alert when it failed, with a link to
//! what it made.

use leptos::prelude::*;

/// What an action said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub failed: bool,
    pub text: String,
    /// A link's label and address: a page of the app, or (opened in a new tab) a web address.
    pub link: Option<(&'static str, String)>,
}

impl Said {
    pub fn done(text: impl Into<String>) -> Option<Self> {
        Some(Said {
            failed: false,
            text: text.into(),
            link: None,
        })
    }

    pub fn failed(text: impl Into<String>) -> Option<Self> {
        Some(Said {
            failed: true,
            text: text.into(),
            link: None,
        })
    }

    pub fn with_link(text: impl Into<String>, label: &'static str, href: String) -> Option<Self> {
        Some(Said {
            failed: false,
            text: text.into(),
            link: Some((label, href)),
        })
    }
}

/// The line, while there is something to say.
#[component]
pub fn SaidLine(said: RwSignal<Option<Said>>) -> impl IntoView {
    move || {
        said.get().map(|s| {
            let link = s.link.map(|(label, href)| {
                let external = href.starts_with("http");
                view! {
                    " "
                    <a href=href target=external.then_some("_blank") rel=external.then_some("noopener noreferrer")>{label}</a>
                }
            });
            view! {
                <p class=if s.failed { "field-error" } else { "notice-line" } role=if s.failed { "alert" } else { "status" }>
                    {s.text}{link}
                </p>
            }
        })
    }
}
