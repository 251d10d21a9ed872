//! The prose part (情况说明): every figure stated, with the table cell it names
//! where the clause names one (rules in `grammars/narrative.toml`).
//!
//! Lines of a section are joined (converters break sentences anywhere), split
//! into clauses at `,;。:、`, and each number followed by a unit is a claim.

use std::str::FromStr;
use std::sync::LazyLock;

use regex::Regex;
use rust_decimal::Decimal;

use crate::doc::Line;
use crate::grammar::{grammar, ClaimRule};
use crate::model::{CellRef, Claim, Comparison, Location, Narrative, Relation, Tables};
use crate::normalise;

/// The topic of a clause naming the table's total (一般公共预算财政拨款支出).
const TOPIC_TOTAL: &str = "合计";
static SUBHEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\([一二三四五六七八九十]{1,3}\)").unwrap());
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]{1,3}、").unwrap());
static FIGURE: LazyLock<Regex> = LazyLock::new(|| {
    let units: Vec<String> = grammar()
        .narrative
        .units
        .iter()
        .map(|u| regex::escape(&u.unit))
        .collect();
    Regex::new(&format!(
        r"(-?[0-9]+(?:\.[0-9]+)?)[ \t]*({})",
        units.join("|")
    ))
    .unwrap()
});

/// True for a sub-heading line of a section ("(一)一般公共预算财政拨款支出决算
/// 总体情况"): numbered, short, no figure, no sentence end. It is a clause of
/// its own, not the start of the sentence on the next line.
fn is_subheading(text: &str) -> bool {
    let key = normalise::key(text);
    // a heading holds no sentence, and does not break off inside a figure
    // ("(三)公务用车购置和运行维护费。2026年预算数21.56" + "万元…")
    SUBHEADING.is_match(&key)
        && key.chars().count() <= 40
        && !FIGURE.is_match(&key)
        && !key.contains(['。', ',', '，', ';', '；', ':', '：'])
        && !key.ends_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// True for a top-level section heading of the prose (`六、…说明`).
pub(crate) fn is_heading(line: &Line) -> bool {
    let t = line.joined();
    let numbered = line.filled().count() == 1
        && HEADING.is_match(&t)
        && t.chars().count() <= 60
        && !t.ends_with('。');
    // or an unnumbered one (2025年部门预算编制说明, 其他相关情况说明)
    numbered || crate::segment::is_section_heading(line)
}

/// Extracts the claims of the prose part, resolving `refers_to` against `tables`.
///
/// In a budget report (`kind` `budget`) the 三公 figures the prose states are
/// budget figures, so the rules' `actual` side becomes `budget`. `year` is the
/// report's year: a figure of the year before is last year's.
pub fn claims(lines: &[Line], tables: &Tables, kind: Option<&str>, year: Option<i32>) -> Narrative {
    let mut out = claims_of(lines, tables, year);
    if kind == Some("budget") {
        for c in out.claims.iter_mut() {
            if let Some(r) = c
                .refers_to
                .as_mut()
                .filter(|r| r.table == "three_public" && r.row.as_deref() == Some("actual"))
            {
                r.row = Some("budget".into());
            }
        }
    }
    out
}

/// One section's prose joined into one text, with the line each part came from.
struct Joined<'l> {
    section: String,
    text: String,
    /// (byte offset in `text`, line) for each line joined, in order.
    origins: Vec<(usize, &'l Line)>,
}

impl Joined<'_> {
    /// Where the text from byte `at` to `to` was read: the lines it spans on
    /// the page of its first.
    fn location(&self, at: usize, to: usize) -> Option<Location> {
        let i = self.origins.partition_point(|(o, _)| *o <= at).max(1) - 1;
        let j = self
            .origins
            .partition_point(|(o, _)| *o < to.max(at + 1))
            .max(1)
            - 1;
        let mut loc = Location::of_line(self.origins.get(i)?.1)?;
        for (_, l) in self.origins.iter().take(j + 1).skip(i + 1) {
            if let Some(m) = Location::of_line(l) {
                loc = loc.union(m);
            }
        }
        Some(loc)
    }
}

fn claims_of(lines: &[Line], tables: &Tables, year: Option<i32>) -> Narrative {
    let names = Names::new(tables);
    let mut out = Narrative::default();
    let mut sentence_no = 0usize;
    let mut part = Joined {
        section: String::new(),
        text: String::new(),
        origins: Vec::new(),
    };
    for line in lines {
        if is_heading(line) {
            scan(&part, &names, year, &mut out, &mut sentence_no);
            part = Joined {
                section: line.joined(),
                text: String::new(),
                origins: Vec::new(),
            };
            continue;
        }
        // each line of prose is one cell; table rows inside the prose join by cell
        part.origins.push((part.text.len(), line));
        let joined = line.joined();
        part.text.push_str(&joined);
        let last = part.text.chars().last();
        if matches!(last, Some('。') | Some(';') | Some(':'))
            || line.filled().count() > 1
            || is_subheading(&joined)
        {
            part.text.push('\n');
        }
    }
    scan(&part, &names, year, &mut out, &mut sentence_no);
    out
}

/// What a clause states about its figure, read once from its words.
fn relation_of(clause: &str, before: &str, kind: &str, year: Option<i32>) -> Option<Relation> {
    let w = &grammar().narrative.words;
    let change = w.is_change(clause);
    if kind == "percent" {
        return if clause.contains(w.share.as_str()) {
            Some(Relation::Share)
        } else if change {
            Some(Relation::Growth)
        } else if clause.contains(w.completion.as_str()) && clause.contains(w.budget.as_str()) {
            Some(Relation::Completion)
        } else {
            None
        };
    }
    if kind != "amount" {
        return None;
    }
    if change {
        return Some(Relation::Change);
    }
    if w.budget_figure.iter().any(|b| before.contains(b.as_str())) {
        return Some(Relation::Budget);
    }
    let last_year = year.map(|y| format!("{}年", y - 1));
    // "2025年…为…": last year's; "比2025年…": a comparison with it
    let year_named = last_year.as_ref().is_some_and(|y| {
        before.contains(y.as_str())
            && !w
                .compare_before_year
                .iter()
                .any(|c| before.contains(&format!("{c}{y}")))
    });
    if (w.previous.iter().any(|p| before.contains(p.as_str())) || year_named)
        && !w.previous_not.iter().any(|p| before.contains(p.as_str()))
    {
        return Some(Relation::Previous);
    }
    None
}

/// Reads what a claim's clause states (its `relation`, `whole` and
/// `direction`) from its text, as the prose parser does: for claims built
/// by hand or read back from JSON written before these fields existed.
pub fn read_clause(c: &mut Claim, year: Option<i32>) {
    let at = FIGURE
        .captures_iter(&c.text)
        .filter_map(|m| m.get(1))
        .find(|m| Decimal::from_str(m.as_str()).is_ok_and(|v| v == c.value))
        .map_or(c.text.len(), |m| m.start());
    let before = &c.text[..at];
    c.relation = relation_of(&c.text, before, &c.kind, year);
    c.direction = match c.relation {
        Some(Relation::Change | Relation::Growth) => grammar().narrative.words.direction(&c.text),
        _ => None,
    };
    c.whole = if c.relation == Some(Relation::Share) {
        whole_of(&c.text)
    } else {
        None
    };
}

/// The whole a share names: the text between 占 and 的 (`None` for a bare
/// 占 or a comparison 占…比).
fn whole_of(clause: &str) -> Option<String> {
    let w = &grammar().narrative.words;
    clause
        .split_once(w.share.as_str())
        .map(|(_, r)| r)
        .and_then(|r| r.split_once(w.share_whole_end.as_str()))
        .map(|(w, _)| w.to_string())
        .filter(|x| !x.is_empty() && !x.starts_with(w.share_not_whole.as_str()))
}

fn scan(
    part: &Joined,
    names: &Names,
    year: Option<i32>,
    out: &mut Narrative,
    sentence_no: &mut usize,
) {
    let (section, text) = (part.section.as_str(), part.text.as_str());
    if text.is_empty() {
        return;
    }
    let g = &grammar().narrative;
    // the row the prose is talking about: "…(类)…(款)…(项)" or a class name
    // opening a clause ("社会保障和就业支出年初预算…"), for later "支出决算…" figures
    let mut topic: Option<String> = None;
    // the sentence so far: a count "to be bought" (拟新增…) is not one held
    let mut sentence = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest
            .find(['，', ',', '；', ';', '。', ':', '：', '、', '\n'])
            .unwrap_or(rest.len());
        let raw = &rest[..end];
        let clause = raw.trim();
        let clause_at = text.len() - rest.len() + (raw.len() - raw.trim_start().len());
        let sep = rest[end..].chars().next();
        rest = &rest[(end + sep.map_or(0, char::len_utf8)).min(rest.len())..];
        sentence.push_str(clause);
        let planned = g.planned.iter().any(|w| sentence.contains(w.as_str()));
        let ends_sentence = matches!(sep, Some('。') | Some('\n') | None);
        if matches!(sep, Some('。') | Some('\n')) {
            sentence.clear();
        }
        let key = normalise::key(clause);
        // a sub-heading ("(三)…具体情况") starts afresh
        if SUBHEADING.is_match(&key) {
            topic = None;
        }
        if let Some(i) = key.find("(项)") {
            topic = Some(key[..i + "(项)".len()].to_string());
        } else if let Some(name) = class_opening(&key) {
            topic = Some(format!("{name}(类)"));
        } else if g.topic_total.iter().any(|t| key.contains(t.as_str())) {
            topic = Some(TOPIC_TOTAL.to_string());
        }
        let mut from = 0;
        let mut figures = 0;
        for caps in FIGURE.captures_iter(clause) {
            let m = caps.get(0).unwrap();
            let num = caps.get(1).unwrap();
            // a digit or a dot just before: part of a longer token
            if clause[..num.start()].ends_with(|c: char| c.is_ascii_digit() || c == '.') {
                continue;
            }
            let after = &clause[m.end()..];
            if g.not_after.iter().any(|n| after.starts_with(n.as_str())) {
                from = m.end();
                continue;
            }
            let Ok(value) = Decimal::from_str(num.as_str()) else {
                continue;
            };
            let unit = caps[2].to_string();
            let kind = g
                .units
                .iter()
                .find(|u| u.unit == unit)
                .map(|u| u.kind.clone())
                .unwrap_or_default();
            let before = &clause[from..num.start()];
            let refers_to = if kind == "percent" {
                None
            } else {
                resolve(section, before, &kind, names, topic.as_deref())
                    .filter(|r| !(planned && r.table == "disclosure_stats"))
            };
            let relation = relation_of(clause, before, &kind, year);
            let direction = match relation {
                Some(Relation::Change | Relation::Growth) => g.words.direction(clause),
                _ => None,
            };
            let whole = if relation == Some(Relation::Share) {
                whole_of(clause)
            } else {
                None
            };
            out.claims.push(Claim {
                section: section.to_string(),
                text: clause.to_string(),
                value,
                unit,
                kind,
                refers_to,
                relation,
                whole,
                direction,
                location: part.location(clause_at + m.start(), clause_at + m.end()),
                sentence: *sentence_no,
            });
            figures += 1;
            from = m.end();
        }
        // a comparison in words only: "决算数小于预算数", "与上年持平"
        if figures == 0 {
            let w = &g.words;
            let compares = w
                .compare_up
                .iter()
                .chain(&w.compare_down)
                .chain(&w.compare_equal)
                .chain(&w.flat)
                .any(|x| clause.contains(x.as_str()));
            if let (true, Some(direction)) = (compares, w.direction(clause)) {
                out.comparisons.push(Comparison {
                    section: section.to_string(),
                    text: clause.to_string(),
                    direction,
                    // 决算数 against 预算数; "与上年预算数持平" compares years
                    against_budget: clause.contains(w.budget.as_str())
                        && clause.contains(w.final_word.as_str())
                        && !w.previous.iter().any(|p| clause.contains(p.as_str()))
                        && !year.is_some_and(|y| clause.contains(&format!("{}年", y - 1))),
                    after_claims: out.claims.len(),
                    sentence: *sentence_no,
                    location: part.location(clause_at, clause_at + clause.len()),
                });
            }
        }
        if ends_sentence {
            *sentence_no += 1;
        }
    }
}

fn section_matches(rule: &ClaimRule, section: &str) -> bool {
    rule.section.iter().any(|s| section.contains(s.as_str()))
        && !rule
            .not_section
            .iter()
            .any(|s| section.contains(s.as_str()))
}

/// The cell a clause's text before its figure names, if any rule says so.
/// The text is tried as printed and with connecting words (`为`, `决算` …)
/// taken off its end; the rule matching the longest phrase wins, so
/// "公务接待费支出决算为" names 公务接待费, not the 三公 total "支出决算".
fn resolve(
    section: &str,
    before: &str,
    kind: &str,
    names: &Names,
    topic: Option<&str>,
) -> Option<CellRef> {
    let fillers = &grammar().narrative.fillers;
    let mut text = normalise::key(before);
    let mut best: Option<(CellRef, usize)> = None;
    loop {
        if let Some((cell, len)) = resolve_text(section, &text, kind, names, topic) {
            if best.as_ref().is_none_or(|(_, l)| len > *l) {
                best = Some((cell, len));
            }
        }
        match fillers.iter().find(|f| text.ends_with(f.as_str())) {
            Some(f) => text.truncate(text.len() - f.len()),
            None => return best.map(|(c, _)| c),
        }
    }
}

/// The best rule for one text: the cell and the length of the phrase matched.
fn resolve_text(
    section: &str,
    before: &str,
    kind: &str,
    names: &Names,
    topic: Option<&str>,
) -> Option<(CellRef, usize)> {
    let g = &grammar().narrative;
    let mut best: Option<(CellRef, usize)> = None;
    let mut offer = |cell: CellRef, len: usize| {
        if best.as_ref().is_none_or(|(_, l)| len > *l) {
            best = Some((cell, len));
        }
    };
    for rule in g.claim.iter().filter(|r| section_matches(r, section)) {
        let cell = |row: Option<String>, column: Option<String>| CellRef {
            table: rule.table.clone(),
            row,
            column,
        };
        match rule.dynamic.as_deref() {
            None => {
                if rule.table == "disclosure_stats"
                    && rule.row.as_deref() == Some("vehicles")
                    && kind != "count"
                {
                    continue;
                }
                let matched = rule
                    .before
                    .iter()
                    .filter(|b| !b.is_empty() && before.ends_with(b.as_str()))
                    .map(|b| b.len())
                    .max();
                if let Some(len) = matched {
                    offer(cell(rule.row.clone(), rule.column.clone()), len);
                }
            }
            Some("class_name") => {
                for ending in &rule.before {
                    let Some(rest) = before.strip_suffix(ending.as_str()) else {
                        continue;
                    };
                    let class = grammar()
                        .rows
                        .classes
                        .iter()
                        .flat_map(|(c, names)| names.iter().map(move |n| (c, n)))
                        .filter(|(_, n)| rest.ends_with(n.as_str()))
                        .max_by_key(|(_, n)| n.len());
                    if let Some((code, name)) = class {
                        offer(
                            cell(Some(code.clone()), rule.column.clone()),
                            name.len() + ending.len(),
                        );
                    }
                }
            }
            Some("basic_item") if kind == "amount" => {
                if names.tables.general_budget_basic_expenditure().is_none() {
                    continue;
                }
                if let Some((name, code)) = g
                    .basic_aliases
                    .iter()
                    .filter(|(name, _)| before.ends_with(name.as_str()))
                    .max_by_key(|(n, _)| n.len())
                {
                    offer(cell(Some(code.clone()), rule.column.clone()), name.len());
                }
                let item = names
                    .basic
                    .iter()
                    .filter(|(k, _)| before.ends_with(k.as_str()))
                    .max_by_key(|(k, _)| k.len());
                if let Some((k, code)) = item {
                    offer(cell(Some(code.clone()), rule.column.clone()), k.len());
                }
            }
            Some("function_item") if kind == "amount" => {
                // “一般公共服务支出(类)商贸事务(款)行政运行(项)”: the 项 row under that 类 and 款
                if let Some(code) = names
                    .tables
                    .general_budget_expenditure()
                    .and_then(|t| topic_row(t, before))
                {
                    offer(cell(Some(code), rule.column.clone()), before.len());
                }
            }
            Some("topic") if kind == "amount" => {
                // "支出决算262.09万元" after the clause that named the row
                let ends = rule
                    .before
                    .iter()
                    .filter(|b| !b.is_empty() && before.ends_with(b.as_str()))
                    .map(|b| b.len())
                    .max();
                let (Some(len), Some(topic)) = (ends, topic) else {
                    continue;
                };
                if topic == TOPIC_TOTAL {
                    offer(cell(None, rule.column.clone()), len);
                } else if let Some(code) = names
                    .tables
                    .general_budget_expenditure()
                    .and_then(|t| topic_row(t, topic))
                {
                    offer(cell(Some(code), rule.column.clone()), len);
                }
            }
            Some("vehicle") if kind == "count" => {
                let found = names
                    .vehicles
                    .iter()
                    .filter(|(n, _)| before.ends_with(n.as_str()))
                    .max_by_key(|(n, _)| n.len());
                if let Some((n, k)) = found {
                    offer(cell(rule.row.clone(), Some(k.clone())), n.len());
                }
            }
            _ => {}
        }
    }
    best
}

/// The tables, with the names prose may use for their rows in key form,
/// computed once per document.
struct Names<'a> {
    tables: &'a Tables,
    /// (item name in key form, item code) of the basic-expenditure table.
    basic: Vec<(String, String)>,
    /// (category in key form, category as printed) of the vehicle counts.
    vehicles: Vec<(String, String)>,
}

impl<'a> Names<'a> {
    fn new(tables: &'a Tables) -> Self {
        let basic = tables
            .general_budget_basic_expenditure()
            .iter()
            .flat_map(|t| t.items.iter())
            .filter_map(|i| Some((normalise::key(&i.name), i.code.clone()?)))
            .filter(|(k, _)| k.chars().count() >= 2)
            .collect();
        let vehicles = tables
            .disclosure_stats()
            .iter()
            .flat_map(|t| t.vehicles.keys())
            .filter(|k| *k != "total")
            .map(|k| (normalise::key(k), k.clone()))
            .collect();
        Names {
            tables,
            basic,
            vehicles,
        }
    }
}

/// The class name a clause opens with (after its numbering), if any.
fn class_opening(key: &str) -> Option<&'static str> {
    let key = crate::segment::strip_numbering(key);
    grammar()
        .rows
        .classes
        .values()
        .flatten()
        .filter(|n| {
            key.starts_with(n.as_str())
                && key[n.len()..].starts_with(|c: char| !c.is_ascii_punctuation() || c == '(')
        })
        .max_by_key(|n| n.len())
        .map(|n| n.as_str())
}

/// The code of the row a "…(类)…(款)…(项)" or "…(类)" text names in a
/// classified table: the class by its name, the 款 and 项 by theirs under it.
fn topic_row(table: &crate::model::ClassifiedTable, text: &str) -> Option<String> {
    let (class_text, rest) = text.split_once("(类)")?;
    let class = grammar()
        .rows
        .classes
        .iter()
        .filter(|(_, names)| names.iter().any(|n| class_text.ends_with(n.as_str())))
        .map(|(c, _)| c.as_str())
        .next()?;
    if rest.is_empty() {
        return table
            .rows
            .iter()
            .find(|r| r.level == 1 && r.code.as_deref() == Some(class))
            .and_then(|r| r.code.clone());
    }
    let (kuan, rest) = rest.split_once("(款)")?;
    let xiang = rest.strip_suffix("(项)")?;
    let named = |level: u8, prefix: &str, name: &str| {
        table
            .rows
            .iter()
            .find(|r| {
                r.level == level
                    && r.code.as_deref().is_some_and(|c| c.starts_with(prefix))
                    && normalise::key(&r.name) == name
            })
            .and_then(|r| r.code.clone())
    };
    let k = named(2, class, kuan)?;
    named(3, &k, xiang)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        crate::normalise::doc(crate::ingest::text::read_text(text)).lines
    }

    #[test]
    fn a_sub_heading_line_is_its_own_clause_but_a_broken_figure_is_not_one() {
        let c = claims_of(
            &lines("九、“三公”经费说明\n(一)机关运行经费支出情况说明\n2024年机关运行经费支出19.07万元。\n(三)公务用车购置和运行维护费。2026年预算数21.56\n万元，主要用于…\n"),
            &Tables::default(),
            None,
        )
        .claims;
        assert_eq!(c.len(), 2, "{c:?}");
        assert_eq!(c[0].text, "2024年机关运行经费支出19.07万元");
        assert_eq!(c[1].value.to_string(), "21.56");
    }

    #[test]
    fn figures_units_and_sections() {
        let c = claims_of(
            &lines("三、支出决算情况说明\n2024年度支出合计5,307.63万元，其中：\n基本支出657.87万元，占比12.39%；\n"),
            &Tables::default(), None).claims;
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].value.to_string(), "5307.63");
        assert_eq!(c[0].section, "三、支出决算情况说明");
        assert_eq!(
            c[0].refers_to.as_ref().unwrap().column.as_deref(),
            Some("total")
        );
        assert_eq!(
            c[1].refers_to.as_ref().unwrap().column.as_deref(),
            Some("basic")
        );
        assert_eq!(c[2].unit, "%");
        assert_eq!(c[2].kind, "percent");
        assert!(c[2].refers_to.is_none());
    }

    #[test]
    fn sentence_broken_over_lines_is_joined() {
        let c = claims_of(
            &lines("十、其他重要事项情况说明\n2024年度政府采购支出总额700.0\n0万元。\n"),
            &Tables::default(),
            None,
        )
        .claims;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].value.to_string(), "700.00");
    }

    #[test]
    fn thresholds_are_not_figures() {
        let c = claims_of(
            &lines("十、其他重要事项情况说明\n单价100万元（含）以上设备（不含车辆）0台（套）。\n"),
            &Tables::default(),
            None,
        )
        .claims;
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].unit, "台(套)");
        assert_eq!(
            c[0].refers_to.as_ref().unwrap().row.as_deref(),
            Some("equipment_over_1m")
        );
    }

    #[test]
    fn a_later_figure_belongs_to_the_row_the_sentence_opened_with() {
        let lines = lines(
            "五、一般公共预算财政拨款支出决算情况说明\n(三)一般公共预算财政拨款支出决算具体情况\n\
             一般公共预算财政拨款支出年初预算为10.00万元,支出决算为9.00万元。\n\
             社会保障和就业支出年初预算8.00万元，支出决算7.00万元。\n",
        );
        let text = "合计\t\t9.00\n208\t社会保障和就业支出\t7.00\n";
        let rows = crate::normalise::doc(crate::ingest::text::read_text(&format!(
            "科目代码\t科目名称\t小计\n{text}"
        )))
        .lines;
        let mut w = crate::parse::Warnings::default();
        let table = crate::parse::classified::parse(
            grammar().table("general_budget_expenditure").unwrap(),
            Default::default(),
            &rows,
            &mut w,
        );
        let mut tables = Tables::default();
        tables.insert(
            "general_budget_expenditure",
            crate::model::Table::Classified(table),
        );
        let c = claims_of(&lines, &tables, None).claims;
        let cell = |v: &str| {
            c.iter()
                .find(|c| c.value.to_string() == v)
                .and_then(|c| c.refers_to.clone())
                .map(|r| r.row)
        };
        assert_eq!(cell("9.00"), Some(None), "the table's 合计");
        assert_eq!(cell("7.00"), Some(Some("208".to_string())));
        assert_eq!(cell("10.00"), None, "a budget figure names no table cell");
    }

    #[test]
    fn class_lines_name_their_class() {
        let c = claims_of(&lines("五、一般公共预算财政拨款支出决算情况说明\n社会保障和就业支出(类)262.09万元，占比5.69%；\n"), &Tables::default(), None).claims;
        let r = c[0].refers_to.as_ref().unwrap();
        assert_eq!(
            (r.table.as_str(), r.row.as_deref()),
            ("general_budget_expenditure", Some("208"))
        );
    }
}
