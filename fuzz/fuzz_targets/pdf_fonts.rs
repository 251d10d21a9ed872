//! Fonts: ToUnicode CMaps, embedded TrueType tables (read for a CID font
//! without ToUnicode) and Differences glyph names, from the input. The input
//! is split at the first two `\0\xFF` markers into a CMap, a TrueType font
//! program and a list of glyph names; a fixed content stream shows text in
//! each font.
//! Seeds: ToUnicode maps and font programs of the sample PDFs (scripts/fuzz.sh).
#![no_main]

#[path = "../../tests/support/minipdf.rs"]
mod minipdf;

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

const CONTENT: &[u8] = b"BT /F1 10 Tf 50 700 Td <0001000200030041> Tj ET
BT /F2 10 Tf 50 680 Td <00010002000300410042> Tj ET
BT /F3 10 Tf 50 660 Td (ABCDEFGHabc 1.00) Tj ET
BT /F1 10 Tf 200 700 Td [<4E2D> -200 <6587>] TJ ET";

fn split(data: &[u8]) -> (&[u8], &[u8], &[u8]) {
    let find = |d: &[u8]| d.windows(2).position(|w| w == b"\0\xFF");
    match find(data) {
        None => (data, &[], &[]),
        Some(i) => {
            let (a, rest) = (&data[..i], &data[i + 2..]);
            match find(rest) {
                None => (a, rest, &[]),
                Some(j) => (a, &rest[..j], &rest[j + 2..]),
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let (cmap, truetype, names) = split(data);
    // glyph names: printable tokens, as a Differences array from code 65
    let names: String = String::from_utf8_lossy(names)
        .split(|c: char| c.is_whitespace() || "()<>[]{}/%".contains(c))
        .filter(|t| !t.is_empty())
        .take(64)
        .map(|t| format!(" /{t}"))
        .collect();
    let fonts = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /A /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 9 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /B /Encoding /Identity-H /DescendantFonts [10 0 R] >>".to_vec(),
        minipdf::simple_font(&format!(
            "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [ 65{names} ] >>"
        )),
    ];
    let more = [
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /A /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>".to_vec(),
        minipdf::stream("", cmap),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /B /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 11 0 R >>".to_vec(),
        b"<< /Type /FontDescriptor /FontName /B /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 12 0 R >>".to_vec(),
        minipdf::stream("", truetype),
    ];
    let pdf = minipdf::page(CONTENT, &fonts, &more);
    let _ = juesuan::ingest::pdf::read_pdf_with_timeout(&pdf, Duration::from_secs(20));
});
