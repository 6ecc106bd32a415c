//! The printable statistics report: one self-contained HTML document in Bahasa Indonesia, ready
//! to print on A4 from any browser, for task-force meetings and reports to the province.
//!
//! The document is built from [`Stats`] and the heading alone (the district, the period and the
//! date), so it cannot contain a name, a number or a place of a victim: nothing personal goes in.
//! It carries its own CSS, no script and no link to anything outside it, so it prints the same
//! on a laptop that never goes online. Every text is escaped, because code labels from other
//! districts and the district's own name are text that someone typed.

use crate::log::access::{self, Action};
use crate::model::codes::{self, CodeList, Lang};
use crate::records::cases::CaseError;
use crate::reports::{self, Period, Stats};
use crate::store::{Store, StoreError};
use crate::support::ambient::Clock;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The title of the report, as task forces name these figures.
pub const TITLE: &str = "Laporan Statistik Kasus TPPO";

/// Whose figures these are and for when: what the heading of the report says.
#[derive(Debug, Clone)]
pub struct Heading<'a> {
    /// The reporting district (this store's), code and name.
    pub district: &'a str,
    pub district_name: &'a str,
    pub period: &'a Period,
    /// The name of the district the cases were filtered on, when it is known.
    pub filter_name: Option<&'a str>,
    pub generated: NaiveDate,
}

#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Case(#[from] CaseError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the report file could not be written")]
    Write(#[source] std::io::Error),
}

/// What the printable report export wrote: where, how many bytes, and for how many victims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct PrintedReport {
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub path: PathBuf,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub bytes: u64,
    pub victims: u32,
}

/// Computes the statistics of the period, renders them and writes the document to `out`.
///
/// The file and its access-log entry are written both or neither (`access::write_logged`): a
/// report that a full stick refused is not logged, and none leaves the store unlogged.
pub fn export(
    store: &Store,
    period: &Period,
    today: NaiveDate,
    out: &Path,
    clock: &dyn Clock,
) -> Result<PrintedReport, PrintError> {
    let stats = reports::stats(store, period, today)?;
    // A region name is a convenience for the heading; without it the code alone is shown.
    let filter_name = period.district.as_ref().and_then(|code| {
        crate::records::regions::list(store).unwrap_or_default().into_iter().find(|r| &r.code == code).map(|r| r.name)
    });
    let identity = store.identity();
    let heading = Heading {
        district: &identity.district,
        district_name: &identity.district_name,
        period,
        filter_name: filter_name.as_deref(),
        generated: today,
    };
    let html = render(&stats, &heading);
    access::write_logged(store, Action::ExportReport, &period.describe(), clock, out, html.as_bytes())?
        .map_err(PrintError::Write)?;
    Ok(PrintedReport { path: out.to_path_buf(), bytes: html.len() as u64, victims: stats.victims })
}

/// The file name of a report written into a folder: the district without its dot and the time
/// it was made, so that a second report never overwrites the first.
pub fn file_name(district: &str, at: NaiveDateTime) -> String {
    format!("laporan-statistik-{}-{}.html", district.replace('.', ""), at.format("%Y%m%d-%H%M%S"))
}

/// One line of a table: a label and a count.
struct Row {
    label: String,
    count: u32,
}

/// Age groups in their natural order, with the words of the report.
pub(crate) const AGE_GROUPS: [(&str, &str); 7] = [
    ("0-11", "0–11 tahun"),
    ("12-17", "12–17 tahun"),
    ("18-25", "18–25 tahun"),
    ("26-35", "26–35 tahun"),
    ("36-45", "36–45 tahun"),
    ("46+", "46 tahun ke atas"),
    ("unknown", UNKNOWN),
];

pub(crate) const UNKNOWN: &str = "Tidak diketahui";

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Coded counts with their Indonesian labels, most frequent first. A code that this Lintas does
/// not know (from a newer Lintas in another district) is shown as it is.
fn coded(list: &CodeList, pairs: &[(String, u32)]) -> Vec<Row> {
    let mut rows: Vec<Row> = pairs
        .iter()
        .map(|(code, count)| Row {
            label: if code == "unknown" {
                UNKNOWN.to_string()
            } else {
                list.label(code, Lang::Id).unwrap_or(code).to_string()
            },
            count: *count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    rows
}

fn age_rows(pairs: &[(String, u32)]) -> Vec<Row> {
    let known = AGE_GROUPS.iter().filter_map(|(key, label)| {
        pairs.iter().find(|(k, _)| k == key).map(|(_, count)| Row { label: label.to_string(), count: *count })
    });
    let other = pairs
        .iter()
        .filter(|(k, _)| !AGE_GROUPS.iter().any(|(key, _)| key == k))
        .map(|(k, count)| Row { label: k.clone(), count: *count });
    known.chain(other).collect()
}

fn fixed(rows: &[(&str, u32)]) -> Vec<Row> {
    rows.iter().map(|(label, count)| Row { label: label.to_string(), count: *count }).collect()
}

/// Text for HTML: the five characters that could open markup or end an attribute are escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A whole number the Indonesian way: `12.345`.
pub(crate) fn number(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// One decimal with a decimal comma: `40,5`.
pub(crate) fn decimal(x: f64) -> String {
    format!("{x:.1}").replace('.', ",")
}

/// The share of all victims, or a dash when there are none.
fn share(count: u32, of: u32) -> String {
    if of == 0 {
        "–".into()
    } else {
        format!("{}%", decimal(f64::from(count) * 100.0 / f64::from(of)))
    }
}

/// A date in words: `1 Januari 2025`.
pub(crate) fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

fn period_text(p: &Period) -> String {
    match (p.from, p.to) {
        (Some(f), Some(t)) => format!("{} – {}", date(f), date(t)),
        (Some(f), None) => format!("sejak {}", date(f)),
        (None, Some(t)) => format!("sampai {}", date(t)),
        (None, None) => "semua tanggal".into(),
    }
}

/// A section with a heading, an optional note and a table. `of` is the number of victims when
/// the third column gives each line's share of them.
fn section(html: &mut String, id: &str, title: &str, note: Option<&str>, rows: &[Row], of: Option<u32>) {
    open_section(html, id, title, note);
    table(html, rows, of);
    html.push_str("</section>\n");
}

fn open_section(html: &mut String, id: &str, title: &str, note: Option<&str>) {
    html.push_str(&format!("<section id=\"{id}\">\n<h2>{}</h2>\n", escape(title)));
    if let Some(n) = note {
        html.push_str(&format!("<p class=\"note\">{}</p>\n", escape(n)));
    }
}

fn table(html: &mut String, rows: &[Row], of: Option<u32>) {
    if rows.is_empty() {
        html.push_str("<p class=\"empty\">Tidak ada data untuk periode ini.</p>\n");
        return;
    }
    html.push_str("<table>\n<thead><tr><th scope=\"col\">Kategori</th><th scope=\"col\" class=\"num\">Jumlah</th>");
    if of.is_some() {
        html.push_str("<th scope=\"col\" class=\"num\">% korban</th>");
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for r in rows {
        html.push_str(&format!("<tr><td>{}</td><td class=\"num\">{}</td>", escape(&r.label), number(r.count)));
        if let Some(of) = of {
            html.push_str(&format!("<td class=\"num\">{}</td>", share(r.count, of)));
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n");
}

pub(crate) const STYLE: &str = r#"<style>
@page { size: A4 portrait; margin: 18mm 16mm 20mm 16mm;
  @bottom-right { content: "Halaman " counter(page) " dari " counter(pages); font-size: 8pt; color: #555; } }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans", "DejaVu Sans", "Segoe UI", Arial, sans-serif; font-size: 10pt;
  line-height: 1.4; color: #111; margin: 0; }
header { border-bottom: 2px solid #1d4f91; padding-bottom: 4mm; margin-bottom: 5mm; }
.org { margin: 0; font-size: 9pt; letter-spacing: 0.04em; text-transform: uppercase; color: #1d4f91; }
h1 { font-size: 17pt; margin: 1mm 0 3mm; }
h2 { font-size: 11.5pt; margin: 0 0 2mm; color: #1d4f91; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 1mm 5mm; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
main { columns: 2; column-gap: 8mm; }
section { break-inside: avoid; margin: 0 0 5mm; }
table { width: 100%; border-collapse: collapse; }
th, td { border-bottom: 1px solid #c9ced6; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #e8eef7; border-bottom: 1px solid #1d4f91; font-size: 9pt; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.note { margin: 0 0 1.5mm; font-size: 8.5pt; color: #444; }
.empty { margin: 0; font-style: italic; color: #555; }
.note.after { margin: 1.5mm 0 0; }
.total { font-size: 13pt; font-weight: bold; margin: 0 0 2mm; }
footer { border-top: 1px solid #999; margin-top: 4mm; padding-top: 2mm; font-size: 8.5pt; color: #333; }
footer p { margin: 0 0 1mm; }
.screen-only { background: #fff8d6; border: 1px solid #e0c200; padding: 2mm 3mm; margin: 0 0 4mm; }
@media screen { body { max-width: 190mm; margin: 8mm auto; padding: 0 4mm; } }
@media print { .screen-only { display: none; } thead { display: table-header-group; } tr { break-inside: avoid; } }
</style>
"#;

/// The whole document. Only aggregate figures and the heading go in.
pub fn render(stats: &Stats, heading: &Heading<'_>) -> String {
    let mut html = String::with_capacity(16 * 1024);
    let reporter = format!("{} ({})", heading.district_name, heading.district);
    let cases_of = match (&heading.period.district, heading.filter_name) {
        (None, _) => "semua kabupaten/kota".to_string(),
        (Some(code), Some(name)) => format!("{name} ({code})"),
        (Some(code), None) => code.clone(),
    };
    html.push_str("<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!("<title>{TITLE} — {}</title>\n", escape(&reporter)));
    html.push_str(STYLE);
    html.push_str("</head>\n<body>\n");
    html.push_str(
        "<p class=\"screen-only\">Untuk mencetak, tekan Ctrl+P dan pilih kertas A4. \
         Simpan berkas ini hanya di tempat yang aman.</p>\n",
    );
    html.push_str(&format!(
        "<header>\n<p class=\"org\">Gugus Tugas Pencegahan dan Penanganan TPPO</p>\n<h1>{TITLE}</h1>\n\
         <dl class=\"meta\">\n<dt>Daerah pelapor</dt><dd>{}</dd>\n\
         <dt>Periode (tanggal penerimaan kasus)</dt><dd>{}</dd>\n\
         <dt>Kasus dari</dt><dd>{}</dd>\n<dt>Tanggal laporan</dt><dd>{}</dd>\n</dl>\n</header>\n<main>\n",
        escape(&reporter),
        escape(&period_text(heading.period)),
        escape(&cases_of),
        date(heading.generated),
    ));

    let s = stats;
    let of = Some(s.victims);
    let unknown_age = s.victims.saturating_sub(s.children + s.adults);
    html.push_str(&format!(
        "<section id=\"korban\">\n<h2>1. Jumlah korban</h2>\n<p class=\"total\">{} korban</p>\n\
         <p class=\"note\">Satu korban per kasus. Anak: di bawah 18 tahun saat penerimaan atau saat \
         diperdagangkan.</p>\n</section>\n",
        number(s.victims)
    ));
    // The section above is a headline figure; the table below splits it.
    let children = fixed(&[("Anak", s.children), ("Dewasa", s.adults), (UNKNOWN, unknown_age)]);
    section(&mut html, "anak-dewasa", "2. Anak dan dewasa", None, &children, of);
    section(&mut html, "jenis-kelamin", "3. Jenis kelamin", None, &coded(&codes::GENDER, &s.by_sex), of);
    section(&mut html, "kelompok-umur", "4. Kelompok umur saat penerimaan", None, &age_rows(&s.by_age_group), of);
    let several = "Satu korban dapat tercatat pada lebih dari satu baris; jumlah persentase dapat melebihi 100%.";
    section(
        &mut html,
        "jenis-eksploitasi",
        "5. Jenis eksploitasi",
        Some(several),
        &coded(&codes::TYPE_OF_EXPLOITATION, &s.by_exploitation),
        of,
    );
    section(
        &mut html,
        "negara-eksploitasi",
        "6. Negara tempat eksploitasi",
        None,
        &coded(&codes::COUNTRY, &s.by_country),
        of,
    );
    section(
        &mut html,
        "cara-perekrutan",
        "7. Cara perekrutan",
        Some(several),
        &coded(&codes::METHOD_OF_RECRUITMENT, &s.by_recruitment),
        of,
    );
    section(
        &mut html,
        "layanan",
        "8. Layanan yang dicatat",
        Some("Dihitung per layanan; satu korban dapat menerima beberapa layanan."),
        &coded(&codes::SERVICE_TYPE, &s.services),
        None,
    );
    let r = &s.referrals;
    let referrals = fixed(&[
        ("Dikirim", r.sent),
        ("Diterima di daerah tujuan", r.received),
        ("Disetujui", r.accepted),
        ("Ditolak", r.declined),
        ("Selesai", r.completed),
    ]);
    open_section(&mut html, "rujukan", "9. Rujukan", None);
    table(&mut html, &referrals, None);
    let median = match r.median_days_to_acceptance {
        Some(d) => format!("{} hari", decimal(d)),
        None => "– (belum ada rujukan yang disetujui)".into(),
    };
    html.push_str(&format!(
        "<p class=\"note after\" id=\"median-hari\">Median waktu dari dikirim sampai disetujui: {}</p>\n</section>\n",
        escape(&median)
    ));
    let f = &s.followups;
    let followups = fixed(&[
        ("Jatuh tempo (direncanakan, tanggal belum lewat)", f.due),
        ("Terlambat (direncanakan, tanggal sudah lewat)", f.overdue),
        ("Terlaksana", f.done),
    ]);
    section(&mut html, "pemantauan", "10. Kunjungan pemantauan", None, &followups, None);
    html.push_str("</main>\n<footer>\n");
    html.push_str(
        "<p><strong>Laporan ini hanya memuat angka agregat.</strong> Tidak ada nama, NIK, alamat, \
         nomor kasus, atau keterangan lain yang dapat mengenali korban. Angka yang sangat kecil tetap \
         dapat membantu mengenali seseorang di daerah kecil: bagikan hanya kepada pihak yang \
         berwenang.</p>\n",
    );
    html.push_str(&format!(
        "<p>Dibuat dengan Lintas pada {} untuk {}.</p>\n</footer>\n</body>\n</html>\n",
        date(heading.generated),
        escape(&reporter)
    ));
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::{Followups, Referrals};

    fn sample() -> Stats {
        let pairs = |v: &[(&str, u32)]| v.iter().map(|(k, n)| (k.to_string(), *n)).collect::<Vec<_>>();
        Stats {
            victims: 1234,
            children: 400,
            adults: 800,
            by_sex: pairs(&[("Feminine", 900), ("Masculine", 300), ("unknown", 34)]),
            by_age_group: pairs(&[("0-11", 100), ("12-17", 300), ("46+", 20), ("unknown", 34)]),
            by_exploitation: pairs(&[("ForcedLabour", 700), ("SexualExploitation", 600)]),
            by_country: pairs(&[("MY", 1000), ("SA", 234)]),
            by_recruitment: pairs(&[("ThroughFriendsOrSocialEvents", 50)]),
            services: pairs(&[("Shelter", 1300), ("Health", 12)]),
            referrals: Referrals {
                sent: 40,
                received: 38,
                accepted: 30,
                declined: 2,
                completed: 11,
                median_days_to_acceptance: Some(3.5),
            },
            followups: Followups { due: 7, overdue: 3, done: 55 },
        }
    }

    fn year() -> Period {
        Period::parse(Some("2025-01-01"), Some("2025-12-31"), None).unwrap()
    }

    fn heading(period: &Period) -> Heading<'_> {
        Heading {
            district: "65.03",
            district_name: "Kabupaten Nunukan",
            period,
            filter_name: None,
            generated: NaiveDate::from_ymd_opt(2026, 1, 5).unwrap(),
        }
    }

    #[test]
    fn every_section_is_present_with_indonesian_labels_and_counts() {
        let period = year();
        let html = render(&sample(), &heading(&period));
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"));
        for id in [
            "korban",
            "anak-dewasa",
            "jenis-kelamin",
            "kelompok-umur",
            "jenis-eksploitasi",
            "negara-eksploitasi",
            "cara-perekrutan",
            "layanan",
            "rujukan",
            "pemantauan",
        ] {
            assert!(html.contains(&format!("<section id=\"{id}\">")), "section {id}");
        }
        for text in [
            TITLE,
            "Kabupaten Nunukan (65.03)",
            "1 Januari 2025 – 31 Desember 2025",
            "semua kabupaten/kota",
            "5 Januari 2026",
            "1.234 korban",
            "<td>Perempuan</td><td class=\"num\">900</td><td class=\"num\">72,9%</td>",
            "<td>Tidak diketahui</td><td class=\"num\">34</td>",
            "<td>12–17 tahun</td><td class=\"num\">300</td>",
            "<td>46 tahun ke atas</td>",
            "<td>Kerja paksa</td><td class=\"num\">700</td>",
            "<td>Malaysia</td><td class=\"num\">1.000</td>",
            "<td>Arab Saudi</td>",
            "<td>Anak</td><td class=\"num\">400</td>",
            "<td>Dewasa</td><td class=\"num\">800</td>",
            "<td>Dikirim</td><td class=\"num\">40</td>",
            "<td>Disetujui</td><td class=\"num\">30</td>",
            "<td>Ditolak</td><td class=\"num\">2</td>",
            "<td>Selesai</td><td class=\"num\">11</td>",
            "3,5 hari",
            "<td>Terlambat (direncanakan, tanggal sudah lewat)</td><td class=\"num\">3</td>",
            "<td>Terlaksana</td><td class=\"num\">55</td>",
            "Laporan ini hanya memuat angka agregat.",
        ] {
            assert!(html.contains(text), "missing {text}");
        }
        // Most frequent first; age groups keep their natural order.
        assert!(html.find("Perempuan").unwrap() < html.find("Laki-laki").unwrap());
        assert!(html.find("0–11 tahun").unwrap() < html.find("12–17 tahun").unwrap());
        assert!(html.find("12–17 tahun").unwrap() < html.find("46 tahun ke atas").unwrap());
    }

    #[test]
    fn the_document_is_self_contained_and_print_ready() {
        let period = year();
        let html = render(&sample(), &heading(&period));
        assert!(html.contains("@page { size: A4"));
        assert!(html.contains("@media print"));
        for outside in ["<script", "<link", "src=", "href=", "url(", "@import", "http"] {
            assert!(!html.contains(outside), "{outside}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let period = Period::parse(None, None, Some("53.03")).unwrap();
        let mut s = sample();
        s.by_country.push(("<img src=x onerror=alert(1)>".into(), 1));
        let h = Heading {
            district_name: "Kab. <script>alert(\"x\")</script> & 'Co'",
            filter_name: Some("<b>TTU</b>"),
            ..heading(&period)
        };
        let html = render(&s, &h);
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("<b>"));
        assert!(html.contains("Kab. &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39; (65.03)"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(html.contains("&lt;b&gt;TTU&lt;/b&gt; (53.03)"));
    }

    #[test]
    fn an_empty_period_says_so_and_shows_no_shares() {
        let empty = Stats {
            victims: 0,
            children: 0,
            adults: 0,
            by_sex: vec![],
            by_age_group: vec![],
            by_exploitation: vec![],
            by_country: vec![],
            by_recruitment: vec![],
            services: vec![],
            referrals: Referrals {
                sent: 0,
                received: 0,
                accepted: 0,
                declined: 0,
                completed: 0,
                median_days_to_acceptance: None,
            },
            followups: Followups { due: 0, overdue: 0, done: 0 },
        };
        let period = Period::parse(Some("2025-01-01"), None, None).unwrap();
        let html = render(&empty, &heading(&period));
        assert!(html.contains("sejak 1 Januari 2025"));
        assert!(html.contains("0 korban"));
        assert!(html.contains("<td>Anak</td><td class=\"num\">0</td><td class=\"num\">–</td>"));
        assert_eq!(html.matches("Tidak ada data untuk periode ini.").count(), 6);
        assert!(html.contains("belum ada rujukan yang disetujui"));
    }

    #[test]
    fn numbers_dates_and_file_names() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1.000");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(share(1, 3), "33,3%");
        assert_eq!(date(NaiveDate::from_ymd_opt(2019, 9, 20).unwrap()), "20 September 2019");
        assert_eq!(period_text(&Period::default()), "semua tanggal");
        let at = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap().and_hms_opt(14, 3, 9).unwrap();
        assert_eq!(file_name("65.03", at), "laporan-statistik-6503-20260105-140309.html");
    }

    #[test]
    fn export_writes_the_file_durably_and_logs_it_without_personal_data() {
        use crate::support::ambient::{FixedClock, SeededEntropy};
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap(), 5);
        let mut store = crate::setup::test_store(&dir.path().join("store"), "65.03", 1, &clock);
        let entropy = SeededEntropy::new(2);
        for name in ["Maria", "Siti"] {
            let doc = serde_json::json!({"victim": {"first_name": name, "gender": "Feminine", "birthdate": "2001-01-01"},
                                         "intake": {"date": "2024-09-20", "place": "Pelabuhan Tunon Taka"},
                                         "type_of_exploitation": ["ForcedLabour"], "country_of_exploitation": "MY"});
            crate::records::cases::create(&mut store, &doc, &clock, &entropy).unwrap();
        }
        let period = Period::parse(Some("2024-01-01"), Some("2024-12-31"), Some("65.03")).unwrap();
        let out = dir.path().join("laporan.html");
        let today = NaiveDate::from_ymd_opt(2025, 1, 2).unwrap();
        let printed = export(&store, &period, today, &out, &clock).unwrap();
        assert_eq!(printed.victims, 2);
        let html = std::fs::read_to_string(&out).unwrap();
        assert_eq!(printed.bytes, html.len() as u64);
        assert!(html.contains("Kabupaten Uji (65.03)"));
        assert!(html.contains("<td>Kerja paksa</td><td class=\"num\">2</td><td class=\"num\">100,0%</td>"));
        for personal in ["Maria", "Siti", "Tunon", "2001-01-01"] {
            assert!(!html.contains(personal), "{personal}");
        }
        assert!(!dir.path().join("laporan.html.partial").exists());
        let logged = access::list(&store, 0, 1).unwrap();
        assert_eq!(logged[0].action, "export_report");
        assert_eq!(logged[0].target, "2024-01-01..2024-12-31 65.03");
        // An unwritable place fails as a write error, not as something else.
        let nowhere = dir.path().join("no-such-folder").join("laporan.html");
        assert!(matches!(export(&store, &period, today, &nowhere, &clock), Err(PrintError::Write(_))));
    }
}
