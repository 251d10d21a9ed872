//! The auditor's rules (issue 11) on the bundled sample, a real OCR'd report
//! as printed: each rule keeps on the report as published and breaks on a
//! copy with one planted defect; each finding says where it is.

use juesuan::model::{Document, Finding, Severity};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/samples/huairen-gongxin-2024.md"
);

fn sample() -> String {
    std::fs::read_to_string(SAMPLE).unwrap()
}

fn extract(text: &str) -> Document {
    juesuan::extract("sample.md", text.as_bytes()).expect("the sample reads")
}

/// The sample with `from` replaced by `to` (which must occur).
fn planted(from: &str, to: &str) -> Document {
    let s = sample();
    assert!(s.contains(from), "the sample holds {from:?}");
    extract(&s.replacen(from, to, 1))
}

fn of<'a>(d: &'a Document, rule: &str) -> Vec<&'a Finding> {
    d.findings.iter().filter(|f| f.rule == rule).collect()
}

fn errors<'a>(d: &'a Document, rule: &str) -> Vec<&'a Finding> {
    of(d, rule)
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect()
}

fn render(d: &Document) -> String {
    juesuan::reconcile::render(&d.findings)
}

#[test]
fn the_sample_as_published_keeps_the_new_rules() {
    let d = extract(&sample());
    for rule in [
        "narrative.direction",
        "text.placeholder",
        "text.year",
        "text.punctuation",
        "tables.missing",
    ] {
        assert!(of(&d, rule).is_empty(), "{rule}:\n{}", render(&d));
    }
    // the sample's real disagreements stay the only errors: the five found
    // before, and the annex summary's 预算指标 of 5 for a project of 50 and
    // its "遗属 3 人" where the table counts 4
    let errs: Vec<&str> = d
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| f.rule.as_str())
        .collect();
    assert_eq!(
        errs,
        [
            "narrative.claim",
            "narrative.claim",
            "annex.rate",
            "annex.statement",
            "annex.statement",
            "annex.summary",
            "annex.summary"
        ],
        "{}",
        render(&d)
    );
}

#[test]
fn a_change_and_its_rate_in_opposite_directions() {
    let d = planted(
        "财政拨款收入总计增加1,261.45万元，增长31.18%",
        "财政拨款收入总计增加1,261.45万元，下降31.18%",
    );
    let e = errors(&d, "narrative.direction");
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert!(e[0].message.contains("31.18"), "{}", e[0].message);
    // both clauses are pointed at, on the line they were read from
    assert_eq!(e[0].location.and_then(|l| l.line), Some(448));
}

#[test]
fn outturn_against_budget_in_words() {
    let at = "完成年初预算的67.96%。";
    // 4,607.63 against a budget of 6,780.04: smaller
    let keep = planted(at, "完成年初预算的67.96%。决算数小于预算数。");
    assert!(
        of(&keep, "narrative.direction").is_empty(),
        "{}",
        render(&keep)
    );
    for wrong in ["决算数大于预算数。", "决算数等于预算数。"] {
        let d = planted(at, &format!("完成年初预算的67.96%。{wrong}"));
        let e = errors(&d, "narrative.direction");
        assert_eq!(e.len(), 1, "{wrong}: {}", render(&d));
        assert_eq!(e[0].expected, Some("6780.04".parse().unwrap()));
        assert_eq!(e[0].actual, Some("4607.63".parse().unwrap()));
    }
}

#[test]
fn a_change_against_last_years_figure_stated_in_the_prose() {
    let at = "2024年机关运行经费支出19.07万元，比2023年减少0.04万元";
    let keep = planted(
        at,
        "2024年机关运行经费支出19.07万元，上年支出19.11万元，比2023年减少0.04万元",
    );
    assert!(
        of(&keep, "narrative.direction").is_empty(),
        "{}",
        render(&keep)
    );
    // last year's figure says up, the prose says down
    let d = planted(
        at,
        "2024年机关运行经费支出19.07万元，上年支出18.11万元，比2023年减少0.04万元",
    );
    let e = errors(&d, "narrative.direction");
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert!(e[0].message.contains("0.96"), "{}", e[0].message);
}

#[test]
fn the_fiscal_total_in_the_prose_against_the_fiscal_summary() {
    let d = planted(
        "财政拨款收入总计5,307.63万元",
        "财政拨款收入总计5,300.63万元",
    );
    let e: Vec<&Finding> = errors(&d, "narrative.claim")
        .into_iter()
        .filter(|f| f.tables.iter().any(|t| t == "fiscal_summary"))
        .collect();
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert_eq!(e[0].actual, Some("5300.63".parse().unwrap()));
}

#[test]
fn three_public_figures_against_a_blank_table() {
    // the 三公 table printed with every cell blank, the prose unchanged
    let d = planted(
        "7.50\t\t7.50\t\t7.50\t\t7.50\t\t7.50\t\t7.50\t",
        "\t\t\t\t\t\t\t\t\t\t\t",
    );
    let e: Vec<&Finding> = errors(&d, "narrative.claim")
        .into_iter()
        .filter(|f| f.tables.iter().any(|t| t == "three_public"))
        .collect();
    // 全年预算 7.50 and 支出决算 7.50 (and the 运行维护费 7.50) against blanks
    assert!(e.len() >= 2, "{}", render(&d));
    assert!(
        e.iter().any(|f| f.message.contains("全年预算")),
        "{}",
        render(&d)
    );
}

#[test]
fn office_running_costs_are_the_sum_of_their_parts() {
    // a 参照公务员法管理事业单位 part printed: the prose's 19.07 is one part only
    let row = "(二) 参照公务员法管理事业单位\t6\t";
    let d = planted(row, "(二) 参照公务员法管理事业单位\t6\t2.00");
    assert!(
        errors(&d, "narrative.claim")
            .iter()
            .any(|f| f.expected == Some("21.07".parse().unwrap())),
        "{}",
        render(&d)
    );
    let s = sample()
        .replacen(row, "(二) 参照公务员法管理事业单位\t6\t2.00", 1)
        .replacen("机关运行经费支出19.07万元", "机关运行经费支出21.07万元", 1);
    let d = extract(&s);
    assert!(
        !of(&d, "narrative.claim")
            .iter()
            .any(|f| f.message.contains("机关运行经费")),
        "{}",
        render(&d)
    );
}

#[test]
fn a_gap_of_one_cent_between_two_printings_is_rounding() {
    // the prose's 绩效工资 against 06's 32.13: 0.03 off is an error, 0.01 is 尾差
    let d = planted("绩效工资32.16万元", "绩效工资32.14万元");
    let f: Vec<&Finding> = of(&d, "narrative.claim")
        .into_iter()
        .filter(|f| f.message.contains("绩效工资"))
        .collect();
    assert_eq!(f.len(), 1, "{}", render(&d));
    assert_eq!(f[0].severity, Severity::Rounding);
}

#[test]
fn nil_this_year_and_a_fall_of_a_hundred_percent_agree() {
    let at = "2024年机关运行经费支出19.07万元，比2023年减少0.04万元，下降0.21%";
    let d = planted(
        at,
        "2024年其他费用支出0.00万元，比2023年减少8.50万元，下降100%。2024年机关运行经费支出19.07万元，比2023年减少0.04万元，下降0.21%",
    );
    assert!(of(&d, "narrative.growth").is_empty(), "{}", render(&d));
    assert!(of(&d, "narrative.direction").is_empty(), "{}", render(&d));
}

#[test]
fn placeholders_wrong_years_and_doubled_punctuation() {
    let d = planted("截至2024年12月31日", "截至XX年12月31日");
    let e = errors(&d, "text.placeholder");
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert_eq!(e[0].location.and_then(|l| l.line), Some(538));

    let d = planted("截至2024年12月31日", "截至2023年12月31日");
    assert_eq!(errors(&d, "text.year").len(), 1, "{}", render(&d));

    let d = planted("比2023年减少0.04万元", "比2022年减少0.04万元");
    assert_eq!(errors(&d, "text.year").len(), 1, "{}", render(&d));

    let d = planted(
        "#### 四、财政拨款收支决算总体情况说明",
        "#### 四、2023年度财政拨款收支决算总体情况说明",
    );
    let e = errors(&d, "text.year");
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert!(e[0].message.contains("2023"));

    let d = planted("费用相当；", "费用相当；；");
    let w = of(&d, "text.punctuation");
    assert_eq!(w.len(), 1, "{}", render(&d));
    assert_eq!(w[0].severity, Severity::Warning);
}

#[test]
fn a_standard_table_missing_without_a_note() {
    let s = sample();
    let start = s.find("## 财政拨款“三公”经费支出决算表").unwrap();
    let end = s.find("## 部门决算公开相关信息统计表").unwrap();
    // the 三公 table cut out; the prose still speaks of 三公 figures, with no
    // line saying the table is empty
    let cut = format!("{}{}", &s[..start], &s[end..]);
    let d = extract(&cut);
    let w = of(&d, "tables.missing");
    assert!(
        w.iter()
            .any(|f| f.tables == ["three_public"] && f.severity == Severity::Warning),
        "{}",
        render(&d)
    );
}

#[test]
fn every_finding_and_claim_of_the_sample_says_where_it_is() {
    let d = extract(&sample());
    for f in &d.findings {
        let at = f.location.unwrap_or_else(|| panic!("no location: {f:?}"));
        assert!(at.line.is_some(), "{f:?}");
        if !f.locations.is_empty() {
            assert_eq!(f.locations[0], at);
        }
    }
    for c in &d.narrative.claims {
        assert!(c.location.and_then(|l| l.line).is_some(), "{c:?}");
    }
    // 301's rounding points at the 301 line of 公开06表, 30107's claim at its line
    let f = d
        .findings
        .iter()
        .find(|f| f.rule == "basic.sum.301")
        .unwrap();
    assert_eq!(f.location.unwrap().line, Some(296));
    let f = d
        .findings
        .iter()
        .find(|f| f.rule == "narrative.claim" && f.message.contains("绩效工资"))
        .unwrap();
    let lines: Vec<u32> = f.locations.iter().filter_map(|l| l.line).collect();
    assert_eq!(lines, [490, 301]);
}

#[test]
fn claims_state_their_relation_and_direction() {
    use juesuan::model::{Direction, Relation};
    let d = extract(&sample());
    let c = |text: &str| {
        d.narrative
            .claims
            .iter()
            .find(|c| c.text == text)
            .unwrap_or_else(|| panic!("claim {text}"))
    };
    let change = c("财政拨款收入总计增加1261.45万元");
    assert_eq!(change.relation, Some(Relation::Change));
    assert_eq!(change.direction, Some(Direction::Increase));
    assert_eq!(c("增长31.18%").relation, Some(Relation::Growth));
    let share = c("占本年支出合计的86.81%");
    assert_eq!(share.relation, Some(Relation::Share));
    assert_eq!(share.whole.as_deref(), Some("本年支出合计"));
    assert_eq!(c("下降0.21%").direction, Some(Direction::Decrease));
    let budget = c("2024年度一般公共预算财政拨款支出年初预算6780.04万元");
    assert_eq!(budget.relation, Some(Relation::Budget));
}

#[test]
fn the_annex_summary_against_the_annex_table() {
    let d = extract(&sample());
    let e = errors(&d, "annex.summary");
    assert_eq!(e.len(), 2, "{}", render(&d));
    assert_eq!(e[0].expected, Some("50".parse().unwrap()));
    assert_eq!(e[0].actual, Some("5".parse().unwrap()));
    assert_eq!(e[1].expected, Some("4".parse().unwrap()));
    // where: the summary paragraph and the project's row
    assert!(e[0].location.is_some());
    // mended, they agree
    let s = sample()
        .replacen(
            "工信局专项业务工作经费项目预算指标5万元",
            "工信局专项业务工作经费项目预算指标50万元",
            1,
        )
        .replacen("完成遗属 3 人", "完成遗属 4 人", 1);
    let d = extract(&s);
    // (3.404 stated against the table's 3.4 is rounding)
    assert!(errors(&d, "annex.summary").is_empty(), "{}", render(&d));
    // a count planted wrong is found
    let d = planted("完成制作陶瓷纪录片4集", "完成制作陶瓷纪录片5集");
    assert_eq!(errors(&d, "annex.summary").len(), 3, "{}", render(&d));
}

#[test]
fn a_growth_rate_against_last_years_figure_stated_in_the_prose() {
    let at = "2024年机关运行经费支出19.07万元，比2023年减少0.04万元，下降0.21%";
    // 0.04 / 19.11 is 0.21%
    let keep = planted(
        at,
        "2024年机关运行经费支出19.07万元，上年支出19.11万元，下降0.21%",
    );
    assert!(
        of(&keep, "narrative.growth").is_empty(),
        "{}",
        render(&keep)
    );
    assert!(
        of(&keep, "narrative.direction").is_empty(),
        "{}",
        render(&keep)
    );
    let d = planted(
        at,
        "2024年机关运行经费支出19.07万元，上年支出19.11万元，下降0.50%",
    );
    let e = errors(&d, "narrative.growth");
    assert_eq!(e.len(), 1, "{}", render(&d));
    assert_eq!(e[0].expected, Some("0.21".parse().unwrap()));
    let d = planted(
        at,
        "2024年机关运行经费支出19.07万元，上年支出19.11万元，增长0.21%",
    );
    assert_eq!(errors(&d, "narrative.direction").len(), 1, "{}", render(&d));
}
