//! Fonts without ToUnicode maps, in PDFs made by scripts/gen_font_pdfs.py.

use juesuan::ingest::pdf::read_pdf;

fn data(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/samples/pdf/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn texts(doc: &juesuan::doc::Doc) -> Vec<Vec<String>> {
    doc.lines.iter().map(|l| l.cells.clone()).collect()
}

#[test]
fn unigb_ucs2_h_without_tounicode_decodes() {
    let doc = read_pdf(&data("unigb-ucs2.pdf")).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let t = texts(&doc);
    assert_eq!(t[0], ["收入支出决算总表"]);
    assert_eq!(t[1], ["Unit: 10k yuan 单位：万元"]);
    assert_eq!(t[2], ["项目", "预算数", "决算数"]);
    // Blank budget cell kept; number placed by position.
    assert_eq!(t[3], ["一般公共预算财政拨款收入", "", "2,940.05"]);
    // Cell wrapped over two printed lines is joined.
    assert_eq!(t[4], ["政府性基金预算财政拨款", "12.50", "0.00"]);
    assert_eq!(t.len(), 5);
}

#[test]
fn gbk_euc_h_and_winansi_truetype_mixed() {
    let doc = read_pdf(&data("gbk-euc.pdf")).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let t = texts(&doc);
    assert_eq!(
        t,
        [
            vec!["部门决算"],
            vec!["一般公共预算财政拨款收入 2,940.05"],
            vec!["\u{201C}Total\u{201D} 2024"],
            vec!["财政拨款"]
        ]
    );
}

#[test]
fn undecodable_font_gives_replacement_and_warning() {
    let doc = read_pdf(&data("identity-no-tounicode.pdf")).unwrap();
    let t = texts(&doc);
    assert_eq!(t[0], ["\u{FFFD}\u{FFFD}"]);
    assert_eq!(t[1], ["OK 1.00"]);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(
        doc.warnings[0].contains("SimSun") && doc.warnings[0].contains("2 glyph"),
        "{:?}",
        doc.warnings
    );
}

#[test]
fn owner_password_only_encryption_is_read() {
    let doc = read_pdf(&data("encrypted-owner-only.pdf")).unwrap();
    assert_eq!(texts(&doc), [vec!["Encrypted text 123.45"]]);
}

#[test]
fn identity_h_without_tounicode_uses_embedded_font_cmap() {
    let doc = read_pdf(&data("embedded-cmap-only.pdf")).unwrap();
    assert_eq!(texts(&doc), [vec!["收入合计 2,946.25"]]);
    assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    assert!(doc.warnings[0].contains("embedded font's own character map"));
}
