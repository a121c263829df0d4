//! Schema migrations: numbered steps from each old `schema_version` to the next.
//!
//! A step is a pure function on the JSON document; once shipped, a step is never edited. Step
//! `STEPS[n]` turns version `n + 1` into version `n + 2`. Version 1 is the first layout;
//! `tests/fixtures/engagement-v*.json` keeps a document of every version ever written, and
//! `tests/migrate.rs` loads each one.

use serde_json::Value;

use crate::domain::engagement::SCHEMA_VERSION;

/// The oldest version whose layout every step since leaves as it is (each only adds fields that
/// default to empty): a document of this version or later reads as a current one. Customer links
/// are read so, in one pass; a step that changes the layout must raise this.
pub const LAYOUT_UNCHANGED_SINCE: u64 = 1;

/// One migration step: a document of version N in, version N + 1 out (or why not).
pub type Step = fn(Value) -> Result<Value, String>;

/// The steps from version 1 upward, in order.
pub const STEPS: &[Step] = &[v1_to_v2, v2_to_v3];

/// Version 2 adds Support's intake (`coordination.intake`), which defaults to empty: nothing to
/// change in a version 1 document. The version still moves, so that a build that knows only
/// version 1 leaves a version 2 document alone instead of dropping the intake on its next save.
fn v1_to_v2(value: Value) -> Result<Value, String> {
    Ok(value)
}

/// Version 3 adds the snapshots kept at hand-offs (`snapshots`), which default to none.
fn v2_to_v3(value: Value) -> Result<Value, String> {
    Ok(value)
}

/// Brings a document of `version` up to [`SCHEMA_VERSION`] with `steps`, setting
/// `schema_version` after each step.
pub fn migrate_with(steps: &[Step], mut value: Value, version: u64) -> Result<Value, String> {
    let target = 1 + steps.len() as u64;
    if version == 0 || version > target {
        return Err(format!("no migration from schema version {version}"));
    }
    for (index, step) in steps.iter().enumerate().skip((version - 1) as usize) {
        value = step(value).map_err(|e| format!("migrating to version {}: {e}", index + 2))?;
        if let Some(object) = value.as_object_mut() {
            object.insert("schema_version".into(), Value::from(index as u64 + 2));
        }
    }
    Ok(value)
}

/// Brings a stored document up to the current schema version.
pub fn migrate(value: Value, version: u64) -> Result<Value, String> {
    debug_assert_eq!(1 + STEPS.len() as u64, u64::from(SCHEMA_VERSION));
    migrate_with(STEPS, value, version)
}
