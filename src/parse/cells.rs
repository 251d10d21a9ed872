//! Cell-level parsers (nom): amounts, function and economic codes, counts,
//! 行次 numbers, and a code printed together with its name.

use nom::{
    branch::alt,
    bytes::complete::{tag, take_while1, take_while_m_n},
    character::complete::{char, digit1, space0},
    combinator::{all_consuming, opt, recognize},
    sequence::{delimited, pair, preceded, terminated, tuple},
    IResult,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::normalise::{self, CellValue};
use crate::parse::Warnings;

/// A code of 3, 5 or 7 digits (类/款/项), or 3/5 for economic classes.
fn code_digits(input: &str) -> IResult<&str, &str> {
    take_while_m_n(3, 7, |c: char| c.is_ascii_digit())(input)
}

/// `2080501`, `[208]`, `208 `: a whole-cell function code.
pub fn code(s: &str) -> Option<&str> {
    let r: IResult<&str, &str> = all_consuming(delimited(
        space0,
        alt((delimited(char('['), code_digits, char(']')), code_digits)),
        space0,
    ))(s);
    r.ok()
        .map(|(_, c)| c)
        .filter(|c| matches!(c.len(), 3 | 5 | 7))
}

/// A code printed without its leading zeros: `301 2` (30102), `20103 1`
/// (2010301), or a bare `7` under the code above it (`last`: a 类 takes it as
/// a 款, a 款 or 项 as a 项; economic codes stop at 款: 30101 then `2` is
/// 30102). The code it stands for, to be used with a warning.
pub fn code_without_zeros(s: &str, last: &str, economic: bool) -> Option<String> {
    let pad = |d: &str| (d.len() <= 2).then(|| format!("{d:0>2}"));
    let s = s.trim();
    let all_digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    if let Some((head, tail)) = s.split_once(char::is_whitespace) {
        let tail = tail.trim();
        if all_digits(head) && matches!(head.len(), 3 | 5) && all_digits(tail) {
            return pad(tail).map(|t| format!("{head}{t}"));
        }
        return None;
    }
    if !all_digits(s) || s.len() > 2 || s.parse::<u32>().ok()? == 0 {
        return None;
    }
    let parent = match last.len() {
        3 => last,
        5 if economic => &last[..3],
        5 => last,
        7 if !economic => &last[..5],
        _ => return None,
    };
    pad(s).map(|t| format!("{parent}{t}"))
}

/// `2080501 行政单位离退休`, `[208]社会保障和就业支出`: a code printed in front of its name.
pub fn code_and_name(s: &str) -> Option<(&str, &str)> {
    let r: IResult<&str, &str> = terminated(
        alt((delimited(char('['), code_digits, char(']')), code_digits)),
        tuple((space0, opt(alt((tag("-"), tag(":")))), space0)),
    )(s);
    let (rest, c) = r.ok()?;
    if !matches!(c.len(), 3 | 5 | 7)
        || rest.is_empty()
        || rest.starts_with(|ch: char| ch.is_ascii_digit() || ch == '.')
    {
        return None;
    }
    Some((c, rest.trim()))
}

/// A 行次 or count cell: a plain non-negative integer.
pub fn integer(s: &str) -> Option<u32> {
    let r: IResult<&str, &str> = all_consuming(delimited(space0, digit1, space0))(s);
    r.ok().and_then(|(_, d)| d.parse().ok())
}

/// A number with optional sign and decimals, as printed (`-2,492.41` after
/// separators are gone).
pub fn number(s: &str) -> IResult<&str, &str> {
    recognize(tuple((
        opt(char('-')),
        digit1,
        opt(pair(char('.'), digit1)),
    )))(s)
}

/// A percentage cell (`100%`, `87.94%`).
pub fn percent(s: &str) -> Option<&str> {
    let r: IResult<&str, &str> =
        all_consuming(terminated(number, preceded(space0, char('%'))))(s.trim());
    r.ok().map(|(_, n)| n)
}

/// True for a cell made only of digits (a 栏次 number or a 行次).
pub fn is_small_int(s: &str) -> bool {
    let r: IResult<&str, &str> = all_consuming(take_while1(|c: char| c.is_ascii_digit()))(s.trim());
    r.is_ok_and(|(_, d)| d.len() <= 2)
}

/// Reads an amount cell; text where a number belongs is a warning and `None`.
pub fn amount(
    cell: Option<&String>,
    table: &str,
    what: impl FnOnce() -> String,
    warnings: &mut Warnings,
) -> Option<Decimal> {
    let s = cell.map(|s| s.as_str()).unwrap_or("");
    match normalise::amount(s) {
        CellValue::Blank => None,
        CellValue::Number(n) => Some(n),
        CellValue::Text => {
            warnings.push(
                table,
                format!("{}: cannot read {:?} as an amount", what(), s),
            );
            None
        }
    }
}

/// A cell that should hold a count holds something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACount;

/// Reads a count (vehicles, equipment): an integer, or a number whose
/// decimals are all zero.
pub fn count(cell: &str) -> Result<Option<i64>, NotACount> {
    match normalise::amount(cell) {
        CellValue::Blank => Ok(None),
        CellValue::Number(n) if n.fract().is_zero() => n.to_i64().map(Some).ok_or(NotACount),
        _ => Err(NotACount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_printed_without_their_zeros() {
        assert_eq!(
            code_without_zeros("301 2", "", false).as_deref(),
            Some("30102")
        );
        assert_eq!(
            code_without_zeros("201 3", "201", false).as_deref(),
            Some("20103")
        );
        assert_eq!(
            code_without_zeros("20103 1", "", false).as_deref(),
            Some("2010301")
        );
        assert_eq!(
            code_without_zeros("7", "20103", false).as_deref(),
            Some("2010307")
        );
        assert_eq!(
            code_without_zeros("7", "2010301", false).as_deref(),
            Some("2010307")
        );
        assert_eq!(
            code_without_zeros("3", "201", false).as_deref(),
            Some("20103")
        );
        assert_eq!(code_without_zeros("7", "", false).as_deref(), None);
        assert_eq!(code_without_zeros("0", "201", false).as_deref(), None);
        assert_eq!(
            code_without_zeros("2", "30101", true).as_deref(),
            Some("30102")
        );
        assert_eq!(code_without_zeros("123", "201", false).as_deref(), None);
        assert_eq!(code_without_zeros("201 3x", "", false).as_deref(), None);
    }

    #[test]
    fn codes() {
        assert_eq!(code("2080501"), Some("2080501"));
        assert_eq!(code("[208]"), Some("208"));
        assert_eq!(code("2080"), None);
        assert_eq!(code("合计"), None);
        assert_eq!(
            code_and_name("2080501 行政单位离退休"),
            Some(("2080501", "行政单位离退休"))
        );
        assert_eq!(
            code_and_name("[208]社会保障和就业支出"),
            Some(("208", "社会保障和就业支出"))
        );
        assert_eq!(code_and_name("5307.63"), None);
        assert_eq!(code_and_name("2024年度"), None);
    }

    #[test]
    fn small_numbers() {
        assert_eq!(integer("27"), Some(27));
        assert!(is_small_int("12"));
        assert!(!is_small_int("4607.63"));
        assert_eq!(percent("87.94%"), Some("87.94"));
        assert_eq!(count("1"), Ok(Some(1)));
        assert_eq!(count("2.00"), Ok(Some(2)));
        assert_eq!(count(""), Ok(None));
        assert!(count("1.5").is_err());
    }
}
