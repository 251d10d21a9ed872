//! Function-classified tables (收入/支出/一般公共预算/政府性基金/国有资本):
//! header lines, then rows of code, name and one value per column.
//!
//! Codes are printed whole (`2080501`, `[2080501]`), in front of the name
//! (`2080501 行政单位离退休`), split over 类|款|项 columns (`208|05|01`, often
//! with the parent parts left blank), or not at all (Zhejiang prints names
//! only: the level then comes from the name's indentation, else from the
//! figures: a 款 equals the sum of the 项 under it). Some tables print a row
//! per budget unit instead of per function (单位名称 | 部门代码): those rows have
//! no code. A line with a name and nothing else continues the name of the row
//! before it (a wrapped name).
//!
//! Columns are mapped by their header paths ([`TableGrammar::column_for_path`]);
//! a column no id fits is kept under its path in `extra`, never dropped and
//! never allowed to shift its neighbours.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::doc::Line;
use crate::grammar::{grammar, TableGrammar};
use crate::model::{Amount, ClassifiedRow, ClassifiedTable, TableMeta};
use crate::normalise::{self, CellValue};
use crate::parse::header::{self, column_paths, is_column_number_line, is_meta, is_note};
use crate::parse::{cells, Warnings};

/// Where the code and name of a row are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeColumns {
    /// One code column (possibly holding the name too).
    Whole { code: usize },
    /// 类, 款, 项 in three columns.
    Split {
        class: usize,
        kuan: usize,
        xiang: usize,
    },
    /// No code column: names only.
    None,
}

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    /// Code, code part or name.
    Label,
    /// A value column with its id.
    Value(String),
    /// A value column no id fits, by its header path.
    Extra(String),
    /// Nothing to read (a blank header over a blank column, 行次).
    Skip,
}

static RUN: LazyLock<Regex> = LazyLock::new(|| {
    // code, name and amounts printed as one text run
    Regex::new(
        r"^\[?([0-9]{3,7})\]?[ \t]*([^0-9 \t][^0-9]*?)[ \t]*((?:-?[0-9][0-9,]*\.[0-9]+[ \t]*)+)$",
    )
    .unwrap()
});

fn is_total_name(s: &str) -> bool {
    grammar().words.is_total(s)
}

fn is_number(s: &str) -> bool {
    matches!(normalise::amount(s), CellValue::Number(_))
}

/// True when `line` is a table row: a code in front, 合计/总计, or a name
/// followed by figures.
fn is_data_line(line: &Line) -> bool {
    if line.cells.len() < 2 || is_column_number_line(line) {
        return false;
    }
    let first = line.filled().next().unwrap_or("");
    let has_number = line
        .filled()
        .any(|c| matches!(normalise::amount(c), CellValue::Number(n) if n.scale() > 0 || c.contains(',')));
    cells::code(first).is_some()
        || cells::code_and_name(first).is_some()
        || is_total_name(first)
        // 合计 sharing a printed row with the 类|款|项 header cells
        || (has_number && line.cells.iter().take(5).any(|c| is_total_name(c.trim())))
        // a name without a code, then figures (Zhejiang)
        || (has_number && !is_number(first) && !grammar().words.is_code_part(first))
}

/// True for the 类, 款, 项 header words.
fn is_code_part_word(s: &str) -> bool {
    grammar().words.is_code_part(s)
}

/// Parses a classified table block.
pub fn parse(
    tg: &TableGrammar,
    meta: TableMeta,
    lines: &[Line],
    warnings: &mut Warnings,
) -> ClassifiedTable {
    let id = tg.id.as_str();
    let words = &grammar().words;
    let start = lines.iter().position(is_data_line).unwrap_or(lines.len());
    // the first row may also carry the 类|款|项 header cells
    let header_end = match lines.get(start) {
        // or, with no number in it, the sub-headers (合计 | 基本支出 | 项目支出)
        Some(l)
            if l.cells.iter().any(|c| is_code_part_word(c.trim()))
                || !l.filled().any(is_number) =>
        {
            start + 1
        }
        _ => start,
    };
    // more header lines with neither figures nor codes under a 合计 that
    // heads a column (合计 | 本年收入 … over 小计 | 一般公共预算资金 …)
    let mut header_end = header_end;
    if header_end > start {
        while lines.get(header_end).is_some_and(|l| {
            !l.filled().any(is_number)
                && !l
                    .filled()
                    .any(|c| cells::code(c).is_some() || cells::code_and_name(c).is_some())
                && l.cells.len() > 2
                && lines[header_end + 1..]
                    .iter()
                    .any(|n| n.filled().any(is_number))
        }) {
            header_end += 1;
        }
    }
    // the header as printed above the first row: a copy of it after a page break is skipped
    let repeated_header = header::header_lines(&lines[..start]);
    let header = header::header_lines(&lines[..header_end]);
    let width = header::width(lines);
    let paths = column_paths(&header, width);

    // code and name columns
    let find = |word: &str| paths.iter().position(|p| p.iter().any(|t| t == word));
    let code_col = paths
        .iter()
        .position(|p| p.iter().any(|t| words.is_code_header(t)));
    let codes = match (
        find(&words.class_part),
        find(&words.kuan_part),
        find(&words.xiang_part),
    ) {
        (Some(class), Some(kuan), Some(xiang)) if class < kuan && kuan < xiang => {
            CodeColumns::Split { class, kuan, xiang }
        }
        _ => match code_col {
            Some(code) => CodeColumns::Whole { code },
            // no code header: codes, if printed, are in the first column
            None if lines[start..]
                .iter()
                .filter_map(|l| l.cells.first())
                .any(|c| {
                    cells::code(c.trim()).is_some() || cells::code_and_name(c.trim()).is_some()
                }) =>
            {
                CodeColumns::Whole { code: 0 }
            }
            None => CodeColumns::None,
        },
    };
    // a code column numbering budget units (单位编码, 部门代码), not functions
    let unit_code_col =
        code_col.is_some_and(|c| paths[c].iter().any(|t| words.is_unit_code_header(t)));
    // a table of budget units (单位名称 | 部门代码 …) rather than functions
    let unit_rows = paths
        .iter()
        .any(|p| p.iter().any(|t| words.is_unit_header(t)))
        || unit_code_col;
    let mut roles: Vec<Role> = paths
        .iter()
        .map(|p| match tg.column_for_path(p) {
            Some(cid) => Role::Value(cid.to_string()),
            None => Role::Skip,
        })
        .collect();
    let is_name = |t: &String| {
        (words.is_name_header(t) || words.is_unit_header(t)) && !words.is_code_header(t)
    };
    // a 名称 column beats a unit column (预算单位 | 科目编码 | 科目名称)
    let named = |t: &String| words.is_name_header(t) && !words.is_code_header(t);
    let name_col = paths
        .iter()
        .position(|p| p.last().is_some_and(named))
        .or_else(|| paths.iter().position(|p| p.last().is_some_and(is_name)))
        .or_else(|| {
            paths
                .iter()
                .enumerate()
                .position(|(i, p)| p.iter().any(is_name) && code_col != Some(i))
        })
        .unwrap_or(match codes {
            // no 名称 header: the name shares the code's cell when a value column follows it
            CodeColumns::Whole { code } if matches!(roles.get(code + 1), Some(Role::Value(_))) => {
                code
            }
            CodeColumns::Whole { code } => code + 1,
            CodeColumns::Split { xiang, .. } => xiang + 1,
            // no label column at all (a 收入总表 of one row of totals, its
            // first column 合计): names are none of its cells
            CodeColumns::None if matches!(roles.first(), Some(Role::Value(_))) => width,
            CodeColumns::None => 0,
        });
    // a column naming budget units beside the function columns (预算单位 |
    // 科目编码 | 科目名称): its rows are units, the others keep their codes
    let unit_col = paths
        .iter()
        .position(|p| p.iter().any(|t| words.is_unit_header(t)));
    let unit_codes = unit_code_col
        || (unit_rows && (code_col.is_none() || unit_col.is_none_or(|u| u == name_col)));
    let label_cols: Vec<usize> = match codes {
        CodeColumns::Whole { code } => vec![code, name_col],
        CodeColumns::Split { class, kuan, xiang } => vec![class, kuan, xiang, name_col],
        CodeColumns::None if name_col >= width => vec![],
        CodeColumns::None => vec![name_col],
    };
    for c in label_cols.iter().chain(unit_col.as_ref()) {
        if let Some(r) = roles.get_mut(*c) {
            *r = Role::Label;
        }
    }
    // a later column under an id already taken (a 小计 of a group with no id
    // of its own) is kept under its header path, not dropped
    let mut taken: Vec<String> = Vec::new();
    for (i, r) in roles.iter_mut().enumerate() {
        if let Role::Value(v) = r {
            if taken.contains(v) && !paths[i].is_empty() {
                *r = Role::Extra(paths[i].join("/"));
            } else {
                taken.push(v.clone());
            }
        }
    }
    // columns no id fits: kept under their header path when they hold figures
    let body = &lines[start.min(lines.len())..];
    for (i, r) in roles.iter_mut().enumerate() {
        if *r != Role::Skip {
            continue;
        }
        let path = &paths[i];
        let holds_figures = body
            .iter()
            .any(|l| l.cells.get(i).is_some_and(|c| is_number(c)) && !is_column_number_line(l));
        let is_line_no = path.iter().any(|t| words.is_line_number_header(t));
        // a printed column no id fits is kept, blank or not; a column with no
        // header at all is kept only where it holds figures
        if (holds_figures || !path.is_empty()) && !is_line_no {
            let key = if path.is_empty() {
                format!("column {}", i + 1)
            } else {
                path.join("/")
            };
            *r = Role::Extra(key);
        }
    }
    let mut columns: Vec<String> = Vec::new();
    let mut extra_columns: Vec<String> = Vec::new();
    for r in &roles {
        match r {
            Role::Value(v) if !columns.contains(v) => columns.push(v.clone()),
            Role::Extra(e) if !extra_columns.contains(e) => extra_columns.push(e.clone()),
            _ => {}
        }
    }
    if columns.is_empty() && !meta.empty {
        warnings.push(id, "no column header recognised; values cannot be placed");
    }

    let mut rows: Vec<ClassifiedRow> = Vec::new();
    // for rows printed without a code: the left edge of the name, where known
    let mut indents: Vec<Option<f32>> = Vec::new();
    let (mut class, mut kuan) = (String::new(), String::new());
    let mut warned_cols = vec![false; width];
    let mut prev_was_row = false;
    // the last code read, for a code printed without its leading zeros
    let mut last_code = String::new();
    let mut prev_page = 0;
    for (offset, line) in body.iter().enumerate() {
        // the first row doubling as a header line: its texts are headers, not values
        let header_row = offset == 0 && header_end > start;
        if is_note(line) {
            break;
        }
        // the header's further lines under a first row that doubles as one,
        // and that first row itself where its 合计 heads a column, not a row
        if offset > 0 && start + offset < header_end
            || header_row
                && label_cols
                    .iter()
                    .all(|&c| line.cells.get(c).is_none_or(|t| t.trim().is_empty()))
        {
            continue;
        }
        // without a label column, the header lines are not rows, and the one
        // row of figures is the table's total
        if label_cols.is_empty() {
            if start + offset < header_end || !line.filled().any(is_number) {
                continue;
            }
            let values: BTreeMap<String, Amount> = BTreeMap::new();
            let mut row = ClassifiedRow {
                code: None,
                name: grammar()
                    .words
                    .total_rows
                    .first()
                    .cloned()
                    .unwrap_or_default(),
                level: 0,
                values,
                extra: BTreeMap::new(),
            };
            for (i, r) in roles.iter().enumerate() {
                let c = line.cells.get(i);
                let what = || format!("total row, column {}", i + 1);
                match r {
                    Role::Value(v) => {
                        let a = cells::amount(c, id, what, warnings);
                        row.values.entry(v.clone()).or_insert(a);
                    }
                    Role::Extra(k) => {
                        let a = cells::amount(c, id, what, warnings);
                        row.extra.entry(k.clone()).or_insert(a);
                    }
                    _ => {}
                }
            }
            rows.push(row);
            indents.push(None);
            continue;
        }
        if line.cells.len() < 2 {
            let t = line.cells[0].trim();
            // code, name and amounts run together (a row the layout could not split)
            if let Some(c) = RUN.captures(t).filter(|_| !columns.is_empty()) {
                let code = c[1].to_string();
                let amounts: Vec<&str> = c[3].split_whitespace().collect();
                let value_cols: Vec<&String> = roles
                    .iter()
                    .filter_map(|r| match r {
                        Role::Value(v) => Some(v),
                        _ => None,
                    })
                    .collect();
                if matches!(code.len(), 3 | 5 | 7) && amounts.len() <= value_cols.len() {
                    warnings.push(
                        id,
                        format!(
                            "row {code} was printed as one text run {t:?}; its {} amounts are placed in the first columns",
                            amounts.len()
                        ),
                    );
                    let mut values: BTreeMap<String, Amount> =
                        columns.iter().map(|c| (c.clone(), None)).collect();
                    for (v, a) in value_cols.iter().zip(&amounts) {
                        if let CellValue::Number(n) = normalise::amount(a) {
                            values.insert((*v).clone(), Some(n));
                        }
                    }
                    rows.push(ClassifiedRow {
                        level: level_of(&code),
                        code: Some(code),
                        name: c[2].trim().to_string(),
                        values,
                        extra: extra_blank(&extra_columns),
                    });
                    indents.push(None);
                    prev_was_row = true;
                    prev_page = line.page;
                    continue;
                }
            }
            // a name's second half on a line of its own (OCR broke the row):
            // short, no digits, straight after a row whose name it finishes
            let fragment = !t.is_empty()
                && t.chars().count() <= 16
                && !t.chars().any(|c| c.is_ascii_digit() || c == ':')
                && t.chars()
                    .all(|c| crate::normalise::is_cjk(c) || "()".contains(c));
            // (not across a page break, where running headers sit)
            if fragment && prev_was_row && line.page == prev_page {
                if let Some(last) = rows.last_mut() {
                    last.name.push_str(t);
                }
            }
            prev_was_row = false;
            continue; // otherwise prose or a page header: not part of the grid
        }
        prev_was_row = true;
        prev_page = line.page;
        if is_column_number_line(line)
            || repeated_header.iter().any(|h| h.cells == line.cells)
            || header_words_only(line, &repeated_header)
            || is_meta(line)
        {
            continue;
        }
        // code and name printed in one cell where the header has two columns
        // for them, the row one cell short: put the blank back so the values
        // keep their columns
        let shifted;
        let line = match codes {
            CodeColumns::Whole { code }
                if name_col == code + 1
                    && line.cells.len() + 1 == width
                    && line
                        .cells
                        .get(code)
                        .is_some_and(|c| cells::code_and_name(c.trim()).is_some())
                    && line.cells.get(name_col).is_some_and(|c| is_number(c)) =>
            {
                let mut l = line.clone();
                l.cells.insert(name_col, String::new());
                if !l.boxes.is_empty() {
                    l.boxes.insert(name_col, None);
                }
                shifted = l;
                &shifted
            }
            _ => line,
        };
        let cell = |i: usize| line.cells.get(i).map(|s| s.trim()).unwrap_or("");
        // code and name
        let (code, name): (Option<String>, String) = match codes {
            CodeColumns::Split {
                class: c,
                kuan: k,
                xiang: x,
            } => {
                let digits = |t: &str| !t.is_empty() && t.chars().all(|ch| ch.is_ascii_digit());
                let (a, b, d) = (cell(c), cell(k), cell(x));
                // text in the code columns (合计 printed across them) belongs to the name
                let text: String = [a, b, d]
                    .iter()
                    .filter(|t| !t.is_empty() && !digits(t) && !is_code_part_word(t))
                    .copied()
                    .collect();
                let (a, b, d) = (
                    if digits(a) { a } else { "" },
                    if digits(b) { b } else { "" },
                    if digits(d) { d } else { "" },
                );
                if !a.is_empty() {
                    class = a.to_string();
                    kuan.clear();
                }
                if !b.is_empty() {
                    kuan = b.to_string();
                }
                let code = if !d.is_empty() {
                    Some(format!("{class}{kuan}{d}"))
                } else if !b.is_empty() {
                    Some(format!("{class}{b}"))
                } else if !a.is_empty() {
                    Some(a.to_string())
                } else {
                    None
                };
                (code, format!("{text}{}", cell(name_col)))
            }
            CodeColumns::Whole { code: c } => {
                let raw = cell(c);
                let repaired = (cells::code(raw).is_none() && !cell(name_col).is_empty())
                    .then(|| cells::code_without_zeros(raw, &last_code, false))
                    .flatten();
                if let Some(k) = repaired {
                    warnings.note(
                        id,
                        format!("code {raw:?} printed without its leading zeros; read as {k}"),
                    );
                    (Some(k), cell(name_col).to_string())
                } else if let Some(k) = cells::code(raw) {
                    (Some(k.to_string()), cell(name_col).to_string())
                } else if let Some((k, n)) = cells::code_and_name(raw) {
                    let rest = if c == name_col { "" } else { cell(name_col) };
                    (Some(k.to_string()), format!("{n}{rest}"))
                } else {
                    let n = if raw.is_empty() || c == name_col {
                        cell(name_col).to_string()
                    } else {
                        format!("{raw}{}", cell(name_col))
                    };
                    (None, n)
                }
            }
            CodeColumns::None => (None, cell(name_col).to_string()),
        };
        // a unit named in a column of its own, on a row without a function code
        let mut name = name;
        let unit_name = unit_col
            .filter(|&u| u != name_col && code.is_none() && name.is_empty())
            .map(|u| cell(u).to_string())
            .filter(|u| !u.is_empty());
        if let Some(u) = unit_name {
            name = u;
        }
        // budget units are not function classes: their codes (024001) are not
        // kept, also where printed in front of the unit's name
        let code = if unit_codes { None } else { code };
        if let Some(c) = &code {
            last_code = c.clone();
        }
        if unit_codes {
            let rest = name.trim_start_matches(|c: char| c.is_ascii_digit() || c == '-');
            if rest.len() < name.len() && !rest.is_empty() {
                name = rest.trim().to_string();
            }
        }
        let mut values: BTreeMap<String, Amount> = BTreeMap::new();
        let mut extra: BTreeMap<String, Amount> = BTreeMap::new();
        for (i, r) in roles.iter().enumerate() {
            let what = || {
                format!(
                    "row {:?} column {}",
                    if name.is_empty() {
                        code.clone().unwrap_or_default()
                    } else {
                        name.clone()
                    },
                    match r {
                        Role::Value(v) => v.as_str(),
                        Role::Extra(e) => e.as_str(),
                        _ => "",
                    }
                )
            };
            let c = line.cells.get(i);
            let header_text =
                header_row && c.is_some_and(|c| matches!(normalise::amount(c), CellValue::Text));
            match r {
                Role::Value(v) => {
                    let a = if header_text {
                        None
                    } else {
                        cells::amount(c, id, what, warnings)
                    };
                    // two printed columns under one id: keep the first value printed
                    let e = values.entry(v.clone()).or_insert(None);
                    if e.is_none() {
                        *e = a;
                    }
                }
                Role::Extra(k) => {
                    let a = if header_text {
                        None
                    } else {
                        cells::amount(c, id, what, warnings)
                    };
                    let e = extra.entry(k.clone()).or_insert(None);
                    if e.is_none() {
                        *e = a;
                    }
                }
                Role::Skip => {
                    // text in a column we could not name is reported once per column
                    if let Some(t) = c.map(|c| c.trim()).filter(|t| !t.is_empty()) {
                        if !header_row && !warned_cols[i] {
                            warned_cols[i] = true;
                            warnings.push(
                                id,
                                format!(
                                    "column {} ({:?}) has no recognised header; its text {t:?} is not kept",
                                    i + 1,
                                    paths.get(i).map(|p| p.join("/")).unwrap_or_default(),
                                ),
                            );
                        }
                    }
                }
                Role::Label => {}
            }
        }
        let has_values = values.values().chain(extra.values()).any(|v| v.is_some());
        if is_total_name(&name)
            || (code.is_none() && line.cells.iter().any(|c| is_total_name(c.trim())))
        {
            if meta.empty {
                continue;
            }
            rows.push(ClassifiedRow {
                code: None,
                name: "合计".into(),
                level: 0,
                values,
                extra,
            });
            indents.push(None);
            continue;
        }
        match code {
            Some(code) => {
                let level = level_of(&code);
                if level == 0 {
                    warnings.push(id, format!("code {code:?} is not 3, 5 or 7 digits"));
                }
                name = name.trim().to_string();
                rows.push(ClassifiedRow {
                    code: Some(code),
                    name,
                    level,
                    values,
                    extra,
                });
                indents.push(None);
            }
            None if !has_values && !name.is_empty() => {
                // a wrapped name: it continues the row above
                if let Some(last) = rows.last_mut() {
                    last.name.push_str(&name);
                } else {
                    warnings.push(
                        id,
                        format!("text {name:?} before the first row is not kept"),
                    );
                }
            }
            None if has_values && !name.is_empty() => {
                // a row printed with a name but no code: its level comes later
                rows.push(ClassifiedRow {
                    code: None,
                    name: name.trim().to_string(),
                    level: 0,
                    values,
                    extra,
                });
                indents.push(line.cell_box(name_col).map(|b| b[0]));
            }
            None if has_values => {
                warnings.push(
                    id,
                    format!(
                        "a row with values but no code or name ({:?}) is not kept",
                        line.joined()
                    ),
                );
            }
            None => {}
        }
    }
    if meta.empty {
        rows.clear();
        indents.clear();
    }
    assign_levels(&mut rows, &indents, unit_rows, &columns, id, warnings);
    // 基本支出 printed only as its parts (人员经费, 公用经费): `basic` is null
    let split_basic = !columns.iter().any(|c| c == "basic")
        && columns.iter().any(|c| c == "personnel" || c == "public");
    if split_basic {
        for r in rows.iter_mut() {
            r.values.entry("basic".into()).or_insert(None);
        }
    }
    ClassifiedTable {
        meta,
        columns,
        extra_columns,
        rows,
    }
}

/// A blank value for every extra column.
fn extra_blank(cols: &[String]) -> BTreeMap<String, Amount> {
    cols.iter().map(|c| (c.clone(), None)).collect()
}

/// 1 for a 类 code, 2 for 款, 3 for 项, 0 otherwise.
fn level_of(code: &str) -> u8 {
    match code.len() {
        3 => 1,
        5 => 2,
        7 => 3,
        _ => 0,
    }
}

/// Levels of rows printed without a code (the 合计 row keeps 0; coded rows
/// have theirs). From the names' indentation where every such row has a box;
/// else from the figures: a function class (类) name is level 1, and after it
/// a row whose figure equals the sum of the rows below it is a 款 over them (项).
/// Budget-unit rows: the department 1, its units 2.
fn assign_levels(
    rows: &mut [ClassifiedRow],
    indents: &[Option<f32>],
    unit_rows: bool,
    columns: &[String],
    id: &str,
    warnings: &mut Warnings,
) {
    let open: Vec<usize> = (0..rows.len())
        .filter(|&i| rows[i].code.is_none() && rows[i].name != "合计")
        .collect();
    if open.is_empty() {
        return;
    }
    if unit_rows {
        // the first unit row after 合计 that equals the whole is the department
        let total = rows
            .iter()
            .find(|r| r.name == "合计")
            .and_then(|r| first_value(r, columns));
        // without such a row, every unit stands alone at level 1
        let has_dept = total.is_some()
            && open.len() > 1
            && open
                .iter()
                .any(|&i| first_value(&rows[i], columns) == total);
        let mut dept_seen = false;
        for &i in &open {
            let v = first_value(&rows[i], columns);
            let is_dept = !dept_seen && has_dept && v == total;
            rows[i].level = if is_dept || !has_dept { 1 } else { 2 };
            dept_seen |= is_dept;
        }
        return;
    }
    // indentation: distinct left edges, clustered, ranked
    if open.iter().all(|&i| indents[i].is_some()) {
        let mut xs: Vec<f32> = open.iter().filter_map(|&i| indents[i]).collect();
        xs.sort_by(|a, b| a.total_cmp(b));
        let mut steps: Vec<f32> = Vec::new();
        for x in xs {
            if steps.last().is_none_or(|&l| x - l > 2.0) {
                steps.push(x);
            }
        }
        if (2..=3).contains(&steps.len()) || (steps.len() == 1 && open.len() <= 3) {
            for &i in &open {
                let x = indents[i].unwrap_or(0.0);
                let rank = steps.iter().rposition(|&s| x >= s - 2.0).unwrap_or(0);
                rows[i].level = (rank + 1).min(3) as u8;
            }
            return;
        }
    }
    // the figures: 类 by name, then 款 = Σ 项 below it
    let g = grammar();
    let mut k = 0;
    while k < open.len() {
        let i = open[k];
        if g.class_code(&rows[i].name).is_some() {
            rows[i].level = 1;
            k += 1;
            continue;
        }
        // a 款: the rows after it (up to the next class) that add up to it
        let target = first_value(&rows[i], columns);
        let mut sum = Decimal::ZERO;
        let mut j = k + 1;
        let mut found = None;
        while j < open.len()
            && g.class_code(&rows[open[j]].name).is_none()
            && open[j] == open[j - 1] + 1
        {
            sum += first_value(&rows[open[j]], columns).unwrap_or_default();
            // within the rounding the report warns of: 0.01 per part
            let tol = Decimal::new(1, 2) * Decimal::from((j - k) as i64);
            if target.is_some_and(|t| (t - sum).abs() <= tol) {
                found = Some(j);
                break;
            }
            j += 1;
        }
        match found {
            Some(end) if target.is_some() => {
                rows[i].level = 2;
                for &x in &open[k + 1..=end] {
                    rows[x].level = 3;
                }
                k = end + 1;
            }
            _ => {
                rows[i].level = 2;
                warnings.push(
                    id,
                    format!(
                        "row {:?} has no code and its level could not be told from the figures; read as a 款",
                        rows[i].name
                    ),
                );
                k += 1;
            }
        }
    }
}

/// The row's first printed value, in column order.
fn first_value(r: &ClassifiedRow, columns: &[String]) -> Amount {
    columns
        .iter()
        .find_map(|c| r.values.get(c).copied().flatten())
}

/// True for a line whose filled cells are all words of the table's header
/// (two or more of them): the header printed again over a continued page,
/// its cells placed otherwise than on the first (a scan's tall cell centred
/// one line lower: `2025年预算数` beside `科目编码 | 科目名称`).
fn header_words_only(line: &Line, header: &[&Line]) -> bool {
    let words: std::collections::HashSet<&str> = header.iter().flat_map(|h| h.filled()).collect();
    let filled: Vec<&str> = line.filled().collect();
    filled.len() >= 2 && filled.iter().all(|c| words.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::grammar;

    fn lines(text: &str) -> Vec<Line> {
        crate::normalise::doc(crate::ingest::text::read_text(text)).lines
    }

    fn parse_text(id: &str, text: &str) -> (ClassifiedTable, Warnings) {
        let mut w = Warnings::default();
        let t = parse(
            grammar().table(id).unwrap(),
            TableMeta::default(),
            &lines(text),
            &mut w,
        );
        (t, w)
    }

    #[test]
    fn whole_codes_with_wrapped_names_in_cells() {
        let (t, w) = parse_text(
            "expenditure",
            "项目\t\t本年支出合计\t基本支出\t项目支出\t上缴 上级 支出\n科目代码\t科目名称\t\t\t\t\n栏次\t\t1\t2\t3\t4\n合计\t\t5307.63\t657.87\t4649.76\t\n208\t社会保障和就业支 出\t262.09\t262.09\t\t\n2080501\t行政单位离退休\t159.34\t159.34\t\t\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            t.columns,
            vec!["total", "basic", "project", "remit_to_superior"]
        );
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[0].level, 0);
        assert_eq!(t.rows[1].name, "社会保障和就业支出");
        assert_eq!(t.rows[1].values["project"], None);
        assert_eq!(t.rows[2].level, 3);
        assert_eq!(t.rows[2].values["basic"].unwrap().to_string(), "159.34");
    }

    #[test]
    fn split_codes_over_class_columns() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "科目编码\t\t\t科目名称\t合计\t基本支出\t项目支出\n类\t款\t项\t\t\t\t\n\t\t\t合计\t3.00\t3.00\t\n201\t\t\t一般公共服务支出\t3.00\t3.00\t\n\t06\t\t财政事务\t3.00\t3.00\t\n\t\t01\t行政运行\t3.00\t3.00\t\n",
        );
        let codes: Vec<_> = t.rows.iter().map(|r| r.code.clone()).collect();
        assert_eq!(
            codes,
            vec![
                None,
                Some("201".into()),
                Some("20106".into()),
                Some("2010601".into())
            ]
        );
    }

    #[test]
    fn code_printed_with_name_and_wrapped_row() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "项目\t小计\t基本支出\t项目支出\n合计\t1.00\t1.00\t\n2080505 机关事业单位基本\t1.00\t1.00\t\n养老保险缴费支出\t\t\t\n",
        );
        assert_eq!(t.rows[1].code.as_deref(), Some("2080505"));
        assert_eq!(t.rows[1].name, "机关事业单位基本养老保险缴费支出");
    }

    #[test]
    fn code_and_name_in_one_cell_under_two_headers_do_not_shift_values() {
        let (t, w) = parse_text(
            "general_budget_expenditure",
            "科目代码\t科目名称\t合计\t基本支出\t项目支出\n合计\t\t3.00\t1.00\t2.00\n2010101 行政运行\t1.00\t1.00\t\n2010102\t一般行政管理事务\t2.00\t\t2.00\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.rows[1].name, "行政运行");
        assert_eq!(t.rows[1].values["total"].unwrap().to_string(), "1.00");
        assert_eq!(t.rows[1].values["basic"].unwrap().to_string(), "1.00");
        assert_eq!(t.rows[1].values["project"], None);
    }

    #[test]
    fn name_half_on_a_line_of_its_own() {
        let (t, _) = parse_text(
            "general_budget_expenditure",
            "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t1.00\t1.00\t\n2080505\t机关事业单位基本\t1.00\t1.00\t\n养老保险缴费支出\n注：本表反映\n",
        );
        assert_eq!(t.rows[1].name, "机关事业单位基本养老保险缴费支出");
    }

    #[test]
    fn unreadable_cell_is_a_warning_not_a_drop() {
        let (t, w) = parse_text(
            "general_budget_expenditure",
            "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t1.0O\t1.00\t\n",
        );
        assert_eq!(t.rows[0].values["total"], None);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn split_basic_and_unmapped_columns_kept() {
        let (t, w) = parse_text(
            "general_budget_expenditure",
            "功能分类科目\t\t2025年预算数\t2026年预算数\t\t\t\t\n科目编码\t科目名称\t\t总计\t基本支出\t\t\t项目支出\n\t\t\t\t小计\t人员经费\t公用经费\t\n合计\t\t9.00\t10.00\t7.00\t5.00\t2.00\t3.00\n201\t一般公共服务支出\t9.00\t10.00\t7.00\t5.00\t2.00\t3.00\n",
        );
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(
            t.columns,
            vec!["total", "basic", "personnel", "public", "project"]
        );
        assert_eq!(t.extra_columns, vec!["2025年预算数"]);
        let r = &t.rows[1];
        assert_eq!(r.values["personnel"].unwrap().to_string(), "5.00");
        assert_eq!(r.values["project"].unwrap().to_string(), "3.00");
        assert_eq!(r.extra["2025年预算数"].unwrap().to_string(), "9.00");
    }

    #[test]
    fn rows_without_codes_take_levels_from_the_figures() {
        let (t, w) = parse_text(
            "general_budget_expenditure",
            "功能分类科目名称\t合计\t基本支出\t项目支出\n合计\t13.19\t1.00\t12.19\n一般公共服务支出\t12.19\t\t12.19\n社会工作事务\t0.19\t\t0.19\n其他社会工作事务支出\t0.19\t\t0.19\n其他一般公共服务支出\t12.00\t\t12.00\n其他一般公共服务支出\t12.00\t\t12.00\n公共安全支出\t1.00\t1.00\t\n司法\t1.00\t1.00\t\n行政运行\t0.40\t0.40\t\n一般行政管理事务\t0.60\t0.60\t\n",
        );
        assert!(w.is_empty(), "{w:?}");
        let levels: Vec<u8> = t.rows.iter().map(|r| r.level).collect();
        assert_eq!(levels, vec![0, 1, 2, 3, 2, 3, 1, 2, 3, 3]);
        assert!(t.rows.iter().all(|r| r.code.is_none()));
    }

    #[test]
    fn rows_per_budget_unit() {
        let (t, _) = parse_text(
            "income",
            "单位名称\t总计\t本年收入\t\t上年结转结余\t\n\t\t小计\t一般公共预算\t小计\t一般公共预算\n合计\t3.00\t2.00\t2.00\t1.00\t1.00\n某某局\t3.00\t2.00\t2.00\t1.00\t1.00\n某某局本级\t2.00\t1.00\t1.00\t1.00\t1.00\n某某中心\t1.00\t1.00\t1.00\t\t\n",
        );
        assert_eq!(
            t.columns,
            vec![
                "total",
                "current_total",
                "general_budget",
                "balance_carried"
            ]
        );
        assert_eq!(t.extra_columns, vec!["上年结转结余/一般公共预算"]);
        let levels: Vec<u8> = t.rows.iter().map(|r| r.level).collect();
        assert_eq!(levels, vec![0, 1, 2, 2]);
        assert_eq!(t.rows[1].code, None);
    }

    #[test]
    fn code_name_and_amounts_in_one_run() {
        let (t, w) = parse_text(
            "income",
            "科目编码\t科目名称\t本年收入合计\t财政拨款收入\t事业收入\n合计\t\t3.00\t3.00\t\n206科学技术支出1723.93 1723.93\n20602\t基础研究\t1723.93\t1723.93\t\n",
        );
        assert_eq!(t.rows[1].code.as_deref(), Some("206"));
        assert_eq!(t.rows[1].name, "科学技术支出");
        assert_eq!(
            t.rows[1].values["fiscal_appropriation"]
                .unwrap()
                .to_string(),
            "1723.93"
        );
        assert_eq!(w.len(), 1);
    }
}

#[cfg(test)]
mod page_break_tests {
    use super::*;
    use crate::grammar::grammar;

    #[test]
    fn a_header_repeated_with_its_cells_placed_otherwise_is_no_row() {
        // chongqing's 一般公共预算支出情况表 scanned: over the continued page
        // `2025年预算数` (a tall cell) stands one line lower than on the first
        let text = "功能分类科目\t\t2025年预算数\t2026年预算数\t\t\n\
                    科目编码\t科目名称\t\t总计\t基本支出\t项目支出\n\
                    合计\t\t3.00\t3.00\t3.00\t\n\
                    2101101\t行政单位医疗\t1.00\t1.00\t1.00\t\n\u{c}\
                    功能分类科目\t\t\t2026年预算数\t\t\n\
                    科目编码\t科目名称\t2025年预算数\t总计\t基本支出\t项目支出\n\
                    2101102\t事业单位医疗\t2.00\t2.00\t2.00\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        let names: Vec<_> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, vec!["合计", "行政单位医疗", "事业单位医疗"]);
    }

    #[test]
    fn repeated_header_after_a_page_break_and_a_name_split_by_it() {
        let text = "科目代码\t科目名称\t小计\t基本支出\t项目支出\n合计\t\t3.00\t3.00\t\n\
                    2080505\t机关事业单位基本\t1.00\t1.00\t\n\u{c}上海市某某局2024年度部门决算\n\
                    科目代码\t科目名称\t小计\t基本支出\t项目支出\n\t养老保险缴费支出\t\t\t\n2080506\t职业年金\t2.00\t2.00\t\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let t = parse(
            grammar().table("general_budget_expenditure").unwrap(),
            TableMeta::default(),
            &lines,
            &mut w,
        );
        assert!(w.is_empty(), "{w:?}");
        let names: Vec<_> = t.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["合计", "机关事业单位基本养老保险缴费支出", "职业年金"]
        );
    }
}
