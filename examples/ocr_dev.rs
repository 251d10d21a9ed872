//! Development aid: reads one page image (PGM or PPM) with the OCR pipeline, prints
//! the time of each step to stderr and the laid-out lines to stdout.
//! `cargo run --release --example ocr_dev -- page.pgm [dpi]`
use juesuan::ingest::ocr;
use std::time::Instant;

fn main() -> Result<(), String> {
    let a: Vec<String> = std::env::args().collect();
    let path = a.get(1).ok_or("usage: ocr_dev PAGE.pgm [DPI]")?;
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let img =
        ocr::image::Gray::from_pnm(&bytes, ocr::image::Seal::Out).ok_or("not a PGM or PPM")?;
    let dpi: f64 = a.get(2).and_then(|s| s.parse().ok()).unwrap_or(150.0);
    let m = ocr::setup::locate()?;
    let env = ocr::engine::runtime(&m.runtime)?;
    let mut e = ocr::engine::Engine::new(env, &m.det, &m.rec, None)?;
    let t = Instant::now();
    let skew = ocr::prep::skew(&img);
    let img = if skew.abs() >= 0.05 {
        img.rotate(skew)
    } else {
        img
    };
    let t1 = t.elapsed();
    if let Some(out) = std::env::var_os("DESKEWED") {
        std::fs::write(out, img.to_pgm()).map_err(|e| e.to_string())?;
    }
    let rules = ocr::prep::rules(&img, dpi);
    let thick = ocr::prep::thickness(&img, &rules);
    let mut clean = img.clone();
    if std::env::var_os("NOERASE").is_none() {
        ocr::prep::erase(&mut clean, &rules, &thick);
    }
    let t2 = t.elapsed();
    let boxes = e.detect(&clean)?;
    let t3 = t.elapsed();
    let b: Vec<[f64; 4]> = boxes.iter().map(|b| b.bounds).collect();
    let lines = if std::env::var_os("RECRAW").is_some() {
        e.recognise(&img, &b)?
    } else {
        e.recognise(&clean, &b)?
    };
    let t4 = t.elapsed();
    eprintln!(
        "skew {skew:.2}° {t1:?}, rules {} {:?}, detect {} boxes {:?}, recognise {:?}",
        rules.len(),
        t2 - t1,
        b.len(),
        t3 - t2,
        t4 - t3
    );
    if std::env::var_os("RULES").is_some() {
        for r in &rules {
            eprintln!(
                "{} pos {:.0} {:.0}-{:.0}",
                if r.vertical { "V" } else { "H" },
                r.pos,
                r.from,
                r.to
            );
        }
    }
    for (l, bx) in lines.iter().zip(&b) {
        if std::env::var_os("CHARS").is_some() {
            let cs: Vec<String> = l
                .chars
                .iter()
                .map(|c| format!("{}@{:.0}-{:.0}", c.ch, c.fx0, c.fx1))
                .collect();
            eprintln!("{:?} {}", bx.map(|v| v.round()), cs.join(" "));
        }
        println!(
            "{}",
            l.chars.iter().map(|c| c.ch.as_str()).collect::<String>()
        );
    }
    Ok(())
}
