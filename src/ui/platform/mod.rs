//! The app's platform: the state every page shares, keeping it in step with storage and other
//! tabs, and the only calls to the browser (clock, time zone, clipboard, files, locks).

pub mod browser;
pub mod gitlab;
pub mod state;
pub mod sync;
