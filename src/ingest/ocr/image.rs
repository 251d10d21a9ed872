//! Grey page images: the one pixel format the OCR stage works on, with the
//! few operations it needs (scaling, rotation, turning by quarter turns).
//!
//! Every image is bounded: [`MAX_PIXELS`] pixels at most, so a hostile file
//! that declares a 100 000 × 100 000 image is refused before any memory is
//! allocated for it.

/// Most pixels one page image may have (a 600 dpi A3 page is 70 Mpx; a
/// 300 dpi A4 scan 8.7 Mpx).
pub const MAX_PIXELS: u64 = 80_000_000;

/// An 8-bit grey image, row by row, 0 = black, 255 = white.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gray {
    /// Width in pixels.
    pub w: usize,
    /// Height in pixels.
    pub h: usize,
    /// `w * h` samples, row by row.
    pub px: Vec<u8>,
}

impl Gray {
    /// A white image of `w` × `h` pixels; `None` when it would exceed
    /// [`MAX_PIXELS`] or is empty.
    pub fn white(w: usize, h: usize) -> Option<Gray> {
        if w == 0 || h == 0 || (w as u64) * (h as u64) > MAX_PIXELS {
            return None;
        }
        Some(Gray {
            w,
            h,
            px: vec![255; w * h],
        })
    }

    /// The sample at (`x`, `y`), white outside the image.
    #[inline]
    pub fn get(&self, x: isize, y: isize) -> u8 {
        if x < 0 || y < 0 || x as usize >= self.w || y as usize >= self.h {
            255
        } else {
            self.px[y as usize * self.w + x as usize]
        }
    }

    /// Bilinear sample at a real position (white outside).
    #[inline]
    pub fn sample(&self, x: f64, y: f64) -> f64 {
        let (x0, y0) = (x.floor(), y.floor());
        let (fx, fy) = (x - x0, y - y0);
        let (xi, yi) = (x0 as isize, y0 as isize);
        let a = self.get(xi, yi) as f64;
        let b = self.get(xi + 1, yi) as f64;
        let c = self.get(xi, yi + 1) as f64;
        let d = self.get(xi + 1, yi + 1) as f64;
        (a * (1.0 - fx) + b * fx) * (1.0 - fy) + (c * (1.0 - fx) + d * fx) * fy
    }

    /// The image scaled to `w` × `h`: area averaging when shrinking (so thin
    /// strokes are not lost), bilinear when enlarging.
    pub fn resize(&self, w: usize, h: usize) -> Gray {
        let w = w.max(1);
        let h = h.max(1);
        if w == self.w && h == self.h {
            return self.clone();
        }
        let mut out = vec![255u8; w * h];
        let sx = self.w as f64 / w as f64;
        let sy = self.h as f64 / h as f64;
        if sx >= 1.0 && sy >= 1.0 {
            // box filter over the source rectangle of each target pixel,
            // with fractional edge weights
            for ty in 0..h {
                let (fy0, fy1) = (ty as f64 * sy, (ty + 1) as f64 * sy);
                for tx in 0..w {
                    let (fx0, fx1) = (tx as f64 * sx, (tx + 1) as f64 * sx);
                    let mut acc = 0.0;
                    let mut wsum = 0.0;
                    let mut y = fy0.floor() as usize;
                    while (y as f64) < fy1 && y < self.h {
                        let wy = (fy1.min(y as f64 + 1.0) - fy0.max(y as f64)).max(0.0);
                        let row = &self.px[y * self.w..(y + 1) * self.w];
                        let mut x = fx0.floor() as usize;
                        while (x as f64) < fx1 && x < self.w {
                            let wx = (fx1.min(x as f64 + 1.0) - fx0.max(x as f64)).max(0.0);
                            acc += row[x] as f64 * wx * wy;
                            wsum += wx * wy;
                            x += 1;
                        }
                        y += 1;
                    }
                    out[ty * w + tx] = if wsum > 0.0 {
                        (acc / wsum).round().clamp(0.0, 255.0) as u8
                    } else {
                        255
                    };
                }
            }
        } else {
            for ty in 0..h {
                let y = (ty as f64 + 0.5) * sy - 0.5;
                for tx in 0..w {
                    let x = (tx as f64 + 0.5) * sx - 0.5;
                    let x = x.clamp(0.0, (self.w - 1) as f64);
                    let y = y.clamp(0.0, (self.h - 1) as f64);
                    out[ty * w + tx] = self.sample(x, y).round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        Gray { w, h, px: out }
    }

    /// The part of the image inside `[x0, y0, x1, y1)` (clamped to the image).
    pub fn crop(&self, x0: usize, y0: usize, x1: usize, y1: usize) -> Gray {
        let x1 = x1.min(self.w).max(x0.min(self.w) + 1).min(self.w);
        let y1 = y1.min(self.h).max(y0.min(self.h) + 1).min(self.h);
        let x0 = x0.min(x1.saturating_sub(1));
        let y0 = y0.min(y1.saturating_sub(1));
        let (w, h) = (x1 - x0, y1 - y0);
        let mut px = Vec::with_capacity(w * h);
        for y in y0..y1 {
            px.extend_from_slice(&self.px[y * self.w + x0..y * self.w + x1]);
        }
        Gray { w, h, px }
    }

    /// The image turned by `deg` degrees counter-clockwise about its centre
    /// (bilinear, same size, white where nothing maps): undoes a scan's small
    /// clockwise skew.
    pub fn rotate(&self, deg: f64) -> Gray {
        let (s, c) = deg.to_radians().sin_cos();
        let (cx, cy) = ((self.w as f64 - 1.0) / 2.0, (self.h as f64 - 1.0) / 2.0);
        let mut px = vec![255u8; self.w * self.h];
        for y in 0..self.h {
            let dy = y as f64 - cy;
            for x in 0..self.w {
                let dx = x as f64 - cx;
                // source of the target pixel: the inverse rotation
                let sx = c * dx - s * dy + cx;
                let sy = s * dx + c * dy + cy;
                px[y * self.w + x] = self.sample(sx, sy).round().clamp(0.0, 255.0) as u8;
            }
        }
        Gray {
            w: self.w,
            h: self.h,
            px,
        }
    }

    /// The image turned by `quarters` quarter turns clockwise.
    pub fn turn(&self, quarters: u32) -> Gray {
        match quarters % 4 {
            0 => self.clone(),
            2 => {
                let mut px = self.px.clone();
                px.reverse();
                Gray {
                    w: self.w,
                    h: self.h,
                    px,
                }
            }
            q => {
                let (w, h) = (self.h, self.w);
                let mut px = vec![255u8; w * h];
                for y in 0..self.h {
                    for x in 0..self.w {
                        let (tx, ty) = if q == 1 {
                            (self.h - 1 - y, x)
                        } else {
                            (y, self.w - 1 - x)
                        };
                        px[ty * w + tx] = self.px[y * self.w + x];
                    }
                }
                Gray { w, h, px }
            }
        }
    }

    /// The image mirrored left to right.
    pub fn flip_x(&self) -> Gray {
        let mut px = self.px.clone();
        for row in px.chunks_mut(self.w) {
            row.reverse();
        }
        Gray {
            w: self.w,
            h: self.h,
            px,
        }
    }

    /// The image mirrored top to bottom.
    pub fn flip_y(&self) -> Gray {
        let mut px = Vec::with_capacity(self.px.len());
        for row in self.px.chunks(self.w).rev() {
            px.extend_from_slice(row);
        }
        Gray {
            w: self.w,
            h: self.h,
            px,
        }
    }

    /// A binary PGM (`P5`) or PPM (`P6`) file, 8 bits, as `pdftoppm` writes
    /// them; a PPM's colour becomes grey through [`grey_of`] with `seal`.
    pub fn from_pnm(bytes: &[u8], seal: Seal) -> Option<Gray> {
        let comps = if bytes.starts_with(b"P5") {
            1
        } else if bytes.starts_with(b"P6") {
            3
        } else {
            return None;
        };
        let mut fields = Vec::new();
        let mut i = 2;
        while fields.len() < 3 {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && bytes[i] == b'#' {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if start == i {
                return None;
            }
            fields.push(
                std::str::from_utf8(&bytes[start..i])
                    .ok()?
                    .parse::<usize>()
                    .ok()?,
            );
        }
        i += 1;
        let (w, h, max) = (fields[0], fields[1], fields[2]);
        if max != 255 || w == 0 || h == 0 || (w as u64) * (h as u64) > MAX_PIXELS {
            return None;
        }
        let data = bytes.get(i..i + w * h * comps)?;
        let px = if comps == 1 {
            data.to_vec()
        } else {
            data.chunks_exact(3)
                .map(|c| grey_of(c[0], c[1], c[2], seal))
                .collect()
        };
        Some(Gray { w, h, px })
    }

    /// The image as a binary PGM file (for diagnosing).
    pub fn to_pgm(&self) -> Vec<u8> {
        let mut out = format!("P5\n{} {}\n255\n", self.w, self.h).into_bytes();
        out.extend_from_slice(&self.px);
        out
    }
}

/// What becomes of a red seal's ink when colour turns grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seal {
    /// Its body a light grey, darker where other ink lies under it: the page
    /// as its rulings are found on, a line under the seal as dark as ever
    /// where it crosses.
    Kept,
    /// Its body paper: the page as its text is read on. A character under a
    /// seal kept grey is boxed in by it and misread (putuo-finance's `二、`
    /// under a seal's square read as `、`).
    Out,
}

/// Red level of a seal's ink, as scanned (the seals of the scanned twins:
/// 211 at the median, 177–234 for nine pixels in ten): taken to paper when
/// the seal is [`Seal::Out`].
pub const SEAL_RED: i32 = 215;

/// Grey value of a colour pixel, with red ink taken out: a red seal stamped
/// over the text turns light, while black text under it stays dark (the seal
/// would otherwise hide or garble what it covers). A pixel is taken as red
/// ink when its red channel stands well above both green and blue; it is then
/// given its red channel's value (light for pure red ink, still dark where
/// black ink overlaps it), with [`SEAL_RED`] as paper when the seal is
/// [`Seal::Out`].
#[inline]
pub fn grey_of(r: u8, g: u8, b: u8, seal: Seal) -> u8 {
    let (ri, gi, bi) = (r as i32, g as i32, b as i32);
    if ri - gi.max(bi) > 50 {
        return match seal {
            Seal::Kept => r,
            Seal::Out => (ri * 255 / SEAL_RED).min(255) as u8,
        };
    }
    ((299 * ri + 587 * gi + 114 * bi + 500) / 1000) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn img(w: usize, h: usize) -> Gray {
        Gray {
            w,
            h,
            px: (0..w * h).map(|i| (i % 251) as u8).collect(),
        }
    }

    #[test]
    fn bounded() {
        assert!(Gray::white(100_000, 100_000).is_none());
        assert!(Gray::white(0, 10).is_none());
        assert!(Gray::white(10, 10).is_some());
    }

    #[test]
    fn turns_and_flips() {
        let a = img(3, 2);
        assert_eq!(a.turn(4), a);
        assert_eq!(a.turn(1).turn(3), a);
        assert_eq!(a.turn(2), a.turn(1).turn(1));
        let t = a.turn(1);
        assert_eq!((t.w, t.h), (2, 3));
        // clockwise: the top-left pixel goes to the top-right
        assert_eq!(t.px[1], a.px[0]);
        assert_eq!(a.flip_x().flip_x(), a);
        assert_eq!(a.flip_y().flip_y(), a);
    }

    #[test]
    fn resize_keeps_dark_strokes() {
        // a one-pixel black column in a white image survives halving as grey
        let mut a = Gray::white(10, 10).unwrap();
        for y in 0..10 {
            a.px[y * 10 + 4] = 0;
        }
        let b = a.resize(5, 5);
        assert!(b.px[2] < 200, "{:?}", b.px);
        let c = a.resize(20, 20);
        assert_eq!((c.w, c.h), (20, 20));
    }

    #[test]
    fn rotate_zero_is_identity() {
        let a = img(7, 5);
        assert_eq!(a.rotate(0.0), a);
    }

    #[test]
    fn red_ink_turns_light() {
        for seal in [Seal::Kept, Seal::Out] {
            assert!(grey_of(220, 40, 40, seal) > 200);
            assert!(grey_of(20, 20, 20, seal) < 30);
            assert!(grey_of(60, 10, 10, seal) < 80); // black text under the seal
            assert_eq!(grey_of(255, 255, 255, seal), 255);
        }
        // a seal's body: a light grey kept, paper taken out; black text
        // under it dark either way
        assert!(grey_of(215, 45, 45, Seal::Kept) < 225);
        assert_eq!(grey_of(215, 45, 45, Seal::Out), 255);
        assert!(grey_of(130, 20, 20, Seal::Out) < 160);
    }

    #[test]
    fn pgm_round_trip() {
        let a = img(4, 3);
        assert_eq!(Gray::from_pnm(&a.to_pgm(), Seal::Kept), Some(a));
        assert_eq!(Gray::from_pnm(b"P5\n1 1\n255\n", Seal::Kept), None);
        assert_eq!(Gray::from_pnm(b"P5\n99999 99999\n255\n", Seal::Kept), None);
        // colour: a seal's red pixel and a black one
        let ppm = b"P6\n2 1\n255\n\xd4\x30\x30\x0a\x0a\x0a";
        assert_eq!(Gray::from_pnm(ppm, Seal::Kept).unwrap().px, vec![212, 10]);
        assert_eq!(Gray::from_pnm(ppm, Seal::Out).unwrap().px, vec![251, 10]);
    }
}
