//! The memory one input will take, told before reading it, so that a file
//! that would take too much is refused (`too_large`) instead of exhausting
//! the machine: a decompression bomb (a small PDF whose streams inflate to
//! gigabytes), a text file of hundreds of megabytes.
//!
//! The estimate is an upper bound from factors measured on real and hostile
//! inputs (`scripts/bench_memory.sh`):
//! - text: [`TEXT_FACTOR`] × its size (every cell becomes a string in a line,
//!   then a normalised copy, then table rows: a file of one-character cells
//!   measured 124×, a dense 200,000-row table 53×);
//! - PDF: twice the file (lopdf holds its objects), plus twice the bytes its
//!   embedded font programs inflate to, plus [`PDF_STREAM_FACTOR`] × the
//!   bytes its other compressed streams inflate to, images left out (the text
//!   walk never decodes them): each content byte can become a glyph with its
//!   position and font (a one-string page of 2 MB glyphs measured 76×, a
//!   2,000-page report 53×, real reports 3–12×);
//! - plus [`BASE`] for the program itself.
//!
//! Counting a PDF's inflated bytes inflates its Flate streams once more
//! (without keeping them), and stops as soon as the bound is passed, so a
//! bomb is refused after reading no more than the bound allows.

use std::io::Read;

/// Bytes of memory per byte of text input.
pub const TEXT_FACTOR: u64 = 128;
/// Bytes of memory per byte a PDF's non-image streams inflate to.
pub const PDF_STREAM_FACTOR: u64 = 96;
/// Memory of the program itself, whatever the input.
pub const BASE: u64 = 16 << 20;

/// True when `bytes` (a file's start at least) is read as a PDF: `%PDF` at
/// the start or `%PDF-` in the first KiB, as ingest tells it.
pub fn is_pdf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"%PDF")
        || bytes
            .get(..bytes.len().min(1024))
            .is_some_and(|h| h.windows(5).any(|w| w == b"%PDF-"))
}

/// The part of the estimate the size alone gives (text: all of it; PDF:
/// the file, before its streams are counted), for a refusal before reading.
pub fn estimate_from_size(len: u64, pdf: bool) -> u64 {
    let per_byte = if pdf { 2 } else { TEXT_FACTOR };
    BASE.saturating_add(len.saturating_mul(per_byte))
}

/// The estimate of the peak memory reading `bytes` takes, or `None` when it
/// is more than `limit` (counting stops there).
pub fn estimate(bytes: &[u8], limit: u64) -> Option<u64> {
    let pdf = is_pdf(bytes);
    let fixed = estimate_from_size(bytes.len() as u64, pdf);
    if fixed > limit {
        return None;
    }
    if !pdf {
        return Some(fixed);
    }
    let streams = weighted_stream_bytes(bytes, limit - fixed)?;
    Some(fixed + streams)
}

/// The bytes a PDF's streams hold once decoded, images left out: Flate
/// streams inflated, others at their length. `None` once over `room`.
pub fn stream_bytes(pdf: &[u8], room: u64) -> Option<u64> {
    streams(pdf, room, |_| 1)
}

/// The memory a PDF's decoded streams may take: [`PDF_STREAM_FACTOR`] per
/// decoded byte, 2 per byte of an embedded font program (held, never turned
/// into glyphs). `None` once over `room`.
fn weighted_stream_bytes(pdf: &[u8], room: u64) -> Option<u64> {
    streams(pdf, room, |dict| {
        let font_program = contains(dict, b"/Length1")
            || contains(dict, b"/Type1C")
            || contains(dict, b"/CIDFontType0C")
            || contains(dict, b"/OpenType");
        if font_program {
            2
        } else {
            PDF_STREAM_FACTOR
        }
    })
}

/// Σ weight(dict) × decoded length over the non-image streams, up to `room`.
fn streams(pdf: &[u8], room: u64, weight: impl Fn(&[u8]) -> u64) -> Option<u64> {
    let mut total = 0u64;
    let mut at = 0;
    while let Some(k) = find(&pdf[at..], b"stream") {
        let kw = at + k;
        at = kw + 6;
        // the keyword `stream` itself (not `endstream`), then an end of line
        if pdf[..kw].ends_with(b"end") {
            continue;
        }
        let data = match pdf.get(at..at + 2) {
            Some([b'\r', b'\n']) => at + 2,
            Some([b'\n', _]) | Some([b'\r', _]) => at + 1,
            _ => continue,
        };
        let end = find(&pdf[data..], b"endstream").map_or(pdf.len(), |e| data + e);
        let dict = stream_dict(&pdf[kw.saturating_sub(2048)..kw]);
        at = end;
        if contains(dict, b"/Image") {
            continue;
        }
        let raw = &pdf[data..end];
        let w = weight(dict).max(1);
        let left = room.saturating_sub(total) / w;
        let n = if contains(dict, b"/FlateDecode") || contains(dict, b"/Fl ") {
            inflated_len(raw, left.saturating_add(1))
        } else {
            raw.len() as u64
        };
        total = total.saturating_add(n.saturating_mul(w));
        if total > room {
            return None;
        }
    }
    Some(total)
}

/// The dictionary just before a `stream` keyword: from its last top-level
/// `<<` (nesting followed back from the `>>` that ends it).
fn stream_dict(before: &[u8]) -> &[u8] {
    let mut depth = 0usize;
    let mut i = before.len();
    while i >= 2 {
        match &before[i - 2..i] {
            b">>" => {
                depth += 1;
                i -= 2;
            }
            b"<<" => {
                depth = depth.saturating_sub(1);
                i -= 2;
                if depth == 0 {
                    return &before[i..];
                }
            }
            _ => i -= 1,
        }
    }
    before
}

/// How many bytes `raw` inflates to, counting up to `cap` (and stopping
/// there); a damaged stream counts what inflated before the damage.
fn inflated_len(raw: &[u8], cap: u64) -> u64 {
    let mut z = flate2::read::ZlibDecoder::new(raw).take(cap);
    let mut buf = [0u8; 1 << 14];
    let mut n = 0u64;
    loop {
        match z.read(&mut buf) {
            Ok(0) | Err(_) => return n,
            Ok(k) => n += k as u64,
        }
    }
}

fn find(h: &[u8], n: &[u8]) -> Option<usize> {
    // memchr on the first byte, then compare: linear in practice
    let mut i = 0;
    while i + n.len() <= h.len() {
        let k = h[i..].iter().position(|&b| b == n[0])?;
        i += k;
        if h[i..].starts_with(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn contains(h: &[u8], n: &[u8]) -> bool {
    find(h, n).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flate(data: &[u8]) -> Vec<u8> {
        use std::io::Write;
        let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn pdf_with(dict: &str, data: &[u8]) -> Vec<u8> {
        let mut b = format!(
            "%PDF-1.7\n4 0 obj\n<< {dict} /Length {} >>\nstream\n",
            data.len()
        )
        .into_bytes();
        b.extend_from_slice(data);
        b.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
        b
    }

    #[test]
    fn text_is_its_size_times_the_factor() {
        assert_eq!(estimate(b"abc", u64::MAX), Some(BASE + 3 * TEXT_FACTOR));
        assert_eq!(estimate(b"abc", BASE), None);
    }

    #[test]
    fn flate_streams_count_inflated_images_not_at_all() {
        let content = flate(&vec![b' '; 1 << 20]);
        let p = pdf_with("/Filter /FlateDecode", &content);
        assert_eq!(stream_bytes(&p, u64::MAX), Some(1 << 20));
        let img = pdf_with(
            "/Type /XObject /Subtype /Image /Width 9 /Filter /FlateDecode",
            &content,
        );
        assert_eq!(stream_bytes(&img, u64::MAX), Some(0));
        // an unfiltered stream counts its bytes (to `endstream`, the line end included)
        let plain = pdf_with("", b"BT (x) Tj ET");
        assert_eq!(stream_bytes(&plain, u64::MAX), Some(13));
        // a nested dictionary before the stream: still this stream's dict
        let nested = pdf_with(
            "/DecodeParms << /Columns 4 >> /Filter /FlateDecode",
            &content,
        );
        assert_eq!(stream_bytes(&nested, u64::MAX), Some(1 << 20));
    }

    #[test]
    fn font_programs_weigh_less_than_content() {
        let font = flate(&vec![7u8; 1 << 20]);
        let p = pdf_with("/Length1 1048576 /Filter /FlateDecode", &font);
        let len = p.len() as u64;
        assert_eq!(estimate(&p, u64::MAX), Some(BASE + 2 * len + 2 * (1 << 20)));
        let c = pdf_with("/Filter /FlateDecode", &font);
        let len = c.len() as u64;
        assert_eq!(
            estimate(&c, u64::MAX),
            Some(BASE + 2 * len + PDF_STREAM_FACTOR * (1 << 20))
        );
    }

    #[test]
    fn a_bomb_is_refused_without_inflating_it_whole() {
        // 64 MiB of zeros in a 64 KiB stream
        let bomb = flate(&vec![0u8; 64 << 20]);
        let p = pdf_with("/Filter /FlateDecode", &bomb);
        let t = std::time::Instant::now();
        assert_eq!(estimate(&p, 256 << 20), None);
        assert!(stream_bytes(&p, 1 << 20).is_none());
        assert!(t.elapsed() < std::time::Duration::from_secs(5));
        assert!(estimate(&p, 16 << 30).is_some());
    }
}
