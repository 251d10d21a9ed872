//! Rules over the 绩效自评 annex: its 合计 row, grades against scores, a
//! project stated twice, the prose's count of projects per grade, and the
//! prose's per-project paragraphs (execution rates, and agreement with the
//! table).

use rust_decimal::Decimal;

use super::{catalogue, label, show, Out};
use crate::model::{Amount, Document, Project, Severity};
use crate::normalise;

/// Runs the annex rules.
pub(crate) fn check(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    grade_counts(doc, out);
    statements(doc, out);
    summary(doc, out);
    if p.projects.is_empty() {
        return;
    }
    let ids = ["performance"];
    if let Some(total) = &p.total {
        let budgets: Vec<Amount> = p.projects.iter().map(|x| x.budget).collect();
        out.sum(
            "annex.total",
            &ids,
            &format!(
                "{} {} {}",
                label("annex"),
                label("total"),
                label("annex_budget")
            ),
            &format!("the projects' {}", label("annex_budget")),
            &budgets,
            label("total"),
            total.budget,
        );
        let executed: Vec<Amount> = p.projects.iter().map(|x| x.executed).collect();
        out.sum(
            "annex.total",
            &ids,
            &format!(
                "{} {} {}",
                label("annex"),
                label("total"),
                label("annex_executed")
            ),
            &format!("the projects' {}", label("annex_executed")),
            &executed,
            label("total"),
            total.executed,
        );
    }
    let rows = p
        .projects
        .iter()
        .map(|x| (x.name.as_str(), x.score, x.grade.as_deref()));
    let rows = rows.chain(
        p.total
            .iter()
            .map(|t| (label("total"), t.score, t.grade.as_deref())),
    );
    for (name, score, grade) in rows {
        let (Some(score), Some(grade)) = (score, grade) else {
            continue;
        };
        let grade = short_grade(grade);
        let Some(want) = grade_for(score) else {
            continue;
        };
        if !catalogue().grade.iter().any(|g| g.grade == grade) {
            continue;
        }
        if want != grade {
            let msg = format!(
                "project {name}: score {} earns “{want}”, the annex says “{grade}”",
                show(Some(score))
            );
            out.push("annex.grade", Severity::Error, &ids, msg, None, Some(score));
        }
    }
    for (i, a) in p.projects.iter().enumerate() {
        for b in &p.projects[i + 1..] {
            if a.name == b.name
                && (a.budget != b.budget
                    || a.executed != b.executed
                    || a.score != b.score
                    || a.grade != b.grade)
            {
                let msg = format!(
                    "project {} is listed twice: {} {} / {}, {} {} / {}, score {} / {}",
                    a.name,
                    label("annex_budget"),
                    show(a.budget),
                    show(b.budget),
                    label("annex_executed"),
                    show(a.executed),
                    show(b.executed),
                    show(a.score),
                    show(b.score)
                );
                out.push(
                    "annex.duplicate",
                    Severity::Error,
                    &ids,
                    msg,
                    a.budget,
                    b.budget,
                );
            }
        }
    }
}

/// The annex prose's project paragraphs: each stated rate against executed /
/// budget (`annex.rate`), each figure against the table row of the same
/// project (`annex.statement`), and each grade against its own score
/// (`annex.grade`).
fn statements(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    let ids = ["performance"];
    statements_twice(doc, out);
    for s in &p.statements {
        let row = matching_row(&s.name, &p.projects);
        let who = format!("project {} (annex prose, item {})", s.name, s.item);
        // annex.grade: the paragraph's own grade against its own score
        if let (Some(score), Some(grade)) = (s.score, s.grade.as_deref()) {
            let grade = short_grade(grade);
            if let Some(want) = grade_for(score) {
                if want != grade && catalogue().grade.iter().any(|g| g.grade == grade) {
                    let msg = format!(
                        "{who}: score {} earns “{want}”, the paragraph says “{grade}”",
                        show(Some(score))
                    );
                    out.push("annex.grade", Severity::Error, &ids, msg, None, Some(score));
                }
            }
        }
        // annex.rate
        if let Some(rate) = s.rate {
            let in_wan = |a: Amount| a.map(|x| to_wan(x, s.unit.as_deref()));
            let budget = in_wan(s.budget).or(row.and_then(|r| r.budget));
            let executed = in_wan(s.executed).or(row.and_then(|r| r.executed));
            if let (Some(b), Some(e)) = (budget, executed) {
                rate_check(out, &who, rate, e, b);
            }
        }
        // annex.statement
        let Some(row) = row else {
            continue;
        };
        let what = if row.name == s.name {
            who.clone()
        } else {
            format!("{who} against the table's {}", row.name)
        };
        let to_wan_opt = |a: Amount| a.map(|x| to_wan(x, s.unit.as_deref()));
        for (label, table, prose) in [
            (label("annex_budget"), row.budget, to_wan_opt(s.budget)),
            (
                label("annex_executed"),
                row.executed,
                to_wan_opt(s.executed),
            ),
            ("score", row.score, s.score),
        ] {
            if prose.is_some() && table.is_some() {
                out.equal(
                    "annex.statement",
                    &ids,
                    &format!("{what}, {label}"),
                    "the table",
                    table,
                    "the prose",
                    prose,
                );
            }
        }
        if let (Some(tg), Some(pg)) = (row.grade.as_deref(), s.grade.as_deref()) {
            let (tg, pg) = (short_grade(tg), short_grade(pg));
            if tg != pg {
                let msg = format!("{what}, grade: the table says “{tg}”, the prose says “{pg}”");
                out.push("annex.statement", Severity::Error, &ids, msg, None, None);
            }
        }
    }
}

/// Two paragraphs of the annex prose about the same project (the same name in
/// key form) agree with each other (`annex.statement`).
fn statements_twice(doc: &Document, out: &mut Out) {
    let st = &doc.performance.statements;
    for (i, a) in st.iter().enumerate() {
        for b in &st[i + 1..] {
            if name_key(&a.name) != name_key(&b.name) {
                continue;
            }
            let what = format!(
                "project {} stated twice in the annex prose (items {} and {})",
                a.name, a.item, b.item
            );
            let wan =
                |s: &crate::model::Statement, x: Amount| x.map(|v| to_wan(v, s.unit.as_deref()));
            for (label, x, y) in [
                (label("annex_budget"), wan(a, a.budget), wan(b, b.budget)),
                (
                    label("annex_executed"),
                    wan(a, a.executed),
                    wan(b, b.executed),
                ),
                (label("annex_rate"), a.rate, b.rate),
                ("score", a.score, b.score),
            ] {
                if x.is_some() && y.is_some() {
                    out.equal(
                        "annex.statement",
                        &["performance"],
                        &format!("{what}, {label}"),
                        &format!("item {}", a.item),
                        x,
                        &format!("item {}", b.item),
                        y,
                    );
                }
            }
            if let (Some(x), Some(y)) = (a.grade.as_deref(), b.grade.as_deref()) {
                if short_grade(x) != short_grade(y) {
                    let msg = format!(
                        "{what}, grade: item {} says “{}”, item {} says “{}”",
                        a.item,
                        short_grade(x),
                        b.item,
                        short_grade(y)
                    );
                    out.push(
                        "annex.statement",
                        Severity::Error,
                        &["performance"],
                        msg,
                        None,
                        None,
                    );
                }
            }
        }
    }
}

/// An amount printed in `unit`, in 万元 (the annex table's unit).
fn to_wan(x: Decimal, unit: Option<&str>) -> Decimal {
    if unit == Some("元") {
        x / Decimal::from(10000)
    } else {
        x
    }
}

/// Half a unit of the last digit an amount is taken to: its printed digits,
/// at least 0.01 (a whole 万元 figure is exact, not rounded to 1万元).
fn amount_half(x: Decimal) -> Decimal {
    Decimal::new(5, (x.scale().max(2) + 1).min(28))
}

/// A stated execution rate against executed / budget × 100: `error` beyond
/// half a unit of its last digit plus the amounts' rounding carried in,
/// `rounding` within one unit more than that.
fn rate_check(out: &mut Out, who: &str, printed: Decimal, executed: Decimal, budget: Decimal) {
    if budget <= Decimal::ZERO {
        return;
    }
    let rate = executed / budget * Decimal::ONE_HUNDRED;
    let rel = |v: Decimal| {
        if v.is_zero() {
            Decimal::ZERO
        } else {
            amount_half(v) / v.abs()
        }
    };
    let tol =
        Decimal::new(5, (printed.scale() + 1).min(28)) + rate.abs() * (rel(executed) + rel(budget));
    let diff = (rate - printed).abs();
    if diff <= tol {
        return;
    }
    let unit = Decimal::new(1, printed.scale().min(28));
    let sev = if diff <= tol + unit {
        Severity::Rounding
    } else {
        Severity::Error
    };
    let expected = rate.round_dp(printed.scale().max(2));
    let msg = format!(
        "{who}: {} {}%, but {} / {} gives {}%",
        label("annex_rate"),
        show(Some(printed)),
        show(Some(executed)),
        show(Some(budget)),
        show(Some(expected))
    );
    out.push(
        "annex.rate",
        sev,
        &["performance"],
        msg,
        Some(expected),
        Some(printed),
    );
}

/// A name compared across the prose and the table: key form, without a
/// trailing 项目.
fn name_key(s: &str) -> String {
    let k = normalise::key(s);
    let suffix = &crate::grammar::grammar().narrative.words.project_suffix;
    k.strip_suffix(suffix.as_str())
        .map(str::to_string)
        .unwrap_or(k)
}

/// Length in characters of the longest common substring of `a` and `b`.
fn common_substring(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// The table row a prose name means: the same name, else the one name
/// containing the other (the longest such table name), else the longest
/// common substring of at least 6 characters; a tie at any step is no match.
fn matching_row<'a>(name: &str, rows: &'a [Project]) -> Option<&'a Project> {
    let n = name_key(name);
    if n.is_empty() {
        return None;
    }
    let keys: Vec<(String, &Project)> = rows
        .iter()
        .map(|r| (name_key(&r.name), r))
        .filter(|(k, _)| !k.is_empty())
        .collect();
    let unique = |found: Vec<(usize, &'a Project)>| {
        let best = found.iter().map(|x| x.0).max()?;
        let mut top = found.iter().filter(|x| x.0 == best);
        let first = top.next()?.1;
        top.next().is_none().then_some(first)
    };
    if let Some(r) = unique(
        keys.iter()
            .filter(|(k, _)| *k == n)
            .map(|(_, r)| (1, *r))
            .collect(),
    ) {
        return Some(r);
    }
    let contained: Vec<(usize, &Project)> = keys
        .iter()
        .filter(|(k, _)| k.contains(n.as_str()) || n.contains(k.as_str()))
        .map(|(k, r)| (k.chars().count(), *r))
        .collect();
    if !contained.is_empty() {
        return unique(contained);
    }
    let nc: Vec<char> = n.chars().collect();
    let common: Vec<(usize, &Project)> = keys
        .iter()
        .map(|(k, r)| (common_substring(&nc, &k.chars().collect::<Vec<_>>()), *r))
        .filter(|(l, _)| *l >= 6)
        .collect();
    unique(common)
}

/// The prose's count of projects per grade (`10个项目自评等级为“优”`): against
/// the annex table where it grades every project, else against the prose's
/// own earlier statement of the same count.
fn grade_counts(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    let re = regex::Regex::new(&crate::grammar::grammar().narrative.words.grade_count)
        .expect("grammars/narrative.toml: words.grade_count is a valid regex");
    let graded = !p.projects.is_empty() && p.projects.iter().all(|x| x.grade.is_some());
    let mut first: Vec<(String, &crate::model::Claim)> = Vec::new();
    for c in doc.narrative.claims.iter().filter(|c| c.kind == "count") {
        let Some(m) = re.captures(&c.text) else {
            continue;
        };
        let grade = m[1].to_string();
        if graded {
            let n = p
                .projects
                .iter()
                .filter(|x| x.grade.as_deref().map(short_grade) == Some(grade.as_str()))
                .count();
            if Decimal::from(n as u64) != c.value {
                let msg = format!(
                    "{}: “{}” says {}, the annex grades {n} project(s) “{grade}”",
                    c.section,
                    c.text,
                    show(Some(c.value))
                );
                out.push(
                    "annex.grade_count",
                    Severity::Error,
                    &["narrative", "performance"],
                    msg,
                    Some(Decimal::from(n as u64)),
                    Some(c.value),
                );
            }
        } else if let Some((_, f)) = first.iter().find(|(g, _)| *g == grade) {
            if f.value != c.value {
                let msg = format!(
                    "{}: “{}” says {}, but “{}” says {}",
                    c.section,
                    c.text,
                    show(Some(c.value)),
                    f.text,
                    show(Some(f.value))
                );
                out.push(
                    "narrative.repeated",
                    Severity::Error,
                    &["narrative"],
                    msg,
                    Some(f.value),
                    Some(c.value),
                );
            }
        } else {
            first.push((grade, c));
        }
    }
}

/// A grade in its one-character form (优秀 / 良好 / 中等 / 较差 are the long forms).
fn short_grade(g: &str) -> &str {
    let g = g.trim();
    catalogue()
        .grade
        .iter()
        .find(|b| b.long.as_deref() == Some(g))
        .map(|b| b.grade.as_str())
        .unwrap_or(g)
}

/// The grade a score earns (the first band whose minimum it reaches).
fn grade_for(score: Decimal) -> Option<&'static str> {
    catalogue()
        .grade
        .iter()
        .find(|g| score >= g.min)
        .map(|g| g.grade.as_str())
}

/// The annex table's row of a summary item: by name (see [`matching_row`]),
/// else the one row whose name holds the item's and whose budget is the
/// stated one ("遗属补助预算指标3.404万元" among two 遗属补助 rows).
fn summary_row<'a>(
    name: &str,
    budget: Option<Decimal>,
    rows: &'a [Project],
) -> Option<&'a Project> {
    if let Some(r) = matching_row(name, rows) {
        return Some(r);
    }
    let n = name_key(name);
    let b = budget?;
    if n.chars().count() < 2 {
        return None;
    }
    let mut fits = rows.iter().filter(|r| {
        name_key(&r.name).contains(n.as_str())
            && r.budget
                .is_some_and(|x| (x - b).abs() <= amount_half(x) + amount_half(b))
    });
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

/// The annex prose's summary paragraphs: each enumerated project's 预算指标
/// and the count it says was done, against its row of the annex table
/// (`annex.summary`).
fn summary(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    let ids = ["performance"];
    for s in &p.summary {
        let budget = s.budget.map(|b| to_wan(b, s.unit.as_deref()));
        let Some(row) = summary_row(&s.name, budget, &p.projects) else {
            continue;
        };
        let who = format!("project {} (annex summary, item {})", s.name, s.item);
        if budget.is_some() && row.budget.is_some() {
            out.equal(
                "annex.summary",
                &ids,
                &format!("{who}, {}", label("annex_budget")),
                "the table",
                row.budget,
                "the prose",
                budget,
            );
        }
        // the count done against the table's 完成数量, where that is a count
        let achieved = row
            .achieved
            .as_deref()
            .and_then(|a| a.trim().parse::<i64>().ok());
        if let (Some(done), Some(achieved)) = (s.done, achieved) {
            if done != achieved {
                let msg = format!(
                    "{who}: the prose says {done} done, the table's 完成数量 says {achieved}"
                );
                out.push(
                    "annex.summary",
                    Severity::Error,
                    &ids,
                    msg,
                    Some(Decimal::from(achieved)),
                    Some(Decimal::from(done)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grade_bands() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(grade_for(d("90")), Some("优"));
        assert_eq!(grade_for(d("89.99")), Some("良"));
        assert_eq!(grade_for(d("80")), Some("良"));
        assert_eq!(grade_for(d("74.6")), Some("中"));
        assert_eq!(grade_for(d("59.9")), Some("差"));
    }

    fn project(name: &str) -> Project {
        Project {
            name: name.into(),
            budget: None,
            executed: None,
            indicator: None,
            expected: None,
            achieved: None,
            score: None,
            grade: None,
        }
    }

    #[test]
    fn prose_names_match_table_rows() {
        let rows: Vec<Project> = [
            "扶持陶瓷产业特色小镇发展",
            "2024 年工信局遗属补助",
            "我市全域多行业视频智能监管",
            "怀仁市城镇集体工业联合社遗属补助经费",
            "怀仁市城镇集体工业联合社其他经费补助项目",
        ]
        .into_iter()
        .map(project)
        .collect();
        let m = |n: &str| matching_row(n, &rows).map(|r| r.name.as_str());
        // exact after normalisation (spaces, a trailing 项目)
        assert_eq!(m("2024年工信局遗属补助项目"), Some("2024 年工信局遗属补助"));
        // the longest common substring: 扶持陶瓷产业特色 (8), 行业视频智能监管 (8)
        assert_eq!(
            m("我市扶持陶瓷产业特色专业镇发展专项配套资金项目"),
            Some("扶持陶瓷产业特色小镇发展")
        );
        assert_eq!(
            m("我市多域行业视频智能监管"),
            Some("我市全域多行业视频智能监管")
        );
        // a common prefix shared by two rows equally: no match
        assert_eq!(m("怀仁市城镇集体工业联合社直接聘用人员经费项目"), None);
        assert_eq!(m("化肥厂等国有企业服务费用项目"), None);
    }
}
