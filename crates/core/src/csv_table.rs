//! Reading a CSV file (a roster, a reference set, assessments) as Excel and residency systems
//! save it: UTF-8 with or without a BOM, CRLF or LF, quoted fields (with commas and line breaks
//! inside), comma, semicolon or tab separated. Pure: text in, header and rows out, or the reason the file cannot be read.

/// A file's header and its non-empty rows, every cell trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The line the row starts on, counting the header as line 1: what a text editor shows,
    /// and Excel's row number for files without line breaks inside cells.
    pub line: u32,
    pub cells: Vec<String>,
}

impl TableRow {
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// Why a file cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

/// The separator Excel used: the one that splits the header line into the most columns.
fn sniff_delimiter(header_line: &str) -> u8 {
    let count = |c: char| header_line.chars().filter(|&x| x == c).count();
    let (comma, semi, tab) = (count(','), count(';'), count('\t'));
    if tab > comma && tab > semi {
        b'\t'
    } else if semi > comma {
        b';'
    } else {
        b','
    }
}

/// Reads the whole file. Rows whose cells are all empty (Excel's trailing `,,,` lines) are skipped.
pub fn read(text: &str) -> Result<Table, Unreadable> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = text
        .lines()
        .position(|l| l.contains('\u{fffd}'))
        .map(|i| i + 1)
    {
        return Err(Unreadable(format!(
            "Line {line} has characters that are not UTF-8. In Excel, save the file as \"CSV UTF-8\"."
        )));
    }
    let Some(first_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(Unreadable(
            "The file is empty: it needs a header row and one row per person".to_string(),
        ));
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(first_line))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());

    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    // Lines are counted from byte offsets: a quoted cell may hold line breaks of its own.
    let (mut counted_to, mut line) = (0usize, 1u32);
    for result in reader.records() {
        let record = result.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Unreadable(format!("Line {line} cannot be read as CSV: {e}"))
        })?;
        if let Some(at) = record
            .position()
            .and_then(|p| usize::try_from(p.byte()).ok())
        {
            // csv places a record after a CRLF at the LF; the record starts past the line break.
            let bytes = text.as_bytes();
            let mut upto = at.min(bytes.len());
            while upto < bytes.len() && matches!(bytes[upto], b'\r' | b'\n') {
                upto += 1;
            }
            line += bytes[counted_to.min(upto)..upto]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32;
            counted_to = upto;
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if headers.is_none() {
            headers = Some(cells);
            continue;
        }
        rows.push(TableRow { line, cells });
    }
    let headers = headers.ok_or_else(|| Unreadable("The file is empty".to_string()))?;
    Ok(Table { headers, rows })
}

/// A header as people write it, reduced for matching: `First Name`, `first_name` and
/// `FIRSTNAME` are the same column.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_excel_csv_with_bom_crlf_and_quotes() {
        let text = "\u{feff}E-mail,First Name,Notes\r\nana@x.org,\"Ana, María\",\"two\r\nlines\"\r\n,,\r\nbo@x.org,Bo,\r\n";
        let table = read(text).expect("readable");
        assert_eq!(table.headers, ["E-mail", "First Name", "Notes"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.rows[0].cells,
            ["ana@x.org", "Ana, María", "two\r\nlines"]
        );
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[1].line, 5);
        assert_eq!(table.rows[1].cell(2), "");
        assert_eq!(table.rows[1].cell(7), "");
    }

    #[test]
    fn sniffs_semicolons_and_tabs() {
        let semi = read("email;first_name\na@x.org;Å\n").expect("readable");
        assert_eq!(semi.rows[0].cells, ["a@x.org", "Å"]);
        let tab = read("email\tfirst_name\na@x.org\tÅ\n").expect("readable");
        assert_eq!(tab.rows[0].cells, ["a@x.org", "Å"]);
    }

    #[test]
    fn empty_and_mis_encoded_files_are_unreadable() {
        for empty in ["", "\u{feff}", "\n\r\n  \n"] {
            assert!(read(empty).is_err(), "{empty:?}");
        }
        let err = read("email\nJos\u{fffd}@x.org\n").expect_err("not UTF-8");
        assert!(err.0.contains("Line 2"), "{}", err.0);
    }

    #[test]
    fn header_keys_ignore_case_spaces_and_separators() {
        for h in ["First Name", "first_name", "FIRSTNAME", " first-name "] {
            assert_eq!(header_key(h), "firstname");
        }
    }
}
