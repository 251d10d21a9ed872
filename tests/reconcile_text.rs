//! Minimal text reports run through the whole pipeline (`juesuan::extract`):
//! a 三公 table and its prose, kept and then broken.

use juesuan::model::Severity;

/// A one-table report: 三公 (预算数 and 决算数) and the prose that restates it.
fn report(actual_operation: &str, prose_operation: &str) -> String {
    let total = actual_operation;
    format!(
        "# 测试局\n\n## 2024年度部门决算公开\n\n## 财政拨款“三公”经费支出决算表\n\n公开09表\n\n金额单位:万元\n\n\
预算数\t\t\t\t\t\t决算数\t\t\t\t\t\n\
合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待 费\t合计\t因公出国 (境) 费\t公务用车购置及运行维护费\t\t\t公务接待 费\n\
\t\t小计\t公务用车 购置费\t公务用车 运行维护费\t\t\t\t小计\t公务用车 购置费\t公务用车 运行维护费\t\n\
1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n\
7.50\t\t7.50\t\t7.50\t\t{total}\t\t7.50\t\t{actual_operation}\t\n\n\
### 第三部分 情况说明\n\n## 九、财政拨款“三公”经费支出决算情况说明\n\n\
2024年度“三公”经费财政拨款支出全年预算7.50万元，支出决算7.50万元，完成全年预算的100.00%。其中：\n\n\
公务用车运行维护费支出{prose_operation}万元，与上年相同。\n"
    )
}

fn findings(text: &str) -> Vec<juesuan::model::Finding> {
    juesuan::extract("mini.md", text.as_bytes())
        .expect("a report")
        .findings
}

#[test]
fn a_consistent_mini_report_has_no_findings() {
    let f = findings(&report("7.50", "7.50"));
    assert!(f.is_empty(), "{}", juesuan::reconcile::render(&f));
}

#[test]
fn a_broken_mini_report_is_caught() {
    // the prose misstates the table
    let f = findings(&report("7.50", "7.60"));
    assert!(
        f.iter().any(|x| x.rule == "narrative.claim"
            && x.severity == Severity::Error
            && x.tables == ["three_public", "narrative"]),
        "{}",
        juesuan::reconcile::render(&f)
    );
    // the table's 运行维护费 disagrees with its own 小计 and 合计
    let f = findings(&report("7.70", "7.70"));
    assert!(
        f.iter()
            .any(|x| x.rule == "three_public.vehicles" && x.severity == Severity::Error),
        "{}",
        juesuan::reconcile::render(&f)
    );
}

/// The mini report with a 绩效自评 annex: its project table and one paragraph
/// per project restating the table (`rate` and `score` as the prose prints them).
fn with_annex(rate: &str, score: &str) -> String {
    format!(
        "{}\n## 第五部分 附件\n\n## 2024年度绩效自评工作总结报告\n\n\
预算项目\t预算情况\t\t绩效产出情况\t\t\t整体得分情况\t\n\
\t预算指标\t执行情况\t项目\t预期数量\t完成数量\t自评得分\t自评结果\n\
陶瓷产业扶持资金\t1500\t795\t扶持项目数量\t10\t6\t74.60\t中\n\
建市五周年活动费用\t7\t6.992\t宣传版画\t7\t7\t94.99\t优\n\
合计\t1507\t801.992\t\t\t\t75.00\t中\n\n\
1. 我市陶瓷产业扶持资金项目预算指标1500万元，实际支出795万元，预算执行率53%。\n\n\
该项目年初绩效指标设置分值为：预算执行率100%、设置分值10分；实际得分5.3分。\n\n\
最终该项目综合指标得分74.60分，绩效评价结果等级为“中”。\n\n\
2. 怀仁市建市五周年活动费用项目预算指标 7 万元，实际支出 6.992 万元，执行率 {rate}%。\n\n\
该项目综合指标得分 {score} 分，绩效评价结果等级为“优”。\n\n\
## 五、自评发现的问题及改进措施\n\n无。\n",
        report("7.50", "7.50")
    )
}

#[test]
fn annex_prose_agrees_with_its_table() {
    let doc = juesuan::extract("mini.md", with_annex("99.89", "94.99").as_bytes()).unwrap();
    let s = &doc.performance.statements;
    assert_eq!(s.len(), 2, "{s:?}");
    assert_eq!(s[0].name, "我市陶瓷产业扶持资金项目");
    assert_eq!(s[0].score.unwrap().to_string(), "74.60");
    assert_eq!(s[1].executed.unwrap().to_string(), "6.992");
    assert_eq!(doc.performance.projects.len(), 2);
    assert!(
        doc.findings.is_empty(),
        "{}",
        juesuan::reconcile::render(&doc.findings)
    );
}

#[test]
fn annex_prose_misstating_a_rate_or_a_score_is_caught() {
    // 6.992 / 7 = 99.89%, not 99.99%
    let f = findings(&with_annex("99.99", "94.99"));
    assert!(
        f.iter()
            .any(|x| x.rule == "annex.rate" && x.severity == Severity::Error),
        "{}",
        juesuan::reconcile::render(&f)
    );
    // the table prints 94.99 for the project
    let f = findings(&with_annex("99.89", "96.50"));
    assert!(
        f.iter()
            .any(|x| x.rule == "annex.statement" && x.severity == Severity::Error),
        "{}",
        juesuan::reconcile::render(&f)
    );
}
