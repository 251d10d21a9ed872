//! Rules over the 绩效自评 annex: its 合计 row, grades against scores, a
//! project stated twice, and the prose's count of projects per grade.

use rust_decimal::Decimal;

use super::{catalogue, show, Out};
use crate::model::{Amount, Document, Severity};

/// Runs the annex rules.
pub(crate) fn check(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    grade_counts(doc, out);
    if p.projects.is_empty() {
        return;
    }
    let ids = ["performance"];
    if let Some(total) = &p.total {
        let budgets: Vec<Amount> = p.projects.iter().map(|x| x.budget).collect();
        out.sum(
            "annex.total",
            &ids,
            "绩效自评 合计 预算",
            "the projects' 预算",
            &budgets,
            "合计",
            total.budget,
        );
        let executed: Vec<Amount> = p.projects.iter().map(|x| x.executed).collect();
        out.sum(
            "annex.total",
            &ids,
            "绩效自评 合计 执行",
            "the projects' 执行",
            &executed,
            "合计",
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
            .map(|t| ("合计", t.score, t.grade.as_deref())),
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
                    "project {} is listed twice: 预算 {} / {}, 执行 {} / {}, score {} / {}",
                    a.name,
                    show(a.budget),
                    show(b.budget),
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

/// The prose's count of projects per grade (`10个项目自评等级为“优”`): against
/// the annex table where it grades every project, else against the prose's
/// own earlier statement of the same count.
fn grade_counts(doc: &Document, out: &mut Out) {
    let p = &doc.performance;
    let re = regex::Regex::new(r#"个项目[^，。；]*[“"][ \t]*(优|良|中|差)[ \t]*[”"]"#)
        .expect("valid regex");
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
    match g.trim() {
        "优秀" => "优",
        "良好" => "良",
        "中等" => "中",
        "较差" => "差",
        g => g,
    }
}

/// The grade a score earns (the first band whose minimum it reaches).
fn grade_for(score: Decimal) -> Option<&'static str> {
    catalogue()
        .grade
        .iter()
        .find(|g| score >= g.min)
        .map(|g| g.grade.as_str())
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
}
