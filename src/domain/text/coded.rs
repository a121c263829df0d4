//! The table every fixed choice shares: its values in order (`ALL`), the code a form and a link
//! use (`code`, `from_code`) and the label a person reads (`label`), written once per enum.

/// `coded! { Name: Variant => "code", "Label"; … }` writes `Name::ALL`, `label`, `code` and
/// `from_code` for a fieldless enum, in the order given. The enum itself (its derives and serde
/// names) is declared beside it as usual.
macro_rules! coded {
    ($name:ident: $($variant:ident => $code:literal, $label:literal;)+) => {
        impl $name {
            /// Every value, in the order the forms list them.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// What a person reads.
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// What a form's option and a link carry.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// The value a code stands for; `None` for a code no value has.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|value| value.code() == code)
            }
        }
    };
}

pub(crate) use coded;
