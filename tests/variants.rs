//! Layout variants of the same report: tables keyed by meaning whatever their
//! labels and order, codes split over 类|款|项 columns, no 行次 column.

use serde_json::Value;

const SAMPLE: &str = "samples/huairen-gongxin-2024.md";

fn tables_of(text: &str) -> Value {
    let doc = juesuan::extract("variant.md", text.as_bytes()).expect("extracts");
    let mut v: Value = serde_json::from_str(&juesuan::emit::compact(&doc)).unwrap();
    v["tables"].take()
}

fn sample() -> String {
    std::fs::read_to_string(SAMPLE).unwrap()
}

/// The text of the table block starting at the heading `title` up to the next `## ` heading.
fn cut_block(text: &mut String, title: &str) -> String {
    let start = text.find(title).unwrap();
    let end = text[start + title.len()..]
        .find("\n## ")
        .map(|e| start + title.len() + e + 1)
        .unwrap();
    let block = text[start..end].to_string();
    text.replace_range(start..end, "");
    block
}

#[test]
fn labels_removed_and_tables_reordered_keep_their_ids() {
    let mut text = sample();
    // Shanghai-style: 三公 printed seventh, before the fund tables, and no 公开NN表 labels
    let three = cut_block(&mut text, "## 财政拨款“三公”经费支出决算表");
    let at = text
        .find("## 政府性基金预算财政拨款收入支出决算表")
        .unwrap();
    text.insert_str(at, &three);
    let unlabelled = regex::Regex::new(r"(?m)^公开\d\d(表)?\n|^表\n")
        .unwrap()
        .replace_all(&text, "")
        .to_string();
    let mut want = tables_of(&sample());
    let got = tables_of(&unlabelled);
    for t in want.as_object_mut().unwrap().values_mut() {
        t["label"] = Value::Null;
    }
    assert_eq!(got, want);
}

#[test]
fn other_label_styles_are_kept_as_printed() {
    let text = sample().replace("公开05表", "表五");
    let got = tables_of(&text);
    assert_eq!(got["general_budget_expenditure"]["label"], "表五");
}

#[test]
fn codes_split_over_class_columns_give_the_same_rows() {
    // 公开05表 with 类 | 款 | 项 columns instead of one 科目代码 column
    let text = sample();
    let start = text.find("## 一般公共预算财政拨款支出决算表").unwrap();
    let end = start + text[start..].find("注：").unwrap();
    let mut block = String::new();
    for line in text[start..end].lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        let out = match cells.first().copied() {
            _ if cells.len() < 2 => line.to_string(),
            Some("科目代码") => format!("类\t款\t项\t{}", cells[1..].join("\t")),
            Some("项目") | Some("栏次") | Some("合计") => {
                format!("{}\t\t\t{}", cells[0], cells[1..].join("\t"))
            }
            Some(code) if code.chars().all(|c| c.is_ascii_digit()) => {
                let (c, k, x) = (
                    &code[..3],
                    code.get(3..5).unwrap_or(""),
                    code.get(5..7).unwrap_or(""),
                );
                // parents' parts left blank, as many reports print them
                let (c, k) = if !x.is_empty() {
                    ("", "")
                } else if !k.is_empty() {
                    ("", k)
                } else {
                    (c, k)
                };
                format!("{c}\t{k}\t{x}\t{}", cells[1..].join("\t"))
            }
            _ => line.to_string(),
        };
        block.push_str(&out);
        block.push('\n');
    }
    let variant = format!("{}{}{}", &text[..start], block, &text[end..]);
    assert_eq!(
        tables_of(&variant)["general_budget_expenditure"],
        tables_of(&text)["general_budget_expenditure"]
    );
}

#[test]
fn summary_without_line_numbers() {
    let text = sample();
    let start = text.find("### 收入支出决算总表").unwrap();
    let end = start + text[start..].find("注：").unwrap();
    let mut block = String::new();
    for line in text[start..end].lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() == 6 {
            if cells[0] == "栏次"
                || (cells[0].is_empty()
                    && cells[2].is_empty()
                    && cells[5].is_empty()
                    && cells[3].is_empty())
            {
                continue; // 栏次 and blank filler lines go with the 行次 column
            }
            let header = cells[1] == "行次";
            let (a, b) = if header {
                ("决算数", "决算数")
            } else {
                (cells[2], cells[5])
            };
            block.push_str(&format!("{}\t{}\t{}\t{}\n", cells[0], a, cells[3], b));
        } else {
            block.push_str(line);
            block.push('\n');
        }
    }
    let variant = format!("{}{}{}", &text[..start], block, &text[end..]);
    let got = tables_of(&variant);
    let want = tables_of(&text);
    let strip = |side: &Value| -> Vec<Value> {
        side.as_array()
            .unwrap()
            .iter()
            .filter(|l| !l["item"].is_null())
            .map(|l| {
                let mut l = l.clone();
                l["line"] = Value::Null;
                l
            })
            .collect()
    };
    let g = &got["income_expenditure_summary"];
    let w = &want["income_expenditure_summary"];
    assert_eq!(strip(&g["income"]), strip(&w["income"]));
    assert_eq!(strip(&g["expenditure"]), strip(&w["expenditure"]));
}
