//! The customer's view of a shared link, as a module of its own (see `ui::CustomerViewer`).

fn main() {
    console_error_panic_hook::set_once();
    upgrade_planner::ui::register_service_worker();
    upgrade_planner::ui::remove_static_shell();
    leptos::mount::mount_to_body(upgrade_planner::ui::CustomerViewer);
}
