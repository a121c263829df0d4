//! The smallest useful Leptos app: a button that counts.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let count = RwSignal::new(0);
        view! {
            <main>
                <h1>"Counter"</h1>
                <button on:click=move |_| count.update(|n| *n += 1)>"Count: " {move || count.get()}</button>
            </main>
        }
    });
}
