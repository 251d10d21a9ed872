//! The 绩效自评 annex: the project table (name, budget, executed, indicator,
//! expected, achieved, score, grade) and its 合计 line. A project printed over
//! two lines (a line with text but no amounts) is joined into one.
//!
//! Then the annex prose's numbered paragraphs, one per project, as
//! [`Statement`]s: the words that introduce each figure are in the
//! `[performance_prose]` section of `grammars/narrative.toml`.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::doc::Line;
use crate::grammar::grammar;
use crate::model::{Performance, Project, ProjectTotal, Statement, SummaryItem};
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

/// Finds and reads the project table among `lines` (the annexes) and the
/// prose's per-project paragraphs.
pub fn parse(lines: &[Line], warnings: &mut Warnings) -> Performance {
    let mut perf = table(lines, warnings);
    perf.statements = statements(lines);
    perf.summary = summary(lines);
    perf
}

/// An enumerator inside a paragraph: `1、` or `①` at its start or after a
/// clause's end.
static ENUMERATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[;；。:：,，])[ ]*(?:([0-9]{1,2})、|([①-⑳]))").unwrap());

/// The count an item says was done: the first number with a count word after 完成.
static DONE: LazyLock<Regex> = LazyLock::new(|| {
    let g = &grammar().narrative.performance_prose;
    Regex::new(&format!(
        r"{}[^0-9;；。]*?([0-9]+)[ ]*(?:{})",
        regex::escape(&g.done),
        g.count_words
            .iter()
            .map(|w| regex::escape(w))
            .collect::<Vec<_>>()
            .join("|")
    ))
    .unwrap()
});

/// The projects the annex prose's summary paragraphs enumerate: a paragraph
/// (lines joined up to a heading or table row) holding two or more
/// enumerated items that state a 预算指标.
pub fn summary(lines: &[Line]) -> Vec<SummaryItem> {
    let mut out = Vec::new();
    let mut para = String::new();
    for line in lines {
        if ends_paragraph(line) {
            summary_of(&para, &mut out);
            para.clear();
            continue;
        }
        para.push_str(&line.joined());
        if para.ends_with('。') {
            summary_of(&para, &mut out);
            para.clear();
        }
    }
    summary_of(&para, &mut out);
    out
}

fn summary_of(para: &str, out: &mut Vec<SummaryItem>) {
    let marks: Vec<(usize, usize, u32)> = ENUMERATOR
        .captures_iter(para)
        .filter_map(|c| {
            let m = c.get(0)?;
            let n = match (c.get(1), c.get(2)) {
                (Some(d), _) => d.as_str().parse().ok()?,
                (_, Some(circled)) => circled.as_str().chars().next()? as u32 - '①' as u32 + 1,
                _ => return None,
            };
            Some((m.start(), m.end(), n))
        })
        .collect();
    if marks.len() < 2 {
        return;
    }
    let mut items = Vec::new();
    for (i, &(_, start, n)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(para.len(), |m| m.0);
        let text = para[start..end].trim_end_matches(['。', ';', '；']).trim();
        let Some(s) = statement(n, text) else {
            continue;
        };
        if s.budget.is_none() {
            continue;
        }
        items.push(SummaryItem {
            item: n,
            name: s.name,
            budget: s.budget,
            unit: s.unit,
            done: DONE.captures(text).and_then(|c| c[1].parse().ok()),
            text: text.to_string(),
        });
    }
    if items.len() >= 2 {
        out.extend(items);
    }
}

/// The project table and its 合计 row.
fn table(lines: &[Line], warnings: &mut Warnings) -> Performance {
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
                        && c.names.iter().any(|e| normalise::key(e) == k)
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

/// A line that starts a project paragraph: `N.` or `N、`.
static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9]{1,2})(、|\.)[ ]*").unwrap());

/// A year at the start of a text: `2024年`.
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:19|20)[0-9]{2}年").unwrap());

/// A heading that ends a paragraph: `五、…`, `(二)…`, `第五部分…`.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|第[一二三四五六七八九十]{1,3}部分)")
        .unwrap()
});

/// The patterns of one figure, built from the grammar's words.
struct Patterns {
    budget: Regex,
    budget_this_year: Option<Regex>,
    executed: Regex,
    rate: Regex,
    score: Regex,
    grade: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let g = &grammar().narrative.performance_prose;
    // longest first, so that "预算执行率" is tried before "执行率" at one place
    let alt = |words: &[String]| {
        let mut w: Vec<&String> = words.iter().collect();
        w.sort_by_key(|x| std::cmp::Reverse(x.len()));
        w.iter()
            .map(|x| regex::escape(x))
            .collect::<Vec<_>>()
            .join("|")
    };
    let join = alt(&g.joiners);
    let make = |words: &[String], tail: &str| {
        Regex::new(&format!(r"(?:{})[ ]*(?:{join})?[ ]*{tail}", alt(words))).unwrap()
    };
    let number = r"(-?[0-9]+(?:\.[0-9]+)?)[ ]*";
    Patterns {
        budget: make(&g.budget, &format!("{number}(万元|元)")),
        budget_this_year: (!g.budget_this_year.is_empty())
            .then(|| make(&g.budget_this_year, &format!("{number}(万元|元)"))),
        executed: make(&g.executed, &format!("{number}(万元|元)")),
        rate: make(&g.rate, &format!("{number}%")),
        score: make(&g.score, &format!("{number}分")),
        grade: make(&g.grade, r#"[“"'‘]?[ ]*(优秀|良好|中等|较差|优|良|中|差)"#),
    }
});

/// True when `line` ends a paragraph: a heading or a table row.
fn ends_paragraph(line: &Line) -> bool {
    line.filled().count() > 1 || HEADING.is_match(&line.joined())
}

/// The annex prose's project paragraphs: each line starting with `N.` or
/// `N、` begins one, running to the next such line or a heading; a paragraph
/// whose first sentence names no project before 预算指标 is skipped.
pub fn statements(lines: &[Line]) -> Vec<Statement> {
    let mut out = Vec::new();
    let mut current: Option<(u32, String)> = None;
    for line in lines {
        let t = line.joined();
        let start = (line.filled().count() == 1)
            .then(|| ITEM.captures(&t))
            .flatten()
            .filter(|c| {
                // "1.5万元" is a number, not an item; "2.2024年…" (an OCR
                // reading of "2. 2024年…", the space lost) is item 2
                let after = &t[c.get(0).unwrap().end()..];
                !(&c[2] == "."
                    && c.get(0).unwrap().as_str().len() == c[1].len() + 1
                    && after.starts_with(|x: char| x.is_ascii_digit())
                    && !YEAR.is_match(after))
            })
            .map(|c| {
                (
                    c[1].parse::<u32>().unwrap_or(0),
                    t[c.get(0).unwrap().end()..].to_string(),
                )
            });
        let g = &grammar().narrative.performance_prose;
        // "3. 预算执行情况": a numbered subheading, which ends a paragraph too
        let numbered = start.is_some();
        let start = start.filter(|(_, rest)| {
            rest.chars().count() >= g.heading_chars
                || g.name_end.iter().any(|w| rest.contains(w.as_str()))
        });
        if let Some(s) = start {
            if let Some((n, text)) = current.take() {
                out.extend(statement(n, &text));
            }
            current = Some(s);
        } else if numbered || ends_paragraph(line) {
            if let Some((n, text)) = current.take() {
                out.extend(statement(n, &text));
            }
        } else if let Some((_, text)) = current.as_mut() {
            text.push_str(&t);
        }
    }
    if let Some((n, text)) = current {
        out.extend(statement(n, &text));
    }
    out
}

/// Reads one paragraph (its text after the item number), or `None` when it
/// is not a project statement.
fn statement(item: u32, text: &str) -> Option<Statement> {
    let g = &grammar().narrative.performance_prose;
    let p = &*PATTERNS;
    let first = text.split(['。', ';', '；']).next().unwrap_or("").trim();
    let end = g
        .name_end
        .iter()
        .filter_map(|w| {
            first
                .find(w.as_str())
                .map(|i| (i, std::cmp::Reverse(w.len())))
        })
        .min()?
        .0;
    let mut name = first[..end].trim().to_string();
    if let Some(t) = g.name_trim.iter().find(|t| name.ends_with(t.ends.as_str())) {
        name.truncate(name.len() - t.ends.len());
        name.push_str(&t.keep);
    }
    if name.is_empty()
        || name.chars().count() > 60
        || name.contains([',', '，', ':', '：', '。', ';', '；'])
    {
        return None;
    }
    let amount = |re: &Regex| {
        re.captures(first)
            .and_then(|c| Decimal::from_str(&c[1]).ok().map(|d| (d, c[2].to_string())))
    };
    let budget = p
        .budget_this_year
        .as_ref()
        .and_then(&amount)
        .or_else(|| amount(&p.budget));
    let executed = amount(&p.executed);
    let unit = budget
        .as_ref()
        .or(executed.as_ref())
        .map(|(_, u)| u.clone());
    let rate = p
        .rate
        .captures(first)
        .and_then(|c| Decimal::from_str(&c[1]).ok());
    let score = p
        .score
        .captures_iter(text)
        .last()
        .and_then(|c| Decimal::from_str(&c[1]).ok());
    let grade = p.grade.captures_iter(text).last().map(|c| c[1].to_string());
    Some(Statement {
        item,
        name,
        budget: budget.map(|b| b.0),
        executed: executed.map(|e| e.0),
        unit,
        rate,
        score,
        grade,
        text: first.to_string(),
    })
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

    #[test]
    fn statements_of_the_annex_prose() {
        let text = "1. 我市扶持陶瓷产业项目预算指标1500万元，实际支出795万元，预算执行率53%。\n\
                    该项目年初绩效指标设置分值为：预算执行率100%、设置分值10分；实际得分5.3分，\n\
                    最终该项目综合指标得分74.60分，绩效评价结果等级为“中”。\n\
                    2. 怀仁市陶瓷纪录片制作费项目用预算指标 130 万元，实际支出 130 万元，执行率 100%；\n\
                    该项目综合指标得分 95 分。\n\
                    五、自评发现的问题\n\
                    该项目综合指标得分 50 分，等级为“差”。\n\
                    3. 预算执行情况\n\
                    2024年预算执行率100%。\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let s = statements(&lines);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[0].item, 1);
        assert_eq!(s[0].name, "我市扶持陶瓷产业项目");
        assert_eq!(s[0].budget.unwrap().to_string(), "1500");
        assert_eq!(s[0].executed.unwrap().to_string(), "795");
        assert_eq!(s[0].unit.as_deref(), Some("万元"));
        assert_eq!(s[0].rate.unwrap().to_string(), "53");
        assert_eq!(s[0].score.unwrap().to_string(), "74.60");
        assert_eq!(s[0].grade.as_deref(), Some("中"));
        assert_eq!(
            s[0].text,
            "我市扶持陶瓷产业项目预算指标1500万元,实际支出795万元,预算执行率53%"
        );
        // "用预算指标": 用 is not part of the name; the heading ends the paragraph
        assert_eq!(s[1].name, "怀仁市陶瓷纪录片制作费项目");
        assert_eq!(s[1].rate.unwrap().to_string(), "100");
        assert_eq!(s[1].score.unwrap().to_string(), "95");
        assert_eq!(s[1].grade, None);
    }

    #[test]
    fn an_item_number_against_a_year_starts_a_statement() {
        // OCR reads "2. 2024年…" without its space; "1.5万元…" stays a number
        let text = "1.我市扶持陶瓷产业项目预算指标1500万元,实际支出795万元,预算执行率53%。\n\
                    1.5万元用于宣传。\n\
                    2.2024年工信局遗属补助项目预算指标22.75万元,实际支出22.75万元,预算执行率100%。\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let s = statements(&lines);
        assert_eq!(s.len(), 2, "{s:?}");
        assert_eq!(s[1].item, 2);
        assert_eq!(s[1].name, "2024年工信局遗属补助项目");
        assert_eq!(s[0].executed.unwrap().to_string(), "795");
    }

    #[test]
    fn a_multi_year_project_states_this_years_budget() {
        let text = "8、我市多域行业视频智能监管预算指标2400万元,分三个年度进行,本年度预算指标700万元,完成全域多行业智能监管10个;9、怀仁市…\n";
        let lines = crate::normalise::doc(crate::ingest::text::read_text(text)).lines;
        let s = statements(&lines);
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "我市多域行业视频智能监管");
        assert_eq!(s[0].budget.unwrap().to_string(), "700");
        assert_eq!(s[0].executed, None);
    }
}
