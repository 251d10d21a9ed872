//! The content-stream lexer and walk, and the layout after it: the input is
//! the content stream of a one-page PDF whose resources name a simple font
//! (/F1, WinAnsi), a CID font with a ToUnicode map (/F2, Identity-H) and a
//! predefined-CMap font (/F3, UniGB-UCS2-H), so text operators decode.
//! Seeds: content streams of the sample PDFs (scripts/fuzz.sh).
#![no_main]

#[path = "../../tests/support/minipdf.rs"]
mod minipdf;

use libfuzzer_sys::fuzz_target;
use std::time::Duration;

const TO_UNICODE: &[u8] = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfrange <0001> <005E> <0020> <4E00> <4EFF> <4E00> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end";

fuzz_target!(|data: &[u8]| {
    let fonts = [
        minipdf::simple_font("/WinAnsiEncoding"),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [8 0 R] /ToUnicode 9 0 R >>".to_vec(),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [8 0 R] >>".to_vec(),
    ];
    let more = [
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>".to_vec(),
        minipdf::stream("", TO_UNICODE),
    ];
    let pdf = minipdf::page(data, &fonts, &more);
    let _ = juesuan::ingest::pdf::read_pdf_with_timeout(&pdf, Duration::from_secs(20));
});
