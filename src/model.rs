//! The typed model of one report: what `parse` builds, `reconcile` checks and
//! `emit` prints. Field names and order are the output contract
//! (`spec/output.md` in the shared folder, and `docs/output-conventions.md`).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// An amount as printed: a decimal with the printed scale, or `None` for blank.
pub type Amount = Option<Decimal>;

/// Schema stand-in for [`Decimal`]: amounts are JSON numbers.
#[derive(JsonSchema)]
#[schemars(rename = "Number")]
#[allow(dead_code)]
struct NumberSchema(f64);

/// The schema version written into every document.
pub const SCHEMA: &str = "juesuan/1";

/// One report as a canonical document.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Document {
    /// The schema version, `juesuan/1`.
    pub schema: String,
    /// Where the document came from.
    pub source: Source,
    /// Report metadata.
    pub report: ReportMeta,
    /// Tables keyed by meaning (the contract's table ids).
    pub tables: Tables,
    /// Tables outside the standard catalogue, in printed order.
    #[serde(default)]
    pub extra_tables: Vec<ExtraTable>,
    /// Figures stated in the prose.
    pub narrative: Narrative,
    /// The performance self-evaluation annex.
    pub performance: Performance,
    /// Reconciliation findings, in a stable order.
    pub findings: Vec<Finding>,
}

/// The input a document was made from.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Source {
    /// The path as the user passed it (`-` for stdin).
    pub path: String,
    /// SHA-256 of the input bytes, lower-case hex.
    pub sha256: String,
    /// `pdf-text`, `pdf-ocr` or `text`.
    pub format: String,
    /// Page count, `null` for text input.
    pub pages: Option<u32>,
    /// The pages read by OCR (format `pdf-ocr`), in order; absent when every
    /// page was read through its text layer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_pages: Vec<u32>,
}

/// What kind of report, for which year and department.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ReportMeta {
    /// `final_accounts` (决算) or `budget` (预算).
    pub kind: Option<String>,
    /// The report's fiscal year.
    pub year: Option<i32>,
    /// The department (部门/单位) name.
    pub department: Option<String>,
    /// Unit of the main tables (`万元` or `元`).
    pub unit: Option<String>,
}

/// One table of the catalogue, by layout.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(untagged)]
#[allow(clippy::large_enum_variant)] // a handful per document; boxing buys nothing
pub enum Table {
    /// Two sides, 收入 | 支出.
    Summary(SummaryTable),
    /// Function-classified rows.
    Classified(ClassifiedTable),
    /// Economic-classification items.
    Basic(BasicTable),
    /// "三公".
    ThreePublic(ThreePublicTable),
    /// Statistics.
    Stats(StatsTable),
}

impl Table {
    /// The keys every table carries.
    pub fn meta(&self) -> &TableMeta {
        match self {
            Table::Summary(t) => &t.meta,
            Table::Classified(t) => &t.meta,
            Table::Basic(t) => &t.meta,
            Table::ThreePublic(t) => &t.meta,
            Table::Stats(t) => &t.meta,
        }
    }

    /// The keys every table carries, to change.
    pub fn meta_mut(&mut self) -> &mut TableMeta {
        match self {
            Table::Summary(t) => &mut t.meta,
            Table::Classified(t) => &mut t.meta,
            Table::Basic(t) => &mut t.meta,
            Table::ThreePublic(t) => &mut t.meta,
            Table::Stats(t) => &mut t.meta,
        }
    }
}

/// All tables found, keyed by meaning (the ids of `grammars/tables.toml`),
/// in the grammar's order; a table not in the report is absent. Serialised as
/// one JSON object.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    entries: Vec<(String, Table)>,
}

macro_rules! table_accessors {
    ($($(#[$doc:meta])* $name:ident: $variant:ident => $ty:ty;)*) => {
        $(
            $(#[$doc])*
            pub fn $name(&self) -> Option<&$ty> {
                match self.get(stringify!($name)) {
                    Some(Table::$variant(t)) => Some(t),
                    _ => None,
                }
            }
        )*
    };
}

impl Tables {
    /// Adds (or replaces) the table `id`, keeping the grammar's order.
    pub fn insert(&mut self, id: &str, table: Table) {
        let order = |x: &str| {
            crate::grammar::grammar()
                .table
                .iter()
                .position(|t| t.id == x)
                .unwrap_or(usize::MAX)
        };
        self.entries.retain(|(k, _)| k != id);
        let pos = self
            .entries
            .iter()
            .position(|(k, _)| order(k) > order(id))
            .unwrap_or(self.entries.len());
        self.entries.insert(pos, (id.to_string(), table));
    }

    /// The table `id`.
    pub fn get(&self, id: &str) -> Option<&Table> {
        self.entries.iter().find(|(k, _)| k == id).map(|(_, t)| t)
    }

    /// The table `id`, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Table> {
        self.entries
            .iter_mut()
            .find(|(k, _)| k == id)
            .map(|(_, t)| t)
    }

    /// Every table with its id, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Table)> {
        self.entries.iter().map(|(k, t)| (k.as_str(), t))
    }

    /// Every table with its id, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&str, &mut Table)> {
        self.entries.iter_mut().map(|(k, t)| (k.as_str(), t))
    }

    /// Number of tables.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The classified table `id`.
    pub fn classified(&self, id: &str) -> Option<&ClassifiedTable> {
        match self.get(id) {
            Some(Table::Classified(t)) => Some(t),
            _ => None,
        }
    }

    /// The summary table `id`.
    pub fn summary(&self, id: &str) -> Option<&SummaryTable> {
        match self.get(id) {
            Some(Table::Summary(t)) => Some(t),
            _ => None,
        }
    }

    /// True when the table `id` is present and its reading holds up (not
    /// marked uncertain): only such a table may be used in an `error`.
    pub fn is_certain(&self, id: &str) -> bool {
        self.get(id).is_some_and(|t| t.meta().uncertain.is_none())
    }

    table_accessors! {
        /// 收入支出决算总表 (公开01表).
        income_expenditure_summary: Summary => SummaryTable;
        /// 收入决算表 (公开02表).
        income: Classified => ClassifiedTable;
        /// 支出决算表 (公开03表).
        expenditure: Classified => ClassifiedTable;
        /// 财政拨款收入支出决算总表 (公开04表).
        fiscal_summary: Summary => SummaryTable;
        /// 一般公共预算财政拨款支出决算表 (公开05表).
        general_budget_expenditure: Classified => ClassifiedTable;
        /// 一般公共预算财政拨款基本支出决算明细表 (公开06表).
        general_budget_basic_expenditure: Basic => BasicTable;
        /// 政府性基金预算财政拨款收入支出决算表 (公开07表).
        government_fund: Classified => ClassifiedTable;
        /// 国有资本经营预算财政拨款支出决算表 (公开08表).
        state_capital: Classified => ClassifiedTable;
        /// 财政拨款"三公"经费支出决算表 (公开09表).
        three_public: ThreePublic => ThreePublicTable;
        /// 部门决算公开相关信息统计表 (公开10表).
        disclosure_stats: Stats => StatsTable;
    }
}

impl Serialize for Tables {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, t) in &self.entries {
            m.serialize_entry(k, t)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Tables {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use crate::grammar::Layout;
        use serde::de::Error;
        let raw: BTreeMap<String, serde_json::Value> = BTreeMap::deserialize(d)?;
        let mut out = Tables::default();
        for (id, v) in raw {
            let layout = crate::grammar::grammar()
                .table(&id)
                .map(|t| t.layout)
                .ok_or_else(|| D::Error::custom(format!("unknown table id {id:?}")))?;
            let t = match layout {
                Layout::Summary => serde_json::from_value(v).map(Table::Summary),
                Layout::Classified => serde_json::from_value(v).map(Table::Classified),
                Layout::Basic => serde_json::from_value(v).map(Table::Basic),
                Layout::ThreePublic => serde_json::from_value(v).map(Table::ThreePublic),
                Layout::Stats => serde_json::from_value(v).map(Table::Stats),
            }
            .map_err(|e| D::Error::custom(format!("table {id}: {e}")))?;
            out.insert(&id, t);
        }
        Ok(out)
    }
}

impl JsonSchema for Tables {
    fn schema_name() -> String {
        "Tables".into()
    }

    fn json_schema(gen: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        use crate::grammar::Layout;
        use schemars::schema::{InstanceType, ObjectValidation, Schema, SchemaObject};
        let mut obj = ObjectValidation::default();
        for t in &crate::grammar::grammar().table {
            let schema = match t.layout {
                Layout::Summary => gen.subschema_for::<SummaryTable>(),
                Layout::Classified => gen.subschema_for::<ClassifiedTable>(),
                Layout::Basic => gen.subschema_for::<BasicTable>(),
                Layout::ThreePublic => gen.subschema_for::<ThreePublicTable>(),
                Layout::Stats => gen.subschema_for::<StatsTable>(),
            };
            obj.properties.insert(t.id.clone(), schema);
        }
        obj.additional_properties = Some(Box::new(Schema::Bool(false)));
        Schema::Object(SchemaObject {
            instance_type: Some(InstanceType::Object.into()),
            object: Some(Box::new(obj)),
            ..Default::default()
        })
    }
}

/// One cell of a table as printed: an amount, a text, or blank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// An amount, exactly as printed.
    Number(#[schemars(with = "NumberSchema")] Decimal),
    /// A text (a code, a name, a target) as printed.
    Text(String),
    /// A blank cell (`null`).
    Blank,
}

/// A table outside the standard catalogue (政府采购预算表, 项目支出表 …), kept
/// as printed: header paths per column, cells per row.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ExtraTable {
    /// The title as printed.
    pub title: String,
    /// The printed label, if any.
    pub label: Option<String>,
    /// `万元` or `元` as printed for this table.
    pub unit: Option<String>,
    /// 1-based pages the table spans (`[]` for text input).
    pub pages: Vec<u32>,
    /// True when the report marks the table as having no data.
    pub empty: bool,
    /// One header path (texts top to bottom) per printed column.
    pub columns: Vec<Vec<String>>,
    /// Every row below the header, one cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// Keys every table carries.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct TableMeta {
    /// The printed label (`公开02表`), if any.
    pub label: Option<String>,
    /// The title as printed.
    pub title: String,
    /// `万元` or `元` as printed for this table.
    pub unit: Option<String>,
    /// 1-based pages the table spans (`[]` for text input).
    pub pages: Vec<u32>,
    /// True when the report marks the table as having no data.
    pub empty: bool,
    /// Why the reading of this table is uncertain: its figures fail its own
    /// structure (parents against children, totals against parts) too often
    /// to be trusted, so no `error` is raised from them. Absent when the
    /// reading holds up.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub uncertain: Option<String>,
    /// True when the table was printed without rulings and its columns were
    /// inferred from the alignment of its words: a blank cell in it is not
    /// taken as a printed blank in an accusation. Not part of the output.
    #[serde(skip)]
    #[schemars(skip)]
    pub aligned: bool,
}

/// A table classified by function (类/款/项 rows).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ClassifiedTable {
    /// Common keys.
    #[serde(flatten)]
    pub meta: TableMeta,
    /// Column ids printed, in printed order.
    pub columns: Vec<String>,
    /// Columns no id fits, by header path (texts joined with `/`), in printed
    /// order; their values are in each row's `extra`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub extra_columns: Vec<String>,
    /// Rows in printed order.
    pub rows: Vec<ClassifiedRow>,
}

/// One row of a classified table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ClassifiedRow {
    /// Function class code (3, 5 or 7 digits); `null` for 合计.
    pub code: Option<String>,
    /// Row name, rejoined where wrapped.
    pub name: String,
    /// 0 合计, 1 类, 2 款, 3 项.
    pub level: u8,
    /// One value per printed column.
    #[schemars(with = "BTreeMap<String, Option<NumberSchema>>")]
    pub values: BTreeMap<String, Amount>,
    /// Values of the columns no id fits, keyed by header path.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    #[schemars(with = "BTreeMap<String, Option<NumberSchema>>")]
    pub extra: BTreeMap<String, Amount>,
}

/// A two-sided summary table (收入 | 支出).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct SummaryTable {
    /// Common keys.
    #[serde(flatten)]
    pub meta: TableMeta,
    /// Income side lines in printed order.
    pub income: Vec<SummaryLine>,
    /// Expenditure side lines in printed order.
    pub expenditure: Vec<SummaryLine>,
}

/// One line of a summary table side.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct SummaryLine {
    /// 行次, where printed.
    pub line: Option<u32>,
    /// Item text without its numbering; `null` for a filler line.
    pub item: Option<String>,
    /// `code` for function class lines, `key` for the others.
    #[serde(flatten)]
    pub label: LineLabel,
    /// The amount, for single-amount sides.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(with = "Option<NumberSchema>")]
    pub amount: Option<Amount>,
    /// Per-fund values, for `fiscal_summary`'s expenditure side.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(with = "Option<BTreeMap<String, Option<NumberSchema>>>")]
    pub values: Option<BTreeMap<String, Amount>>,
}

/// What a summary line is: a function class (`code`) or a named line (`key`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum LineLabel {
    /// Function class code (`208`).
    #[serde(rename = "code")]
    Code(String),
    /// Line key (`income_total` …), `null` for filler or unrecognised lines.
    #[serde(rename = "key")]
    Key(Option<String>),
}

impl JsonSchema for LineLabel {
    fn schema_name() -> String {
        "LineLabel".into()
    }

    fn is_referenceable() -> bool {
        false
    }

    fn json_schema(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
        // one of the two keys, beside the line's other keys
        let schema = serde_json::json!({
            "oneOf": [
                {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}},
                {"type": "object", "required": ["key"], "properties": {"key": {"type": ["string", "null"]}}}
            ]
        });
        serde_json::from_value(schema).expect("static schema")
    }
}

impl SummaryLine {
    /// The line's amount or, for per-fund lines, the named column's value.
    pub fn value(&self, column: &str) -> Amount {
        match (&self.amount, &self.values) {
            (Some(a), _) if column == "amount" || column == "total" => *a,
            // a side printed with several columns: its amount is the 合计
            (None, Some(v)) if column == "amount" => v.get("total").copied().flatten(),
            (_, Some(v)) => v.get(column).copied().flatten(),
            _ => None,
        }
    }

    /// The line's key, or `None` for class lines and unrecognised lines.
    pub fn key(&self) -> Option<&str> {
        match &self.label {
            LineLabel::Key(k) => k.as_deref(),
            LineLabel::Code(_) => None,
        }
    }

    /// The line's class code, for class lines.
    pub fn code(&self) -> Option<&str> {
        match &self.label {
            LineLabel::Code(c) => Some(c),
            LineLabel::Key(_) => None,
        }
    }
}

/// 一般公共预算财政拨款基本支出决算明细表 (economic classification).
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct BasicTable {
    /// Common keys.
    #[serde(flatten)]
    pub meta: TableMeta,
    /// Every printed item.
    pub items: Vec<BasicItem>,
    /// 人员经费合计.
    #[schemars(with = "Option<NumberSchema>")]
    pub personnel_total: Amount,
    /// 公用经费合计.
    #[schemars(with = "Option<NumberSchema>")]
    pub public_total: Amount,
}

/// One economic-classification item.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct BasicItem {
    /// Economic class code (3 or 5 digits); `null` where the table prints
    /// names only.
    pub code: Option<String>,
    /// Item name.
    pub name: String,
    /// `personnel` (301, 303 …) or `public`.
    pub group: String,
    /// The amount, `null` when blank.
    #[schemars(with = "Option<NumberSchema>")]
    pub amount: Amount,
    /// `total`, `personnel`, `public` where the table prints those columns (budget layout).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(with = "Option<BTreeMap<String, Option<NumberSchema>>>")]
    pub values: Option<BTreeMap<String, Amount>>,
    /// Cells of columns no id fits (a second classification's code, an
    /// unnamed amount), keyed by header path.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    pub extra: BTreeMap<String, Cell>,
}

/// "三公" expenditure.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ThreePublicTable {
    /// Common keys.
    #[serde(flatten)]
    pub meta: TableMeta,
    /// 预算数.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub budget: Option<ThreePublic>,
    /// 决算数.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub actual: Option<ThreePublic>,
}

/// One side of the "三公" table.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ThreePublic {
    /// 合计.
    #[schemars(with = "Option<NumberSchema>")]
    pub total: Amount,
    /// 因公出国(境)费.
    #[schemars(with = "Option<NumberSchema>")]
    pub overseas_travel: Amount,
    /// 公务用车购置及运行维护费 小计.
    #[schemars(with = "Option<NumberSchema>")]
    pub vehicle_total: Amount,
    /// 公务用车购置费.
    #[schemars(with = "Option<NumberSchema>")]
    pub vehicle_purchase: Amount,
    /// 公务用车运行维护费.
    #[schemars(with = "Option<NumberSchema>")]
    pub vehicle_operation: Amount,
    /// 公务接待费.
    #[schemars(with = "Option<NumberSchema>")]
    pub reception: Amount,
    /// 机关运行经费, where the table prints it (budget layout): absent when
    /// not printed, `null` when printed blank.
    #[serde(
        skip_serializing_if = "Option::is_none",
        default,
        deserialize_with = "present"
    )]
    #[schemars(with = "Option<NumberSchema>")]
    pub office_operation: Option<Amount>,
    /// Other figures the table prints on this side (会议费, 培训费, 行政经费),
    /// by their printed names.
    #[serde(skip_serializing_if = "BTreeMap::is_empty", default)]
    #[schemars(with = "BTreeMap<String, Option<NumberSchema>>")]
    pub extra: BTreeMap<String, Amount>,
}

impl ThreePublic {
    /// The value of a field by its id.
    pub fn get(&self, field: &str) -> Option<Amount> {
        Some(match field {
            "total" => self.total,
            "overseas_travel" => self.overseas_travel,
            "vehicle_total" => self.vehicle_total,
            "vehicle_purchase" => self.vehicle_purchase,
            "vehicle_operation" => self.vehicle_operation,
            "reception" => self.reception,
            "office_operation" => self.office_operation.flatten(),
            _ => return None,
        })
    }

    /// Sets a field by its id; false when the id is unknown.
    pub fn set(&mut self, field: &str, value: Amount) -> bool {
        let slot = match field {
            "total" => &mut self.total,
            "overseas_travel" => &mut self.overseas_travel,
            "vehicle_total" => &mut self.vehicle_total,
            "vehicle_purchase" => &mut self.vehicle_purchase,
            "vehicle_operation" => &mut self.vehicle_operation,
            "reception" => &mut self.reception,
            "office_operation" => {
                self.office_operation = Some(value);
                return true;
            }
            _ => return false,
        };
        *slot = value;
        true
    }
}

/// 部门决算公开相关信息统计表.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct StatsTable {
    /// Common keys.
    #[serde(flatten)]
    pub meta: TableMeta,
    /// 政府采购: `total`, `goods`, `works`, `services`.
    #[schemars(with = "BTreeMap<String, Option<NumberSchema>>")]
    pub procurement: BTreeMap<String, Amount>,
    /// 机关运行经费: `administrative`, `civil_servant_managed`.
    #[schemars(with = "BTreeMap<String, Option<NumberSchema>>")]
    pub office_operation: BTreeMap<String, Amount>,
    /// Vehicle counts: `total` and one key per printed category.
    pub vehicles: BTreeMap<String, Option<i64>>,
    /// 单价100万元(含)以上设备 count.
    pub equipment_over_1m: Option<i64>,
}

/// Figures stated in the prose.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Narrative {
    /// Claims in document order.
    pub claims: Vec<Claim>,
    /// Clauses that compare two figures in words only, without stating one
    /// ("决算数小于预算数", "与上年持平"), in document order.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub comparisons: Vec<Comparison>,
}

/// A clause of the prose that states a direction without a figure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Comparison {
    /// Heading of the 情况说明 section the clause sits in.
    pub section: String,
    /// The clause.
    pub text: String,
    /// What it says: up (大于, 增加), down (小于, 减少) or level (等于, 持平).
    pub direction: Direction,
    /// True when it compares with a budget (预算数), false when with last
    /// year.
    pub against_budget: bool,
    /// How many claims come before it in the prose (its place among them).
    #[serde(skip)]
    pub after_claims: usize,
    /// Which sentence of the prose it is in (see [`Claim::sentence`]).
    #[serde(skip)]
    pub sentence: usize,
    /// Where it was read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Location>,
}

/// One figure stated in the prose.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Claim {
    /// Heading of the 情况说明 section the claim sits in.
    pub section: String,
    /// The clause holding the figure.
    pub text: String,
    /// The figure as printed.
    #[schemars(with = "NumberSchema")]
    pub value: Decimal,
    /// `万元`, `元`, `%` or a count unit.
    pub unit: String,
    /// `amount`, `percent` or `count`.
    pub kind: String,
    /// The table figure the clause names, where it names one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub refers_to: Option<CellRef>,
    /// What the clause states about its figure beyond the figure itself: a
    /// change, a growth rate, a share, a completion rate, a budget or last
    /// year's figure (absent for a plain figure).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub relation: Option<Relation>,
    /// The whole a share names (`占一般公共预算项目支出总额的…` →
    /// `一般公共预算项目支出总额`), where it names one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub whole: Option<String>,
    /// The direction of a stated change or comparison.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub direction: Option<Direction>,
    /// Where the figure was read.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Location>,
    /// Which sentence of the prose it is in (claims of one sentence share
    /// it): figures compared with each other are of one sentence.
    #[serde(skip)]
    pub sentence: usize,
}

/// What a clause of the prose states about its figure.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The amount by which a figure changed (`比上年增加12.5万元`).
    Change,
    /// The rate of a change in percent (`增长3.2%`).
    Growth,
    /// A share of a whole in percent (`占总支出的45.6%`).
    Share,
    /// A completion rate in percent (`完成年初预算的98.2%`).
    Completion,
    /// A budgeted figure (`年初预算为…万元`).
    Budget,
    /// Last year's figure (`上年…为…万元`).
    Previous,
}

/// The direction of a stated change or comparison.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 增加, 增长, 上升, 大于.
    Increase,
    /// 减少, 下降, 降低, 小于.
    Decrease,
    /// 持平, 等于, 无变化.
    Flat,
}

/// Where something was read: a page and a box in PDF user-space points
/// (`[x0, y0, x1, y1]`, origin at the lower left) for PDF input, a 1-based
/// line number for text input.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
pub struct Location {
    /// 1-based page (PDF input).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub page: Option<u32>,
    /// The box on the page (PDF input).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub bbox: Option<[f32; 4]>,
    /// 1-based line of the input (text input).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u32>,
}

impl Location {
    /// Where `line` was read, if it says.
    pub fn of_line(line: &crate::doc::Line) -> Option<Location> {
        Self::at(line, line.bbox)
    }

    /// Where cell `i` of `line` was read (the line's place where the cell's
    /// box is not known).
    pub fn of_cell(line: &crate::doc::Line, i: usize) -> Option<Location> {
        Self::at(line, line.cell_box(i).or(line.bbox))
    }

    fn at(line: &crate::doc::Line, bbox: Option<crate::doc::Rect>) -> Option<Location> {
        let round = |r: crate::doc::Rect| r.map(|v| (v * 10.0).round() / 10.0);
        if let Some(n) = line.source_line {
            return Some(Location {
                line: Some(n),
                ..Default::default()
            });
        }
        if line.page == 0 {
            return None;
        }
        Some(Location {
            page: Some(line.page),
            bbox: bbox.map(round),
            line: None,
        })
    }

    /// The smallest location holding both (the same page or line only).
    pub fn union(self, other: Location) -> Location {
        if self.page != other.page || self.line != other.line {
            return self;
        }
        let bbox = match (self.bbox, other.bbox) {
            (Some(a), Some(b)) => Some([
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ]),
            (a, b) => a.or(b),
        };
        Location { bbox, ..self }
    }
}

/// A pointer to one figure of a table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
pub struct CellRef {
    /// Table id.
    pub table: String,
    /// Row key or code (`null` for a 合计 row).
    pub row: Option<String>,
    /// Column id.
    pub column: Option<String>,
}

/// The 绩效自评 annex.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Performance {
    /// One entry per project row.
    pub projects: Vec<Project>,
    /// The printed 合计 row.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub total: Option<ProjectTotal>,
    /// The annex prose's per-project paragraphs, in printed order (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub statements: Vec<Statement>,
    /// The projects a summary paragraph of the annex prose enumerates
    /// ("涉及12个项目…:1、…项目预算指标1500万元,完成…6个;2、…"), in printed
    /// order, each with its stated 预算指标 and the count it says was done
    /// (absent when none).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub summary: Vec<SummaryItem>,
}

/// One project as a summary paragraph of the annex prose enumerates it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct SummaryItem {
    /// The item's number (1、 or ① → 1).
    pub item: u32,
    /// The project as named.
    pub name: String,
    /// The stated 预算指标 (this year's, where a multi-year project states both).
    #[schemars(with = "Option<NumberSchema>")]
    pub budget: Amount,
    /// `万元` or `元`, as printed with the budget.
    pub unit: Option<String>,
    /// The count it says was done ("完成…6个" → 6), where it states one.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub done: Option<i64>,
    /// The item's text.
    pub text: String,
}

/// One project as a numbered paragraph of the annex prose states it
/// ("1. 我市…项目预算指标1500万元，实际支出795万元，预算执行率53%。").
/// Every figure is `null` when the paragraph does not state it.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Statement {
    /// The paragraph's printed item number (`1` for "1." or "1、").
    pub item: u32,
    /// The project name as printed: the text between the item number and
    /// 预算指标 (normalised like every text).
    pub name: String,
    /// 预算指标, in `unit`.
    #[schemars(with = "Option<NumberSchema>")]
    pub budget: Amount,
    /// 实际支出, in `unit`.
    #[schemars(with = "Option<NumberSchema>")]
    pub executed: Amount,
    /// The unit the budget (else the executed amount) is printed in: `万元` or `元`.
    pub unit: Option<String>,
    /// 预算执行率 / 执行率, in percent as printed (`53` for "53%").
    #[schemars(with = "Option<NumberSchema>")]
    pub rate: Amount,
    /// 综合指标得分 (the paragraph's concluding score).
    #[schemars(with = "Option<NumberSchema>")]
    pub score: Amount,
    /// The grade (`优`/`良`/`中`/`差`, or a long form as printed).
    pub grade: Option<String>,
    /// The paragraph's first sentence, without the item number and the closing mark.
    pub text: String,
}

/// One project of the self-evaluation table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Project {
    /// Project name.
    pub name: String,
    /// 预算指标.
    #[schemars(with = "Option<NumberSchema>")]
    pub budget: Amount,
    /// 执行情况.
    #[schemars(with = "Option<NumberSchema>")]
    pub executed: Amount,
    /// Output indicator.
    pub indicator: Option<String>,
    /// Expected value as printed.
    pub expected: Option<String>,
    /// Achieved value as printed.
    pub achieved: Option<String>,
    /// Self-evaluation score.
    #[schemars(with = "Option<NumberSchema>")]
    pub score: Amount,
    /// Grade (优/良/中/差).
    pub grade: Option<String>,
}

/// The 合计 row of the self-evaluation table.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct ProjectTotal {
    /// Σ budget as printed.
    #[schemars(with = "Option<NumberSchema>")]
    pub budget: Amount,
    /// Σ executed as printed.
    #[schemars(with = "Option<NumberSchema>")]
    pub executed: Amount,
    /// Overall score.
    #[schemars(with = "Option<NumberSchema>")]
    pub score: Amount,
    /// Overall grade.
    pub grade: Option<String>,
}

/// One failed reconciliation rule.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct Finding {
    /// Rule id from the catalogue.
    pub rule: String,
    /// `rounding`, `error` or `warning`.
    pub severity: Severity,
    /// Every table id involved (`narrative`, `performance` for prose and annex).
    pub tables: Vec<String>,
    /// What disagrees, for a person.
    pub message: String,
    /// The value the rule expected.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(with = "Option<NumberSchema>")]
    pub expected: Option<Decimal>,
    /// The value printed.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    #[schemars(with = "Option<NumberSchema>")]
    pub actual: Option<Decimal>,
    /// Where the finding is: the figure or sentence it is about (the first of
    /// `locations` when it involves several places).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub location: Option<Location>,
    /// Every place involved, where there are several.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub locations: Vec<Location>,
}

/// How bad a finding is.
#[derive(
    Debug, Clone, Copy, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A real disagreement.
    Error,
    /// Within the rounding the report warns of.
    Rounding,
    /// Could not be checked.
    Warning,
}

/// A key that may be absent (not printed) or `null` (printed blank): present
/// in the JSON, even as `null`, means printed.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Amount>, D::Error> {
    Amount::deserialize(d).map(Some)
}

/// The record for an input that could not be read (batch output).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FailureRecord {
    /// The schema version, `juesuan/1`.
    pub schema: String,
    /// Where the input came from.
    pub source: Source,
    /// Why it failed.
    pub failure: FailureInfo,
}

/// Kind and message of a failure.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema, PartialEq)]
pub struct FailureInfo {
    /// `not_a_report`, `unreadable`, `encrypted`, `no_text_layer`, `timeout`, `too_large` or `internal`.
    pub kind: String,
    /// For a person.
    pub message: String,
}
