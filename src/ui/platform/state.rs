//! App-wide state, shared through one context, and the actions that change engagements.
//! Writing to storage and following other tabs is in `sync`.

use std::collections::HashMap;

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use time::OffsetDateTime;

use crate::domain::documents::plan::{KeptAside, UnreadableInBackup};
use crate::domain::engagement::draft::{DraftField, Drafts};
use crate::domain::engagement::limits;
use crate::domain::engagement::{CustomerName, Engagement, EngagementId};
use crate::domain::process::workflow::{self, Action, Refusal};
use crate::domain::sizing::SizingInputs;
use crate::domain::text::time_fmt;
use crate::storage::{
    Loaded, NewerEntry, Quarantined, StorageError, Store, Unreadable, DRAFT_PREFIX,
};
use crate::ui::platform::browser;

/// What the last list action did, shown in a status line (with "Undo" after a delete).
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Created(String),
    Duplicated(String),
    Deleted(Box<Engagement>),
    Restored(String),
}

/// Where an engagement stands in storage, as this tab knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Saved {
    /// The revision stored, as this tab last read or wrote it.
    pub revision: u64,
    /// When this tab saved it; `None` when it was read from storage.
    pub at: Option<OffsetDateTime>,
}

/// An engagement changed here and in another tab at once: the TAM picks which to keep.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub ours: Engagement,
    pub theirs: Engagement,
}

/// What an import does with an engagement whose id is already here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SameId {
    /// The incoming version takes its place (a different one here is kept as "(replaced)").
    Replace,
    /// The incoming version is added as a copy under a new id.
    KeepBoth,
}

/// Everything the pages share. Cheap to copy: every field is a signal or a handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// The readable engagements, in the order they are listed.
    pub engagements: RwSignal<Vec<Engagement>>,
    /// Stored entries that could not be read nor moved aside; left where they are.
    pub unreadable: RwSignal<Vec<Unreadable>>,
    /// Entries written by a newer version of the app; left untouched.
    pub newer: RwSignal<Vec<NewerEntry>>,
    /// Entries moved aside because they could not be read.
    pub quarantined: RwSignal<Vec<Quarantined>>,
    /// Why changes are not being saved, while they are not.
    pub storage_problem: RwSignal<Option<String>>,
    /// Why the last change was refused (over a limit), until a change is taken again.
    pub refused: RwSignal<Option<String>>,
    /// Storage was cleared elsewhere while this tab held engagements, until they are saved again.
    pub cleared: RwSignal<bool>,
    /// The outcome of the last list action.
    pub notice: RwSignal<Option<Notice>>,
    /// What storage holds of each engagement, as this tab knows it.
    pub saved: RwSignal<HashMap<EngagementId, Saved>>,
    /// Engagements changed in two tabs at once, waiting for the TAM's choice.
    pub conflicts: RwSignal<Vec<Conflict>>,
    /// Text typed into forms that wait for a button, per engagement; stored beside the
    /// engagements, never in them.
    pub drafts: RwSignal<HashMap<EngagementId, Drafts>>,
    /// The drafts as storage holds them, as this tab last wrote or read them.
    pub(crate) drafts_saved: StoredValue<HashMap<EngagementId, Drafts>>,
    /// This tab's own name, for the key it keeps unsaved work under while it closes.
    pub(crate) tab: StoredValue<String>,
    /// Whether this tab wrote records of unsaved work under its own key (when hidden) that a
    /// later save makes obsolete.
    pub(crate) kept_unsaved: StoredValue<bool>,
    pub(crate) store: StoredValue<Option<Store>, LocalStorage>,
    pub(crate) timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// When the oldest change not yet saved was made (`Date.now()`), while one is waiting.
    pub(crate) pending_since: StoredValue<Option<f64>>,
}

impl AppState {
    /// Loads storage and, only when that load succeeded, starts saving every change.
    pub fn start() -> Self {
        let now = time_fmt::rfc3339(browser::now());
        let (store, loaded, problem) = match Store::open() {
            Ok(store) => match store.load(&now) {
                Ok(loaded) => (Some(store), loaded, None),
                Err(e) => (None, Loaded::default(), Some(e)),
            },
            Err(e) => (None, Loaded::default(), Some(e)),
        };
        let mut loaded = loaded;
        let drafts = store
            .as_ref()
            .map(|store| load_drafts(store, &now, &mut loaded.quarantined))
            .unwrap_or_default();
        let saved = loaded
            .engagements
            .iter()
            .map(|e| {
                (
                    e.id,
                    Saved {
                        revision: e.revision,
                        at: None,
                    },
                )
            })
            .collect();
        let state = Self {
            engagements: RwSignal::new(loaded.engagements),
            unreadable: RwSignal::new(loaded.unreadable),
            newer: RwSignal::new(loaded.newer),
            quarantined: RwSignal::new(loaded.quarantined),
            storage_problem: RwSignal::new(problem.as_ref().map(not_saved_message)),
            refused: RwSignal::new(None),
            cleared: RwSignal::new(false),
            notice: RwSignal::new(None),
            saved: RwSignal::new(saved),
            conflicts: RwSignal::new(Vec::new()),
            drafts: RwSignal::new(drafts.clone()),
            drafts_saved: StoredValue::new(drafts),
            tab: StoredValue::new(browser::new_id().to_string()),
            kept_unsaved: StoredValue::new(false),
            store: StoredValue::new_local(store),
            timer: StoredValue::new_local(None),
            pending_since: StoredValue::new(None),
        };
        if state.store.with_value(Option::is_some) {
            // What tabs closed since left unsaved is taken in before the first page is drawn,
            // so the page opens on it (and again under the lock, as tabs may still be closing).
            state.recover_unsaved();
            state.start_syncing();
        }
        state
    }

    /// Every stored entry this version cannot read, as a backup carries it.
    pub fn kept_aside(&self) -> Vec<KeptAside> {
        let mut kept: Vec<KeptAside> = self.newer.with_untracked(|list| {
            list.iter()
                .map(|n| KeptAside {
                    key: n.key.clone(),
                    reason: format!(
                        "written by a newer version of this app (schema version {})",
                        n.version
                    ),
                    raw: n.raw.clone(),
                })
                .collect()
        });
        self.quarantined.with_untracked(|list| {
            kept.extend(list.iter().map(|q| KeptAside {
                key: q.original_key.clone(),
                reason: format!("moved aside {}: {}", q.moved_at, q.reason),
                raw: q.raw.clone(),
            }))
        });
        self.unreadable.with_untracked(|list| {
            kept.extend(list.iter().map(|u| KeptAside {
                key: u.key.clone(),
                reason: u.reason.clone(),
                raw: u.raw.clone(),
            }))
        });
        kept
    }

    /// Downloads a backup of everything stored: every engagement and every entry kept aside.
    pub fn download_backup(&self) -> Result<(), String> {
        let kept = self.kept_aside();
        self.engagements
            .with_untracked(|list| browser::download_backup(list, &kept))
    }

    /// Keeps the engagements of the backup `file` that cannot be read aside, as stored entries
    /// that cannot be read are: listed with their text unchanged, never dropped. One that cannot
    /// be written (storage missing or full) is listed for this session.
    pub fn keep_aside_from_backup(&self, unreadable: &[UnreadableInBackup], file: &str) {
        let now = time_fmt::rfc3339(browser::now());
        for bad in unreadable {
            let entry = crate::storage::set_aside_from_backup(bad, file);
            let kept = self
                .store
                .with_value(|store| store.as_ref().map(|s| s.set_aside(&entry, &now)));
            match kept {
                Some(Ok(record)) => self.quarantined.update(|q| q.push(record)),
                Some(Err(e)) => {
                    self.storage_problem.set(Some(not_saved_message(&e)));
                    self.unreadable.update(|u| u.push(entry));
                }
                None => self.unreadable.update(|u| u.push(entry)),
            }
        }
    }

    /// Deletes a moved-aside entry for good, at the TAM's request.
    pub fn delete_quarantined(&self, record_key: &str) {
        let removed = self
            .store
            .with_value(|store| store.as_ref().map(|s| s.remove_key(record_key)));
        match removed {
            Some(Err(e)) => self.storage_problem.set(Some(not_saved_message(&e))),
            _ => self
                .quarantined
                .update(|list| list.retain(|q| q.record_key != record_key)),
        }
    }

    /// The engagement with this id, if it is loaded (read without tracking, for actions).
    pub fn find(&self, id: EngagementId) -> Option<Engagement> {
        self.engagements
            .with_untracked(|list| list.iter().find(|e| e.id == id).cloned())
    }

    /// The engagement with this id as it changes, for a page that shows it.
    pub fn watch(&self, id: EngagementId) -> Memo<Option<Engagement>> {
        let engagements = self.engagements;
        Memo::new(move |_| engagements.with(|list| list.iter().find(|e| e.id == id).cloned()))
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

    /// Changes one engagement with `edit`, given the time now, if the result stays within
    /// the limits one engagement may hold; otherwise nothing changes and `refused` says why,
    /// so nothing is written that could not be read back.
    fn edit<R>(
        &self,
        id: EngagementId,
        edit: impl FnOnce(&mut Engagement, OffsetDateTime) -> R,
    ) -> Option<R> {
        let mut changed = self.find(id)?;
        let before = changed.revision;
        let result = edit(&mut changed, browser::now());
        if changed.revision == before {
            return Some(result);
        }
        if let Err(error) = limits::check(&changed) {
            self.refused.set(Some(format!(
                "This change to “{}” was not saved: {error}. Shorten a long text, such as the notes, and it is saved again.",
                changed.customer_name
            )));
            return Some(result);
        }
        if self.refused.with_untracked(Option::is_some) {
            self.refused.set(None);
        }
        self.engagements.update(|list| {
            if let Some(slot) = list.iter_mut().find(|e| e.id == id) {
                *slot = changed;
            }
        });
        Some(result)
    }

    /// Renames an engagement.
    pub fn rename(&self, id: EngagementId, name: CustomerName) {
        self.edit(id, |e, now| e.rename(name, now));
    }

    /// Stores the sizing form's text of an engagement.
    pub fn update_sizing(&self, id: EngagementId, sizing: SizingInputs) {
        self.edit(id, |e, now| e.set_sizing(sizing, now));
    }

    /// Changes one engagement with `edit`, given the time now.
    pub fn update(&self, id: EngagementId, edit: impl FnOnce(&mut Engagement, OffsetDateTime)) {
        self.edit(id, edit);
    }

    /// What a field that waits for a button shows: its draft, or `committed` (reactive).
    pub fn draft_text(&self, id: EngagementId, field: DraftField, committed: &str) -> String {
        self.drafts.with(|d| {
            d.get(&id)
                .map(|d| d.text(field, committed))
                .unwrap_or_else(|| committed.to_string())
        })
    }

    /// Whether any of `fields` holds a draft (reactive).
    pub fn has_draft(&self, id: EngagementId, fields: &[DraftField]) -> bool {
        self.drafts
            .with(|d| d.get(&id).is_some_and(|d| d.any(fields)))
    }

    /// The value another tab committed to `field` while this draft waited (reactive).
    pub fn changed_elsewhere(
        &self,
        id: EngagementId,
        field: DraftField,
        committed: &str,
    ) -> Option<String> {
        self.drafts.with(|d| {
            d.get(&id)
                .and_then(|d| d.changed_elsewhere(field, committed))
        })
    }

    /// Keeps what was typed as a draft; saved like any change, a moment later.
    pub fn type_draft(
        &self,
        id: EngagementId,
        field: DraftField,
        text: &str,
        committed: &str,
    ) -> Result<(), limits::TooLong> {
        let mut drafts = self
            .drafts
            .with_untracked(|d| d.get(&id).cloned())
            .unwrap_or_default();
        let before = drafts.clone();
        drafts.typed(field, text, committed)?;
        if drafts != before {
            self.drafts.update(|d| {
                if drafts.is_empty() {
                    d.remove(&id);
                } else {
                    d.insert(id, drafts);
                }
            });
        }
        Ok(())
    }

    /// Throws away the drafts of `fields`: committed by their button, or discarded.
    pub fn clear_drafts(&self, id: EngagementId, fields: &[DraftField]) {
        if !self
            .drafts
            .with_untracked(|d| d.get(&id).is_some_and(|d| d.any(fields)))
        {
            return;
        }
        self.drafts.update(|d| {
            if let Some(drafts) = d.get_mut(&id) {
                drafts.clear(fields);
                if drafts.is_empty() {
                    d.remove(&id);
                }
            }
        });
    }

    /// Whether an engagement with this id is stored here.
    pub fn contains(&self, id: EngagementId) -> bool {
        self.engagements
            .with_untracked(|list| list.iter().any(|e| e.id == id))
    }

    /// Adds imported engagements. One whose id is already here replaces it, or, with
    /// [`SameId::KeepBoth`], is added as a copy under a new id; a replaced version that differs is kept
    /// as a copy named "(replaced)", so Replace never destroys. One whose id is stored here in a
    /// form this version cannot read (newer, or moved aside) always comes in as a copy. Returns
    /// the ids added or replaced.
    pub fn import(&self, engagements: Vec<Engagement>, same_id: SameId) -> Vec<EngagementId> {
        let keep_both = same_id == SameId::KeepBoth;
        let mut ids = Vec::new();
        let unreadable_here: Vec<String> =
            self.newer
                .with_untracked(|n| n.iter().map(|e| e.key.clone()).collect::<Vec<_>>())
                .into_iter()
                .chain(self.quarantined.with_untracked(|q| {
                    q.iter().map(|q| q.original_key.clone()).collect::<Vec<_>>()
                }))
                .collect();
        let now = browser::now();
        self.engagements.update(|list| {
            for mut incoming in engagements {
                let blocked = unreadable_here.contains(&crate::storage::key_for(incoming.id));
                match list.iter().position(|e| e.id == incoming.id) {
                    Some(_) if keep_both => {
                        incoming.set_id(browser::new_id());
                        incoming.customer_name = incoming.customer_name.for_copy();
                        incoming.revision = 1;
                        ids.push(incoming.id);
                        list.insert(0, incoming);
                    }
                    Some(at) => {
                        let replaced = list[at].clone();
                        // A higher revision than the stored one, so the save effect writes it.
                        incoming.revision = incoming.revision.max(replaced.revision) + 1;
                        ids.push(incoming.id);
                        let differs = !replaced.same_content(&incoming);
                        list[at] = incoming;
                        if differs {
                            let mut kept = replaced.duplicate(browser::new_id(), now);
                            kept.customer_name = replaced.customer_name.with_suffix(" (replaced)");
                            kept.log = replaced.log.clone();
                            list.insert(at + 1, kept);
                        }
                    }
                    None if blocked => {
                        incoming.set_id(browser::new_id());
                        incoming.revision = 1;
                        ids.push(incoming.id);
                        list.insert(0, incoming);
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

    /// Puts `theirs` (another copy of an engagement, GitLab's) in the place of the engagement
    /// with its id, so that it stays tied to its file there; the version here is kept beside it
    /// under a new id, named by `name_copy`. Returns the revision `theirs` has here, and the
    /// copy's id (`None` when the engagement was not here).
    pub fn put_beside(
        &self,
        mut theirs: Engagement,
        name_copy: fn(&CustomerName) -> CustomerName,
    ) -> (u64, Option<EngagementId>) {
        let mut copy_id = None;
        self.engagements
            .update(|list| match list.iter().position(|e| e.id == theirs.id) {
                Some(at) => {
                    let mut mine = list[at].clone();
                    theirs.revision = theirs.revision.max(mine.revision) + 1;
                    mine.set_id(browser::new_id());
                    mine.customer_name = name_copy(&mine.customer_name);
                    mine.revision += 1;
                    copy_id = Some(mine.id);
                    list[at] = theirs.clone();
                    list.insert(at + 1, mine);
                }
                None => list.insert(0, theirs.clone()),
            });
        (theirs.revision, copy_id)
    }

    /// Applies a coordination change to an engagement; a refusal changes nothing.
    pub fn apply(&self, id: EngagementId, action: Action) -> Result<(), Refusal> {
        self.edit(id, |e, now| workflow::apply(e, action, now))
            .unwrap_or(Ok(()))
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

    /// Restores the engagement deleted last, as it was; gives its id.
    pub fn undo_delete(&self) -> Option<EngagementId> {
        let Some(Notice::Deleted(engagement)) = self.notice.get_untracked() else {
            return None;
        };
        let (id, name) = (engagement.id, engagement.customer_name.to_string());
        self.engagements.update(|list| {
            if !list.iter().any(|e| e.id == id) {
                let at = list
                    .iter()
                    .position(|e| e.updated < engagement.updated)
                    .unwrap_or(list.len());
                list.insert(at, *engagement);
            }
        });
        self.notice.set(Some(Notice::Restored(name)));
        Some(id)
    }
}

/// Reads every engagement's drafts; one that cannot be read is moved aside and listed, never
/// overwritten.
fn load_drafts(
    store: &Store,
    now: &str,
    kept_aside: &mut Vec<Quarantined>,
) -> HashMap<EngagementId, Drafts> {
    let mut drafts = HashMap::new();
    for (key, raw) in store.entries_with(DRAFT_PREFIX).unwrap_or_default() {
        let id = key
            .strip_prefix(DRAFT_PREFIX)
            .and_then(|id| id.parse::<EngagementId>().ok());
        match (id, Drafts::from_json(&raw)) {
            (Some(id), Ok(found)) if !found.is_empty() => {
                drafts.insert(id, found);
            }
            (Some(_), Ok(_)) => {
                let _ = store.remove_key(&key);
            }
            (_, Err(error)) => {
                if let Ok(record) = store.keep_aside(&key, error.to_string(), raw, now) {
                    kept_aside.push(record);
                }
            }
            (None, Ok(_)) => {}
        }
    }
    drafts
}

pub(crate) fn not_saved_message(error: &StorageError) -> String {
    format!("Changes are not being saved: {error}. Keep this tab open; what you see is not stored.")
}

/// The app state from context; the app provides it at the root.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}
