//! The customer's link, second module: "Your part" and saving a copy, mounted into the first
//! screen the customer's first module drew (see `ui::customer::shared_plan`).

fn main() {
    console_error_panic_hook::set_once();
    upgrade_planner::ui::customer::shared_plan::start();
}
