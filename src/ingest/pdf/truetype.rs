//! The last resort for a composite font with neither a ToUnicode map nor a
//! predefined encoding: the embedded TrueType/OpenType program's own `cmap`
//! table (Unicode → glyph id), read backwards. With the CID → glyph id map of the
//! PDF font this gives the character each glyph was made for. Written from the
//! OpenType specification ('cmap' formats 4 and 12).

use std::collections::HashMap;

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(i)?,
        *b.get(i + 1)?,
        *b.get(i + 2)?,
        *b.get(i + 3)?,
    ]))
}

/// Most code points read from one cmap subtable (bounds hostile input).
const MAX_CODES: usize = 200_000;

/// Glyph id → character, from the font program's Unicode cmap subtable.
/// `None` when the font has no usable Unicode cmap.
pub(crate) fn glyph_to_unicode(font: &[u8]) -> Option<HashMap<u16, char>> {
    let num_tables = u16_at(font, 4)? as usize;
    let mut cmap = None;
    for t in 0..num_tables.min(512) {
        let r = 12 + 16 * t;
        if font.get(r..r + 4)? == b"cmap" {
            let off = u32_at(font, r + 8)? as usize;
            cmap = Some(font.get(off..)?);
            break;
        }
    }
    let cmap = cmap?;
    let n = u16_at(cmap, 2)? as usize;
    // Pick the best Unicode subtable: full-repertoire first, then BMP.
    let mut best: Option<(u8, usize)> = None;
    for k in 0..n.min(256) {
        let r = 4 + 8 * k;
        let (pid, eid, off) = (
            u16_at(cmap, r)?,
            u16_at(cmap, r + 2)?,
            u32_at(cmap, r + 4)? as usize,
        );
        let rank = match (pid, eid) {
            (3, 10) | (0, 4) | (0, 6) => 3,
            (3, 1) | (0, 3) => 2,
            (0, _) => 1,
            _ => continue,
        };
        if best.map(|b| rank > b.0).unwrap_or(true) {
            best = Some((rank, off));
        }
    }
    let sub = cmap.get(best?.1..)?;
    let mut map: HashMap<u16, char> = HashMap::new();
    let mut put = |code: u32, gid: u32| {
        if gid == 0 || gid > 0xFFFF {
            return;
        }
        let Some(c) = char::from_u32(code) else {
            return;
        };
        if c.is_control() {
            return;
        }
        let c = super::unify::unify(c);
        // Several code points may share a glyph: keep the smallest (e.g. the
        // ASCII space rather than NO-BREAK SPACE).
        map.entry(gid as u16)
            .and_modify(|o| {
                if c < *o {
                    *o = c
                }
            })
            .or_insert(c);
    };
    match u16_at(sub, 0)? {
        4 => {
            let seg = u16_at(sub, 6)? as usize / 2;
            let ends = 14;
            let starts = ends + 2 * seg + 2;
            let deltas = starts + 2 * seg;
            let ranges = deltas + 2 * seg;
            let mut count = 0;
            for s in 0..seg {
                let end = u16_at(sub, ends + 2 * s)? as u32;
                let start = u16_at(sub, starts + 2 * s)? as u32;
                let delta = u16_at(sub, deltas + 2 * s)? as u32;
                let ro = u16_at(sub, ranges + 2 * s)? as usize;
                if start > end || start == 0xFFFF {
                    continue;
                }
                for c in start..=end {
                    count += 1;
                    if count > MAX_CODES {
                        return Some(map);
                    }
                    let gid = if ro == 0 {
                        (c + delta) & 0xFFFF
                    } else {
                        let at = ranges + 2 * s + ro + 2 * (c - start) as usize;
                        match u16_at(sub, at) {
                            Some(0) | None => 0,
                            Some(g) => (g as u32 + delta) & 0xFFFF,
                        }
                    };
                    put(c, gid);
                }
            }
        }
        12 => {
            let groups = u32_at(sub, 12)? as usize;
            let mut count = 0;
            for g in 0..groups.min(MAX_CODES) {
                let r = 16 + 12 * g;
                let (s, e, gid) = (u32_at(sub, r)?, u32_at(sub, r + 4)?, u32_at(sub, r + 8)?);
                if e < s {
                    continue;
                }
                for c in s..=e {
                    count += 1;
                    if count > MAX_CODES {
                        return Some(map);
                    }
                    put(c, gid + (c - s));
                }
            }
        }
        _ => return None,
    }
    if map.is_empty() {
        None
    } else {
        Some(map)
    }
}
