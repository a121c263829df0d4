//! The customer's link: the plan and "Your part" drawn without the UI framework (`first_screen`
//! with `your_part`, the customer's module), and saving a copy to this browser (`shared_plan`,
//! a second module fetched only when asked for).

pub mod first_screen;
pub mod shared_plan;
pub mod your_part;
