//! A small reader for PDF CMap streams: ToUnicode maps (codes to text) and
//! embedded encoding CMaps (codes to CIDs), written from the PDF 1.7 spec
//! (section 9.10.3) and Adobe technical note #5014.

use std::collections::HashMap;

/// A byte range a code of `len` bytes may fall in (inclusive bounds per byte).
#[derive(Debug, Clone)]
pub(crate) struct CodeSpace {
    pub len: usize,
    pub lo: Vec<u8>,
    pub hi: Vec<u8>,
}

/// Splits byte strings into codes using codespace ranges.
#[derive(Debug, Clone, Default)]
pub(crate) struct CodeSpaces(pub Vec<CodeSpace>);

impl CodeSpaces {
    /// Length of the code starting `bytes`, or `None` if no range matches.
    pub fn code_len(&self, bytes: &[u8]) -> Option<usize> {
        for len in 1..=4 {
            if bytes.len() < len {
                break;
            }
            for r in &self.0 {
                if r.len == len && (0..len).all(|i| bytes[i] >= r.lo[i] && bytes[i] <= r.hi[i]) {
                    return Some(len);
                }
            }
        }
        None
    }
}

/// What a range of codes maps to.
#[derive(Debug, Clone)]
enum RangeDst {
    /// The first code's text; later codes increment its last UTF-16 unit.
    Inc(Vec<u16>),
    /// One text per code.
    List(Vec<String>),
    /// First CID; later codes add their offset.
    Cid(u32),
}

#[derive(Debug, Clone)]
struct Range {
    len: usize,
    lo: u32,
    hi: u32,
    dst: RangeDst,
}

/// A parsed CMap: codespace ranges plus code→text (bf) and code→CID (cid) maps.
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    pub spaces: CodeSpaces,
    /// The CMap it builds on (`/Name usecmap`), if any.
    pub parent: Option<Vec<u8>>,
    chars: HashMap<(usize, u32), String>,
    cids: HashMap<(usize, u32), u32>,
    ranges: Vec<Range>,
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes.iter().take(4).fold(0u32, |a, &b| (a << 8) | b as u32)
}

fn utf16_text(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{FFFD}'))
        .collect()
}

fn units_of(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| {
            if c.len() == 2 {
                ((c[0] as u16) << 8) | c[1] as u16
            } else {
                c[0] as u16
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Num(i64),
    Name(Vec<u8>),
    Open,
    Close,
    Word(Vec<u8>),
    Str(Vec<u8>),
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    let is_delim = |c: u8| b"()<>[]{}/%".contains(&c) || c.is_ascii_whitespace() || c == 0;
    while i < n {
        let c = data[i];
        match c {
            b'%' => {
                while i < n && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'<' if i + 1 < n && data[i + 1] == b'<' => i += 2,
            b'>' if i + 1 < n && data[i + 1] == b'>' => i += 2,
            b'<' => {
                i += 1;
                let mut nib = Vec::new();
                while i < n && data[i] != b'>' {
                    let d = data[i];
                    if let Some(v) = (d as char).to_digit(16) {
                        nib.push(v as u8);
                    }
                    i += 1;
                }
                i += 1;
                if nib.len() % 2 == 1 {
                    nib.push(0);
                }
                out.push(Tok::Hex(
                    nib.chunks(2).map(|p| (p[0] << 4) | p[1]).collect(),
                ));
            }
            b'(' => {
                // Literal string (rare in CMaps); keep raw bytes with simple escapes.
                i += 1;
                let mut depth = 1;
                let mut s = Vec::new();
                while i < n {
                    let d = data[i];
                    if d == b'\\' && i + 1 < n {
                        s.push(data[i + 1]);
                        i += 2;
                        continue;
                    }
                    if d == b'(' {
                        depth += 1;
                    } else if d == b')' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    s.push(d);
                    i += 1;
                }
                out.push(Tok::Str(s));
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'/' => {
                i += 1;
                let s = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                out.push(Tok::Name(data[s..i].to_vec()));
            }
            _ if c.is_ascii_whitespace()
                || c == 0
                || c == b'{'
                || c == b'}'
                || c == b'>'
                || c == b')' =>
            {
                i += 1
            }
            _ => {
                let s = i;
                while i < n && !is_delim(data[i]) {
                    i += 1;
                }
                if i == s {
                    i += 1;
                    continue;
                }
                let w = &data[s..i];
                match std::str::from_utf8(w)
                    .ok()
                    .and_then(|t| t.parse::<i64>().ok())
                {
                    Some(v) => out.push(Tok::Num(v)),
                    None => out.push(Tok::Word(w.to_vec())),
                }
            }
        }
    }
    out
}

/// Largest range expanded into the per-code map; larger ones stay as ranges.
const EXPAND_LIMIT: u32 = 512;
/// Bound on map entries and ranges kept (hostile input).
const MAX_ENTRIES: usize = 200_000;

impl CMap {
    /// Parses a CMap stream's decoded bytes. Unknown constructs are skipped.
    pub fn parse(data: &[u8]) -> CMap {
        let toks = tokenize(data);
        let mut m = CMap::default();
        let mut i = 0;
        let word = |t: &Tok, w: &str| matches!(t, Tok::Word(x) if x == w.as_bytes());
        while i < toks.len() {
            if word(&toks[i], "usecmap") {
                if let Some(Tok::Name(n)) = i.checked_sub(1).map(|j| &toks[j]) {
                    m.parent = Some(n.clone());
                }
                i += 1;
            } else if word(&toks[i], "begincodespacerange") {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endcodespacerange") {
                    if let (Tok::Hex(lo), Tok::Hex(hi)) = (&toks[i], &toks[i + 1]) {
                        if !lo.is_empty() && lo.len() == hi.len() && lo.len() <= 4 {
                            m.spaces.0.push(CodeSpace {
                                len: lo.len(),
                                lo: lo.clone(),
                                hi: hi.clone(),
                            });
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
            } else if word(&toks[i], "beginbfchar") {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endbfchar") {
                    match (&toks[i], &toks[i + 1]) {
                        (Tok::Hex(src), Tok::Hex(dst))
                            if !src.is_empty() && src.len() <= 4 && m.chars.len() < MAX_ENTRIES =>
                        {
                            m.chars
                                .insert((src.len(), code_of(src)), utf16_text(&units_of(dst)));
                            i += 2;
                        }
                        (Tok::Hex(src), Tok::Name(name)) if !src.is_empty() && src.len() <= 4 => {
                            if let Some(c) = super::fonts::glyph_name_to_char(name) {
                                m.chars.insert((src.len(), code_of(src)), c.to_string());
                            }
                            i += 2;
                        }
                        _ => i += 1,
                    }
                }
            } else if word(&toks[i], "beginbfrange") {
                i += 1;
                while i + 2 < toks.len() && !word(&toks[i], "endbfrange") {
                    let (lo, hi) = match (&toks[i], &toks[i + 1]) {
                        (Tok::Hex(lo), Tok::Hex(hi))
                            if !lo.is_empty() && lo.len() <= 4 && hi.len() == lo.len() =>
                        {
                            (lo.clone(), hi.clone())
                        }
                        _ => {
                            i += 1;
                            continue;
                        }
                    };
                    let len = lo.len();
                    let (clo, chi) = (code_of(&lo), code_of(&hi));
                    if chi < clo {
                        i += 3;
                        continue;
                    }
                    match &toks[i + 2] {
                        Tok::Hex(dst) => {
                            let units = units_of(dst);
                            m.add_range(len, clo, chi, RangeDst::Inc(units));
                            i += 3;
                        }
                        Tok::Open => {
                            let mut j = i + 3;
                            let mut list = Vec::new();
                            while j < toks.len() && toks[j] != Tok::Close {
                                if let Tok::Hex(d) = &toks[j] {
                                    list.push(utf16_text(&units_of(d)));
                                }
                                j += 1;
                            }
                            m.add_range(len, clo, chi, RangeDst::List(list));
                            i = j + 1;
                        }
                        _ => i += 3,
                    }
                }
            } else if word(&toks[i], "begincidchar") {
                i += 1;
                while i + 1 < toks.len() && !word(&toks[i], "endcidchar") {
                    if let (Tok::Hex(src), Tok::Num(cid)) = (&toks[i], &toks[i + 1]) {
                        if !src.is_empty() && src.len() <= 4 && *cid >= 0 {
                            m.cids.insert((src.len(), code_of(src)), *cid as u32);
                        }
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
            } else if word(&toks[i], "begincidrange") {
                i += 1;
                while i + 2 < toks.len() && !word(&toks[i], "endcidrange") {
                    if let (Tok::Hex(lo), Tok::Hex(hi), Tok::Num(cid)) =
                        (&toks[i], &toks[i + 1], &toks[i + 2])
                    {
                        if !lo.is_empty() && lo.len() <= 4 && lo.len() == hi.len() && *cid >= 0 {
                            let (clo, chi) = (code_of(lo), code_of(hi));
                            if chi >= clo {
                                m.ranges.push(Range {
                                    len: lo.len(),
                                    lo: clo,
                                    hi: chi,
                                    dst: RangeDst::Cid(*cid as u32),
                                });
                            }
                        }
                        i += 3;
                    } else {
                        i += 1;
                    }
                }
            } else {
                i += 1;
            }
        }
        m
    }

    fn add_range(&mut self, len: usize, lo: u32, hi: u32, dst: RangeDst) {
        if self.ranges.len() > MAX_ENTRIES {
            return;
        }
        if hi - lo < EXPAND_LIMIT && self.chars.len() < MAX_ENTRIES {
            for code in lo..=hi {
                if let Some(t) = range_text(&dst, code - lo) {
                    self.chars.insert((len, code), t);
                }
            }
        } else {
            self.ranges.push(Range { len, lo, hi, dst });
        }
    }

    /// True when the map has no code→text entries at all.
    pub fn is_empty_text(&self) -> bool {
        self.chars.is_empty()
            && !self
                .ranges
                .iter()
                .any(|r| !matches!(r.dst, RangeDst::Cid(_)))
    }

    /// The text for a code of `bytes.len()` bytes, if mapped. Some writers give
    /// the map's source codes another byte length than the font's codes; the
    /// same code value at another length is accepted as a fallback.
    pub fn text(&self, bytes: &[u8]) -> Option<String> {
        let code = code_of(bytes);
        self.text_len(bytes.len(), code).or_else(|| {
            (1..=4).filter(|l| *l != bytes.len()).find_map(|l| {
                if l < 4 && code >> (8 * l) != 0 {
                    None
                } else {
                    self.text_len(l, code)
                }
            })
        })
    }

    fn text_len(&self, len: usize, code: u32) -> Option<String> {
        if let Some(t) = self.chars.get(&(len, code)) {
            return Some(t.clone());
        }
        for r in &self.ranges {
            if r.len == len && code >= r.lo && code <= r.hi {
                if let Some(t) = range_text(&r.dst, code - r.lo) {
                    return Some(t);
                }
            }
        }
        None
    }

    /// The CID for a code, if this (encoding) CMap maps it.
    pub fn cid(&self, bytes: &[u8]) -> Option<u32> {
        let key = (bytes.len(), code_of(bytes));
        if let Some(c) = self.cids.get(&key) {
            return Some(*c);
        }
        self.ranges.iter().find_map(|r| match r.dst {
            RangeDst::Cid(first) if r.len == key.0 && key.1 >= r.lo && key.1 <= r.hi => {
                Some(first + (key.1 - r.lo))
            }
            _ => None,
        })
    }
}

fn range_text(dst: &RangeDst, off: u32) -> Option<String> {
    match dst {
        RangeDst::Inc(units) => {
            let mut u = units.clone();
            let last = u.last_mut()?;
            let v = *last as u32 + off;
            if v > 0xFFFF {
                return None;
            }
            *last = v as u16;
            Some(utf16_text(&u))
        }
        RangeDst::List(l) => l.get(off as usize).cloned(),
        RangeDst::Cid(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bfchar_and_bfrange() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
2 beginbfchar <0003> <0020> <0010> <4E2D> endbfchar
2 beginbfrange <0020> <0022> <0041> <0100> <0101> [<6587> <D83DDE00>] endbfrange
endcmap";
        let m = CMap::parse(src);
        assert_eq!(m.spaces.code_len(&[0, 3]), Some(2));
        assert_eq!(m.text(&[0, 3]).as_deref(), Some(" "));
        assert_eq!(m.text(&[0, 0x10]).as_deref(), Some("中"));
        assert_eq!(m.text(&[0, 0x22]).as_deref(), Some("C"));
        assert_eq!(m.text(&[1, 0]).as_deref(), Some("文"));
        assert_eq!(m.text(&[1, 1]).as_deref(), Some("😀"));
        assert_eq!(m.text(&[2, 1]), None);
    }
}
