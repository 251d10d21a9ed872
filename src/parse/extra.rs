//! Tables outside the standard catalogue (政府采购预算表, 项目支出表, 绩效目标表 …):
//! kept as printed, a header path per column and a cell per row, never forced
//! onto a standard id.

use crate::doc::Line;
use crate::model::{Cell, ExtraTable};
use crate::normalise::{self, CellValue};
use crate::parse::header::{self, column_paths, is_column_number_line, is_meta, is_note};
use crate::segment::Block;

/// True for a figure: a number with decimals or thousand separators.
fn is_figure(c: &str) -> bool {
    matches!(normalise::amount(c), CellValue::Number(n) if n.scale() > 0 || c.contains(','))
}

/// Reads an extra table's block.
pub fn parse(b: &Block) -> ExtraTable {
    let lines: &[Line] = &b.lines;
    let grid: Vec<&Line> = lines
        .iter()
        .take_while(|l| !is_note(l))
        .filter(|l| l.cells.len() > 1 && !is_meta(l))
        .collect();
    // the header: the table rows above the first row holding a figure (or the
    // first row, where no row holds one)
    let first_figure = grid
        .iter()
        .position(|l| !is_column_number_line(l) && l.filled().any(is_figure));
    let header_len = match first_figure {
        Some(i) => i,
        None => usize::from(!grid.is_empty()),
    };
    let header: Vec<&Line> = grid[..header_len]
        .iter()
        .copied()
        .filter(|l| !is_column_number_line(l))
        .collect();
    let width = header::width(lines);
    let mut columns = column_paths(&header, width);
    let mut body: Vec<Line> = grid[header_len..]
        .iter()
        .copied()
        .filter(|l| !is_column_number_line(l) && !header.iter().any(|h| h.cells == l.cells))
        .cloned()
        .collect();
    // a column with no header that holds nothing but the 类/款/项 marks of one
    // row is the split of its left neighbour in that row only (科目编码 over
    // 类 款 项): it joins the neighbour
    let words = &crate::grammar::grammar().words;
    let mut i = 1;
    while i < columns.len() {
        let only_marks = columns[i].is_empty()
            && body.iter().all(|l| {
                let t = l.cells.get(i).map(|c| c.trim()).unwrap_or("");
                t.is_empty() || words.is_code_part(t)
            });
        if only_marks {
            for l in body.iter_mut() {
                if i < l.cells.len() {
                    let t = l.cells.remove(i);
                    if let Some(left) = l.cells.get_mut(i - 1) {
                        left.push_str(t.trim());
                    }
                    if i < l.boxes.len() {
                        l.boxes.remove(i);
                    }
                }
            }
            columns.remove(i);
        } else {
            i += 1;
        }
    }
    let width = columns.len();
    let body: Vec<&Line> = body.iter().collect();
    // an amount column: every filled cell a number, one at least with decimals
    let amount_col: Vec<bool> = (0..width)
        .map(|i| {
            let filled: Vec<&str> = body
                .iter()
                .filter_map(|l| l.cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !matches!(normalise::amount(c), CellValue::Blank))
                .collect();
            !filled.is_empty()
                && filled
                    .iter()
                    .all(|c| matches!(normalise::amount(c), CellValue::Number(_)))
                && filled.iter().any(|c| is_figure(c))
        })
        .collect();
    let rows = body
        .iter()
        .map(|l| {
            (0..width)
                .map(|i| {
                    let t = l.cells.get(i).map(|c| c.trim()).unwrap_or("");
                    match normalise::amount(t) {
                        CellValue::Blank => Cell::Blank,
                        CellValue::Number(n) if amount_col[i] => Cell::Number(n),
                        _ => Cell::Text(t.to_string()),
                    }
                })
                .collect()
        })
        .collect();
    ExtraTable {
        title: b.title.clone(),
        label: b.label.clone(),
        unit: b.unit.clone(),
        pages: b.pages.clone(),
        empty: b.empty,
        columns,
        rows: if b.empty { Vec::new() } else { rows },
    }
}
