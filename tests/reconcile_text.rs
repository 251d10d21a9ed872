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
