//! PDF image XObjects → grey images.
//!
//! Filters: `DCTDecode` (JPEG, decoded by `zune-jpeg`), `CCITTFaxDecode`
//! (Group 3 and 4, by `fax`), `JBIG2Decode` (with its `JBIG2Globals`, by
//! `hayro-jbig2`), and under them any chain of `FlateDecode` (with PNG and
//! TIFF predictors), `LZWDecode`, `ASCII85Decode`, `ASCIIHexDecode` and
//! `RunLengthDecode`, decoded here with a bound on the output (a small stream
//! that inflates to gigabytes is refused, not followed). `JPXDecode`
//! (JPEG 2000) is not read; such a page is rendered instead where a renderer
//! is at hand.
//!
//! Colour: DeviceGray/RGB/CMYK, CalGray/CalRGB, ICCBased (by its number of
//! components), Indexed, Separation and DeviceN (their tint), Lab (its
//! lightness), 1/2/4/8/16 bits per component, `/Decode` inversion and
//! `/ImageMask` stencils. Colour becomes grey through [`grey_of`], which takes
//! red seals out. A bi-level image that comes out mostly black is taken to
//! be inverted (scans are dark ink on light paper) and turned back.

use super::image::{grey_of, Gray, Seal, MAX_PIXELS};
use pdf_extract::{Dictionary, Document, Object, Stream};
use std::io::Read;

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn get<'a>(doc: &'a Document, d: &'a Dictionary, k: &[u8]) -> Option<&'a Object> {
    d.get(k).ok().map(|o| deref(doc, o))
}

fn int(doc: &Document, d: &Dictionary, k: &[u8]) -> Option<i64> {
    match get(doc, d, k)? {
        Object::Integer(i) => Some(*i),
        Object::Real(r) => Some(*r as i64),
        _ => None,
    }
}

fn boolean(doc: &Document, d: &Dictionary, k: &[u8]) -> Option<bool> {
    match get(doc, d, k)? {
        Object::Boolean(b) => Some(*b),
        _ => None,
    }
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// How the samples of an image are to be turned into colour.
#[derive(Debug, Clone)]
enum Space {
    Gray,
    Rgb,
    Cmyk,
    Lab,
    /// A tint of one or more inks (Separation, DeviceN): 0 is no ink.
    Tint(usize),
    /// An index into a palette of `base` colours.
    Indexed {
        base: Box<Space>,
        hival: usize,
        lookup: Vec<u8>,
    },
}

impl Space {
    fn comps(&self) -> usize {
        match self {
            Space::Gray | Space::Indexed { .. } => 1,
            Space::Rgb | Space::Lab => 3,
            Space::Cmyk => 4,
            Space::Tint(n) => *n,
        }
    }
}

fn space(doc: &Document, o: Option<&Object>, depth: u32) -> Result<Space, String> {
    let Some(o) = o else {
        return Ok(Space::Gray);
    };
    if depth > 4 {
        return Err("colour space nested too deeply".into());
    }
    let o = deref(doc, o);
    match o {
        Object::Name(n) => Ok(match n.as_slice() {
            b"DeviceGray" | b"G" | b"CalGray" => Space::Gray,
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Space::Rgb,
            b"DeviceCMYK" | b"CMYK" => Space::Cmyk,
            b"Pattern" => return Err("pattern colour space for an image".into()),
            other => {
                // a named colour space from the page resources is not looked up:
                // take it by the usual component counts of its name
                return Err(format!(
                    "colour space /{} not supported",
                    String::from_utf8_lossy(other)
                ));
            }
        }),
        Object::Array(a) => {
            let head = a.first().map(|h| deref(doc, h));
            let name = head.and_then(|h| h.as_name().ok()).unwrap_or(b"");
            match name {
                b"CalGray" => Ok(Space::Gray),
                b"CalRGB" => Ok(Space::Rgb),
                b"Lab" => Ok(Space::Lab),
                b"ICCBased" => {
                    let n = a
                        .get(1)
                        .map(|s| deref(doc, s))
                        .and_then(|s| s.as_stream().ok())
                        .and_then(|s| int(doc, &s.dict, b"N"))
                        .unwrap_or(3);
                    Ok(match n {
                        1 => Space::Gray,
                        4 => Space::Cmyk,
                        _ => Space::Rgb,
                    })
                }
                b"Indexed" | b"I" => {
                    let base = space(doc, a.get(1), depth + 1)?;
                    let hival = a
                        .get(2)
                        .map(|h| deref(doc, h))
                        .and_then(num)
                        .unwrap_or(255.0)
                        .clamp(0.0, 255.0) as usize;
                    let lookup = match a.get(3).map(|l| deref(doc, l)) {
                        Some(Object::String(s, _)) => s.clone(),
                        Some(Object::Stream(s)) => {
                            let (data, _) = unfilter(doc, s, (hival + 1) * 4 + 16)?;
                            data
                        }
                        _ => return Err("Indexed colour space without a lookup table".into()),
                    };
                    Ok(Space::Indexed {
                        base: Box::new(base),
                        hival,
                        lookup,
                    })
                }
                b"Separation" => Ok(Space::Tint(1)),
                b"DeviceN" => {
                    let n = a
                        .get(1)
                        .map(|x| deref(doc, x))
                        .and_then(|x| x.as_array().ok())
                        .map(|x| x.len())
                        .unwrap_or(1)
                        .max(1);
                    Ok(Space::Tint(n))
                }
                b"DeviceGray" | b"G" => Ok(Space::Gray),
                b"DeviceRGB" | b"RGB" => Ok(Space::Rgb),
                b"DeviceCMYK" | b"CMYK" => Ok(Space::Cmyk),
                other => Err(format!(
                    "colour space /{} not supported",
                    String::from_utf8_lossy(other)
                )),
            }
        }
        _ => Err("unreadable colour space".into()),
    }
}

/// The filters of a stream with their parameters, in decoding order.
fn filters<'a>(doc: &'a Document, s: &'a Stream) -> Vec<(Vec<u8>, Option<&'a Dictionary>)> {
    let names: Vec<Vec<u8>> = match get(doc, &s.dict, b"Filter") {
        Some(Object::Name(n)) => vec![n.clone()],
        Some(Object::Array(a)) => a
            .iter()
            .filter_map(|o| deref(doc, o).as_name().ok().map(|n| n.to_vec()))
            .collect(),
        _ => Vec::new(),
    };
    let parms: Vec<Option<&Dictionary>> =
        match get(doc, &s.dict, b"DecodeParms").or_else(|| get(doc, &s.dict, b"DP")) {
            Some(Object::Dictionary(d)) => vec![Some(d)],
            Some(Object::Array(a)) => a
                .iter()
                .map(|o| match deref(doc, o) {
                    Object::Dictionary(d) => Some(d),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, parms.get(i).copied().flatten()))
        .collect()
}

/// An image filter that ends the chain (its output is pixels).
const IMAGE_FILTERS: [&[u8]; 5] = [
    b"DCTDecode",
    b"DCT",
    b"CCITTFaxDecode",
    b"CCF",
    b"JBIG2Decode",
];

/// Applies the stream's byte filters, stopping before an image filter; the
/// output is bounded by `limit` bytes. Returns the bytes and the image filter
/// still to apply (with its parameters), if any.
#[allow(clippy::type_complexity)]
fn unfilter<'a>(
    doc: &'a Document,
    s: &'a Stream,
    limit: usize,
) -> Result<(Vec<u8>, Option<(Vec<u8>, Option<&'a Dictionary>)>), String> {
    let mut data = s.content.clone();
    for (name, parms) in filters(doc, s) {
        if IMAGE_FILTERS.contains(&name.as_slice()) {
            return Ok((data, Some((name, parms))));
        }
        data = match name.as_slice() {
            b"FlateDecode" | b"Fl" => {
                predict(doc, inflate(&data, limit.saturating_mul(2) + 4096)?, parms)?
            }
            b"LZWDecode" | b"LZW" => {
                let early = parms
                    .and_then(|p| int(doc, p, b"EarlyChange"))
                    .map(|v| v != 0)
                    .unwrap_or(true);
                predict(
                    doc,
                    lzw(&data, early, limit.saturating_mul(2) + 4096)?,
                    parms,
                )?
            }
            b"ASCII85Decode" | b"A85" => ascii85(&data),
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"RunLengthDecode" | b"RL" => run_length(&data, limit + 4096),
            b"JPXDecode" => return Err("JPEG 2000 (JPXDecode) images are not read".into()),
            other => {
                return Err(format!(
                    "image filter /{} not supported",
                    String::from_utf8_lossy(other)
                ))
            }
        };
        if data.len() > limit.saturating_mul(2) + 4096 {
            return Err("the image data is larger than its size says".into());
        }
    }
    Ok((data, None))
}

fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut z = flate2::read::ZlibDecoder::new(data).take(limit as u64 + 1);
    if z.read_to_end(&mut out).is_err() && out.is_empty() && data.len() > 2 {
        // damaged zlib header or checksum: try raw deflate
        out.clear();
        let _ = flate2::read::DeflateDecoder::new(&data[2..])
            .take(limit as u64 + 1)
            .read_to_end(&mut out);
    }
    if out.len() > limit {
        return Err("the image data inflates beyond its declared size".into());
    }
    Ok(out)
}

fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, String> {
    use weezl::{decode::Decoder, BitOrder};
    let mut d = if early {
        Decoder::with_tiff_size_switch(BitOrder::Msb, 8)
    } else {
        Decoder::new(BitOrder::Msb, 8)
    };
    let mut out = Vec::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut input = data;
    loop {
        let r = d.decode_bytes(input, &mut buf);
        out.extend_from_slice(&buf[..r.consumed_out]);
        input = &input[r.consumed_in..];
        if out.len() > limit {
            return Err("the image data decompresses beyond its declared size".into());
        }
        match r.status {
            Ok(weezl::LzwStatus::Ok) if r.consumed_in > 0 || r.consumed_out > 0 => continue,
            _ => break,
        }
    }
    Ok(out)
}

/// PNG (10–15) and TIFF (2) predictors.
fn predict(doc: &Document, data: Vec<u8>, parms: Option<&Dictionary>) -> Result<Vec<u8>, String> {
    let Some(p) = parms else {
        return Ok(data);
    };
    let pred = int(doc, p, b"Predictor").unwrap_or(1);
    if pred < 2 {
        return Ok(data);
    }
    let colors = int(doc, p, b"Colors").unwrap_or(1).clamp(1, 32) as usize;
    let bpc = int(doc, p, b"BitsPerComponent").unwrap_or(8).clamp(1, 16) as usize;
    let cols = int(doc, p, b"Columns").unwrap_or(1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bpc).div_ceil(8).max(1);
    let row = (colors * bpc * cols).div_ceil(8);
    if pred == 2 {
        if bpc != 8 {
            return Ok(data);
        }
        let mut d = data;
        for r in d.chunks_mut(row) {
            for i in bpp..r.len() {
                r[i] = r[i].wrapping_add(r[i - bpp]);
            }
        }
        return Ok(d);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut prev = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        if chunk.len() < 2 {
            break;
        }
        let (ft, src) = (chunk[0], &chunk[1..]);
        let mut cur = vec![0u8; row];
        for i in 0..src.len().min(row) {
            let a = if i >= bpp { cur[i - bpp] } else { 0 } as i32;
            let b = prev[i] as i32;
            let c = if i >= bpp { prev[i - bpp] } else { 0 } as i32;
            let x = src[i] as i32;
            cur[i] = match ft {
                1 => x + a,
                2 => x + b,
                3 => x + (a + b) / 2,
                4 => {
                    let p = a + b - c;
                    let (pa, pb, pc) = ((p - a).abs(), (p - b).abs(), (p - c).abs());
                    x + if pa <= pb && pa <= pc {
                        a
                    } else if pb <= pc {
                        b
                    } else {
                        c
                    }
                }
                _ => x,
            } as u8;
        }
        out.extend_from_slice(&cur);
        prev = cur;
    }
    Ok(out)
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut n) = (0u64, 0);
    for &c in data {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                acc = acc * 85 + (c - b'!') as u64;
                n += 1;
                if n == 5 {
                    out.extend_from_slice(&(acc as u32).to_be_bytes());
                    acc = 0;
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for _ in n..5 {
            acc = acc * 85 + 84;
        }
        out.extend_from_slice(&(acc as u32).to_be_bytes()[..n - 1]);
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut hi: Option<u8> = None;
    for &c in data {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b'>' => break,
            _ => continue,
        };
        match hi.take() {
            Some(h) => out.push(h << 4 | v),
            None => hi = Some(v),
        }
    }
    if let Some(h) = hi {
        out.push(h << 4);
    }
    out
}

fn run_length(data: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() && out.len() <= limit {
        let l = data[i] as usize;
        i += 1;
        if l < 128 {
            let end = (i + l + 1).min(data.len());
            out.extend_from_slice(&data[i..end]);
            i = end;
        } else if l > 128 {
            if let Some(&b) = data.get(i) {
                out.extend(std::iter::repeat_n(b, 257 - l));
            }
            i += 1;
        } else {
            break;
        }
    }
    out
}

/// Decodes the image XObject `s` to grey, a red seal's ink as `seal` says.
pub fn decode(doc: &Document, s: &Stream, seal: Seal) -> Result<Gray, String> {
    let d = &s.dict;
    let w = int(doc, d, b"Width")
        .or_else(|| int(doc, d, b"W"))
        .unwrap_or(0);
    let h = int(doc, d, b"Height")
        .or_else(|| int(doc, d, b"H"))
        .unwrap_or(0);
    if w <= 0 || h <= 0 {
        return Err("image without a size".into());
    }
    let (w, h) = (w as usize, h as usize);
    if (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!(
            "image of {w} × {h} pixels is larger than the {MAX_PIXELS} pixels allowed"
        ));
    }
    let mask =
        boolean(doc, d, b"ImageMask").unwrap_or(false) || boolean(doc, d, b"IM").unwrap_or(false);
    let bpc = if mask {
        1
    } else {
        int(doc, d, b"BitsPerComponent")
            .or_else(|| int(doc, d, b"BPC"))
            .unwrap_or(8)
    };
    let decode_arr: Vec<f64> = match get(doc, d, b"Decode").or_else(|| get(doc, d, b"D")) {
        Some(Object::Array(a)) => a.iter().filter_map(|o| num(deref(doc, o))).collect(),
        _ => Vec::new(),
    };
    let inverted = decode_arr.len() >= 2 && decode_arr[0] > decode_arr[1];
    let cs = if mask {
        Space::Gray
    } else {
        match space(
            doc,
            get(doc, d, b"ColorSpace").or_else(|| get(doc, d, b"CS")),
            0,
        ) {
            Ok(c) => c,
            // a JPEG knows its own colours
            Err(_) if filters(doc, s).iter().any(|f| f.0 == b"DCTDecode") => Space::Rgb,
            Err(e) => return Err(e),
        }
    };
    let expected = (w * cs.comps() * bpc.clamp(1, 16) as usize).div_ceil(8) * h;
    let (data, image_filter) = unfilter(doc, s, expected)?;
    let mut img = match image_filter {
        Some((f, _)) if f == b"DCTDecode" || f == b"DCT" => jpeg(&data, seal)?,
        Some((f, parms)) if f == b"CCITTFaxDecode" || f == b"CCF" => {
            bilevel(ccitt(doc, &data, parms, w, h)?, w, h, inverted)
        }
        Some((_, parms)) => bilevel(jbig2(doc, &data, parms, w, h)?, w, h, inverted),
        None => raw(&data, w, h, bpc, &cs, inverted, seal)?,
    };
    if bpc == 1 || mask {
        unflip_if_dark(&mut img);
    }
    Ok(img)
}

/// A bi-level image from black/white pixels (true = black), with `/Decode`
/// inversion.
fn bilevel(black: Vec<bool>, w: usize, h: usize, invert: bool) -> Gray {
    Gray {
        w,
        h,
        px: black
            .into_iter()
            .map(|b| if b != invert { 0 } else { 255 })
            .collect(),
    }
}

/// A bi-level page that is mostly black is a negative: turn it back.
fn unflip_if_dark(img: &mut Gray) {
    let dark = img.px.iter().filter(|&&v| v < 128).count();
    if dark * 10 > img.px.len() * 6 {
        for v in &mut img.px {
            *v = 255 - *v;
        }
    }
}

fn jpeg(data: &[u8], seal: Seal) -> Result<Gray, String> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let opts = DecoderOptions::default()
        .set_max_width(1 << 16)
        .set_max_height(1 << 16)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(data), opts);
    dec.decode_headers()
        .map_err(|e| format!("JPEG image: {e:?}"))?;
    let info = dec.info().ok_or("JPEG image without a header")?;
    let (w, h) = (info.width as usize, info.height as usize);
    if w == 0 || h == 0 || (w as u64) * (h as u64) > MAX_PIXELS {
        return Err(format!("JPEG image of {w} × {h} pixels refused"));
    }
    let grey_in = info.components == 1;
    let mut dec = zune_jpeg::JpegDecoder::new_with_options(
        ZCursor::new(data),
        opts.jpeg_set_out_colorspace(if grey_in {
            ColorSpace::Luma
        } else {
            ColorSpace::RGB
        }),
    );
    let px = dec.decode().map_err(|e| format!("JPEG image: {e:?}"))?;
    let n = w * h;
    let px = if grey_in {
        px
    } else {
        if px.len() < n * 3 {
            return Err("JPEG image shorter than its size".into());
        }
        px.chunks_exact(3)
            .take(n)
            .map(|c| grey_of(c[0], c[1], c[2], seal))
            .collect()
    };
    if px.len() < n {
        return Err("JPEG image shorter than its size".into());
    }
    Ok(Gray {
        w,
        h,
        px: px[..n].to_vec(),
    })
}

fn ccitt(
    doc: &Document,
    data: &[u8],
    parms: Option<&Dictionary>,
    w: usize,
    h: usize,
) -> Result<Vec<bool>, String> {
    let p = |k: &[u8]| parms.and_then(|d| int(doc, d, k));
    let k = p(b"K").unwrap_or(0);
    let cols = p(b"Columns").unwrap_or(1728).clamp(1, 1 << 16) as usize;
    let black_is_1 = parms
        .and_then(|d| boolean(doc, d, b"BlackIs1"))
        .unwrap_or(false);
    let mut out: Vec<bool> = Vec::with_capacity(w * h);
    let mut push = |line: &[u32]| {
        if out.len() >= w * h {
            return;
        }
        let pels: Vec<bool> = fax::decoder::pels(line, cols as u32)
            .map(|c| c == fax::Color::Black)
            .collect();
        for x in 0..w {
            out.push(pels.get(x).copied().unwrap_or(false));
        }
    };
    let ok = if k < 0 {
        fax::decoder::decode_g4(
            data.iter().copied(),
            cols as u16 as u32,
            Some(h as u32),
            &mut push,
        )
    } else {
        fax::decoder::decode_g3(data.iter().copied(), &mut push)
    };
    if ok.is_none() && out.is_empty() {
        return Err("CCITT fax image could not be decoded".into());
    }
    out.resize(w * h, false);
    // with BlackIs1 the filter gives 1 for black, which a grey image shows
    // as white (a /Decode [1 0] then turns it back)
    if black_is_1 {
        for b in &mut out {
            *b = !*b;
        }
    }
    Ok(out)
}

fn jbig2(
    doc: &Document,
    data: &[u8],
    parms: Option<&Dictionary>,
    w: usize,
    h: usize,
) -> Result<Vec<bool>, String> {
    let settings = hayro_jbig2::DecodeSettings::default();
    let globals_data: Option<Vec<u8>> = parms
        .and_then(|p| get(doc, p, b"JBIG2Globals"))
        .and_then(|g| g.as_stream().ok())
        .and_then(|g| unfilter(doc, g, 1 << 24).ok().map(|(d, _)| d));
    let globals = match &globals_data {
        Some(g) => Some(
            hayro_jbig2::Globals::new(g, &settings).map_err(|e| format!("JBIG2 globals: {e:?}"))?,
        ),
        None => None,
    };
    let page = hayro_jbig2::Page::new_embedded(data, globals.as_ref(), &settings)
        .map_err(|e| format!("JBIG2 image: {e:?}"))?;
    let (pw, ph) = (page.width() as usize, page.height() as usize);
    if (pw as u64) * (ph as u64) > MAX_PIXELS {
        return Err("JBIG2 image too large".into());
    }
    struct Sink {
        px: Vec<bool>,
        row: usize,
        x: usize,
        w: usize,
        h: usize,
        pw: usize,
    }
    impl hayro_jbig2::Decoder for Sink {
        fn push_pixel(&mut self, black: bool) {
            if self.x < self.w && self.row < self.h {
                self.px[self.row * self.w + self.x] = black;
            }
            self.x += 1;
        }
        fn push_pixel_chunk(&mut self, black: bool, chunk_count: u32) {
            for _ in 0..chunk_count as usize * 8 {
                if self.x >= self.pw {
                    break;
                }
                self.push_pixel(black);
            }
        }
        fn next_line(&mut self) {
            self.row += 1;
            self.x = 0;
        }
    }
    let mut sink = Sink {
        px: vec![false; w * h],
        row: 0,
        x: 0,
        w,
        h,
        pw,
    };
    let _ = ph;
    page.decode(&mut sink)
        .map_err(|e| format!("JBIG2 image: {e:?}"))?;
    Ok(sink.px)
}

/// Raw samples to grey.
fn raw(
    data: &[u8],
    w: usize,
    h: usize,
    bpc: i64,
    cs: &Space,
    invert: bool,
    seal: Seal,
) -> Result<Gray, String> {
    if !matches!(bpc, 1 | 2 | 4 | 8 | 16) {
        return Err(format!("{bpc} bits per component not supported"));
    }
    let bpc = bpc as usize;
    let comps = cs.comps();
    let row_bytes = (w * comps * bpc).div_ceil(8);
    if data.len() < row_bytes * h {
        // a short stream: keep what there is, white below
        if data.len() < row_bytes {
            return Err("image data missing".into());
        }
    }
    let max = ((1u32 << bpc) - 1) as f64;
    let sample = |row: &[u8], i: usize| -> f64 {
        let v = match bpc {
            8 => row.get(i).copied().unwrap_or(0) as u32,
            16 => {
                let hi = row.get(2 * i).copied().unwrap_or(0) as u32;
                let lo = row.get(2 * i + 1).copied().unwrap_or(0) as u32;
                (hi << 8) | lo
            }
            _ => {
                let bit = i * bpc;
                let byte = row.get(bit / 8).copied().unwrap_or(0) as u32;
                (byte >> (8 - bpc - bit % 8)) & ((1 << bpc) - 1)
            }
        };
        let f = v as f64 / max;
        if invert {
            1.0 - f
        } else {
            f
        }
    };
    let mut px = vec![255u8; w * h];
    let rows = (data.len() / row_bytes).min(h);
    for y in 0..rows {
        let row = &data[y * row_bytes..(y + 1) * row_bytes];
        for x in 0..w {
            let i = x * comps;
            let g = match cs {
                Space::Gray => (sample(row, i) * 255.0).round() as u8,
                Space::Rgb => grey_of(
                    (sample(row, i) * 255.0) as u8,
                    (sample(row, i + 1) * 255.0) as u8,
                    (sample(row, i + 2) * 255.0) as u8,
                    seal,
                ),
                Space::Lab => (sample(row, i) * 255.0).round() as u8,
                Space::Cmyk => {
                    let (c, m, yy, k) = (
                        sample(row, i),
                        sample(row, i + 1),
                        sample(row, i + 2),
                        sample(row, i + 3),
                    );
                    let to = |v: f64| ((1.0 - v) * (1.0 - k) * 255.0).round() as u8;
                    grey_of(to(c), to(m), to(yy), seal)
                }
                Space::Tint(n) => {
                    let ink: f64 = (0..*n).map(|j| sample(row, i + j)).fold(0.0, f64::max);
                    ((1.0 - ink) * 255.0).round() as u8
                }
                Space::Indexed {
                    base,
                    hival,
                    lookup,
                } => {
                    let idx = ((sample(row, i) * max).round() as usize).min(*hival);
                    let bc = base.comps();
                    let e = |j: usize| lookup.get(idx * bc + j).copied().unwrap_or(255);
                    match **base {
                        Space::Rgb => grey_of(e(0), e(1), e(2), seal),
                        Space::Cmyk => {
                            let k = e(3) as f64 / 255.0;
                            let to = |v: u8| {
                                ((1.0 - v as f64 / 255.0) * (1.0 - k) * 255.0).round() as u8
                            };
                            grey_of(to(e(0)), to(e(1)), to(e(2)), seal)
                        }
                        _ => e(0),
                    }
                }
            };
            px[y * w + x] = g;
        }
    }
    Ok(Gray { w, h, px })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{dictionary, Stream};

    fn doc() -> Document {
        Document::with_version("1.5")
    }

    #[test]
    fn raw_grey_and_rgb() {
        let d = doc();
        let s = Stream::new(
            dictionary! {"Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray"},
            vec![0, 255],
        );
        assert_eq!(decode(&d, &s, Seal::Kept).unwrap().px, vec![0, 255]);
        // a red seal pixel becomes light, a black one stays dark
        let s = Stream::new(
            dictionary! {"Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB"},
            vec![230, 30, 30, 10, 10, 10],
        );
        let g = decode(&d, &s, Seal::Kept).unwrap();
        assert!(g.px[0] > 200 && g.px[1] < 20, "{:?}", g.px);
        // a seal's body as scanned: a light grey kept, paper taken out
        let s = Stream::new(
            dictionary! {"Width" => 1, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB"},
            vec![212, 48, 48],
        );
        assert_eq!(decode(&d, &s, Seal::Kept).unwrap().px, vec![212]);
        assert_eq!(decode(&d, &s, Seal::Out).unwrap().px, vec![251]);
    }

    #[test]
    fn one_bit_mask_and_inversion() {
        let d = doc();
        // 8 pixels: 0b0000_1111, as an image mask 0 paints (black)
        let s = Stream::new(
            dictionary! {"Width" => 8, "Height" => 1, "ImageMask" => true},
            vec![0b0000_1111],
        );
        let g = decode(&d, &s, Seal::Kept).unwrap();
        assert_eq!(g.px, vec![0, 0, 0, 0, 255, 255, 255, 255]);
    }

    #[test]
    fn flate_with_png_predictor() {
        use std::io::Write;
        // two rows of 3 grey pixels with the Up filter on the second row
        let rows = [0u8, 10, 20, 30, 2, 1, 1, 1];
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&rows).unwrap();
        let s = Stream::new(
            dictionary! {"Width" => 3, "Height" => 2, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray",
            "Filter" => "FlateDecode",
            "DecodeParms" => dictionary!{"Predictor" => 12, "Colors" => 1, "Columns" => 3}},
            z.finish().unwrap(),
        );
        assert_eq!(
            decode(&doc(), &s, Seal::Kept).unwrap().px,
            vec![10, 20, 30, 11, 21, 31]
        );
    }

    #[test]
    fn hostile_images_are_refused_not_followed() {
        use std::io::Write;
        let d = doc();
        let huge = Stream::new(
            dictionary! {"Width" => 100_000, "Height" => 100_000, "BitsPerComponent" => 8},
            vec![0; 10],
        );
        assert!(decode(&d, &huge, Seal::Kept).is_err());
        // 10 MB of zeros declared as a 10 × 10 image
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&vec![0u8; 10 << 20]).unwrap();
        let bomb = Stream::new(
            dictionary! {"Width" => 10, "Height" => 10, "BitsPerComponent" => 8, "Filter" => "FlateDecode"},
            z.finish().unwrap(),
        );
        assert!(decode(&d, &bomb, Seal::Kept).is_err());
        let junk = Stream::new(
            dictionary! {"Width" => 10, "Height" => 10, "Filter" => "DCTDecode"},
            b"not a jpeg".to_vec(),
        );
        assert!(decode(&d, &junk, Seal::Kept).is_err());
        let jbig = Stream::new(
            dictionary! {"Width" => 10, "Height" => 10, "BitsPerComponent" => 1, "Filter" => "JBIG2Decode"},
            vec![0xff; 40],
        );
        assert!(decode(&d, &jbig, Seal::Kept).is_err());
        let no_size = Stream::new(dictionary! {}, vec![]);
        assert!(decode(&d, &no_size, Seal::Kept).is_err());
    }

    #[test]
    fn ascii_filters() {
        assert_eq!(ascii_hex(b"41 42 4>"), b"AB@".to_vec());
        // three whole groups: twelve bytes
        assert_eq!(ascii85(b"87cURD]i,\"Ebo80~>"), b"Hello World!".to_vec());
        assert_eq!(
            run_length(&[2, b'a', b'b', b'c', 254, b'x', 128], 100),
            b"abcxxx".to_vec()
        );
    }
}
