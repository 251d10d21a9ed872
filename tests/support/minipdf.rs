//! A minimal PDF writer for tests and fuzz targets: numbered objects, a
//! correct cross-reference table, a one-page document around a content
//! stream and font objects. Shared by `tests/` and `fuzz/` with `#[path]`.

#![allow(dead_code)]

/// One indirect object's body (without `N 0 obj` / `endobj`).
pub fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// A PDF of `objects` (object `i + 1` is `objects[i]`), catalog at 1.
pub fn file(objects: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF: catalog 1, pages 2, page 3, content 4, then `fonts`
/// (objects 5, 6, … named /F1, /F2, … in the page's resources) and `more`
/// objects after them (for fonts that refer to further objects: their
/// numbers start at `5 + fonts.len()`).
pub fn page(content: &[u8], fonts: &[Vec<u8>], more: &[Vec<u8>]) -> Vec<u8> {
    let font_refs: String = (0..fonts.len())
        .map(|i| format!("/F{} {} 0 R ", i + 1, i + 5))
        .collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {font_refs}>> >> /Contents 4 0 R >>"
        )
        .into_bytes(),
        stream("", content),
    ];
    objects.extend(fonts.iter().cloned());
    objects.extend(more.iter().cloned());
    file(&objects)
}

/// A Type1 font dictionary with Helvetica metrics and `encoding` (a name
/// such as `/WinAnsiEncoding`, or a dictionary with `/Differences`).
pub fn simple_font(encoding: &str) -> Vec<u8> {
    format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} >>")
        .into_bytes()
}
