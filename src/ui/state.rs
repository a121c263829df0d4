//! App-wide state, shared through one context, and the one effect that writes it to storage.

use std::cell::RefCell;
use std::collections::HashMap;

use leptos::prelude::*;
use time::OffsetDateTime;

use super::browser;
use crate::domain::engagement::{CustomerName, Engagement, EngagementId};
use crate::domain::sizing::SizingInputs;
use crate::domain::workflow::{self, Action, Refusal};
use crate::storage::{Loaded, StorageError, Store, Unreadable};

/// What the last list action did, shown in a status line (with "Undo" after a delete).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Created(String),
    Duplicated(String),
    Deleted(Box<Engagement>),
    Restored(String),
}

/// Everything the pages share. Cheap to copy: every field is a signal.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The readable engagements, in the order they are listed.
    pub engagements: RwSignal<Vec<Engagement>>,
    /// Stored entries that could not be read; they stay in storage untouched.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Why changes are not being saved, while they are not.
    pub storage_problem: RwSignal<Option<String>>,
    /// The outcome of the last list action.
    pub notice: RwSignal<Option<Notice>>,
}

impl AppState {
    /// Loads storage and, only when that load succeeded, starts saving every change.
    pub fn start() -> Self {
        let (store, loaded, problem) = match Store::open() {
            Ok(store) => match store.load() {
                Ok(loaded) => (Some(store), loaded, None),
                Err(e) => (None, Loaded::default(), Some(e)),
            },
            Err(e) => (None, Loaded::default(), Some(e)),
        };
        let state = Self {
            engagements: RwSignal::new(loaded.engagements),
            unreadable: RwSignal::new(loaded.unreadable),
            storage_problem: RwSignal::new(problem.as_ref().map(not_saved_message)),
            notice: RwSignal::new(None),
        };
        if let Some(store) = store {
            state.save_changes_to(store);
        }
        state
    }

    /// The one bridge from state to storage: writes each engagement whose revision moved since
    /// its last save, and removes the entries of engagements that are gone.
    fn save_changes_to(self, store: Store) {
        let saved: RefCell<HashMap<EngagementId, u64>> = RefCell::new(
            self.engagements
                .with_untracked(|list| list.iter().map(|e| (e.id, e.revision)).collect()),
        );
        let problem = self.storage_problem;
        Effect::new(move |_| {
            let mut saved = saved.borrow_mut();
            let mut failure: Option<StorageError> = None;
            self.engagements.with(|list| {
                for engagement in list {
                    if saved.get(&engagement.id) == Some(&engagement.revision) {
                        continue;
                    }
                    match store.save(engagement) {
                        Ok(()) => {
                            saved.insert(engagement.id, engagement.revision);
                        }
                        Err(e) => failure = Some(e),
                    }
                }
                let gone: Vec<EngagementId> = saved
                    .keys()
                    .filter(|id| !list.iter().any(|e| e.id == **id))
                    .copied()
                    .collect();
                for id in gone {
                    match store.remove(id) {
                        Ok(()) => {
                            saved.remove(&id);
                        }
                        Err(e) => failure = Some(e),
                    }
                }
            });
            let message = failure.as_ref().map(not_saved_message);
            if problem.get_untracked() != message {
                problem.set(message);
            }
        });
    }

    /// The engagement with this id, if it is loaded (read without tracking, for actions).
    pub fn find(&self, id: EngagementId) -> Option<Engagement> {
        self.engagements
            .with_untracked(|list| list.iter().find(|e| e.id == id).cloned())
    }

    /// Creates an engagement and lists it first.
    pub fn create(&self, name: CustomerName) -> EngagementId {
        let engagement = Engagement::new(browser::new_id(), name, browser::now());
        let id = engagement.id;
        self.notice
            .set(Some(Notice::Created(engagement.customer_name.to_string())));
        self.engagements.update(|list| list.insert(0, engagement));
        id
    }

    /// Renames an engagement.
    pub fn rename(&self, id: EngagementId, name: CustomerName) {
        self.engagements.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                e.rename(name, browser::now());
            }
        });
    }

    /// Stores the sizing form's text of an engagement.
    pub fn update_sizing(&self, id: EngagementId, sizing: SizingInputs) {
        self.engagements.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                e.set_sizing(sizing, browser::now());
            }
        });
    }

    /// Changes one engagement with `edit`, given the time now.
    pub fn update(&self, id: EngagementId, edit: impl FnOnce(&mut Engagement, OffsetDateTime)) {
        self.engagements.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                edit(e, browser::now());
            }
        });
    }

    /// Whether an engagement with this id is stored here.
    pub fn contains(&self, id: EngagementId) -> bool {
        self.engagements
            .with_untracked(|list| list.iter().any(|e| e.id == id))
    }

    /// Adds imported engagements. One whose id is already here replaces it, or, with
    /// `keep_both`, is added as a copy under a new id. Returns the ids added or replaced.
    pub fn import(&self, engagements: Vec<Engagement>, keep_both: bool) -> Vec<EngagementId> {
        let mut ids = Vec::new();
        self.engagements.update(|list| {
            for mut incoming in engagements {
                match list.iter().position(|e| e.id == incoming.id) {
                    Some(_) if keep_both => {
                        incoming.id = browser::new_id();
                        incoming.customer_name = incoming.customer_name.for_copy();
                        incoming.revision = 1;
                        ids.push(incoming.id);
                        list.insert(0, incoming);
                    }
                    Some(at) => {
                        // A higher revision than the stored one, so the save effect writes it.
                        incoming.revision = incoming.revision.max(list[at].revision) + 1;
                        ids.push(incoming.id);
                        list[at] = incoming;
                    }
                    None => {
                        ids.push(incoming.id);
                        list.insert(0, incoming);
                    }
                }
            }
        });
        ids
    }

    /// Applies a coordination change to an engagement; a refusal changes nothing.
    pub fn apply(&self, id: EngagementId, action: Action) -> Result<(), Refusal> {
        let mut result = Ok(());
        self.engagements.update(|list| {
            if let Some(e) = list.iter_mut().find(|e| e.id == id) {
                result = workflow::apply(e, action, browser::now());
            }
        });
        result
    }

    /// Copies an engagement under a new id and lists the copy first.
    pub fn duplicate(&self, id: EngagementId) {
        let Some(copy) = self
            .find(id)
            .map(|e| e.duplicate(browser::new_id(), browser::now()))
        else {
            return;
        };
        self.notice
            .set(Some(Notice::Duplicated(copy.customer_name.to_string())));
        self.engagements.update(|list| list.insert(0, copy));
    }

    /// Deletes an engagement; [`AppState::undo_delete`] brings it back.
    pub fn delete(&self, id: EngagementId) {
        let Some(removed) = self.find(id) else {
            return;
        };
        self.engagements.update(|list| list.retain(|e| e.id != id));
        self.notice.set(Some(Notice::Deleted(Box::new(removed))));
    }

    /// Restores the engagement deleted last, as it was.
    pub fn undo_delete(&self) {
        if let Some(Notice::Deleted(engagement)) = self.notice.get_untracked() {
            let name = engagement.customer_name.to_string();
            self.engagements.update(|list| {
                if !list.iter().any(|e| e.id == engagement.id) {
                    let at = list
                        .iter()
                        .position(|e| e.updated < engagement.updated)
                        .unwrap_or(list.len());
                    list.insert(at, *engagement);
                }
            });
            self.notice.set(Some(Notice::Restored(name)));
        }
    }
}

fn not_saved_message(error: &StorageError) -> String {
    format!("Changes are not being saved: {error}. Keep this tab open; what you see is not stored.")
}

/// The app state from context; the app provides it at the root.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
