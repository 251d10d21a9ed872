//! The 绩效自评 annex: the project table (name, budget, executed, indicator,
//! expected, achieved, score, grade) and its 合计 line. A project printed over
//! two lines (a line with text but no amounts) is joined into one.

use crate::doc::Line;
use crate::grammar::grammar;
use crate::model::{Performance, Project, ProjectTotal};
use crate::normalise;
use crate::parse::header::{column_paths, is_column_number_line};
use crate::parse::{cells, Warnings};

fn is_header(line: &Line) -> bool {
    let pg = &grammar().performance;
    let t = line.joined();
    line.cells.len() > 3
        && pg.detect_all.iter().any(|w| t.contains(w.as_str()))
        && pg.detect_any.iter().any(|w| t.contains(w.as_str()))
}

/// Finds and reads the project table among `lines` (the annexes).
pub fn parse(lines: &[Line], warnings: &mut Warnings) -> Performance {
    let pg = &grammar().performance;
    let mut perf = Performance::default();
    let Some(mut h) = lines.iter().position(is_header) else {
        return perf;
    };
    // header lines above it (a spanning first line: 预算项目 | 预算情况 | …)
    while h > 0
        && lines[h - 1].cells.len() > 3
        && !lines[h - 1]
            .filled()
            .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_)))
    {
        h -= 1;
    }
    // the header is this line and the next multi-cell lines without amounts
    let mut end = h + 1;
    while end < lines.len()
        && lines[end].cells.len() > 1
        && !lines[end]
            .filled()
            .any(|c| matches!(normalise::amount(c), normalise::CellValue::Number(_)))
    {
        end += 1;
    }
    let header: Vec<&Line> = lines[h..end]
        .iter()
        .filter(|l| !is_column_number_line(l))
        .collect();
    let width = lines[h..]
        .iter()
        .take(60)
        .map(|l| l.cells.len())
        .max()
        .unwrap_or(0);
    let paths = column_paths(&header, width);
    let mut fields: Vec<Option<&str>> = vec![None; width];
    let mut taken: Vec<&str> = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        // the bottom-most text naming a field not yet taken
        let f = p.iter().rev().find_map(|t| {
            let k = normalise::key(t);
            pg.columns
                .iter()
                .find(|c| {
                    !taken.contains(&c.id.as_str())
                        && c.exact.iter().any(|e| normalise::key(e) == k)
                })
                .map(|c| c.id.as_str())
        });
        if let Some(f) = f {
            taken.push(f);
        }
        fields[i] = f;
    }
    let col = |f: &str| fields.iter().position(|x| *x == Some(f));
    let text = |line: &Line, f: &str| {
        col(f)
            .and_then(|i| line.cells.get(i))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    for line in &lines[end..] {
        if line.cells.len() < 2 {
            break; // the table ends where prose starts again
        }
        let name = text(line, "name").unwrap_or_default();
        let label = name.clone();
        let mut num = |f: &str| {
            cells::amount(
                col(f).and_then(|i| line.cells.get(i)),
                "performance",
                || format!("project {label:?} {f}"),
                warnings,
            )
        };
        if grammar().words.is_total(&name) {
            perf.total = Some(ProjectTotal {
                budget: num("budget"),
                executed: num("executed"),
                score: num("score"),
                grade: text(line, "grade"),
            });
            break;
        }
        let budget = num("budget");
        let score = num("score");
        if budget.is_none() && score.is_none() {
            // a continuation line: its texts finish the project above
            if let Some(p) = perf.projects.last_mut() {
                let join = |a: &mut Option<String>, b: Option<String>| {
                    if let Some(b) = b {
                        *a = Some(format!("{}{}", a.take().unwrap_or_default(), b));
                    }
                };
                if !name.is_empty() {
                    p.name.push_str(&name);
                }
                join(&mut p.indicator, text(line, "indicator"));
                join(&mut p.expected, text(line, "expected"));
                join(&mut p.achieved, text(line, "achieved"));
            }
            continue;
        }
        let executed = num("executed");
        perf.projects.push(Project {
            name,
            budget,
            executed,
            indicator: text(line, "indicator"),
            expected: text(line, "expected"),
            achieved: text(line, "achieved"),
            score,
            grade: text(line, "grade"),
        });
    }
    perf
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_with_wrapped_rows_and_total() {
        let text = "预算项目\t预算情况\t\t绩效产出情况\t\t\t整体得分情况\t\n\
                    \t预算指标\t执行情况\t项目\t预期数量\t完成数量\t自评得分\t自评结果\n\
                    扶持陶瓷产业\t1500\t795\t扶持项目数量\t10\t6\t74.60\t中\n\
                    我市全域多行业视频\t700\t700\t全域多行\t10\t10\t100\t优\n\
                    智能监管\t\t\t业视频智 能监\t\t\t\t\n\
                    合计\t2200\t1495\t\t\t\t92.98\t优\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let mut w = Warnings::default();
        let p = parse(&lines, &mut w);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(p.projects.len(), 2);
        assert_eq!(p.projects[1].name, "我市全域多行业视频智能监管");
        assert_eq!(
            p.projects[1].indicator.as_deref(),
            Some("全域多行业视频智能监")
        );
        assert_eq!(p.projects[0].score.unwrap().to_string(), "74.60");
        assert_eq!(p.projects[0].expected.as_deref(), Some("10"));
        assert_eq!(p.total.unwrap().executed.unwrap().to_string(), "1495");
    }
}
