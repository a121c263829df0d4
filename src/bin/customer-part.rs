//! The customer's link, second module: saving a copy to this browser, fetched when the customer
//! first presses "Save a copy to this browser" (see `ui::customer::shared_plan`).

fn main() {
    console_error_panic_hook::set_once();
    upgrade_planner::ui::customer::shared_plan::start();
}
