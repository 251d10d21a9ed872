//! Rebuilding a damaged cross-reference table.
//!
//! When the xref table or stream cannot be read (wrong offsets after a line-end
//! conversion, a damaged xref stream), the objects themselves are usually still
//! there. This scans the file for `N G obj` headers, appends a fresh classic
//! xref section and trailer, and lets lopdf load the result. Object streams are
//! listed like any other object; lopdf unpacks them on load.

/// True when the file ends without `%%EOF` near its end (it was cut short).
pub(crate) fn looks_truncated(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(2048)..];
    !tail.windows(5).any(|w| w == b"%%EOF")
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | 0)
}

/// Reads digits backwards ending just before `end`; returns (value, start).
fn digits_before(b: &[u8], end: usize) -> Option<(u64, usize)> {
    let mut s = end;
    while s > 0 && b[s - 1].is_ascii_digit() && end - s < 10 {
        s -= 1;
    }
    if s == end {
        return None;
    }
    let v = std::str::from_utf8(&b[s..end]).ok()?.parse().ok()?;
    Some((v, s))
}

/// The file with a rebuilt xref section and trailer appended, or `None` when no
/// objects or no document catalog can be found.
pub(crate) fn rebuild_xref(bytes: &[u8]) -> Option<Vec<u8>> {
    let base = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let b = &bytes[base..];
    // Object headers, later ones (incremental updates) winning.
    let mut objs: std::collections::BTreeMap<u32, (u16, usize)> = Default::default();
    let mut catalog: Option<(u32, u16)> = None;
    let mut i = 0;
    while let Some(p) = b[i..].windows(3).position(|w| w == b"obj") {
        let at = i + p;
        i = at + 3;
        if at > 0 && !is_ws(b[at - 1]) {
            continue;
        }
        if b.get(at + 3)
            .map(|c| c.is_ascii_alphanumeric())
            .unwrap_or(false)
        {
            continue;
        }
        let mut e = at;
        while e > 0 && is_ws(b[e - 1]) {
            e -= 1;
        }
        let Some((gen, gs)) = digits_before(b, e) else {
            continue;
        };
        let mut e2 = gs;
        if e2 == 0 || !is_ws(b[e2 - 1]) {
            continue;
        }
        while e2 > 0 && is_ws(b[e2 - 1]) {
            e2 -= 1;
        }
        let Some((num, ns)) = digits_before(b, e2) else {
            continue;
        };
        if ns > 0 && !(is_ws(b[ns - 1]) || b[ns - 1] == b'>' || b[ns - 1] == b']') {
            continue;
        }
        if num == 0 || num > 8_000_000 || gen > 65535 {
            continue;
        }
        objs.insert(num as u32, (gen as u16, ns));
        let head = &b[i..b.len().min(i + 300)];
        let compact: Vec<u8> = head.iter().copied().filter(|c| !is_ws(*c)).collect();
        if compact.windows(13).any(|w| w == b"/Type/Catalog") {
            catalog = Some((num as u32, gen as u16));
        }
    }
    // The trailer's (or xref stream's) /Root, if readable, names the catalog
    // even when it sits in an object stream.
    if let Some(p) = b.windows(5).rposition(|w| w == b"/Root") {
        let t: Vec<&[u8]> = b[p + 5..b.len().min(p + 40)]
            .split(|c| is_ws(*c))
            .filter(|t| !t.is_empty())
            .take(3)
            .collect();
        if t.len() == 3 && t[2].starts_with(b"R") {
            let n = std::str::from_utf8(t[0])
                .ok()
                .and_then(|x| x.parse::<u32>().ok());
            let g = std::str::from_utf8(t[1])
                .ok()
                .and_then(|x| x.parse::<u16>().ok());
            if let (Some(n), Some(g)) = (n, g) {
                catalog = Some((n, g));
            }
        }
    }
    let (root, rgen) = catalog?;
    let max = *objs.keys().last()?;
    let mut out = bytes.to_vec();
    out.extend_from_slice(b"\n");
    let xref_at = out.len() - base;
    out.extend_from_slice(format!("xref\n0 {}\n", max + 1).as_bytes());
    out.extend_from_slice(b"0000000000 65535 f \n");
    for n in 1..=max {
        match objs.get(&n) {
            Some((g, off)) => out.extend_from_slice(format!("{off:010} {g:05} n \n").as_bytes()),
            None => out.extend_from_slice(b"0000000000 00000 f \n"),
        }
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root {root} {rgen} R >>\nstartxref\n{xref_at}\n%%EOF\n",
            max + 1
        )
        .as_bytes(),
    );
    Some(out)
}
