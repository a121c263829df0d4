//! The customer's first screen of a shared link, a small module without the UI framework (see
//! `ui::customer::first_screen`); "Your part" included; `index.html` loads the second module when saving a copy is asked for.

fn main() {
    console_error_panic_hook::set_once();
    upgrade_planner::ui::register_service_worker();
    upgrade_planner::ui::customer::first_screen::start();
}
