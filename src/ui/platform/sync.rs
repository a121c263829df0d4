//! Keeping state and storage in step: debounced saves that never overwrite another tab's
//! change unseen, the `storage` event from other tabs, and the TAM's choice on a conflict.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::engagement::draft::{Recovery, Unsaved};
use crate::domain::engagement::{Engagement, EngagementId};
use crate::storage::{
    draft_key, key_for, unsaved_id, unsaved_key, Stored, DRAFT_PREFIX, KEY_PREFIX,
    QUARANTINE_PREFIX, UNSAVED_PREFIX,
};
use crate::ui::platform::browser;
use crate::ui::platform::state::{not_saved_message, AppState, Conflict, Saved};

/// How long after the last change a save happens: typing is saved in one write, and a second
/// tab has a fair window to notice a concurrent edit.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// The Web Lock every tab of the app takes to save.
pub const SAVE_LOCK: &str = "upgrade-planner.save";
/// The longest a change waits while the TAM keeps typing: a minute of typing without a pause
/// is still saved every two seconds.
const MAX_SAVE_WAIT_MS: f64 = 2_000.0;

/// Which version a conflict keeps under its id; the other is kept as a copy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keep {
    ThisTab,
    OtherTab,
}

impl AppState {
    /// The bridge from state to storage: one effect schedules a save after each change; a
    /// hidden or closing tab saves at once; other tabs' writes arrive through `storage` events.
    pub(crate) fn start_syncing(self) {
        Effect::new(move |_| {
            self.engagements.track();
            self.drafts.track();
            self.schedule_flush();
        });
        // What tabs that closed at the same moment as another left unsaved: taken in now.
        browser::with_lock(SAVE_LOCK, move || self.recover_unsaved());
        // Hidden (perhaps about to be closed, or frozen on a phone): what is not saved goes under
        // this tab's own key at once, and the save follows under the lock as always.
        let hide = window_event_listener_untyped("visibilitychange", move |_| {
            let hidden = web_sys::window()
                .and_then(|w| w.document())
                .is_some_and(|d| d.hidden());
            if hidden {
                self.keep_unsaved();
            }
            browser::with_lock(SAVE_LOCK, move || self.flush());
        });
        let leave = window_event_listener_untyped("pagehide", move |_| self.flush_closing());
        let other_tab = window_event_listener_untyped("storage", move |event| {
            if let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() {
                self.on_storage_event(event.key(), event.new_value());
            }
        });
        // Back from the back-forward cache: other tabs may have written meanwhile, unheard.
        let back = window_event_listener_untyped("pageshow", move |event| {
            let persisted = js_sys::Reflect::get(&event, &"persisted".into())
                .ok()
                .and_then(|p| p.as_bool())
                .unwrap_or(false);
            if persisted {
                // This tab lives again and holds its own work: what it left while closing is
                // no longer another tab's to take in.
                self.forget_own_unsaved();
                self.reread();
                browser::with_lock(SAVE_LOCK, move || self.flush());
            }
        });
        on_cleanup(move || {
            hide.remove();
            leave.remove();
            other_tab.remove();
            back.remove();
            if let Some(Some(handle)) = self.timer.try_get_value() {
                handle.clear();
            }
        });
    }

    /// Saves `SAVE_DELAY` after the last change, but never later than `MAX_SAVE_WAIT_MS` after
    /// the first change not yet saved.
    fn schedule_flush(self) {
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
        }
        let now = js_sys::Date::now();
        let since = match self.pending_since.get_value() {
            Some(since) => since,
            None => {
                self.pending_since.set_value(Some(now));
                now
            }
        };
        let left = (since + MAX_SAVE_WAIT_MS - now).max(0.0);
        let delay = Duration::from_millis(left.min(SAVE_DELAY.as_millis() as f64) as u64);
        // Check-then-write under one lock across tabs: no other tab writes between the two.
        let handle = set_timeout_with_handle(
            move || browser::with_lock(SAVE_LOCK, move || self.flush()),
            delay,
        );
        self.timer.set_value(handle.ok());
    }

    /// Writes every engagement changed since its last save, and removes deleted ones, unless
    /// storage holds a version this tab has not seen: that becomes a conflict, not an overwrite.
    pub fn flush(self) {
        if self.engagements.is_disposed() {
            return;
        }
        if let Some(handle) = self.timer.get_value() {
            handle.clear();
            self.timer.set_value(None);
        }
        self.pending_since.set_value(None);
        let mut failure: Option<String> = None;
        let mut wrote = false;
        let mut conflicts = Vec::new();
        let mut kept: Vec<Engagement> = Vec::new();
        let mut saved = self.saved.get_untracked();
        let in_conflict: Vec<EngagementId> = self
            .conflicts
            .with_untracked(|c| c.iter().map(|c| c.ours.id).collect());
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            self.engagements.with_untracked(|list| {
                for engagement in list {
                    let known = saved.get(&engagement.id).map(|s| s.revision);
                    if known == Some(engagement.revision) || in_conflict.contains(&engagement.id) {
                        continue;
                    }
                    match store.stored(engagement.id) {
                        Ok(Stored::Readable(theirs)) if Some(theirs.revision) != known && *theirs != *engagement => {
                            conflicts.push(Conflict { ours: engagement.clone(), theirs: *theirs });
                            continue;
                        }
                        Ok(Stored::Other) => {
                            failure = Some(format!(
                                "“{}” is stored in a form this version cannot read (perhaps from a newer version); it was not overwritten",
                                engagement.customer_name
                            ));
                            continue;
                        }
                        Err(e) => {
                            failure = Some(not_saved_message(&e));
                            continue;
                        }
                        _ => {}
                    }
                    match store.save(engagement) {
                        Ok(()) => {
                            wrote = true;
                            saved.insert(engagement.id, Saved { revision: engagement.revision, at: Some(browser::now()) });
                        }
                        Err(e) => failure = Some(not_saved_message(&e)),
                    }
                }
                let gone: Vec<EngagementId> = saved
                    .keys()
                    .filter(|id| !list.iter().any(|e| e.id == **id))
                    .copied()
                    .collect();
                for id in gone {
                    // Deleted here, but changed in another tab since this tab last saw it:
                    // that work is kept, not deleted unseen.
                    let known = saved.get(&id).map(|s| s.revision);
                    if let Ok(Stored::Readable(theirs)) = store.stored(id) {
                        if Some(theirs.revision) != known {
                            saved.insert(id, Saved { revision: theirs.revision, at: None });
                            kept.push(*theirs);
                            continue;
                        }
                    }
                    match store.remove(id) {
                        Ok(()) => {
                            wrote = true;
                            saved.remove(&id);
                        }
                        Err(e) => failure = Some(not_saved_message(&e)),
                    }
                }
            });
        });
        self.saved.set(saved);
        if let Some(problem) = self.flush_drafts() {
            failure = Some(problem);
        }
        self.forget_saved_unsaved();
        if !kept.is_empty() {
            let names: Vec<String> = kept
                .iter()
                .map(|e| format!("“{}”", e.customer_name))
                .collect();
            self.refused.set(Some(format!(
                "{} changed in another tab after you deleted it here, so it was kept.",
                names.join(", ")
            )));
            self.engagements.update(|list| list.extend(kept));
        }
        if !conflicts.is_empty() {
            self.conflicts.update(|c| c.extend(conflicts));
        }
        // The banner stays until a save succeeds.
        if (failure.is_some() || wrote) && self.storage_problem.get_untracked() != failure {
            self.storage_problem.set(failure);
        }
    }

    /// Writes the drafts changed since they were last written, and removes those emptied or
    /// of engagements deleted here; answers why storage refused, if it did.
    fn flush_drafts(self) -> Option<String> {
        let mut failure = None;
        let present: Vec<EngagementId> = self
            .engagements
            .with_untracked(|list| list.iter().map(|e| e.id).collect());
        let gone: Vec<EngagementId> = self.drafts.with_untracked(|d| {
            d.keys()
                .filter(|id| !present.contains(id))
                .copied()
                .collect()
        });
        if !gone.is_empty() {
            self.drafts
                .update_untracked(|d| d.retain(|id, _| present.contains(id)));
        }
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            self.drafts.with_untracked(|drafts| {
                self.drafts_saved.update_value(|saved| {
                    for (id, draft) in drafts {
                        if saved.get(id) == Some(draft) {
                            continue;
                        }
                        match store.write(&draft_key(*id), &draft.to_json()) {
                            Ok(()) => {
                                saved.insert(*id, draft.clone());
                            }
                            Err(e) => failure = Some(not_saved_message(&e)),
                        }
                    }
                    let emptied: Vec<EngagementId> = saved
                        .keys()
                        .filter(|id| !drafts.contains_key(id))
                        .copied()
                        .collect();
                    for id in emptied {
                        match store.remove_key(&draft_key(id)) {
                            Ok(()) => {
                                saved.remove(&id);
                            }
                            Err(e) => failure = Some(not_saved_message(&e)),
                        }
                    }
                });
            });
        });
        failure
    }

    /// The tab is closing (or going into the back-forward cache). A closing page may never be
    /// granted the Web Lock, and a write made without it could cross another closing tab's
    /// write unseen. So a closing tab never writes an engagement's key: it writes what it has
    /// not saved under a key of its own (no other tab writes there), and the next tab to run
    /// takes those in under the lock. Its drafts are written too (each under its engagement's
    /// draft key).
    fn flush_closing(self) {
        if self.engagements.is_disposed() {
            return;
        }
        self.keep_unsaved();
        let _ = self.flush_drafts();
    }

    /// Writes every engagement this tab has not saved under this tab's own key for it.
    fn keep_unsaved(self) {
        let tab = self.tab.get_value();
        let saved = self.saved.get_untracked();
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            self.engagements.with_untracked(|list| {
                for engagement in list {
                    let base = saved.get(&engagement.id).map(|s| s.revision);
                    if base == Some(engagement.revision) {
                        continue;
                    }
                    let unsaved = Unsaved {
                        base,
                        engagement: engagement.clone(),
                    };
                    if let Ok(json) = unsaved.to_json() {
                        if store
                            .write(&unsaved_key(&tab, engagement.id), &json)
                            .is_ok()
                        {
                            self.kept_unsaved.set_value(true);
                        }
                    }
                }
                // Deleted here and not saved yet: the deletion is a record too.
                for (id, known) in &saved {
                    if !list.iter().any(|e| e.id == *id) {
                        let json = Unsaved::deletion_json(*id, known.revision);
                        if store.write(&unsaved_key(&tab, *id), &json).is_ok() {
                            self.kept_unsaved.set_value(true);
                        }
                    }
                }
            });
        });
    }

    /// After a save: this tab's own records of what it had not saved are removed for every
    /// engagement now saved as this tab holds it.
    fn forget_saved_unsaved(self) {
        if !self.kept_unsaved.get_value() {
            return;
        }
        let own = format!("{UNSAVED_PREFIX}{}.", self.tab.get_value());
        let saved = self.saved.get_untracked();
        let mut left = false;
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            for (key, _) in store.entries_with(&own).unwrap_or_default() {
                // Saved as this tab holds it (a deletion: saved as gone).
                let current = unsaved_id(&key).is_some_and(|id| {
                    let revision = self.find(id).map(|e| e.revision);
                    saved.get(&id).map(|s| s.revision) == revision
                });
                if current {
                    let _ = store.remove_key(&key);
                } else {
                    left = true;
                }
            }
        });
        self.kept_unsaved.set_value(left);
    }

    /// Removes what this tab wrote while closing, once it is back (from the back-forward cache).
    fn forget_own_unsaved(self) {
        let own = format!("{UNSAVED_PREFIX}{}.", self.tab.get_value());
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            for (key, _) in store.entries_with(&own).unwrap_or_default() {
                let _ = store.remove_key(&key);
            }
        });
    }

    /// Takes in what closing tabs left unsaved (run under the Web Lock): a version already
    /// stored is dropped; one built on what storage holds is written; one that storage moved
    /// past meanwhile (the other tab closing at the same moment saved first) is kept as a copy.
    /// Nothing is lost either way, and an entry that cannot be read is moved aside and listed.
    pub(crate) fn recover_unsaved(self) {
        if self.engagements.is_disposed() {
            return;
        }
        let own = format!("{UNSAVED_PREFIX}{}.", self.tab.get_value());
        let now = browser::now();
        let mut written: Vec<(String, String)> = Vec::new();
        let mut copies: Vec<(Engagement, String)> = Vec::new();
        let mut aside = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        self.store.with_value(|store| {
            let Some(store) = store else { return };
            let Ok(entries) = store.entries_with(UNSAVED_PREFIX) else {
                return;
            };
            for (key, raw) in entries {
                if key.starts_with(&own) {
                    continue;
                }
                if let Some((id, base)) = Unsaved::read_deletion(&raw) {
                    let Some(stored) = readable_or_missing(store, id) else {
                        continue;
                    };
                    if Unsaved::deletion_applies(base, stored.as_ref()) {
                        if store.remove(id).is_err() {
                            continue;
                        }
                        removed.push(key_for(id));
                    }
                    let _ = store.remove_key(&key);
                    continue;
                }
                let unsaved = Unsaved::from_json(&raw)
                    .map_err(|e| e.to_string())
                    .and_then(|u| {
                        if unsaved_id(&key) == Some(u.engagement.id) {
                            Ok(u)
                        } else {
                            Err("it is stored under another engagement's key".to_string())
                        }
                    });
                let unsaved = match unsaved {
                    Ok(unsaved) => unsaved,
                    Err(reason) => {
                        if let Ok(record) = store.keep_aside(
                            &key,
                            reason,
                            raw,
                            &crate::domain::text::time_fmt::rfc3339(now),
                        ) {
                            aside.push(record);
                        }
                        continue;
                    }
                };
                let id = unsaved.engagement.id;
                let Some(stored) = readable_or_missing(store, id) else {
                    continue;
                };
                let done = match unsaved.recovery(stored.as_ref()) {
                    Recovery::Stored => true,
                    Recovery::Write => match (
                        store.save(&unsaved.engagement),
                        unsaved.engagement.to_json(),
                    ) {
                        (Ok(()), Ok(json)) => {
                            written.push((key_for(id), json));
                            true
                        }
                        _ => false,
                    },
                    Recovery::KeepAsCopy => {
                        let mut copy = unsaved.engagement.duplicate(browser::new_id(), now);
                        copy.log = unsaved.engagement.log.clone();
                        let saved = store.save(&copy).is_ok();
                        if saved {
                            copies.push((copy, unsaved.engagement.customer_name.to_string()));
                        }
                        saved
                    }
                };
                if done {
                    let _ = store.remove_key(&key);
                }
            }
        });
        if !aside.is_empty() {
            self.quarantined.update(|q| q.extend(aside));
        }
        // Taken in as if another tab had written or removed them.
        for key in removed {
            self.on_storage_event(Some(key), None);
        }
        for (key, json) in written {
            self.on_storage_event(Some(key), Some(json));
        }
        if !copies.is_empty() {
            let names: Vec<String> = copies
                .iter()
                .map(|(copy, name)| format!("“{name}” (kept as “{}”)", copy.customer_name))
                .collect();
            self.refused.set(Some(format!(
                "Changes made in a tab that closed while another tab saved the same engagement were kept as a copy, so neither was lost: {}.",
                names.join(", ")
            )));
            self.saved.update(|s| {
                for (copy, _) in &copies {
                    s.insert(
                        copy.id,
                        Saved {
                            revision: copy.revision,
                            at: None,
                        },
                    );
                }
            });
            self.engagements.update(|list| {
                list.splice(0..0, copies.into_iter().map(|(copy, _)| copy))
                    .for_each(drop)
            });
        }
    }

    /// Another tab wrote or removed a key: adopt its engagement unless this tab has an unsaved
    /// change to the same one, or the write replaced this tab's last save without having seen
    /// it; either makes a conflict.
    fn on_storage_event(self, key: Option<String>, new_value: Option<String>) {
        if self.engagements.is_disposed() {
            return;
        }
        // No key: all of storage was cleared (another tab, or the browser's tools). This tab
        // may now hold the only copy: it offers to save it again, and a backup.
        let Some(key) = key else {
            if self.engagements.with_untracked(|list| !list.is_empty()) {
                self.cleared.set(true);
            }
            return;
        };
        if key.starts_with(UNSAVED_PREFIX) {
            // A tab closed with work it could not save for sure: taken in under the lock.
            if new_value.is_some() {
                browser::with_lock(SAVE_LOCK, move || self.recover_unsaved());
            }
            return;
        }
        if key.starts_with(QUARANTINE_PREFIX) || key.starts_with(DRAFT_PREFIX) {
            return;
        }
        let Some(id) = key
            .strip_prefix(KEY_PREFIX)
            .and_then(|id| id.parse::<EngagementId>().ok())
        else {
            return;
        };
        let ours = self.find(id);
        let known = self
            .saved
            .with_untracked(|s| s.get(&id).map(|s| s.revision));
        let unsaved = ours.as_ref().is_some_and(|o| Some(o.revision) != known);
        match new_value.map(|raw| Engagement::from_json(&raw)) {
            None => {
                if ours.is_some() && !unsaved {
                    self.engagements.update(|list| list.retain(|e| e.id != id));
                    self.saved.update(|s| {
                        s.remove(&id);
                    });
                }
            }
            Some(Ok(theirs)) => {
                let revision = theirs.revision;
                match ours {
                    Some(ours) if ours == theirs => {}
                    // An unsaved change here, or a write that does not build on what this
                    // tab saved (its revision is not above ours: the other tab checked before
                    // our save reached it and wrote over it): the TAM chooses.
                    Some(ours) if unsaved || known.is_some_and(|k| revision <= k) => {
                        self.conflicts.update(|c| {
                            c.retain(|c| c.ours.id != id);
                            c.push(Conflict { ours, theirs });
                        });
                        return;
                    }
                    Some(_) => self.engagements.update(|list| {
                        if let Some(slot) = list.iter_mut().find(|e| e.id == id) {
                            *slot = theirs;
                        }
                    }),
                    None => self.engagements.update(|list| list.insert(0, theirs)),
                }
                self.saved.update(|s| {
                    s.insert(id, Saved { revision, at: None });
                });
            }
            // Unreadable or newer: left alone here; the next load sorts it out.
            Some(Err(_)) => {}
        }
    }

    /// Reads storage again and takes in what other tabs wrote or removed meanwhile, as if their
    /// `storage` events had arrived.
    fn reread(self) {
        let entries = self
            .store
            .with_value(|store| store.as_ref().and_then(|s| s.entries().ok()));
        let Some(entries) = entries else { return };
        let known: Vec<EngagementId> = self.saved.with_untracked(|s| s.keys().copied().collect());
        for id in known {
            let key = key_for(id);
            if !entries.iter().any(|(k, _)| *k == key) {
                self.on_storage_event(Some(key), None);
            }
        }
        for (key, raw) in entries {
            self.on_storage_event(Some(key), Some(raw));
        }
    }

    /// After storage was cleared elsewhere: writes every engagement this tab holds again.
    pub fn save_all_again(self) {
        self.saved.update(|s| s.clear());
        self.cleared.set(false);
        self.flush();
    }

    /// Resolves a conflict: keeps this tab's version, or the other tab's, and the other one as
    /// a copy under a new id. Nothing is lost either way.
    pub fn resolve_conflict(self, id: EngagementId, keep: Keep) {
        let keep_ours = keep == Keep::ThisTab;
        let Some(conflict) = self
            .conflicts
            .with_untracked(|c| c.iter().find(|c| c.ours.id == id).cloned())
        else {
            return;
        };
        let now = browser::now();
        let Conflict { ours, theirs } = conflict;
        // What this tab holds now, with whatever was typed while the banner showed: the
        // snapshot taken when the conflict appeared would drop it.
        let ours = self.find(id).unwrap_or(ours);
        let stored_revision = theirs.revision;
        let (mut kept, other) = if keep_ours {
            (ours, theirs)
        } else {
            (theirs, ours)
        };
        let copy = other.duplicate(browser::new_id(), now);
        let copy = Engagement {
            log: other.log.clone(),
            ..copy
        };
        if keep_ours {
            // Above the stored revision, so the kept version is written over the other tab's.
            kept.revision = kept.revision.max(stored_revision) + 1;
        }
        self.saved.update(|s| {
            s.insert(
                id,
                Saved {
                    revision: stored_revision,
                    at: None,
                },
            );
        });
        self.conflicts.update(|c| c.retain(|c| c.ours.id != id));
        let copy_name = copy.customer_name.to_string();
        self.engagements.update(|list| {
            if let Some(slot) = list.iter_mut().find(|e| e.id == id) {
                *slot = kept;
            }
            list.insert(0, copy);
        });
        self.notice
            .set(Some(crate::ui::platform::state::Notice::Duplicated(
                copy_name,
            )));
    }
}

/// What storage holds of `id` for taking in a closing tab's record: the engagement, or `None`
/// when there is none; `None` outright when the entry cannot be read or comes from a newer
/// version, which is left for the TAM to see and never written over.
fn readable_or_missing(
    store: &crate::storage::Store,
    id: EngagementId,
) -> Option<Option<Engagement>> {
    match store.stored(id) {
        Ok(Stored::Readable(e)) => Some(Some(*e)),
        Ok(Stored::Missing) => Some(None),
        _ => None,
    }
}
