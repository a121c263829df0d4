//! One intake field, drawn from its entry in the domain's table (`domain::engagement::fields`):
//! the same label, input, limit and check on the TAM's intake panel and on the customer's
//! "Your part".

use leptos::prelude::*;

use crate::domain::engagement::fields::{Field, Form, Input, Problem};
use crate::domain::engagement::intake::Installation;
use crate::ui::platform::browser;
use crate::ui::widgets::fields::{
    ChangeField, SelectField, TextField, TimeZoneField, WallTimeField,
};

/// `field`'s input on `form`. `value` is the field's value as the table reads it, except for a
/// window time, which is its time on the window's clock ("2027-03-06T22:00"); `on_commit` gets
/// what the input holds in the same form. `problem` is what the table's checks find wrong with
/// the field (`fields::problems`), said at the field on both forms. The customer's form keeps
/// whatever is typed (a mistyped link included) and names it; the TAM's refuses a link that is
/// not one, as every link field of the engagement does.
#[component]
pub fn IntakeInput(
    field: Field,
    form: Form,
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String>,
    #[prop(into)] problem: Signal<Option<Problem>>,
) -> impl IntoView {
    let id = field.id(form);
    let label = field.label();
    let said = Signal::derive(move || problem.get().map(|p| p.to_string()));
    match field.input() {
        Input::Line | Input::Long | Input::Link | Input::Hours => view! {
            <TextField
                id=id
                label=label
                multiline=field.input() == Input::Long
                link=field.input() == Input::Link
                max_chars=field.max_chars()
                keep_all=form == Form::Customer
                value=value
                on_commit=on_commit
                problem=said
            />
        }
        .into_any(),
        Input::Date => view! {
            <ChangeField id=id label=label input_type="date" class="field field-date" value=value on_commit=on_commit error=said/>
        }
        .into_any(),
        Input::Installation => view! {
            <SelectField
                id=id
                label=label
                options=Installation::ALL.iter().map(|m| (m.code(), m.label())).collect()
                value=value
                on_commit=Callback::new(move |code: String| {
                    on_commit.run(code);
                    true
                })
            />
        }
        .into_any(),
        Input::WallTime => {
            view! { <WallTimeField id=id label=label value=value on_commit=on_commit error=said/> }.into_any()
        }
        Input::Zone => view! {
            <TimeZoneField id=id zones=browser::time_zones() value=value on_commit=on_commit/>
        }
        .into_any(),
    }
}
