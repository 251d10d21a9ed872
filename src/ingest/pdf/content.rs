//! A content-stream walker: positioned glyphs and ruling lines of one page.
//!
//! Coordinates are returned in "display" space: points, origin at the top-left
//! of the page's crop box after the page's /Rotate, y growing downwards.

use super::fonts::{deref, dict_get, Code, Font};
use super::lexer::{Lexer, Operand};
use super::PdfError;
use pdf_extract::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::time::Instant;

/// One shown glyph.
#[derive(Debug, Clone)]
pub(crate) struct Glyph {
    /// Left edge.
    pub x0: f64,
    /// Right edge (left edge plus advance).
    pub x1: f64,
    /// Baseline.
    pub y: f64,
    /// Font size in display units.
    pub size: f64,
    /// Index into the font cache.
    pub font: u32,
    /// Decoded text (U+FFFD where unknown).
    pub text: String,
}

/// A horizontal (`vertical == false`: y = `pos`, x from `a` to `b`) or vertical
/// (x = `pos`, y from `a` to `b`) ruling segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seg {
    pub vertical: bool,
    pub pos: f64,
    pub a: f64,
    pub b: f64,
}

/// What a page shows, reduced to what layout needs.
#[derive(Debug, Default)]
pub(crate) struct PageContent {
    pub width: f64,
    pub height: f64,
    pub glyphs: Vec<Glyph>,
    pub segs: Vec<Seg>,
    pub images: usize,
    /// Image XObjects drawn, with where (for OCR of pages without text).
    pub placed: Vec<Placed>,
}

/// An image XObject drawn on the page: its object and the matrix that maps
/// the unit square onto its place in display space.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Placed {
    pub id: ObjectId,
    pub ctm: [f64; 6],
}

/// The box of a subpath of straight lines (3 to 6 points), which a filled
/// thin one turns into a ruling: rules drawn as polygons, mitred corners and all.
/// `None` for subpaths with curves or many points.
fn poly_rect(p: &[(f64, f64)]) -> Option<[f64; 4]> {
    if !(3..=6).contains(&p.len()) {
        return None;
    }
    let x0 = p.iter().map(|q| q.0).fold(f64::MAX, f64::min);
    let x1 = p.iter().map(|q| q.0).fold(f64::MIN, f64::max);
    let y0 = p.iter().map(|q| q.1).fold(f64::MAX, f64::min);
    let y1 = p.iter().map(|q| q.1).fold(f64::MIN, f64::max);
    Some([x0, y0, x1, y1])
}

type M = [f64; 6];
const ID: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// a × b (row-vector convention, as in the PDF spec).
fn mul(a: &M, b: &M) -> M {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &M, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn num(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => *r as f64,
        _ => 0.0,
    }
}

fn nums<const N: usize>(ops: &[Operand]) -> Option<[f64; N]> {
    if ops.len() < N {
        return None;
    }
    let mut out = [0.0; N];
    for (i, o) in ops[ops.len() - N..].iter().enumerate() {
        match o {
            Operand::Num(v) => out[i] = *v,
            _ => return None,
        }
    }
    if out.iter().all(|v| v.is_finite()) {
        Some(out)
    } else {
        None
    }
}

/// The numbers of a PDF array object (for /Matrix).
fn obj_nums<const N: usize>(doc: &Document, a: &[Object]) -> Option<[f64; N]> {
    if a.len() != N {
        return None;
    }
    let mut out = [0.0; N];
    for (i, o) in a.iter().enumerate() {
        out[i] = match deref(doc, o) {
            Object::Integer(v) => *v as f64,
            Object::Real(v) => *v as f64,
            _ => return None,
        };
    }
    if out.iter().all(|v| v.is_finite()) {
        Some(out)
    } else {
        None
    }
}

#[derive(Clone)]
struct GState {
    ctm: M,
    font: Option<u32>,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
    /// Clip box (display space): x0, y0, x1, y1.
    clip: [f64; 4],
    /// The fill colour is white (or nearly): what it paints is not seen.
    fill_white: bool,
    /// The stroke colour is white (or nearly).
    stroke_white: bool,
}

/// True for a colour (gray, RGB or CMYK components, 0–1) that is white or
/// nearly: rules painted in it are invisible on the page.
fn is_white(c: &[f64]) -> bool {
    match c.len() {
        1 | 3 => c.iter().all(|v| *v >= 0.93),
        4 => c.iter().all(|v| *v <= 0.07),
        _ => false,
    }
}

/// The numeric operands of a colour operator.
fn colour(ops: &[Operand]) -> Vec<f64> {
    ops.iter()
        .filter_map(|o| match o {
            Operand::Num(v) => Some(*v),
            _ => None,
        })
        .collect()
}

/// Fonts shared by all pages of a document, keyed by object id.
#[derive(Default)]
pub(crate) struct FontCache {
    pub fonts: Vec<Font>,
    by_id: HashMap<ObjectId, u32>,
    /// Fonts whose codes could not all be decoded: index → count.
    pub undecodable: HashMap<u32, usize>,
}

impl FontCache {
    fn get(&mut self, doc: &Document, fonts: Option<&Dictionary>, name: &[u8]) -> u32 {
        let entry = fonts.and_then(|f| f.get(name).ok());
        if let Some(Object::Reference(id)) = entry {
            if let Some(&i) = self.by_id.get(id) {
                return i;
            }
        }
        let font = match entry.map(|o| deref(doc, o)) {
            Some(Object::Dictionary(d)) => Font::load(doc, d),
            _ => Font::missing(&String::from_utf8_lossy(name)),
        };
        let i = self.fonts.len() as u32;
        self.fonts.push(font);
        if let Some(Object::Reference(id)) = entry {
            self.by_id.insert(*id, i);
        }
        i
    }
}

struct Walker<'a> {
    doc: &'a Document,
    cache: &'a mut FontCache,
    out: PageContent,
    deadline: Instant,
    ops: usize,
    codes: Vec<Code>,
    warnings: Vec<String>,
    /// Form XObjects being run (to refuse recursion) and how many were run.
    form_stack: Vec<ObjectId>,
    forms_run: usize,
}

/// Largest number of glyphs kept per page (bounds memory on hostile input).
const MAX_GLYPHS: usize = 400_000;
/// Deepest nesting of form XObjects followed.
const MAX_DEPTH: usize = 12;
/// Most form XObjects run per page.
const MAX_FORMS: usize = 5_000;

fn page_attr<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(o) = dict_get(doc, d, key) {
            return Some(o);
        }
        match dict_get(doc, d, b"Parent") {
            Some(Object::Dictionary(p)) => d = p,
            _ => return None,
        }
    }
    None
}

fn rect(doc: &Document, o: Option<&Object>) -> Option<[f64; 4]> {
    let a = o?.as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let v: Vec<f64> = a.iter().map(|o| num(deref(doc, o))).collect();
    let r = [
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ];
    if r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 && r.iter().all(|x| x.is_finite()) {
        Some(r)
    } else {
        None
    }
}

/// Decoded bytes of a page's content streams, each stream separately.
fn page_streams(
    doc: &Document,
    page: &Dictionary,
    warnings: &mut Vec<String>,
    pno: u32,
) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let list: Vec<&Object> = match dict_get(doc, page, b"Contents") {
        Some(Object::Array(a)) => a.iter().map(|o| deref(doc, o)).collect(),
        Some(o) => vec![o],
        None => vec![],
    };
    for o in list {
        if let Object::Stream(s) = o {
            match s.decompressed_content() {
                // lopdf returns nothing, not an error, when inflating fails.
                Ok(b) if b.is_empty() && !s.content.is_empty() && s.dict.get(b"Filter").is_ok() => {
                    warnings.push(format!("page {pno}: a content stream could not be decompressed; its text is missing"))
                }
                Ok(b) => out.push(b),
                Err(_) if s.dict.get(b"Filter").is_err() => out.push(s.content.clone()),
                Err(e) => warnings.push(format!("page {pno}: a content stream could not be decompressed ({e}); its text is missing")),
            }
        }
    }
    out
}

/// Walks one page. `pno` is 1-based, for messages.
pub(crate) fn walk_page(
    doc: &Document,
    page_id: ObjectId,
    pno: u32,
    cache: &mut FontCache,
    deadline: Instant,
    warnings: &mut Vec<String>,
) -> Result<PageContent, PdfError> {
    let page = doc
        .get_dictionary(page_id)
        .map_err(|e| PdfError::Corrupt(format!("page {pno} is not readable: {e}")))?;
    let bx = rect(doc, page_attr(doc, page, b"CropBox"))
        .or_else(|| rect(doc, page_attr(doc, page, b"MediaBox")))
        .unwrap_or([0.0, 0.0, 595.0, 842.0]);
    let rot = page_attr(doc, page, b"Rotate").map(num).unwrap_or(0.0) as i64;
    let rot = rot.rem_euclid(360);
    let (w, h) = (bx[2] - bx[0], bx[3] - bx[1]);
    // u = x - llx, v = y - lly; display (X, Y) with Y down.
    let shift: M = [1.0, 0.0, 0.0, 1.0, -bx[0], -bx[1]];
    let (turn, dw, dh): (M, f64, f64) = match rot {
        90 => ([0.0, 1.0, 1.0, 0.0, 0.0, 0.0], h, w),
        180 => ([-1.0, 0.0, 0.0, 1.0, w, 0.0], w, h),
        270 => ([0.0, -1.0, -1.0, 0.0, h, w], h, w),
        _ => ([1.0, 0.0, 0.0, -1.0, 0.0, h], w, h),
    };
    let base = mul(&shift, &turn);
    let resources = match page_attr(doc, page, b"Resources") {
        Some(Object::Dictionary(d)) => Some(d),
        _ => None,
    };
    let streams = page_streams(doc, page, warnings, pno);
    let mut wk = Walker {
        doc,
        cache,
        out: PageContent {
            width: dw,
            height: dh,
            ..Default::default()
        },
        deadline,
        ops: 0,
        codes: Vec::new(),
        warnings: Vec::new(),
        form_stack: Vec::new(),
        forms_run: 0,
    };
    let joined: Vec<u8> = streams.join(&b"\n"[..]);
    let gs = GState {
        ctm: base,
        font: None,
        size: 0.0,
        tc: 0.0,
        tw: 0.0,
        th: 1.0,
        tl: 0.0,
        rise: 0.0,
        clip: [0.0, 0.0, dw, dh],
        fill_white: false,
        stroke_white: false,
    };
    wk.run(&joined, resources, gs, 0)?;
    warnings.extend(wk.warnings);
    Ok(wk.out)
}

impl<'a> Walker<'a> {
    fn run(
        &mut self,
        data: &[u8],
        res: Option<&'a Dictionary>,
        gs0: GState,
        depth: usize,
    ) -> Result<(), PdfError> {
        let doc = self.doc;
        let fonts = res
            .and_then(|r| dict_get(doc, r, b"Font"))
            .and_then(|o| o.as_dict().ok());
        let xobjects = res
            .and_then(|r| dict_get(doc, r, b"XObject"))
            .and_then(|o| o.as_dict().ok());
        let mut gs = gs0;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = ID;
        let mut tlm = ID;
        // Path under construction, in display space.
        let mut segs: Vec<(f64, f64, f64, f64)> = Vec::new();
        let mut rects: Vec<[f64; 4]> = Vec::new();
        // the points of each subpath drawn with m/l/h (a rectangle drawn as
        // a polygon is a rectangle too)
        let mut polys: Vec<Vec<(f64, f64)>> = Vec::new();
        let (mut cur, mut start) = ((0.0, 0.0), (0.0, 0.0));
        let mut pending_clip = false;
        let mut lexer = Lexer::new(data);
        let mut operands: Vec<Operand> = Vec::with_capacity(8);
        while let Some(op) = lexer.next_op(&mut operands) {
            self.ops += 1;
            if self.ops & 2047 == 0 && Instant::now() > self.deadline {
                return Err(PdfError::Timeout);
            }
            let a = &operands[..];
            let Ok(op) = std::str::from_utf8(op) else {
                continue;
            };
            match op {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(g) = stack.pop() {
                        gs = g;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(a) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = ID;
                    tlm = ID;
                }
                "Tf" => {
                    if let (Some(Operand::Name(n)), Some(s)) = (a.first(), a.get(1)) {
                        gs.font = Some(self.cache.get(doc, fonts, n));
                        gs.size = s.num();
                    }
                }
                "Tc" => gs.tc = a.last().map(Operand::num).unwrap_or(0.0),
                "Tw" => gs.tw = a.last().map(Operand::num).unwrap_or(0.0),
                "Tz" => gs.th = a.last().map(Operand::num).unwrap_or(100.0) / 100.0,
                "TL" => gs.tl = a.last().map(Operand::num).unwrap_or(0.0),
                "Ts" => gs.rise = a.last().map(Operand::num).unwrap_or(0.0),
                "Td" | "TD" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        if op == "TD" {
                            gs.tl = -y;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, x, y], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(a) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op == "'" || op == "\"" {
                        if op == "\"" && a.len() >= 3 {
                            gs.tw = a[0].num();
                            gs.tc = a[1].num();
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.tl], &tlm);
                        tm = tlm;
                    }
                    match a.last() {
                        Some(Operand::Str(s)) => self.show(s, &gs, &mut tm),
                        Some(Operand::Array(items)) if op == "TJ" => {
                            for it in items {
                                match it {
                                    Operand::Str(s) => self.show(s, &gs, &mut tm),
                                    Operand::Num(v) => {
                                        let tx = -v / 1000.0 * gs.size * gs.th;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => {}
                    }
                }
                "g" | "rg" | "k" | "sc" | "scn" => gs.fill_white = is_white(&colour(a)),
                "G" | "RG" | "K" | "SC" | "SCN" => gs.stroke_white = is_white(&colour(a)),
                "cs" => gs.fill_white = false,
                "CS" => gs.stroke_white = false,
                "m" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        cur = apply(&gs.ctm, x, y);
                        start = cur;
                        if polys.len() < 4096 {
                            polys.push(vec![cur]);
                        }
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(a) {
                        let p = apply(&gs.ctm, x, y);
                        segs.push((cur.0, cur.1, p.0, p.1));
                        cur = p;
                        if let Some(poly) = polys.last_mut().filter(|p| p.len() < 8) {
                            poly.push(p);
                        }
                    }
                }
                "c" => {
                    if let Some(v) = nums::<6>(a) {
                        cur = apply(&gs.ctm, v[4], v[5]);
                        // a curve makes its subpath no rectangle
                        if let Some(poly) = polys.last_mut() {
                            poly.resize(8, cur);
                        }
                    }
                }
                "v" | "y" => {
                    if let Some(v) = nums::<4>(a) {
                        cur = apply(&gs.ctm, v[2], v[3]);
                        if let Some(poly) = polys.last_mut() {
                            poly.resize(8, cur);
                        }
                    }
                }
                "h" => {
                    segs.push((cur.0, cur.1, start.0, start.1));
                    cur = start;
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(a) {
                        let p = [
                            apply(&gs.ctm, x, y),
                            apply(&gs.ctm, x + w, y),
                            apply(&gs.ctm, x + w, y + h),
                            apply(&gs.ctm, x, y + h),
                        ];
                        for i in 0..4 {
                            let (s, e) = (p[i], p[(i + 1) % 4]);
                            segs.push((s.0, s.1, e.0, e.1));
                        }
                        let xs = [p[0].0, p[1].0, p[2].0, p[3].0];
                        let ys = [p[0].1, p[1].1, p[2].1, p[3].1];
                        rects.push([
                            xs.iter().cloned().fold(f64::MAX, f64::min),
                            ys.iter().cloned().fold(f64::MAX, f64::min),
                            xs.iter().cloned().fold(f64::MIN, f64::max),
                            ys.iter().cloned().fold(f64::MIN, f64::max),
                        ]);
                        cur = p[0];
                        start = p[0];
                    }
                }
                "S" | "s" | "B" | "B*" | "b" | "b*" => {
                    if !gs.stroke_white {
                        for &(x0, y0, x1, y1) in &segs {
                            self.add_seg(x0, y0, x1, y1);
                        }
                    }
                    segs.clear();
                    rects.clear();
                    polys.clear();
                }
                "f" | "F" | "f*" => {
                    if gs.fill_white {
                        rects.clear();
                    }
                    if !gs.fill_white {
                        rects.extend(polys.iter().filter_map(|p| poly_rect(p)));
                    }
                    polys.clear();
                    for r in &rects {
                        let (w, h) = (r[2] - r[0], r[3] - r[1]);
                        if h <= 2.5 && w > 2.0 {
                            let y = (r[1] + r[3]) / 2.0;
                            self.add_seg(r[0], y, r[2], y);
                        } else if w <= 2.5 && h > 2.0 {
                            let x = (r[0] + r[2]) / 2.0;
                            self.add_seg(x, r[1], x, r[3]);
                        }
                    }
                    segs.clear();
                    rects.clear();
                }
                "W" | "W*" => pending_clip = true,
                "n" => {
                    if pending_clip && !rects.is_empty() {
                        // Only rectangular clips are tracked (their bounding box).
                        let u =
                            rects
                                .iter()
                                .fold([f64::MAX, f64::MAX, f64::MIN, f64::MIN], |a, r| {
                                    [
                                        a[0].min(r[0]),
                                        a[1].min(r[1]),
                                        a[2].max(r[2]),
                                        a[3].max(r[3]),
                                    ]
                                });
                        gs.clip = [
                            gs.clip[0].max(u[0]),
                            gs.clip[1].max(u[1]),
                            gs.clip[2].min(u[2]),
                            gs.clip[3].min(u[3]),
                        ];
                    }
                    pending_clip = false;
                    segs.clear();
                    rects.clear();
                    polys.clear();
                }
                "BI" => self.out.images += 1,
                "Do" => {
                    if let Some(Operand::Name(n)) = a.first() {
                        let id = xobjects
                            .and_then(|x| x.get(n).ok())
                            .and_then(|o| o.as_reference().ok());
                        let xo = xobjects.and_then(|x| dict_get(doc, x, n));
                        if let Some(Object::Stream(s)) = xo {
                            let sub = s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok());
                            match sub {
                                Some(b"Image") => {
                                    self.out.images += 1;
                                    if let Some(id) = id {
                                        if self.out.placed.len() < 1000 {
                                            self.out.placed.push(Placed { id, ctm: gs.ctm });
                                        }
                                    }
                                }
                                Some(b"Form")
                                    if depth < MAX_DEPTH
                                        && self.forms_run < MAX_FORMS
                                        && id
                                            .map(|i| !self.form_stack.contains(&i))
                                            .unwrap_or(true) =>
                                {
                                    self.forms_run += 1;
                                    if let Some(i) = id {
                                        self.form_stack.push(i);
                                    }
                                    let data = s
                                        .decompressed_content()
                                        .unwrap_or_else(|_| s.content.clone());
                                    let mut g = gs.clone();
                                    if let Some(Object::Array(m)) =
                                        dict_get(doc, &s.dict, b"Matrix")
                                    {
                                        if let Some(m) = obj_nums::<6>(doc, m) {
                                            g.ctm = mul(&m, &g.ctm);
                                        }
                                    }
                                    let r = match dict_get(doc, &s.dict, b"Resources") {
                                        Some(Object::Dictionary(d)) => Some(d),
                                        _ => res,
                                    };
                                    let r = self.run(&data, r, g, depth + 1);
                                    if id.is_some() {
                                        self.form_stack.pop();
                                    }
                                    r?;
                                }
                                _ => {}
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn add_seg(&mut self, x0: f64, y0: f64, x1: f64, y1: f64) {
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if !(x0.is_finite() && y0.is_finite() && x1.is_finite() && y1.is_finite())
            || self.out.segs.len() > 200_000
        {
            return;
        }
        let (w, h) = (self.out.width, self.out.height);
        if x0.max(x1) < -1.0 || x0.min(x1) > w + 1.0 || y0.max(y1) < -1.0 || y0.min(y1) > h + 1.0 {
            return;
        }
        if dy < 0.8 && dx >= 1.0 {
            self.out.segs.push(Seg {
                vertical: false,
                pos: (y0 + y1) / 2.0,
                a: x0.min(x1),
                b: x0.max(x1),
            });
        } else if dx < 0.8 && dy >= 1.0 {
            self.out.segs.push(Seg {
                vertical: true,
                pos: (x0 + x1) / 2.0,
                a: y0.min(y1),
                b: y0.max(y1),
            });
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &GState, tm: &mut M) {
        let Some(fi) = gs.font else { return };
        let font = &self.cache.fonts[fi as usize];
        self.codes.clear();
        font.decode(bytes, &mut self.codes);
        let mut bad = 0;
        for code in &self.codes {
            let m = mul(tm, &gs.ctm);
            let adv = code.width * gs.size * gs.th;
            let p0 = apply(&m, 0.0, gs.rise);
            let p1 = apply(&m, adv, gs.rise);
            let size = (gs.size * (m[2] * m[2] + m[3] * m[3]).sqrt()).abs();
            let tx =
                (code.width * gs.size + gs.tc + if code.is_space { gs.tw } else { 0.0 }) * gs.th;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            if self.out.glyphs.len() >= MAX_GLYPHS {
                continue;
            }
            let text = match &code.text {
                Some(t) if t.chars().any(|c| c as u32 >= 0x2E80) => {
                    t.chars().map(super::unify::unify).collect()
                }
                Some(t) => t.clone(),
                None => {
                    bad += 1;
                    "\u{FFFD}".to_string()
                }
            };
            let (mut x0, mut x1) = (p0.0.min(p1.0), p0.0.max(p1.0));
            if (p1.1 - p0.1).abs() > (p1.0 - p0.0).abs() {
                // Rotated glyph run: give it a square box.
                x1 = x0 + size.max(0.1);
                x0 = p0.0;
            }
            if !(x0.is_finite() && x1.is_finite() && p0.1.is_finite() && size.is_finite()) {
                continue;
            }
            // Outside the page or the clip: not visible, so not part of the text.
            let (cx, cy) = ((x0 + x1) / 2.0, p0.1 - size * 0.35);
            let c = &gs.clip;
            if cx < c[0] - 1.0 || cx > c[2] + 1.0 || cy < c[1] - 1.0 || cy > c[3] + 1.0 {
                continue;
            }
            self.out.glyphs.push(Glyph {
                x0,
                x1,
                y: p0.1,
                size: size.max(0.1),
                font: fi,
                text,
            });
        }
        if bad > 0 {
            *self.cache.undecodable.entry(fi).or_insert(0) += bad;
        }
    }
}
