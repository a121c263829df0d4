//! Text helpers every document shares: Markdown escaping of what a user typed.

/// Escapes text a user typed so that Markdown shows it as it is. Line breaks become spaces, so
/// the text never starts a line: only characters that act mid-line need a backslash. GitLab's
/// references and mentions (`@all`, `#123`, `!12`, `~label`, `%milestone`, `$snippet`, `&epic`)
/// are escaped too, so that a prefilled issue pings nobody and links nothing.
pub fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '<' | '>' | '~' | '&' | '@' | '#' | '!'
            | '%' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}
