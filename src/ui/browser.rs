//! The browser's clock, time zone and random numbers: the only places the UI reads them.

use time::OffsetDateTime;

use crate::domain::engagement::EngagementId;
use crate::domain::time_fmt;

/// Now, from the browser's clock.
pub fn now() -> OffsetDateTime {
    time_fmt::from_unix_millis(js_sys::Date::now()).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Today's date in the browser's time zone.
pub fn today() -> time::Date {
    let offset = time::UtcOffset::from_whole_seconds(local_offset_minutes() * 60)
        .unwrap_or(time::UtcOffset::UTC);
    now().to_offset(offset).date()
}

/// Minutes east of UTC of the browser's time zone, now.
pub fn local_offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A fresh random engagement id, from the browser's cryptographic random source.
pub fn new_id() -> EngagementId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Only a browser without Web Crypto gets here; Math.random is still unique enough
        // to tell engagements in one browser apart.
        for byte in &mut bytes {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    EngagementId::from_random_bytes(bytes)
}
