//! Greedy word wrapping, independent of fonts: the caller supplies the measure, so
//! the algorithm is unit-tested with a fixed-pitch measure and used with real glyphs.

/// Break points: whitespace, except the no-break spaces a caller uses to keep words
/// together ("Jul 1" should never be split across lines).
pub(crate) fn is_break(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}')
}

/// Wraps `text` into lines no wider than `max_width` (same unit as `measure`).
///
/// Greedy: each line takes as many whole words as fit; runs of whitespace collapse to
/// one space. `\n` forces a line break. A word wider than the line is broken between
/// characters (each line gets at least one character, so this always terminates).
/// Empty or whitespace-only text gives no lines at all.
pub fn wrap_text(text: &str, max_width: f32, measure: &dyn Fn(&str) -> f32) -> Vec<String> {
    // A hair of tolerance so a word measured exactly at the width still fits.
    let limit = max_width + 1e-3;
    let space = measure(" ");
    let mut lines = Vec::new();
    if text.trim().is_empty() {
        return lines;
    }
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0_f32;
        let mut any_word = false;
        for word in paragraph.split(is_break).filter(|w| !w.is_empty()) {
            any_word = true;
            let word_w = measure(word);
            // Widths add up exactly because glyphs are placed by advance, unkerned.
            if !line.is_empty() && line_w + space + word_w <= limit {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_w <= limit {
                line.push_str(word);
                line_w = word_w;
            } else {
                line_w = break_word(word, limit, measure, &mut lines, &mut line);
            }
        }
        if !line.is_empty() || !any_word {
            // An empty paragraph between two `\n`s is kept as a blank line.
            lines.push(line);
        }
    }
    lines
}

/// Splits an overlong word by characters: full lines go to `lines`, the remainder is
/// left in `line` (so following words can join it); returns the remainder's width.
fn break_word(
    word: &str,
    limit: f32,
    measure: &dyn Fn(&str) -> f32,
    lines: &mut Vec<String>,
    line: &mut String,
) -> f32 {
    let mut width = 0.0_f32;
    for c in word.chars() {
        let cw = measure(c.encode_utf8(&mut [0; 4]));
        if !line.is_empty() && width + cw > limit {
            lines.push(std::mem::take(line));
            width = 0.0;
        }
        line.push(c);
        width += cw;
    }
    width
}

#[cfg(test)]
mod tests {
    use super::wrap_text;

    /// Fixed pitch: every character is 1 unit wide.
    fn mono(s: &str) -> f32 {
        s.chars().count() as f32
    }

    #[test]
    fn text_that_fits_stays_on_one_line() {
        assert_eq!(
            wrap_text("Block 1 Surgery", 20.0, &mono),
            vec!["Block 1 Surgery"]
        );
        assert_eq!(wrap_text("exact", 5.0, &mono), vec!["exact"]);
    }

    #[test]
    fn breaks_at_spaces_and_collapses_runs() {
        assert_eq!(
            wrap_text("the quick  brown fox jumps", 10.0, &mono),
            vec!["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn overlong_word_is_broken_by_characters() {
        assert_eq!(
            wrap_text("a abcdefghijkl b", 5.0, &mono),
            vec!["a", "abcde", "fghij", "kl b"]
        );
        // Even a width smaller than one character makes progress.
        assert_eq!(wrap_text("xyz", 0.5, &mono), vec!["x", "y", "z"]);
    }

    #[test]
    fn empty_and_blank_text_give_no_lines() {
        assert!(wrap_text("", 10.0, &mono).is_empty());
        assert!(wrap_text("  \n ", 10.0, &mono).is_empty());
    }

    #[test]
    fn newlines_force_breaks_and_no_break_spaces_hold() {
        assert_eq!(wrap_text("one\n\ntwo", 10.0, &mono), vec!["one", "", "two"]);
        assert_eq!(
            wrap_text("x Jul\u{a0}15 – Jul\u{a0}28", 12.0, &mono),
            vec!["x Jul\u{a0}15 –", "Jul\u{a0}28"]
        );
    }
}
