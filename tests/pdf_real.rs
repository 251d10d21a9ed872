//! Real report: final-2024-putuo-finance-bureau.pdf (ONLYOFFICE, 25 pages).
//! Expected cells were read off the rendered page images (pdftoppm).

use juesuan::doc::{Doc, Line};
use juesuan::ingest::pdf::read_pdf;

const REAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/pdf/final-2024-putuo-finance-bureau.pdf"
);

fn load() -> Option<Doc> {
    let b = std::fs::read(REAL).expect("the real report is committed in samples/pdf");
    Some(read_pdf(&b).expect("real report reads"))
}

fn row<'a>(doc: &'a Doc, page: u32, first: &str) -> &'a Line {
    doc.lines
        .iter()
        .find(|l| l.page == page && l.cells.iter().any(|c| c == first))
        .unwrap_or_else(|| panic!("no line on page {page} with a cell {first:?}"))
}

fn cells(l: &Line) -> Vec<&str> {
    l.cells.iter().map(|s| s.as_str()).collect()
}

#[test]
fn totals_table_rows() {
    let Some(doc) = load() else { return };
    assert_eq!(doc.pages, Some(25));
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    let l = row(&doc, 6, "一、一般公共预算财政拨款收入");
    assert_eq!(
        cells(l),
        [
            "一、一般公共预算财政拨款收入",
            "2,940.05",
            "一、一般公共服务支出",
            "2,106.66"
        ]
    );
    let l = row(&doc, 6, "八、其他收入");
    assert_eq!(
        cells(l),
        ["八、其他收入", "6.20", "八、社会保障和就业支出", "326.71"]
    );
    // Income side blank: the number stays in the 4th column.
    let l = row(&doc, 6, "九、卫生健康支出");
    assert_eq!(cells(l), ["", "", "九、卫生健康支出", "60.99"]);
    let l = row(&doc, 6, "二、政府性基金预算财政拨款收入");
    assert_eq!(
        cells(l),
        ["二、政府性基金预算财政拨款收入", "", "二、外交支出", ""]
    );
    let l = row(&doc, 6, "项目");
    assert_eq!(cells(l), ["项目", "决算数", "项目", "决算数"]);
}

#[test]
fn table_spanning_two_pages_yields_all_rows() {
    let Some(doc) = load() else { return };
    // 收入支出决算总表: pages 6-7; all 26 expenditure items, then the tail rows.
    let items: Vec<&Line> = doc
        .lines
        .iter()
        .filter(|l| l.page == 6 && l.cells.len() == 4)
        .collect();
    let exp: Vec<&str> = items
        .iter()
        .map(|l| l.cells[2].as_str())
        .filter(|c| c.ends_with("支出"))
        .collect();
    assert_eq!(exp.len(), 26 + 1, "{exp:?}"); // 26 items + 本年支出合计
    assert_eq!(
        cells(row(&doc, 7, "年初结转和结余")),
        ["年初结转和结余", "49.14", "年末结转和结余", "55.34"]
    );
    assert_eq!(
        cells(row(&doc, 7, "总计")),
        ["总计", "2,995.39", "总计", "2,995.39"]
    );
    // Nothing (no page number, no header) between the last row of page 6 and the first of page 7.
    let i = doc
        .lines
        .iter()
        .position(|l| {
            l.cells
                .first()
                .map(|c| c == "本年收入合计")
                .unwrap_or(false)
        })
        .unwrap();
    assert_eq!(doc.lines[i + 1].page, 7);
    assert_eq!(
        doc.lines[i + 1].cells[0],
        "使用非财政拨款结余（含专用结余）"
    );

    // 一般公共预算财政拨款基本支出决算表: pages 16-17, 8 columns on both pages.
    assert_eq!(
        cells(row(&doc, 16, "基本工资")),
        [
            "301",
            "01",
            "基本工资",
            "262.33",
            "302",
            "01",
            "办公费",
            "21.21"
        ]
    );
    assert_eq!(
        cells(row(&doc, 17, "奖励金")),
        [
            "303",
            "09",
            "奖励金",
            "0.31",
            "302",
            "28",
            "工会经费",
            "24.42"
        ]
    );
    assert_eq!(
        cells(row(&doc, 17, "无形资产购置")),
        ["", "", "", "", "310", "22", "无形资产购置", ""]
    );
    assert_eq!(
        cells(row(&doc, 17, "人员经费合计")),
        [
            "人员经费合计",
            "",
            "",
            "2,152.26",
            "公用经费合计",
            "",
            "",
            "184.65"
        ]
    );
    // A cell whose text is letter-spaced and wrapped in the PDF.
    assert_eq!(row(&doc, 17, "公务用车运行维护费").cells.len(), 8);
}

#[test]
fn sangong_table_places_numbers_by_position() {
    let Some(doc) = load() else { return };
    let heads = row(&doc, 18, "预算数");
    assert_eq!(heads.cells.len(), 12);
    assert!(heads
        .cells
        .iter()
        .enumerate()
        .all(|(i, c)| c == if i % 2 == 0 { "预算数" } else { "决算数" }));
    let data = doc
        .lines
        .iter()
        .find(|l| l.page == 18 && l.cells.first().map(|c| c == "0.95").unwrap_or(false))
        .unwrap();
    let want: Vec<&str> = (0..12)
        .map(|i| if i == 0 || i == 10 { "0.95" } else { "" })
        .collect();
    assert_eq!(cells(data), want);
    // Spanning header cells sit at their leftmost column.
    let h = row(&doc, 18, "合计");
    assert_eq!(h.cells.len(), 12);
    assert_eq!(h.cells[0], "合计");
    assert_eq!(h.cells[2], "因公出国（境）费");
    assert_eq!(h.cells[4], "公务用车购置及运行费");
    assert_eq!(h.cells[10], "公务接待费");
    let h = row(&doc, 18, "小计");
    assert_eq!(
        (
            h.cells[4].as_str(),
            h.cells[6].as_str(),
            h.cells[8].as_str()
        ),
        ("小计", "公务用车购置费", "公务用车运行费")
    );
}

#[test]
fn wrapped_header_cells_are_joined() {
    let Some(doc) = load() else { return };
    // 收入决算表 header: "本年收入合\n计", "财政拨款收\n入", "附属单\n位上\n缴收入".
    let h = row(&doc, 8, "本年收入合计");
    assert_eq!(h.cells[4], "本年收入合计");
    assert_eq!(h.cells[5], "财政拨款收入");
    assert_eq!(h.cells[9], "附属单位上缴收入");
    assert_eq!(h.cells[10], "其他收入");
    // And a data row of the same table, 11 columns, blanks kept.
    assert_eq!(
        cells(row(&doc, 8, "一般行政管理事务")),
        [
            "201",
            "06",
            "02",
            "一般行政管理事务",
            "16.19",
            "10.00",
            "",
            "",
            "",
            "",
            "6.19"
        ]
    );
    // 财政拨款收入支出决算总表 header.
    let h = row(&doc, 12, "一般公共预算财政拨款");
    assert_eq!(
        &h.cells[3..],
        [
            "合计",
            "一般公共预算财政拨款",
            "政府性基金预算财政拨款",
            "国有资本经营预算财政拨款"
        ]
    );
}

#[test]
fn no_page_numbers_as_data() {
    let Some(doc) = load() else { return };
    for l in &doc.lines {
        let j = l.joined();
        let page_number = !j.is_empty()
            && j.chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == ' ');
        assert!(!page_number, "page number kept: {l:?}");
    }
}
