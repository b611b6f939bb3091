//! Employees (人员): the rules for 工号, 姓名, 职位, 入职/离职日期, 身份证号, phone, terminal PIN
//! and card number, and the masking of ID numbers for display.
//!
//! `validate` checks one employee's own fields and returns every problem at once. Whether a
//! 工号, PIN or card is already taken, and whether the department exists, needs the store and is
//! checked by kaoqin-commands with the same `FieldError` vocabulary.

use chrono::NaiveDate;
use serde::Serialize;

use crate::date;
use crate::validation::{self, CharSet, Field, FieldError, Problem};

/// Surrogate key of an employee row.
pub type EmployeeId = i64;

pub const EMPLOYEE_NO_MAX_CHARS: usize = 20;
pub const NAME_MAX_CHARS: usize = 50;
pub const POSITION_MAX_CHARS: usize = 50;

/// Whether the person is on the roster (在职) or has left (离职).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployeeStatus {
    Active,
    Inactive,
}

impl EmployeeStatus {
    pub const ALL: [EmployeeStatus; 2] = [EmployeeStatus::Active, EmployeeStatus::Inactive];

    pub fn as_str(self) -> &'static str {
        match self {
            EmployeeStatus::Active => "active",
            EmployeeStatus::Inactive => "inactive",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == value)
    }
}

/// An employee's own fields as typed by a person or read from a file, before validation.
/// Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EmployeeForm {
    pub employee_no: String,
    pub name: String,
    pub position: String,
    pub hired_on: String,
    pub left_on: String,
    pub id_number: String,
    pub phone: String,
    pub pin: String,
    pub card_no: String,
}

/// An employee's own fields after validation, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRecord {
    pub employee_no: String,
    pub name: String,
    pub position: Option<String>,
    pub hired_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    /// Full 18-character ID number; only ever displayed through [`mask_id_number`].
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub pin: Option<String>,
    pub card_no: Option<String>,
}

/// Validates every field of the form and returns the canonical record or all the problems.
pub fn validate(form: &EmployeeForm) -> Result<EmployeeRecord, Vec<FieldError>> {
    let mut errors = Vec::new();
    let employee_no = employee_no(&form.employee_no, &mut errors);
    let name = validation::text(Field::Name, &form.name, true, NAME_MAX_CHARS, &mut errors);
    let position =
        validation::text(Field::Position, &form.position, false, POSITION_MAX_CHARS, &mut errors);
    let hired_on = date::field(Field::HiredOn, &form.hired_on, true, &mut errors);
    let left_on = date::field(Field::LeftOn, &form.left_on, false, &mut errors);
    if let (Some(h), Some(l)) = (hired_on, left_on)
        && l < h
    {
        errors.push(FieldError::new(
            Field::LeftOn,
            Problem::DateBefore { other: Field::HiredOn, other_value: date::iso(h) },
            form.left_on.clone(),
        ));
    }
    let id_number = optional(&form.id_number, id_number, Field::IdNumber, &mut errors);
    let phone = optional(&form.phone, phone, Field::Phone, &mut errors);
    let pin = optional(&form.pin, pin, Field::Pin, &mut errors);
    let card_no = optional(&form.card_no, card_no, Field::CardNo, &mut errors);

    match (employee_no, name, hired_on) {
        (Some(employee_no), Some(name), Some(hired_on)) if errors.is_empty() => {
            Ok(EmployeeRecord {
                employee_no,
                name,
                position,
                hired_on,
                left_on,
                id_number,
                phone,
                pin,
                card_no,
            })
        }
        _ => Err(errors),
    }
}

fn optional(
    value: &str,
    check: impl Fn(&str) -> Result<String, Problem>,
    field: Field,
    errors: &mut Vec<FieldError>,
) -> Option<String> {
    if value.is_empty() {
        return None;
    }
    match check(value) {
        Ok(v) => Some(v),
        Err(problem) => {
            errors.push(FieldError::new(field, problem, value));
            None
        }
    }
}

/// 工号: 1–20 characters from A–Z, a–z, 0–9, `-` and `_`.
pub fn employee_no(value: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let v = validation::text(Field::EmployeeNo, value, true, EMPLOYEE_NO_MAX_CHARS, errors)?;
    if !v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
        errors.push(FieldError::new(
            Field::EmployeeNo,
            Problem::BadCharacters { allowed: CharSet::EmployeeNo },
            value,
        ));
        return None;
    }
    Some(v)
}

/// Terminal PIN (考勤机工号): 1–9 digits, no leading zero. Terminals store it as a number in
/// some record formats, so `0012` and `12` would be the same person; refusing the leading zero
/// keeps that from surprising anyone.
pub fn pin(value: &str) -> Result<String, Problem> {
    let ok = (1..=9).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with('0');
    if ok { Ok(value.to_owned()) } else { Err(Problem::BadPin) }
}

/// Card number (卡号): 1–10 digits, at most 4294967295 (what terminals store). Cards print
/// their number with leading zeros (`0004567890`); the canonical form drops them.
pub fn card_no(value: &str) -> Result<String, Problem> {
    if !(1..=10).contains(&value.len()) || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::BadCardNo);
    }
    match value.parse::<u64>() {
        Ok(n) if n > 0 && n <= u64::from(u32::MAX) => Ok(n.to_string()),
        _ => Err(Problem::BadCardNo),
    }
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// 身份证号 (GB 11643): 17 digits, a birth date at positions 7–14, and a check character
/// (`0`–`9` or `X`). A lower-case `x` is accepted and stored upper-case. The same format covers
/// residence permits for Hong Kong, Macao and Taiwan residents and the 2023 foreigner's
/// permanent residence ID card.
pub fn id_number(value: &str) -> Result<String, Problem> {
    let v = value.to_ascii_uppercase();
    let chars: Vec<char> = v.chars().collect();
    let well_formed = chars.len() == 18
        && chars[..17].iter().all(char::is_ascii_digit)
        && (chars[17].is_ascii_digit() || chars[17] == 'X');
    if !well_formed {
        return Err(Problem::BadIdNumberFormat);
    }
    let birth: String = chars[6..14].iter().collect();
    if NaiveDate::parse_from_str(&birth, "%Y%m%d").is_err() {
        return Err(Problem::BadIdNumberBirthDate);
    }
    let sum: u32 =
        chars[..17].iter().zip(ID_WEIGHTS).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    let expected = ID_CHECK[(sum % 11) as usize];
    if chars[17] != expected {
        return Err(Problem::BadIdNumberChecksum { expected });
    }
    Ok(v)
}

/// The only form in which an ID number is ever shown: the first 4 and last 4 characters, the
/// rest (including the birth date) as `*`. Short or odd values are masked all but the last 2.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    let n = chars.len();
    let (head, tail) = if n >= 12 { (4, 4) } else { (0, n.min(2)) };
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i < head || i >= n - tail { *c } else { '*' })
        .collect()
}

/// Phone: a mainland mobile number (`13812345678`, optionally `+86` first), or a landline with
/// area code (`010-12345678`, `0755 1234567`, optionally `-123` extension).
pub fn phone(value: &str) -> Result<String, Problem> {
    let compact: String = value.chars().filter(|c| *c != ' ').collect();
    let digits_only = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mobile =
        |s: &str| s.len() == 11 && digits_only(s) && s.starts_with('1') && s.as_bytes()[1] >= b'3';
    let national = compact.strip_prefix("+86").map(|s| s.trim_start_matches('-'));
    if mobile(&compact) || national.is_some_and(mobile) {
        return Ok(value.to_owned());
    }
    let parts: Vec<&str> = value.split(['-', ' ']).filter(|p| !p.is_empty()).collect();
    let landline = match parts.as_slice() {
        [area, number] | [area, number, _] if !area.is_empty() => {
            area.starts_with('0')
                && (3..=4).contains(&area.len())
                && digits_only(area)
                && (7..=8).contains(&number.len())
                && digits_only(number)
                && parts.get(2).is_none_or(|ext| ext.len() <= 6 && digits_only(ext))
        }
        [whole] => whole.starts_with('0') && (10..=12).contains(&whole.len()) && digits_only(whole),
        _ => false,
    };
    if landline { Ok(value.to_owned()) } else { Err(Problem::BadPhone) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EmployeeForm {
        EmployeeForm {
            employee_no: "1001".into(),
            name: "张三".into(),
            hired_on: "2024-03-01".into(),
            pin: "1001".into(),
            ..EmployeeForm::default()
        }
    }

    fn problems(f: &EmployeeForm) -> Vec<(Field, Problem)> {
        validate(f).err().unwrap_or_default().into_iter().map(|e| (e.field, e.problem)).collect()
    }

    #[test]
    fn a_minimal_employee_is_valid() {
        let rec = validate(&form()).expect("minimal form is valid");
        assert_eq!(rec.hired_on, NaiveDate::from_ymd_opt(2024, 3, 1).unwrap_or_default());
        assert_eq!(rec.pin.as_deref(), Some("1001"));
        assert_eq!(rec.position, None);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let f = EmployeeForm {
            employee_no: "10 01".into(),
            name: String::new(),
            hired_on: "2024-02-30".into(),
            pin: "0012".into(),
            card_no: "abc".into(),
            ..form()
        };
        assert_eq!(
            problems(&f),
            vec![
                (Field::EmployeeNo, Problem::BadCharacters { allowed: CharSet::EmployeeNo }),
                (Field::Name, Problem::Required),
                (Field::HiredOn, Problem::BadDate),
                (Field::Pin, Problem::BadPin),
                (Field::CardNo, Problem::BadCardNo),
            ]
        );
    }

    #[test]
    fn leaving_before_joining_is_refused() {
        let f = EmployeeForm { left_on: "2024-01-31".into(), ..form() };
        assert_eq!(
            problems(&f),
            vec![(
                Field::LeftOn,
                Problem::DateBefore { other: Field::HiredOn, other_value: "2024-03-01".into() }
            )]
        );
    }

    #[test]
    fn id_numbers() {
        // A well-known specimen number from GB 11643's worked example.
        assert_eq!(id_number("11010519491231002x"), Ok("11010519491231002X".into()));
        assert_eq!(
            id_number("110105194912310021"),
            Err(Problem::BadIdNumberChecksum { expected: 'X' })
        );
        assert_eq!(id_number("110105194913310021"), Err(Problem::BadIdNumberBirthDate));
        assert_eq!(id_number("1101051949123100"), Err(Problem::BadIdNumberFormat));
        assert_eq!(mask_id_number("11010519491231002X"), "1101**********002X");
        assert_eq!(mask_id_number("123"), "*23");
    }

    #[test]
    fn pins_and_cards() {
        assert_eq!(pin("1"), Ok("1".into()));
        assert_eq!(pin("123456789"), Ok("123456789".into()));
        for bad in ["", "0", "012", "1234567890", "12a", "-1"] {
            assert_eq!(pin(bad), Err(Problem::BadPin), "{bad:?} is not a PIN");
        }
        assert_eq!(card_no("0004567890"), Ok("4567890".into()), "printed leading zeros drop");
        assert_eq!(card_no("4294967295"), Ok("4294967295".into()));
        for bad in ["", "0000000000", "4294967296", "12345678901", "12 34"] {
            assert_eq!(card_no(bad), Err(Problem::BadCardNo), "{bad:?} is not a card number");
        }
    }

    #[test]
    fn phones() {
        for ok in [
            "13812345678",
            "+86 138 1234 5678",
            "+86-13812345678",
            "010-12345678",
            "0755 1234567",
            "010-12345678-123",
            "01012345678",
        ] {
            assert_eq!(phone(ok), Ok(ok.to_owned()), "{ok:?} is a phone number");
        }
        for bad in ["1381234567", "12812345678", "12345", "phone", "010-123", "138-1234-5678x"] {
            assert_eq!(phone(bad), Err(Problem::BadPhone), "{bad:?} is not a phone number");
        }
    }
}
