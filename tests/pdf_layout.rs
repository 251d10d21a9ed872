//! Layout cases in tests/data/layout.pdf (made by scripts/gen_font_pdfs.py):
//! running header and page numbers, a table of contents, an unruled table, and
//! a table with no column rulings continuing onto the next page.

use juesuan::ingest::pdf::read_pdf;

fn rows(page: u32) -> Vec<Vec<String>> {
    let b = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/pdf/layout.pdf"
    ))
    .unwrap();
    let doc = read_pdf(&b).unwrap();
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    doc.lines
        .iter()
        .filter(|l| l.page == page)
        .map(|l| l.cells.clone())
        .collect()
}

#[test]
fn running_header_and_page_numbers_dropped() {
    for p in 1..=7 {
        for r in rows(p) {
            let j = r.join("");
            assert!(
                !j.contains("上海市普陀区财政局2024年度部门决算"),
                "page {p}: {r:?}"
            );
            assert!(!j.starts_with("- "), "page {p}: {r:?}");
        }
    }
}

#[test]
fn table_of_contents_is_prose() {
    let r = rows(1);
    assert_eq!(r[0], ["目录"]);
    assert_eq!(r.len(), 4);
    for l in &r[1..] {
        assert_eq!(l.len(), 1, "{l:?}");
    }
    assert!(r[1][0].starts_with("一、收入支出决算总表"));
}

#[test]
fn unruled_table_columns_from_gaps() {
    let r = rows(2);
    assert_eq!(r[0], ["收入支出决算总表"]);
    assert_eq!(r[1], ["项目", "预算数", "决算数"]);
    assert_eq!(r[2], ["一般公共预算财政拨款收入", "100.00", "90.00"]);
    assert_eq!(r[3], ["事业收入", "", "5.00"]);
    assert_eq!(r[4], ["其他收入", "7.25", ""]);
}

#[test]
fn frame_only_table_split_and_continued() {
    let r3 = rows(3);
    assert_eq!(r3[0], ["项目", "预算数", "决算数"]);
    assert_eq!(r3[1], ["一般公共服务支出", "2,106.66", "2,000.00"]);
    assert_eq!(r3[2], ["外交支出", "", "1.00"]);
    assert_eq!(r3[3], ["国防支出", "3.00", ""]);
    let r4 = rows(4);
    assert_eq!(
        r4,
        [
            vec!["教育支出", "10.00", "11.00"],
            vec!["合计", "2,119.66", "2,012.00"]
        ]
    );
}

#[test]
fn page_border_is_not_a_table() {
    let r = rows(5);
    assert_eq!(
        r,
        [
            vec!["二、收入决算情况说明"],
            vec!["本年收入合计 2,946.25 万元。"],
            vec!["项目", "决算数"],
            vec!["财政拨款收入", "2,940.05"],
            vec!["以上数据来源于部门决算报表。"],
        ]
    );
}

#[test]
fn data_rows_without_row_rulings_are_split() {
    let r = rows(6);
    assert_eq!(
        r,
        [
            vec!["科目编码", "科目名称", "本年收入合计", "财政拨款收入"],
            vec!["2013901", "行政运行", "51.32", "51.32"],
            vec!["2013950", "事业运行", "11.31", ""],
            vec!["2013999", "其他社会工作事务支出", "202.24", "202.24"],
        ]
    );
}

#[test]
fn table_of_contents_without_leaders_is_prose() {
    let r = rows(7);
    assert_eq!(r.len(), 4, "{r:?}");
    assert_eq!(r[1].len(), 1, "{r:?}");
    assert!(
        r[1][0].starts_with("第一部分") && r[1][0].ends_with('1'),
        "{r:?}"
    );
    assert!(
        r[2][0].starts_with("一、收入支出决算总表") && r[2][0].ends_with('3'),
        "{r:?}"
    );
}
