//! The same report printed with its tables as markdown pipe tables and as HTML
//! `<table>`s (as other OCR tools print them) gives the same tables as the
//! tab-separated original.

use serde_json::Value;

const SAMPLE: &str = "samples/huairen-gongxin-2024.md";

fn tables_of(path: &str, text: &str) -> Value {
    let doc = juesuan::extract(path, text.as_bytes()).expect("extracts");
    let mut v: Value = serde_json::from_str(&juesuan::emit::compact(&doc)).unwrap();
    v["tables"].take()
}

/// Rewrites every run of tab-separated lines with `row` and wraps it with `open`/`close`.
fn rewrite(text: &str, open: &str, close: &str, row: impl Fn(&[&str], usize) -> String) -> String {
    let mut out = String::new();
    let mut in_table = 0usize;
    for line in text.lines() {
        if line.contains('\t') {
            if in_table == 0 {
                out.push_str(open);
            }
            let cells: Vec<&str> = line.split('\t').collect();
            out.push_str(&row(&cells, in_table));
            in_table += 1;
        } else {
            if in_table > 0 && !line.trim().is_empty() {
                out.push_str(close);
                in_table = 0;
            }
            if in_table == 0 {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    if in_table > 0 {
        out.push_str(close);
    }
    out
}

#[test]
fn markdown_pipe_tables_give_the_same_tables() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let pipe = rewrite(&text, "", "\n", |cells, i| {
        let row = format!("| {} |\n", cells.join(" | "));
        if i == 0 {
            format!("{row}|{}\n", vec!["---"; cells.len()].join("|"))
        } else {
            row
        }
    });
    assert!(pipe.contains("| 合计 |  | 5307.63 | 5307.63 |"));
    assert_eq!(tables_of("pipe.md", &pipe), tables_of(SAMPLE, &text));
}

#[test]
fn html_tables_give_the_same_tables() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let html = rewrite(&text, "<table>\n", "</table>\n", |cells, _| {
        let tds: String = cells
            .iter()
            .map(|c| format!("<td>{}</td>", c.replace('&', "&amp;")))
            .collect();
        format!("<tr>{tds}</tr>\n")
    });
    assert!(html.contains("<td>合计</td><td></td><td>5307.63</td>"));
    assert_eq!(tables_of("tables.html", &html), tables_of(SAMPLE, &text));
}

#[test]
fn html_spans_are_read_like_the_printed_grid() {
    // a header with rowspan/colspan, as converters write merged cells
    let text = "收入决算表\n公开02表\n单位：万元\n<table>\
        <tr><th colspan=\"2\">项目</th><th rowspan=\"2\">本年收入合计</th><th rowspan=\"2\">财政拨款收入</th></tr>\
        <tr><th>科目代码</th><th>科目名称</th></tr>\
        <tr><td colspan=\"2\">合计</td><td>10.00</td><td>10.00</td></tr>\
        <tr><td>208</td><td>社会保障和就业支出</td><td>10.00</td><td>10.00</td></tr></table>\n";
    let t = tables_of("span.html", text);
    let rows = t["income"]["rows"].as_array().unwrap();
    assert_eq!(
        t["income"]["columns"],
        serde_json::json!(["total", "fiscal_appropriation"])
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["code"], "208");
    assert_eq!(
        rows[1]["values"]["fiscal_appropriation"].to_string(),
        "10.00"
    );
}

/// Codes printed without their leading zeros (`201 3` for 20103, a 项 as a
/// bare `1` under its 款, `301 2` for 30102) are read as the codes they stand
/// for, each with a `parse.normalised` warning, and accuse nothing.
#[test]
fn codes_printed_without_leading_zeros_read_as_their_codes() {
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let mut changed = 0;
    let rewritten: String = text
        .lines()
        .map(|line| {
            let Some((first, rest)) = line.split_once('\t') else {
                return format!("{line}\n");
            };
            let digits = first.len() >= 5 && first.chars().all(|c| c.is_ascii_digit());
            let short = match first.len() {
                5 if digits && &first[3..4] == "0" => format!("{} {}", &first[..3], &first[4..]),
                7 if digits && &first[5..6] == "0" => first[6..].to_string(),
                _ => return format!("{line}\n"),
            };
            changed += 1;
            format!("{short}\t{rest}\n")
        })
        .collect();
    assert!(
        changed > 20,
        "the sample prints codes to shorten ({changed})"
    );
    let original = juesuan::extract(SAMPLE, text.as_bytes()).expect("extracts");
    let doc = juesuan::extract(SAMPLE, rewritten.as_bytes()).expect("extracts");
    let tables = |d: &juesuan::model::Document| {
        let mut v: Value = serde_json::from_str(&juesuan::emit::compact(d)).unwrap();
        v["tables"].take()
    };
    assert_eq!(tables(&doc), tables(&original));
    let notes = doc
        .findings
        .iter()
        .filter(|f| f.rule == "parse.normalised")
        .count();
    assert_eq!(notes, changed, "one warning per shortened code");
    let errors = |d: &juesuan::model::Document| {
        d.findings
            .iter()
            .filter(|f| f.severity == juesuan::model::Severity::Error)
            .count()
    };
    assert_eq!(errors(&doc), errors(&original));
}
