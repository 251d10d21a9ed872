//! Fonts: turning the bytes of a shown string into codes, text and advance widths.
//!
//! Cases handled (PDF 1.7 section 9.6–9.10):
//! - composite (Type0) fonts with a ToUnicode CMap, e.g. Identity-H as written by
//!   WPS, Word and ONLYOFFICE;
//! - composite fonts without ToUnicode whose Encoding names a predefined CMap:
//!   the UCS-2/UTF-16 ones (UniGB-UCS2-H, UniGB-UTF16-H, UniCNS-…, UniJIS-…,
//!   UniKS-…) decode directly, the legacy multi-byte ones (GB-EUC-H, GBK-EUC-H,
//!   GBKp-EUC-H, GBK2K-H, B5pc-H, ETen-B5-H, 90ms-RKSJ-H, KSC-EUC-H, …) decode
//!   through the matching character set;
//! - simple fonts (Type1, TrueType, Type3) with WinAnsi, MacRoman or Standard
//!   encodings plus Differences, or a ToUnicode map.
//!
//! A code whose text cannot be known yields `None`; the caller substitutes
//! U+FFFD and records a warning. Nothing is guessed.

use super::cmap::CMap;
use pdf_extract::{Dictionary, Document, Object};
use std::collections::HashMap;

/// How a composite font's codes decode without a ToUnicode map.
#[derive(Debug, Clone, Copy)]
enum Predef {
    /// Codes are UCS-2 (big-endian, two bytes).
    Ucs2,
    /// Codes are UTF-16BE (two or four bytes).
    Utf16,
    /// Codes are bytes of a legacy multi-byte character set.
    Legacy(&'static encoding_rs::Encoding, fn(u8) -> bool),
}

fn gbk_lead(b: u8) -> bool {
    (0x81..=0xFE).contains(&b)
}
fn euc_lead(b: u8) -> bool {
    (0xA1..=0xFE).contains(&b)
}
fn sjis_lead(b: u8) -> bool {
    (0x81..=0x9F).contains(&b) || (0xE0..=0xFC).contains(&b)
}
fn eucjp_lead(b: u8) -> bool {
    b == 0x8E || (0xA1..=0xFE).contains(&b)
}

/// The predefined CMaps we can decode without Adobe's CID tables.
fn predefined(name: &[u8]) -> Option<Predef> {
    let n = std::str::from_utf8(name).ok()?;
    let base = n
        .strip_suffix("-H")
        .or_else(|| n.strip_suffix("-V"))
        .unwrap_or(n);
    use encoding_rs::*;
    Some(match base {
        "UniGB-UCS2" | "UniCNS-UCS2" | "UniJIS-UCS2" | "UniJIS-UCS2-HW" | "UniKS-UCS2" => {
            Predef::Ucs2
        }
        "UniGB-UTF16" | "UniCNS-UTF16" | "UniJIS-UTF16" | "UniKS-UTF16" | "UniJIS2004-UTF16" => {
            Predef::Utf16
        }
        "GBK-EUC" | "GBKp-EUC" | "GBK2K" => Predef::Legacy(GB18030, gbk_lead),
        "GB-EUC" | "GBpc-EUC" | "GBT-EUC" | "GBTpc-EUC" => Predef::Legacy(GBK, euc_lead),
        "B5pc" | "ETen-B5" | "HKscs-B5" | "ETenms-B5" => Predef::Legacy(BIG5, gbk_lead),
        "CNS-EUC" => return None,
        "90ms-RKSJ" | "90msp-RKSJ" | "83pv-RKSJ" | "90pv-RKSJ" | "Add-RKSJ" | "Ext-RKSJ" => {
            Predef::Legacy(SHIFT_JIS, sjis_lead)
        }
        "EUC" => Predef::Legacy(EUC_JP, eucjp_lead),
        "KSC-EUC" | "KSCms-UHC" | "KSCpc-EUC" | "KSCms-UHC-HW" => Predef::Legacy(EUC_KR, gbk_lead),
        _ => return None,
    })
}

/// One decoded code of a shown string.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    /// The text it stands for, or `None` when it cannot be known.
    pub text: Option<String>,
    /// Horizontal advance in text-space units (before font size).
    pub width: f64,
    /// True for the single-byte code 32, to which word spacing applies.
    pub is_space: bool,
}

/// Glyph id → character from an embedded font program, and the font's CID →
/// glyph id map (`None`: identity).
type Program = (HashMap<u16, char>, Option<Vec<u16>>);

#[derive(Debug)]
enum Kind {
    Composite {
        enc: Option<Box<CMap>>,
        predef: Option<Predef>,
        identity: bool,
        widths: HashMap<u32, f64>,
        dw: f64,
        /// Glyph id → character from the embedded font program, and the
        /// CID → glyph id map (`None`: identity), for fonts with no other way.
        program: Option<Box<Program>>,
    },
    Simple {
        table: Box<[Option<char>; 256]>,
        first: u32,
        widths: Vec<f64>,
        missing: f64,
    },
}

/// A font ready to decode strings.
#[derive(Debug)]
pub(crate) struct Font {
    /// BaseFont name, for warnings.
    pub name: String,
    /// Something the reader should be told about this font, if any.
    pub note: Option<String>,
    kind: Kind,
    to_unicode: Option<CMap>,
    /// Glyph-space to text-space factor (1/1000, or Type3 FontMatrix).
    scale: f64,
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// Follows references (bounded) to the object itself.
pub(crate) fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(x) => o = x,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub(crate) fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !matches!(o, Object::Null))
}

fn stream_bytes(doc: &Document, o: &Object) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => Some(
            s.decompressed_content()
                .unwrap_or_else(|_| s.content.clone()),
        ),
        _ => None,
    }
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read decodes to `None`.
    pub fn load(doc: &Document, d: &Dictionary) -> Font {
        let name = dict_get(doc, d, b"BaseFont")
            .and_then(|o| o.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_else(|| "(unnamed)".into());
        let subtype = dict_get(doc, d, b"Subtype")
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"");
        let to_unicode = dict_get(doc, d, b"ToUnicode")
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|m| !m.is_empty_text());
        if subtype == b"Type0" {
            let (mut enc, mut predef, mut identity) = (None, None, false);
            match dict_get(doc, d, b"Encoding") {
                Some(Object::Name(n)) => {
                    if n == b"Identity-H" || n == b"Identity-V" {
                        identity = true;
                    } else {
                        predef = predefined(n);
                    }
                }
                Some(o @ Object::Stream(_)) => {
                    if let Some(b) = stream_bytes(doc, o) {
                        let m = CMap::parse(&b);
                        // An embedded CMap may build on a predefined one
                        // (`/GBK-EUC-H usecmap`, or /UseCMap in its dictionary):
                        // the codes then still mean that character set.
                        let use_name = match o {
                            Object::Stream(st) => dict_get(doc, &st.dict, b"UseCMap")
                                .and_then(|u| u.as_name().ok())
                                .map(|n| n.to_vec()),
                            _ => None,
                        };
                        if let Some(p) = m.parent.clone().or(use_name) {
                            if p == b"Identity-H" || p == b"Identity-V" {
                                identity = true;
                            }
                            predef = predefined(&p);
                        }
                        enc = Some(Box::new(m));
                    }
                }
                _ => identity = true,
            }
            let desc = dict_get(doc, d, b"DescendantFonts")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            let mut widths = HashMap::new();
            let mut dw = 1000.0;
            if let Some(desc) = desc {
                if let Some(v) = dict_get(doc, desc, b"DW").and_then(num) {
                    dw = v;
                }
                if let Some(Object::Array(w)) = dict_get(doc, desc, b"W") {
                    let w: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
                    let mut i = 0;
                    while i < w.len() {
                        let Some(c0) = num(w[i]) else { break };
                        match w.get(i + 1) {
                            Some(Object::Array(list)) => {
                                for (k, o) in list
                                    .iter()
                                    .enumerate()
                                    .take(200_000usize.saturating_sub(widths.len()))
                                {
                                    if let Some(v) = num(deref(doc, o)) {
                                        widths.insert(c0 as u32 + k as u32, v);
                                    }
                                }
                                i += 2;
                            }
                            Some(o) => {
                                let (Some(c1), Some(v)) =
                                    (num(o), w.get(i + 2).and_then(|o| num(o)))
                                else {
                                    break;
                                };
                                let (a, b) = (c0 as u32, c1 as u32);
                                if b >= a && b - a < 70000 && widths.len() < 200_000 {
                                    for c in a..=b {
                                        widths.insert(c, v);
                                    }
                                }
                                i += 3;
                            }
                            None => break,
                        }
                    }
                }
            }
            let mut program = None;
            let mut note = None;
            if to_unicode.is_none() && predef.is_none() {
                if let Some(desc) = desc {
                    let fd = dict_get(doc, desc, b"FontDescriptor").and_then(|o| o.as_dict().ok());
                    let file = fd.and_then(|fd| {
                        dict_get(doc, fd, b"FontFile2").or_else(|| dict_get(doc, fd, b"FontFile3"))
                    });
                    if let Some(map) = file
                        .and_then(|f| stream_bytes(doc, f))
                        .and_then(|b| super::truetype::glyph_to_unicode(&b))
                    {
                        let cid2gid = match dict_get(doc, desc, b"CIDToGIDMap") {
                            Some(o @ Object::Stream(_)) => stream_bytes(doc, o).map(|b| {
                                b.chunks(2)
                                    .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                                    .collect()
                            }),
                            _ => None,
                        };
                        note = Some(format!(
                            "font {name}: no ToUnicode map; text was read from the embedded font's own character map"
                        ));
                        program = Some(Box::new((map, cid2gid)));
                    }
                }
            }
            return Font {
                name,
                note,
                kind: Kind::Composite {
                    enc,
                    predef,
                    identity,
                    widths,
                    dw,
                    program,
                },
                to_unicode,
                scale: 0.001,
            };
        }

        // Simple font.
        let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
        let flags = dict_get(doc, d, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| dict_get(doc, fd, b"Flags"))
            .and_then(num)
            .unwrap_or(32.0) as u32;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        let is_symbol_font =
            name.contains("Symbol") || name.contains("Dingbats") || name.contains("Wingdings");
        let encoding = dict_get(doc, d, b"Encoding");
        let (base, diffs) = match encoding {
            Some(Object::Name(n)) => (Some(n.as_slice()), None),
            Some(Object::Dictionary(ed)) => (
                dict_get(doc, ed, b"BaseEncoding").and_then(|o| o.as_name().ok()),
                dict_get(doc, ed, b"Differences").and_then(|o| o.as_array().ok()),
            ),
            _ => (None, None),
        };
        let base = match base {
            Some(b) => Some(b),
            None if subtype == b"Type3" || symbolic || is_symbol_font => None,
            None => Some(&b"StandardEncoding"[..]),
        };
        match base {
            Some(b"WinAnsiEncoding") => fill_from(&mut table, encoding_rs::WINDOWS_1252),
            Some(b"MacRomanEncoding") => fill_from(&mut table, encoding_rs::MACINTOSH),
            Some(b"StandardEncoding") => {
                for c in 0x20u8..0x7F {
                    table[c as usize] = Some(c as char);
                }
                table[0x27] = Some('\u{2019}');
                table[0x60] = Some('\u{2018}');
            }
            _ => {}
        }
        if let Some(diffs) = diffs {
            let mut code: i64 = -1;
            for o in diffs {
                match deref(doc, o) {
                    Object::Integer(i) => code = *i,
                    Object::Name(n) => {
                        if (0..256).contains(&code) {
                            table[code as usize] = glyph_name_to_char(n);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        let first = dict_get(doc, d, b"FirstChar")
            .and_then(num)
            .unwrap_or(0.0)
            .max(0.0) as u32;
        let widths: Vec<f64> = dict_get(doc, d, b"Widths")
            .and_then(|o| o.as_array().ok())
            .map(|a| {
                a.iter()
                    .map(|o| num(deref(doc, o)).unwrap_or(0.0))
                    .collect()
            })
            .unwrap_or_default();
        let missing = dict_get(doc, d, b"FontDescriptor")
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| dict_get(doc, fd, b"MissingWidth"))
            .and_then(num)
            .unwrap_or(0.0);
        let scale = if subtype == b"Type3" {
            dict_get(doc, d, b"FontMatrix")
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| num(deref(doc, o)))
                .map(|v| v.abs())
                .filter(|v| *v > 0.0)
                .unwrap_or(0.001)
        } else {
            0.001
        };
        Font {
            name,
            note: None,
            kind: Kind::Simple {
                table,
                first,
                widths,
                missing,
            },
            to_unicode,
            scale,
        }
    }

    /// A stand-in for a font that is missing from the resources.
    pub fn missing(name: &str) -> Font {
        Font {
            name: format!("{name} (missing)"),
            note: None,
            kind: Kind::Simple {
                table: Box::new([None; 256]),
                first: 0,
                widths: vec![],
                missing: 500.0,
            },
            to_unicode: None,
            scale: 0.001,
        }
    }

    /// Splits `bytes` into codes and decodes each.
    pub fn decode(&self, bytes: &[u8], out: &mut Vec<Code>) {
        match &self.kind {
            Kind::Simple {
                table,
                first,
                widths,
                missing,
            } => {
                for &b in bytes {
                    let text = self
                        .to_unicode
                        .as_ref()
                        .and_then(|m| m.text(&[b]))
                        .or_else(|| table[b as usize].map(|c| c.to_string()));
                    let w = (b as u32)
                        .checked_sub(*first)
                        .and_then(|i| widths.get(i as usize))
                        .copied()
                        .filter(|w| *w > 0.0)
                        .unwrap_or(if *missing > 0.0 { *missing } else { 500.0 });
                    out.push(Code {
                        text,
                        width: w * self.scale,
                        is_space: b == 32,
                    });
                }
            }
            Kind::Composite {
                enc,
                predef,
                identity,
                widths,
                dw,
                program,
            } => {
                let mut i = 0;
                while i < bytes.len() {
                    let rest = &bytes[i..];
                    let len = if let Some(m) = enc
                        .as_ref()
                        .filter(|m| !m.spaces.0.is_empty() || predef.is_none())
                    {
                        m.spaces
                            .code_len(rest)
                            .unwrap_or(if m.spaces.0.is_empty() { 2 } else { 1 })
                    } else {
                        match predef {
                            Some(Predef::Legacy(_, lead)) => {
                                if lead(rest[0]) {
                                    2
                                } else {
                                    1
                                }
                            }
                            Some(Predef::Utf16)
                                if rest.len() >= 4 && (0xD8..=0xDB).contains(&rest[0]) =>
                            {
                                4
                            }
                            _ => 2,
                        }
                    }
                    .min(rest.len())
                    .max(1);
                    let code = &rest[..len];
                    i += len;
                    let mut text = self.to_unicode.as_ref().and_then(|m| m.text(code));
                    if text.is_none() {
                        text = match predef {
                            Some(Predef::Ucs2) | Some(Predef::Utf16) if len >= 2 => {
                                let units: Vec<u16> = code
                                    .chunks(2)
                                    .map(|c| ((c[0] as u16) << 8) | *c.get(1).unwrap_or(&0) as u16)
                                    .collect();
                                let s: Result<String, _> = char::decode_utf16(units).collect();
                                s.ok()
                                    .filter(|s| !s.chars().any(|c| c.is_control() && c != ' '))
                            }
                            Some(Predef::Legacy(e, _)) => e
                                .decode_without_bom_handling_and_without_replacement(code)
                                .map(|c| c.into_owned())
                                .filter(|s| !s.is_empty() && !s.chars().any(|c| c.is_control())),
                            _ => None,
                        };
                    }
                    let cid = enc.as_ref().and_then(|m| m.cid(code)).or_else(|| {
                        identity.then(|| code.iter().fold(0u32, |a, &b| (a << 8) | b as u32))
                    });
                    if text.is_none() {
                        if let (Some(p), Some(c)) = (program, cid) {
                            let (map, cid2gid) = &**p;
                            let gid = match cid2gid {
                                Some(t) => t.get(c as usize).copied(),
                                None => u16::try_from(c).ok(),
                            };
                            text = gid.and_then(|g| map.get(&g)).map(|ch| ch.to_string());
                        }
                    }
                    let w = match cid.and_then(|c| widths.get(&c)) {
                        Some(w) => *w,
                        None if cid.is_some() => *dw,
                        // Predefined CMap: CIDs unknown without Adobe's tables, so
                        // judge the advance from the character itself.
                        None => match text.as_deref().and_then(|t| t.chars().next()) {
                            Some(c) if is_halfwidth(c) => 500.0,
                            _ => *dw,
                        },
                    };
                    out.push(Code {
                        text,
                        width: w * self.scale,
                        is_space: len == 1 && code[0] == 32,
                    });
                }
            }
        }
    }
}

fn is_halfwidth(c: char) -> bool {
    (c as u32) < 0x1100 || ('\u{FF61}'..='\u{FFDC}').contains(&c)
}

fn fill_from(table: &mut [Option<char>; 256], enc: &'static encoding_rs::Encoding) {
    for b in 0x20u16..256 {
        let bytes = [b as u8];
        if let Some(s) = enc.decode_without_bom_handling_and_without_replacement(&bytes) {
            let mut it = s.chars();
            if let (Some(c), None) = (it.next(), it.next()) {
                if !c.is_control() {
                    table[b as usize] = Some(c);
                }
            }
        }
    }
}

/// Common Adobe glyph names (plus `uniXXXX`/`uXXXX` forms) to characters.
pub(crate) fn glyph_name_to_char(name: &[u8]) -> Option<char> {
    let n = std::str::from_utf8(name).ok()?;
    let n = n.split('.').next().unwrap_or(n);
    if n.len() == 1 && n.as_bytes()[0].is_ascii_alphabetic() {
        return n.chars().next();
    }
    if let Some(h) = n.strip_prefix("uni") {
        // `get`, not `[..4]`: a name such as `uni中文` has no character
        // boundary at byte 4
        if let Some(h4) = h.get(..4) {
            return u32::from_str_radix(h4, 16).ok().and_then(char::from_u32);
        }
    }
    if let Some(h) = n.strip_prefix('u') {
        if (4..=6).contains(&h.len()) {
            return u32::from_str_radix(h, 16).ok().and_then(char::from_u32);
        }
    }
    const NAMES: &[(&str, char)] = &[
        ("space", ' '),
        ("exclam", '!'),
        ("quotedbl", '"'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quoteright", '\u{2019}'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("hyphen", '-'),
        ("minus", '\u{2212}'),
        ("period", '.'),
        ("slash", '/'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("colon", ':'),
        ("semicolon", ';'),
        ("less", '<'),
        ("equal", '='),
        ("greater", '>'),
        ("question", '?'),
        ("at", '@'),
        ("bracketleft", '['),
        ("backslash", '\\'),
        ("bracketright", ']'),
        ("asciicircum", '^'),
        ("underscore", '_'),
        ("grave", '`'),
        ("quoteleft", '\u{2018}'),
        ("braceleft", '{'),
        ("bar", '|'),
        ("braceright", '}'),
        ("asciitilde", '~'),
        ("bullet", '\u{2022}'),
        ("endash", '\u{2013}'),
        ("emdash", '\u{2014}'),
        ("quotedblleft", '\u{201C}'),
        ("quotedblright", '\u{201D}'),
        ("quotesinglbase", '\u{201A}'),
        ("quotedblbase", '\u{201E}'),
        ("ellipsis", '\u{2026}'),
        ("periodcentered", '\u{00B7}'),
        ("middot", '\u{00B7}'),
        ("degree", '\u{00B0}'),
        ("multiply", '\u{00D7}'),
        ("divide", '\u{00F7}'),
        ("copyright", '\u{00A9}'),
        ("registered", '\u{00AE}'),
        ("trademark", '\u{2122}'),
        ("section", '\u{00A7}'),
        ("paragraph", '\u{00B6}'),
        ("dagger", '\u{2020}'),
        ("daggerdbl", '\u{2021}'),
        ("yen", '\u{00A5}'),
        ("sterling", '\u{00A3}'),
        ("Euro", '\u{20AC}'),
        ("cent", '\u{00A2}'),
        ("nbspace", '\u{00A0}'),
        ("uni00A0", '\u{00A0}'),
        ("fi", '\u{FB01}'),
        ("fl", '\u{FB02}'),
        ("plusminus", '\u{00B1}'),
        ("guillemotleft", '\u{00AB}'),
        ("guillemotright", '\u{00BB}'),
        ("exclamdown", '\u{00A1}'),
        ("questiondown", '\u{00BF}'),
        ("onehalf", '\u{00BD}'),
        ("onequarter", '\u{00BC}'),
        ("threequarters", '\u{00BE}'),
        ("mu", '\u{00B5}'),
        ("eacute", '\u{00E9}'),
        ("egrave", '\u{00E8}'),
        ("aacute", '\u{00E1}'),
        ("agrave", '\u{00E0}'),
        ("udieresis", '\u{00FC}'),
        ("odieresis", '\u{00F6}'),
        ("adieresis", '\u{00E4}'),
        ("germandbls", '\u{00DF}'),
        ("ccedilla", '\u{00E7}'),
        ("ntilde", '\u{00F1}'),
    ];
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_name_to_char(b"uni4E2D"), Some('中'));
        assert_eq!(glyph_name_to_char(b"zero"), Some('0'));
        assert_eq!(glyph_name_to_char(b"g123"), None);
        assert_eq!(glyph_name_to_char(b"A"), Some('A'));
    }

    #[test]
    fn predefined_names() {
        assert!(matches!(predefined(b"UniGB-UCS2-H"), Some(Predef::Ucs2)));
        assert!(matches!(predefined(b"GBK-EUC-H"), Some(Predef::Legacy(..))));
        assert!(predefined(b"Adobe-Foo-H").is_none());
    }
}
