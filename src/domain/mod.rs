//! Pure rules and documents: no browser, no clock, no storage.
//!
//! Time and randomness come in as arguments, so every function here is tested natively. The
//! folders are layers, each importing only those listed before it (`make check-layers`):
//! `text` ← `sizing` ← `engagement` ← `process` ← `documents`.

pub mod documents;
pub mod engagement;
pub mod process;
pub mod sizing;
pub mod text;
