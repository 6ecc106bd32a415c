//! A spreadsheet read row by row, never whole: a CSV as it streams from the file, an `.xlsx` or
//! `.xlsm` sheet cell by cell from its compressed XML (calamine's cell reader), other workbooks
//! (`.ods`, `.xls`, `.xlsb`) a sheet at a time. Rows go to a [`Rows`] reader, which says after
//! each one whether to go on, skip to the next sheet, or stop; so a file of 100,000 rows is never
//! held as 100,000 rows. Nothing is written to disk.

use super::{SpreadsheetError, MAX_FILE_BYTES};
use std::io::{BufRead, Read, Seek};
use std::path::Path;

/// Columns read at most: the toolkit has 38, a task force's own sheet a few more. A hostile
/// file that names column 16,384 does not make every row that wide.
pub(super) const MAX_COLUMNS: usize = 512;

/// How often (in rows) progress is reported.
const PROGRESS_EVERY: u64 = 256;

/// One cell as read from the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

impl Cell {
    pub(super) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text: whole numbers without a decimal point (a NIK typed as a number).
    pub(super) fn text(&self) -> Option<String> {
        match self {
            Cell::Empty => None,
            Cell::Text(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e17 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::Bool(b) => Some(b.to_string()),
        }
    }
}

/// Text with runs of white space as one space, and none at either end.
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a reader of rows wants after a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Flow {
    Go,
    /// The rest of this sheet is of no interest.
    NextSheet,
    /// Nothing more is read.
    Stop,
}

/// Takes a file's rows, sheet by sheet.
pub(super) trait Rows {
    /// A row with at least one filled cell, by the number the spreadsheet shows (1-based).
    fn row(&mut self, number: u32, cells: Vec<Cell>) -> Result<Flow, SpreadsheetError>;
    /// The end of a sheet (also after the reader asked for the next one).
    fn end(&mut self) -> Result<Flow, SpreadsheetError>;
}

/// The kind of a file, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Csv,
    Workbook,
}

pub(super) fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(Kind::Workbook),
        "csv" | "txt" => Some(Kind::Csv),
        _ => None,
    }
}

/// Reads a file into `rows`, telling `progress` how far it got (done of total, in the file's
/// own unit: bytes of a CSV, rows of a sheet).
pub(super) fn read_file(
    path: &Path,
    rows: &mut dyn Rows,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), SpreadsheetError> {
    let size = std::fs::metadata(path).map_err(|_| SpreadsheetError::Unreadable)?.len();
    if size > MAX_FILE_BYTES {
        return Err(SpreadsheetError::TooLarge);
    }
    match kind_of(path) {
        Some(Kind::Csv) => {
            let file = std::fs::File::open(path).map_err(|_| SpreadsheetError::Unreadable)?;
            read_csv(std::io::BufReader::with_capacity(64 * 1024, file), size, rows, progress)
        }
        Some(Kind::Workbook) => {
            // A workbook is a compressed archive: its bytes (a fraction of its rows' size) are
            // held while its sheets are read.
            let bytes = std::fs::read(path).map_err(|_| SpreadsheetError::Unreadable)?;
            read_workbook(&bytes, rows, progress)
        }
        None => Err(SpreadsheetError::UnknownKind),
    }
}

/// A CSV as Excel writes it: UTF-8 with or without a byte-order mark, `,` or (in Indonesian
/// locales) `;` between fields — whichever the first line has more of — and quoted fields.
pub(super) fn read_csv<R: Read>(
    mut input: std::io::BufReader<R>,
    size: u64,
    rows: &mut dyn Rows,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), SpreadsheetError> {
    let unreadable = |_| SpreadsheetError::Unreadable;
    if input.fill_buf().map_err(unreadable)?.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    let head = input.fill_buf().map_err(unreadable)?;
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| first.iter().filter(|b| **b == c).count();
    let delimiter = if count(b';') > count(b',') { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(input);
    let mut record = csv::StringRecord::new();
    let mut number: u32 = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(_) => return Err(SpreadsheetError::Unreadable),
        }
        number = number.saturating_add(1);
        if u64::from(number).is_multiple_of(PROGRESS_EVERY) {
            progress(reader.position().byte(), size);
        }
        let cells: Vec<Cell> = record.iter().take(MAX_COLUMNS).map(|f| Cell::Text(f.to_string())).collect();
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match rows.row(number, cells)? {
            Flow::Go => {}
            Flow::NextSheet => break,
            Flow::Stop => return Ok(()),
        }
    }
    progress(size, size);
    rows.end().map(|_| ())
}

/// Every sheet of a workbook in turn (xlsx, xlsm, xlsb, xls or ods, told by content).
pub(super) fn read_workbook(
    bytes: &[u8],
    rows: &mut dyn Rows,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(), SpreadsheetError> {
    use calamine::{Reader, Sheets};
    let book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|_| SpreadsheetError::Unreadable)?;
    match book {
        Sheets::Xlsx(mut book) => {
            for name in book.sheet_names() {
                let Ok(mut cells) = book.worksheet_cells_reader(&name) else { continue };
                if stream_sheet(&mut cells, rows, progress)? == Flow::Stop || rows.end()? == Flow::Stop {
                    return Ok(());
                }
            }
        }
        mut book => {
            for name in book.sheet_names() {
                let Ok(range) = book.worksheet_range(&name) else { continue };
                if whole_sheet(&range, rows, progress)? == Flow::Stop || rows.end()? == Flow::Stop {
                    return Ok(());
                }
            }
        }
    }
    Ok(())
}

fn cell_of(value: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef as D;
    match value {
        D::Empty | D::Error(_) => Cell::Empty,
        D::String(s) | D::DateTimeIso(s) | D::DurationIso(s) => Cell::Text(s.clone()),
        D::SharedString(s) => Cell::Text((*s).to_string()),
        D::Float(f) => Cell::Number(*f),
        D::Int(n) => Cell::Number(*n as f64),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(d) => Cell::Number(d.as_f64()),
    }
}

/// One `.xlsx` sheet, cell by cell in the order its XML holds them.
fn stream_sheet<RS: Read + Seek>(
    cells: &mut calamine::XlsxCellReader<'_, RS>,
    rows: &mut dyn Rows,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Flow, SpreadsheetError> {
    let total = u64::from(cells.dimensions().end.0).saturating_add(1);
    let mut current: Option<(u32, Vec<Cell>)> = None;
    let mut handed = 0u64;
    let mut hand_on = |row: Option<(u32, Vec<Cell>)>| -> Result<Flow, SpreadsheetError> {
        let Some((at, cells)) = row else { return Ok(Flow::Go) };
        if cells.iter().all(Cell::is_empty) {
            return Ok(Flow::Go);
        }
        handed += 1;
        if handed.is_multiple_of(PROGRESS_EVERY) {
            progress(u64::from(at), total);
        }
        rows.row(at.saturating_add(1), cells)
    };
    loop {
        let cell = match cells.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(_) => return Err(SpreadsheetError::Unreadable),
        };
        let (at, col) = cell.get_position();
        let col = col as usize;
        if col >= MAX_COLUMNS {
            continue;
        }
        if current.as_ref().is_some_and(|(row, _)| *row != at) {
            let flow = hand_on(current.take())?;
            if flow != Flow::Go {
                return Ok(flow);
            }
        }
        let (_, row) = current.get_or_insert_with(|| (at, Vec::new()));
        if row.len() <= col {
            row.resize(col + 1, Cell::Empty);
        }
        row[col] = cell_of(cell.get_value());
    }
    let flow = hand_on(current.take())?;
    progress(total, total);
    Ok(flow)
}

/// One sheet of another workbook kind, read whole by calamine.
fn whole_sheet(
    range: &calamine::Range<calamine::Data>,
    rows: &mut dyn Rows,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Flow, SpreadsheetError> {
    use calamine::Data;
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c) as usize;
    let total = range.height() as u64;
    for (i, row) in range.rows().enumerate() {
        if first_col >= MAX_COLUMNS {
            break;
        }
        let mut cells = vec![Cell::Empty; first_col];
        cells.extend(row.iter().take(MAX_COLUMNS - first_col).map(|c| match c {
            Data::Empty | Data::Error(_) => Cell::Empty,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(n) => Cell::Number(*n as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::Number(d.as_f64()),
        }));
        if (i as u64 + 1).is_multiple_of(PROGRESS_EVERY) {
            progress(i as u64 + 1, total);
        }
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        let at = first_row.saturating_add(i as u32).saturating_add(1);
        let flow = rows.row(at, cells)?;
        if flow != Flow::Go {
            return Ok(flow);
        }
    }
    progress(total, total);
    Ok(Flow::Go)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects rows, with the sheet each came from.
    #[derive(Default)]
    struct Collect {
        sheet: usize,
        rows: Vec<(usize, u32, Vec<Cell>)>,
        skip_sheet_after: Option<usize>,
    }

    impl Rows for Collect {
        fn row(&mut self, number: u32, cells: Vec<Cell>) -> Result<Flow, SpreadsheetError> {
            self.rows.push((self.sheet, number, cells));
            let in_sheet = self.rows.iter().filter(|r| r.0 == self.sheet).count();
            Ok(if Some(in_sheet) == self.skip_sheet_after { Flow::NextSheet } else { Flow::Go })
        }
        fn end(&mut self) -> Result<Flow, SpreadsheetError> {
            self.sheet += 1;
            Ok(Flow::Go)
        }
    }

    #[test]
    fn a_workbook_streams_row_by_row_and_a_sheet_can_be_left_early() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let first = book.add_worksheet();
        for r in 0..5u32 {
            first.write_string(r * 2, 1, format!("a{r}")).unwrap();
        }
        let second = book.add_worksheet();
        second.write_number(3, 0, 7.0).unwrap();
        second.write_string(3, 2, "c").unwrap();
        // A cell far to the right is not read, and makes no row that wide.
        second.write_string(4, 16_000, "jauh").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut rows = Collect { skip_sheet_after: Some(3), ..Default::default() };
        let mut reported = Vec::new();
        read_workbook(&bytes, &mut rows, &mut |d, t| reported.push((d, t))).unwrap();
        // Sheet one: rows 1, 3 and 5 (the empty rows between are no rows), then the next sheet.
        let numbers: Vec<(usize, u32)> = rows.rows.iter().map(|(s, n, _)| (*s, *n)).collect();
        assert_eq!(numbers, vec![(0, 1), (0, 3), (0, 5), (1, 4)]);
        assert_eq!(rows.rows[3].2, vec![Cell::Number(7.0), Cell::Empty, Cell::Text("c".into())]);
        assert_eq!(rows.sheet, 2);
        assert!(reported.iter().all(|(d, t)| d <= t), "{reported:?}");
    }

    #[test]
    fn a_csv_streams_with_its_separator_and_byte_order_mark() {
        let text = "\u{feff}a;b,c;d\n\n1;2\n\"x;y\";\"baris\nkedua\"\n";
        let mut rows = Collect::default();
        let mut reported = Vec::new();
        let input = std::io::BufReader::new(text.as_bytes());
        read_csv(input, text.len() as u64, &mut rows, &mut |d, t| reported.push((d, t))).unwrap();
        let cells: Vec<Vec<Cell>> = rows.rows.iter().map(|(_, _, c)| c.clone()).collect();
        let t = |s: &str| Cell::Text(s.into());
        assert_eq!(
            cells,
            vec![vec![t("a"), t("b,c"), t("d")], vec![t("1"), t("2")], vec![t("x;y"), t("baris\nkedua")]]
        );
        assert_eq!(reported.last(), Some(&(text.len() as u64, text.len() as u64)));
    }
}
