//! Keeping state and storage in step: debounced saves that never overwrite another tab's
//! change unseen, the `storage` event from other tabs, and the TAM's choice on a conflict.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use super::state::{not_saved_message, AppState, Conflict, Saved};
use crate::domain::engagement::{Engagement, EngagementId};
use crate::storage::{Stored, KEY_PREFIX, QUARANTINE_PREFIX};

/// How long after the last change a save happens: typing is saved in one write, and a second
/// tab has a fair window to notice a concurrent edit.
const SAVE_DELAY: Duration = Duration::from_millis(300);
/// The Web Lock every tab of the app takes to save.
pub const SAVE_LOCK: &str = "upgrade-planner.save";
/// The longest a change waits while the TAM keeps typing: a minute of typing without a pause
/// is still saved every two seconds.
const MAX_SAVE_WAIT_MS: f64 = 2_000.0;

impl AppState {
    /// The bridge from state to storage: one effect schedules a save after each change; a
    /// hidden or closing tab saves at once; other tabs' writes arrive through `storage` events.
    pub(super) fn start_syncing(self) {
        Effect::new(move |_| {
            self.engagements.track();
            self.schedule_flush();
        });
        let flush_now = move |_| self.flush();
        let hide = window_event_listener_untyped("visibilitychange", flush_now);
        let leave = window_event_listener_untyped("pagehide", flush_now);
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
                self.reread();
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
        if key.starts_with(QUARANTINE_PREFIX) {
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
            let key = crate::storage::key_for(id);
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
    pub fn resolve_conflict(self, id: EngagementId, keep_ours: bool) {
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
            .set(Some(super::state::Notice::Duplicated(copy_name)));
    }
}
