//! The customer's link: a first screen drawn without the UI framework (`first_screen`, the
//! customer's first module), then what the customer can do (`shared_plan`, with `your_part`: the
//! second module).

pub mod first_screen;
pub mod shared_plan;
pub mod your_part;
