//! The image of a page to read: its embedded scan where it has one, else the
//! page rendered.
//!
//! - **One image over the page, upright** (what scanners and most "print to
//!   PDF" tools write): the image is decoded and used at its own resolution,
//!   with no resampling; pixel positions map to page points through where
//!   the page draws it.
//! - **Several images, or one turned or mirrored** (strips, tiles, a scan
//!   placed sideways): the images are drawn onto one canvas over the page at
//!   the resolution of the finest of them (100–300 dpi), each through the
//!   inverse of the matrix that places it.
//! - **No usable image** (a page whose text layer is junk drawn with fonts, an
//!   inline or JPEG 2000 image): the page is rendered by `pdftoppm` (poppler)
//!   at 200 dpi, grey, where it is installed; otherwise the page cannot be
//!   read and says so.

use super::decode;
use super::image::{Gray, Seal, MAX_PIXELS};
use pdf_extract::{Document, Object, ObjectId};

/// An image XObject drawn on a page and the matrix mapping the unit square to
/// its place in display space (points, origin top left, y down).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The image's object.
    pub id: ObjectId,
    /// Unit square → display space.
    pub ctm: [f64; 6],
}

/// A page image and how its pixels map to page points:
/// `x_pt = origin.0 + x_px * scale.0`, `y_pt = origin.1 + y_px * scale.1`.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// The pixels, a red seal's body kept a light grey: the page its
    /// rulings are found on.
    pub img: Gray,
    /// The pixels with a red seal's body taken to paper, where that differs
    /// from `img`: the page its text is read on (see [`Seal`]).
    pub text: Option<Gray>,
    /// Resolution in pixels per inch (for tolerances in inches).
    pub dpi: f64,
    /// Page position of pixel (0, 0), in points.
    pub origin: (f64, f64),
    /// Points per pixel, across and down.
    pub scale: (f64, f64),
    /// How the image was obtained, for diagnostics (`embedded`, `composed`,
    /// `rendered`).
    pub how: &'static str,
}

fn apply(m: &[f64; 6], x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// Where an image lies: its top-left corner (first sample) and the display
/// vectors along its columns and rows (whole width, whole height).
fn corners(ctm: &[f64; 6]) -> ((f64, f64), (f64, f64), (f64, f64)) {
    let p00 = apply(ctm, 0.0, 1.0);
    let p10 = apply(ctm, 1.0, 1.0);
    let p01 = apply(ctm, 0.0, 0.0);
    (
        p00,
        (p10.0 - p00.0, p10.1 - p00.1),
        (p01.0 - p00.0, p01.1 - p00.1),
    )
}

fn bbox(ctm: &[f64; 6]) -> [f64; 4] {
    let pts = [
        apply(ctm, 0.0, 0.0),
        apply(ctm, 1.0, 0.0),
        apply(ctm, 0.0, 1.0),
        apply(ctm, 1.0, 1.0),
    ];
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    [
        xs.clone().fold(f64::MAX, f64::min),
        ys.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
        ys.fold(f64::MIN, f64::max),
    ]
}

fn stream(doc: &Document, id: ObjectId) -> Option<&pdf_extract::Stream> {
    match doc.get_object(id).ok()? {
        Object::Stream(s) => Some(s),
        _ => None,
    }
}

/// The page image from the images the page draws (see the module notes).
/// `width`/`height`: the page in points.
pub fn from_images(
    doc: &Document,
    placed: &[Placement],
    width: f64,
    height: f64,
) -> Result<PageImage, String> {
    let page_area = (width * height).max(1.0);
    let visible: Vec<&Placement> = placed
        .iter()
        .filter(|p| p.ctm.iter().all(|v| v.is_finite()))
        .filter(|p| {
            let b = bbox(&p.ctm);
            let w = (b[2].min(width) - b[0].max(0.0)).max(0.0);
            let h = (b[3].min(height) - b[1].max(0.0)).max(0.0);
            w * h > 0.01 * page_area
        })
        .collect();
    if visible.is_empty() {
        return Err("the page draws no image large enough to read".into());
    }
    if let [p] = visible[..] {
        let (p00, ex, ey) = corners(&p.ctm);
        let upright =
            ex.0 > 0.0 && ey.1 > 0.0 && ex.1.abs() < 1e-6 * ex.0 && ey.0.abs() < 1e-6 * ey.1;
        let b = bbox(&p.ctm);
        let covered = (b[2].min(width) - b[0].max(0.0)).max(0.0)
            * (b[3].min(height) - b[1].max(0.0)).max(0.0);
        if upright && covered > 0.85 * page_area {
            let s = stream(doc, p.id).ok_or("the page's image object is missing")?;
            let img = decode::decode(doc, s, Seal::Kept)?;
            let text = decode::decode(doc, s, Seal::Out)
                .ok()
                .filter(|t| t.px != img.px);
            let scale = (ex.0 / img.w as f64, ey.1 / img.h as f64);
            return Ok(PageImage {
                text,
                dpi: 72.0 / scale.0.max(1e-6),
                origin: p00,
                scale,
                img,
                how: "embedded",
            });
        }
    }
    // compose: the finest image's resolution, 100–300 dpi
    let mut dpi: f64 = 0.0;
    let mut decoded: Vec<(&Placement, Gray, Option<Gray>)> = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    for p in &visible {
        let Some(s) = stream(doc, p.id) else {
            continue;
        };
        match decode::decode(doc, s, Seal::Kept) {
            Ok(g) => {
                let (_, ex, ey) = corners(&p.ctm);
                let len = (ex.0.hypot(ex.1)).max(ey.0.hypot(ey.1)).max(1e-6);
                dpi = dpi.max(g.w.max(g.h) as f64 / (len / 72.0));
                let text = decode::decode(doc, s, Seal::Out)
                    .ok()
                    .filter(|t| t.px != g.px);
                decoded.push((p, g, text));
            }
            Err(e) => errors.push(e),
        }
    }
    if decoded.is_empty() {
        return Err(errors
            .into_iter()
            .next()
            .unwrap_or_else(|| "no image could be decoded".into()));
    }
    let mut dpi = dpi.clamp(100.0, 300.0);
    let (mut cw, mut ch) = (width * dpi / 72.0, height * dpi / 72.0);
    if cw * ch > MAX_PIXELS as f64 {
        let f = (MAX_PIXELS as f64 / (cw * ch)).sqrt();
        dpi *= f;
        cw *= f;
        ch *= f;
    }
    let blank =
        Gray::white(cw.ceil() as usize, ch.ceil() as usize).ok_or("the page is too large")?;
    let k = 72.0 / dpi;
    let mut canvas = blank.clone();
    for (p, g, _) in &decoded {
        paint(&mut canvas, p, g, k);
    }
    // and with a red seal taken out, where an image has one
    let text = decoded.iter().any(|d| d.2.is_some()).then(|| {
        let mut text = blank;
        for (p, g, t) in &decoded {
            paint(&mut text, p, t.as_ref().unwrap_or(g), k);
        }
        text
    });
    Ok(PageImage {
        img: canvas,
        text,
        dpi,
        origin: (0.0, 0.0),
        scale: (k, k),
        how: "composed",
    })
}

/// Paints image `g` placed at `p` onto `canvas` (`k` points per pixel), the
/// darker of what is there and the image where images overlap.
fn paint(canvas: &mut Gray, p: &Placement, g: &Gray, k: f64) {
    let (p00, ex, ey) = corners(&p.ctm);
    let det = ex.0 * ey.1 - ex.1 * ey.0;
    if det.abs() < 1e-9 {
        return;
    }
    let b = bbox(&p.ctm);
    let (x0, y0) = ((b[0] / k).floor().max(0.0), (b[1] / k).floor().max(0.0));
    let (x1, y1) = (
        (b[2] / k).ceil().min(canvas.w as f64),
        (b[3] / k).ceil().min(canvas.h as f64),
    );
    for cy in y0 as usize..y1.max(y0) as usize {
        for cx in x0 as usize..x1.max(x0) as usize {
            // display point → (u, v) along the image's columns and rows
            let (dx, dy) = ((cx as f64 + 0.5) * k - p00.0, (cy as f64 + 0.5) * k - p00.1);
            let u = (dx * ey.1 - dy * ey.0) / det;
            let v = (ex.0 * dy - ex.1 * dx) / det;
            if !(0.0..1.0).contains(&u) || !(0.0..1.0).contains(&v) {
                continue;
            }
            let sx = (u * g.w as f64) as usize;
            let sy = (v * g.h as f64) as usize;
            let s = g.px[sy.min(g.h - 1) * g.w + sx.min(g.w - 1)];
            let c = &mut canvas.px[cy * canvas.w + cx];
            *c = (*c).min(s);
        }
    }
}

/// Renders page `number` (1-based) of the PDF file at `path` with `pdftoppm`
/// at `dpi`, in colour turned grey (see [`Seal`]). `width`/`height` are the
/// page in points.
pub fn render(
    path: &std::path::Path,
    number: u32,
    dpi: f64,
    width: f64,
    height: f64,
) -> Result<PageImage, String> {
    let n = number.to_string();
    let r = format!("{}", dpi.round() as u32);
    let out = std::process::Command::new("pdftoppm")
        .args(["-f", &n, "-l", &n, "-r", &r])
        .arg(path)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|_| {
            "the page has no image to read and cannot be rendered: install poppler-utils (pdftoppm)"
                .to_string()
        })?;
    if !out.status.success() {
        return Err("pdftoppm could not render the page".into());
    }
    // colour (PPM), so that a red seal is kept grey for the rulings and
    // taken out for the text, as for an embedded image
    let img = Gray::from_pnm(&out.stdout, Seal::Kept).ok_or("pdftoppm gave no readable image")?;
    let text = Gray::from_pnm(&out.stdout, Seal::Out).filter(|t| t.px != img.px);
    let scale = (width / img.w as f64, height / img.h as f64);
    Ok(PageImage {
        dpi: 72.0 / scale.0.max(1e-6),
        origin: (0.0, 0.0),
        scale,
        img,
        text,
        how: "rendered",
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use pdf_extract::{dictionary, Stream};

    fn doc_with(img: Stream) -> (Document, ObjectId) {
        let mut d = Document::with_version("1.5");
        let id = d.add_object(img);
        (d, id)
    }

    #[test]
    fn an_upright_full_page_image_is_taken_as_it_is() {
        let (d, id) = doc_with(Stream::new(
            dictionary! {"Width" => 4, "Height" => 2, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray"},
            vec![0, 50, 100, 150, 200, 210, 220, 230],
        ));
        // drawn over a 400 × 200 pt page: display space has y down, so the
        // unit square's top (v = 1) is at y = 0
        let p = Placement {
            id,
            ctm: [400.0, 0.0, 0.0, -200.0, 0.0, 200.0],
        };
        let pi = from_images(&d, &[p], 400.0, 200.0).unwrap();
        assert_eq!(pi.how, "embedded");
        assert_eq!(pi.img.px[0], 0);
        assert_eq!(pi.scale, (100.0, 100.0));
        assert_eq!(pi.origin, (0.0, 0.0));
    }

    #[test]
    fn a_sideways_image_is_composed_upright() {
        // a 2 × 1 image (black, white) drawn turned a quarter clockwise:
        // its columns run down the page
        let (d, id) = doc_with(Stream::new(
            dictionary! {"Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray"},
            vec![0, 255],
        ));
        // unit square: u along columns → +y, v (up the image) → +x … (0,1) at top-left
        let p = Placement {
            id,
            ctm: [0.0, 100.0, -100.0, 0.0, 100.0, 0.0],
        };
        let pi = from_images(&d, &[p], 100.0, 100.0).unwrap();
        assert_eq!(pi.how, "composed");
        let g = &pi.img;
        // black half on top, white below
        assert!(g.px[(g.h / 4) * g.w + g.w / 2] < 50);
        assert!(g.px[(3 * g.h / 4) * g.w + g.w / 2] > 200);
    }

    #[test]
    fn a_sealed_page_gives_its_rulings_grey_and_its_text_without_the_seal() {
        // a seal's red pixel and a black one
        let (d, id) = doc_with(Stream::new(
            dictionary! {"Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceRGB"},
            vec![212, 48, 48, 10, 10, 10],
        ));
        // taken as it is, and composed (turned a quarter)
        let upright = Placement {
            id,
            ctm: [200.0, 0.0, 0.0, -100.0, 0.0, 100.0],
        };
        let turned = Placement {
            id,
            ctm: [0.0, 100.0, -100.0, 0.0, 100.0, 0.0],
        };
        for (p, (w, h)) in [(upright, (200.0, 100.0)), (turned, (100.0, 100.0))] {
            let pi = from_images(&d, &[p], w, h).unwrap();
            let text = pi.text.as_ref().expect("a page with a seal");
            let (seal, ink) = (pi.img.px.iter().max(), pi.img.px.iter().min());
            assert_eq!((seal, ink), (Some(&212), Some(&10)), "{}", pi.how);
            let (seal, ink) = (text.px.iter().max(), text.px.iter().min());
            assert_eq!((seal, ink), (Some(&251), Some(&10)), "{}", pi.how);
        }
        // a grey page has no second image
        let (d, id) = doc_with(Stream::new(
            dictionary! {"Width" => 2, "Height" => 1, "BitsPerComponent" => 8, "ColorSpace" => "DeviceGray"},
            vec![212, 10],
        ));
        let p = Placement {
            id,
            ctm: [200.0, 0.0, 0.0, -100.0, 0.0, 100.0],
        };
        assert!(from_images(&d, &[p], 200.0, 100.0).unwrap().text.is_none());
    }

    #[test]
    fn no_image_is_an_error() {
        let d = Document::with_version("1.5");
        assert!(from_images(&d, &[], 100.0, 100.0).is_err());
    }
}
