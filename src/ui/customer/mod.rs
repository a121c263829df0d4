//! The customer's view of a shared link: what the customer's own module mounts.

pub mod shared_plan;
pub mod viewer;
pub mod your_part;
