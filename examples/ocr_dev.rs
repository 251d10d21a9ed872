use juesuan::ingest::ocr;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&a[1]).unwrap();
    let img = ocr::image::Gray::from_pgm(&bytes).unwrap();
    let dpi: f64 = a.get(2).map(|s| s.parse().unwrap()).unwrap_or(150.0);
    let o = ocr::ocr().unwrap();
    let t = std::time::Instant::now();
    let pi = ocr::page::PageImage { img, dpi, origin: (0.0, 0.0), scale: (72.0 / dpi, 72.0 / dpi), how: "file" };
    let p = o.read(&pi).unwrap();
    eprintln!("{:?} skew {} words {} rules {}", t.elapsed(), p.skew, p.words.len(), p.rules.len());
    let page = juesuan::geometry::Page { number: 1, width: pi.img.w as f64 * 72.0 / dpi, height: pi.img.h as f64 * 72.0 / dpi, words: p.words, rules: p.rules };
    let l = juesuan::geometry::layout_page(&page, None);
    for r in &l.rows { println!("{}", r.cells.join("\t")); }
}
