//! Small words every document writes the same way: yes or no, and a day or a dash.

/// "yes" or "no".
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A day as yyyy-mm-dd, or "—" for none.
pub fn date_or_dash(d: Option<time::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".into())
}
