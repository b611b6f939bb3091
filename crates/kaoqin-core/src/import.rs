//! Employee import: which column is which (Chinese and English header synonyms, or the clerk's
//! own mapping), every row checked with the same rules as the 人员 form, checks across rows and
//! against the roster (a 工号 twice in the file, a PIN, card or ID number that would end up with
//! two people), and the plan: who is added, who changes, which departments are created.
//!
//! Upsert by 工号: a row whose 工号 exists updates that employee, and an empty cell keeps the
//! stored value, so importing the same file twice changes nothing the second time. A department
//! cell is a path (`总部/生产部/一车间`) or a name unique in the tree; missing levels are created.
//! Reading files (xlsx, xls, CSV) and writing the plan are the callers' business; this module
//! sees cells and a snapshot of the roster, and every function is pure.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::date;
use crate::department::{self, DepartmentId, DepartmentNode};
use crate::employee::{self, EmployeeForm, EmployeeRecord};
use crate::validation::{Field, FieldError, Problem};

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ImportField {
    EmployeeNo,
    Name,
    Department,
    Position,
    HiredOn,
    LeftOn,
    IdNumber,
    Phone,
    Pin,
    CardNo,
}

impl ImportField {
    pub const ALL: [ImportField; 10] = [
        ImportField::EmployeeNo,
        ImportField::Name,
        ImportField::Department,
        ImportField::Position,
        ImportField::HiredOn,
        ImportField::LeftOn,
        ImportField::IdNumber,
        ImportField::Phone,
        ImportField::Pin,
        ImportField::CardNo,
    ];

    /// The field its problems are reported under.
    pub fn field(self) -> Field {
        match self {
            ImportField::EmployeeNo => Field::EmployeeNo,
            ImportField::Name => Field::Name,
            ImportField::Department => Field::DepartmentId,
            ImportField::Position => Field::Position,
            ImportField::HiredOn => Field::HiredOn,
            ImportField::LeftOn => Field::LeftOn,
            ImportField::IdNumber => Field::IdNumber,
            ImportField::Phone => Field::Phone,
            ImportField::Pin => Field::Pin,
            ImportField::CardNo => Field::CardNo,
        }
    }

    pub fn from_key(key: &str) -> Option<ImportField> {
        ImportField::ALL.into_iter().find(|f| f.field().key() == key || f.key() == key)
    }

    /// The stable key (`employee_no`, `department`, …) used by mappings and DTOs.
    pub fn key(self) -> &'static str {
        match self {
            ImportField::Department => "department",
            other => other.field().key(),
        }
    }

    /// The header the template uses.
    pub fn template_header(self) -> &'static str {
        self.synonyms()[0]
    }

    /// Headers recognised for this column, compared after [`normalise_header`]. The first is
    /// the template's; the rest are what ZKTime, DingTalk and hand-made rosters call it.
    pub fn synonyms(self) -> &'static [&'static str] {
        match self {
            ImportField::EmployeeNo => &[
                "工号",
                "员工工号",
                "员工编号",
                "人员编号",
                "职工号",
                "编号",
                "employeeno",
                "employeenumber",
                "staffno",
                "no",
            ],
            ImportField::Name => &["姓名", "员工姓名", "名字", "name", "employeename"],
            ImportField::Department => {
                &["部门", "所属部门", "部门名称", "部门路径", "department", "dept"]
            }
            ImportField::Position => &["职位", "岗位", "职务", "position", "title", "jobtitle"],
            ImportField::HiredOn => {
                &["入职日期", "入职时间", "入职", "到岗日期", "hiredon", "hiredate", "startdate"]
            }
            ImportField::LeftOn => {
                &["离职日期", "离职时间", "离职", "lefton", "leavedate", "enddate"]
            }
            ImportField::IdNumber => {
                &["身份证号", "身份证号码", "身份证", "证件号码", "idnumber", "idcard"]
            }
            ImportField::Phone => {
                &["电话", "手机", "手机号", "手机号码", "联系电话", "phone", "mobile"]
            }
            ImportField::Pin => &[
                "考勤机工号",
                "考勤号",
                "考勤号码",
                "考勤编号",
                "登记号码",
                "用户号",
                "pin",
                "userid",
                "acno",
            ],
            ImportField::CardNo => &["卡号", "卡片号码", "考勤卡号", "门禁卡号", "cardno", "card"],
        }
    }

    /// Columns a file must have.
    pub fn required(self) -> bool {
        matches!(self, ImportField::EmployeeNo | ImportField::Name)
    }
}

/// A header as compared: without spaces, `*` marks and full-width punctuation, lower case.
pub fn normalise_header(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '_' | '-' | '.' | '：' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A cell as the file gave it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A cell Excel formatted as a date.
    Date(NaiveDate),
    Bool(bool),
    /// An Excel error value such as `#N/A` or `#REF!`.
    Error(String),
}

/// One row of the sheet with its number as the spreadsheet shows it (1-based).
#[derive(Debug, Clone, PartialEq)]
pub struct SheetRow {
    pub row: u32,
    pub cells: Vec<Cell>,
}

impl SheetRow {
    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        })
    }
}

/// Which column (0-based) holds which field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ColumnMapping {
    pub columns: BTreeMap<ImportField, usize>,
    /// Columns the import does not use: (index, header).
    pub ignored: Vec<(usize, String)>,
}

/// Why the columns of a file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MappingProblem {
    /// A required column is missing.
    Missing(ImportField),
    /// Two or more columns claim the same field.
    Duplicate { field: ImportField, columns: Vec<usize> },
    /// The clerk's mapping names a header the file does not have.
    NoSuchHeader { field: ImportField, header: String },
}

/// The header row: the first row with any content.
pub fn header_row(rows: &[SheetRow]) -> Option<usize> {
    rows.iter().position(|r| !r.is_blank())
}

/// Text of a cell used as a header.
pub fn header_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) => s.trim().to_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => date::iso(*d),
        Cell::Bool(b) => b.to_string(),
        Cell::Empty | Cell::Error(_) => String::new(),
    }
}

/// Maps headers to fields: by the clerk's choices first (`overrides`: field → header as in the
/// file), then by synonyms. Every problem is reported.
pub fn map_columns(
    headers: &[String],
    overrides: &[(ImportField, String)],
    skip: &[String],
) -> Result<ColumnMapping, Vec<MappingProblem>> {
    let mut problems = Vec::new();
    let mut claims: BTreeMap<ImportField, Vec<usize>> = BTreeMap::new();
    // Columns the clerk chose not to import are neither recognised nor claimed.
    let skipped: Vec<bool> = headers
        .iter()
        .map(|h| skip.iter().any(|s| normalise_header(s) == normalise_header(h)))
        .collect();
    let mut taken = skipped.clone();
    for (field, header) in overrides {
        let wanted = normalise_header(header);
        match headers.iter().position(|h| normalise_header(h) == wanted && !wanted.is_empty()) {
            Some(i) => {
                claims.entry(*field).or_default().push(i);
                taken[i] = true;
            }
            None => problems
                .push(MappingProblem::NoSuchHeader { field: *field, header: header.clone() }),
        }
    }
    for (i, header) in headers.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let h = normalise_header(header);
        let field = ImportField::ALL
            .into_iter()
            .filter(|f| !overrides.iter().any(|(o, _)| o == f))
            .find(|f| f.synonyms().iter().any(|s| normalise_header(s) == h));
        if let Some(field) = field {
            claims.entry(field).or_default().push(i);
            taken[i] = true;
        }
    }
    let mut mapping = ColumnMapping::default();
    for (field, columns) in claims {
        if columns.len() > 1 {
            problems.push(MappingProblem::Duplicate { field, columns });
        } else {
            mapping.columns.insert(field, columns[0]);
        }
    }
    for field in ImportField::ALL {
        if field.required()
            && !mapping.columns.contains_key(&field)
            && !problems
                .iter()
                .any(|p| matches!(p, MappingProblem::Duplicate { field: f, .. } if *f == field))
        {
            problems.push(MappingProblem::Missing(field));
        }
    }
    mapping.ignored = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| (!taken[*i] || skipped[*i]) && !h.trim().is_empty())
        .map(|(i, h)| (i, h.clone()))
        .collect();
    if problems.is_empty() { Ok(mapping) } else { Err(problems) }
}

/// Spreadsheet column letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// The text of a cell for a field, or the problem with it: an ID number Excel stored as a
/// number has lost its last digits, and an error value (`#N/A`) is never data.
pub fn cell_text(cell: &Cell, field: ImportField) -> Result<String, Problem> {
    match cell {
        Cell::Empty => Ok(String::new()),
        Cell::Text(s) => Ok(s.trim().to_owned()),
        Cell::Number(n) if field == ImportField::IdNumber && n.abs() >= 1e15 => {
            Err(Problem::StoredAsNumber)
        }
        Cell::Number(n) => Ok(number_text(*n)),
        Cell::Date(d) => Ok(date::iso(*d)),
        Cell::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_owned()),
        Cell::Error(e) => Err(Problem::CellError { value: e.clone() }),
    }
}

/// An employee already on the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingEmployee {
    pub id: i64,
    pub department_id: Option<DepartmentId>,
    pub record: EmployeeRecord,
}

/// The roster an import is checked against.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    pub employees: Vec<ExistingEmployee>,
    pub departments: Vec<DepartmentNode>,
}

/// A problem in one row; `column` is the 0-based column, when the problem belongs to one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub row: u32,
    pub column: Option<usize>,
    pub error: FieldError,
}

/// Where a row's employee belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DepartmentRef {
    None,
    Existing(DepartmentId),
    /// A path that does not exist yet and will be created.
    New(String),
}

/// What happens to a row's employee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowAction {
    Add,
    Update { id: i64, changed: Vec<Field> },
    Unchanged { id: i64 },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedRow {
    pub row: u32,
    pub action: RowAction,
    pub record: EmployeeRecord,
    pub department: DepartmentRef,
}

/// The outcome of checking a file: what would be written, or every problem.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPlan {
    pub rows: Vec<PlannedRow>,
    /// Department paths to create, parents before children.
    pub new_departments: Vec<String>,
    pub problems: Vec<RowProblem>,
    /// Rows with no content, skipped.
    pub blank_rows: u32,
}

impl ImportPlan {
    pub fn count(&self, pred: impl Fn(&RowAction) -> bool) -> usize {
        self.rows.iter().filter(|r| pred(&r.action)).count()
    }
}

/// Resolves department cells, creating nothing: existing ids, or the normalised path to create.
struct Departments<'a> {
    paths: HashMap<String, DepartmentId>,
    by_name: HashMap<&'a str, Vec<DepartmentId>>,
    id_paths: HashMap<DepartmentId, String>,
    cache: HashMap<String, Result<DepartmentRef, Problem>>,
}

impl<'a> Departments<'a> {
    fn new(nodes: &'a [DepartmentNode]) -> Self {
        let id_paths = department::paths(nodes);
        let paths = id_paths.iter().map(|(id, p)| (p.clone(), *id)).collect();
        let mut by_name: HashMap<&str, Vec<DepartmentId>> = HashMap::new();
        for n in nodes {
            by_name.entry(n.name.as_str()).or_default().push(n.id);
        }
        Departments { paths, by_name, id_paths, cache: HashMap::new() }
    }

    fn resolve(&mut self, cell: &str) -> Result<DepartmentRef, Problem> {
        if cell.is_empty() {
            return Ok(DepartmentRef::None);
        }
        if let Some(hit) = self.cache.get(cell) {
            return hit.clone();
        }
        let result = self.resolve_uncached(cell);
        self.cache.insert(cell.to_owned(), result.clone());
        result
    }

    fn resolve_uncached(&self, cell: &str) -> Result<DepartmentRef, Problem> {
        let parts = department::split_path(cell).ok_or(Problem::BadDepartmentPath)?;
        let mut errors = Vec::new();
        for p in &parts {
            department::name(p, &mut errors);
        }
        if let Some(e) = errors.into_iter().next() {
            return Err(e.problem);
        }
        let path = parts.join("/");
        if let Some(id) = self.paths.get(&path) {
            return Ok(DepartmentRef::Existing(*id));
        }
        if let [name] = parts.as_slice() {
            match self.by_name.get(name).map(Vec::as_slice) {
                Some([one]) => return Ok(DepartmentRef::Existing(*one)),
                Some(many) if many.len() > 1 => {
                    let mut candidates: Vec<String> =
                        many.iter().filter_map(|id| self.id_paths.get(id).cloned()).collect();
                    candidates.sort();
                    return Err(Problem::Ambiguous { candidates });
                }
                _ => {}
            }
        }
        Ok(DepartmentRef::New(path))
    }
}

fn record_form(r: &EmployeeRecord) -> EmployeeForm {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    EmployeeForm {
        employee_no: r.employee_no.clone(),
        name: r.name.clone(),
        position: o(&r.position),
        hired_on: date::iso(r.hired_on),
        left_on: r.left_on.map(date::iso).unwrap_or_default(),
        id_number: o(&r.id_number),
        phone: o(&r.phone),
        pin: o(&r.pin),
        card_no: o(&r.card_no),
    }
}

fn set_form(form: &mut EmployeeForm, field: ImportField, value: String) {
    match field {
        ImportField::EmployeeNo => form.employee_no = value,
        ImportField::Name => form.name = value,
        ImportField::Position => form.position = value,
        ImportField::HiredOn => form.hired_on = value,
        ImportField::LeftOn => form.left_on = value,
        ImportField::IdNumber => form.id_number = value,
        ImportField::Phone => form.phone = value,
        ImportField::Pin => form.pin = value,
        ImportField::CardNo => form.card_no = value,
        ImportField::Department => {}
    }
}

fn changed_fields(
    before: &ExistingEmployee,
    after: &EmployeeRecord,
    department: &DepartmentRef,
) -> Vec<Field> {
    let b = &before.record;
    let mut out = Vec::new();
    let mut check = |same: bool, field: Field| {
        if !same {
            out.push(field);
        }
    };
    check(b.name == after.name, Field::Name);
    check(
        match department {
            DepartmentRef::Existing(id) => before.department_id == Some(*id),
            DepartmentRef::None => true,
            DepartmentRef::New(_) => false,
        },
        Field::DepartmentId,
    );
    check(b.position == after.position, Field::Position);
    check(b.hired_on == after.hired_on, Field::HiredOn);
    check(b.left_on == after.left_on, Field::LeftOn);
    check(b.id_number == after.id_number, Field::IdNumber);
    check(b.phone == after.phone, Field::Phone);
    check(b.pin == after.pin, Field::Pin);
    check(b.card_no == after.card_no, Field::CardNo);
    out
}

/// Checks every data row (the rows after the header row) and plans the import.
pub fn plan_import(rows: &[SheetRow], mapping: &ColumnMapping, roster: &Roster) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut departments = Departments::new(&roster.departments);
    let existing: HashMap<&str, &ExistingEmployee> =
        roster.employees.iter().map(|e| (e.record.employee_no.as_str(), e)).collect();
    let column_of = |field: Field| {
        ImportField::ALL
            .into_iter()
            .find(|f| f.field() == field)
            .and_then(|f| mapping.columns.get(&f).copied())
    };
    // 工号 → (row, name) of its first row in the file.
    let mut seen: HashMap<String, (u32, String)> = HashMap::new();
    let mut new_departments: Vec<String> = Vec::new();

    for row in rows {
        if row.is_blank() {
            plan.blank_rows += 1;
            continue;
        }
        let mut problems: Vec<RowProblem> = Vec::new();
        let mut cells: BTreeMap<ImportField, String> = BTreeMap::new();
        for (field, col) in &mapping.columns {
            let cell = row.cells.get(*col).unwrap_or(&Cell::Empty);
            match cell_text(cell, *field) {
                Ok(text) => {
                    cells.insert(*field, text);
                }
                Err(problem) => problems.push(RowProblem {
                    row: row.row,
                    column: Some(*col),
                    error: FieldError::new(field.field(), problem, header_text(cell)),
                }),
            }
        }
        let no = cells.get(&ImportField::EmployeeNo).cloned().unwrap_or_default();
        let current = existing.get(no.as_str()).copied();
        let mut form = current.map(|e| record_form(&e.record)).unwrap_or_default();
        for (field, value) in &cells {
            // An empty cell keeps what is stored (and is "not given" for a new employee).
            if !value.is_empty() || current.is_none() || *field == ImportField::EmployeeNo {
                set_form(&mut form, *field, value.clone());
            }
        }
        let record = match employee::validate(&form) {
            Ok(r) => Some(r),
            Err(errors) => {
                for e in errors {
                    // A failed unchanged field belongs to no column of this file.
                    problems.push(RowProblem {
                        row: row.row,
                        column: column_of(e.field),
                        error: e,
                    });
                }
                None
            }
        };
        let dept_cell = cells.get(&ImportField::Department).cloned().unwrap_or_default();
        let department = match departments.resolve(&dept_cell) {
            Ok(DepartmentRef::None) => match current.and_then(|e| e.department_id) {
                Some(id) => DepartmentRef::Existing(id),
                None => DepartmentRef::None,
            },
            Ok(d) => d,
            Err(problem) => {
                problems.push(RowProblem {
                    row: row.row,
                    column: mapping.columns.get(&ImportField::Department).copied(),
                    error: FieldError::new(Field::DepartmentId, problem, dept_cell.clone()),
                });
                DepartmentRef::None
            }
        };
        if current.is_none() && department == DepartmentRef::None && dept_cell.is_empty() {
            problems.push(RowProblem {
                row: row.row,
                column: mapping.columns.get(&ImportField::Department).copied(),
                error: FieldError::new(Field::DepartmentId, Problem::Required, ""),
            });
        }
        // Only a well-formed 工号 can repeat another row's (a malformed one is reported once).
        let no_ok = !no.is_empty() && !problems.iter().any(|p| p.error.field == Field::EmployeeNo);
        if no_ok {
            if let Some((first_row, first_name)) = seen.get(&no) {
                problems.push(RowProblem {
                    row: row.row,
                    column: column_of(Field::EmployeeNo),
                    error: FieldError::new(
                        Field::EmployeeNo,
                        Problem::DuplicateInFile {
                            row: *first_row,
                            holder: format!("{no} {first_name}"),
                        },
                        no.clone(),
                    ),
                });
            } else {
                let name = cells.get(&ImportField::Name).cloned().unwrap_or_default();
                seen.insert(no.clone(), (row.row, name));
            }
        }
        match (record, problems.is_empty()) {
            (Some(record), true) => {
                if let DepartmentRef::New(path) = &department
                    && !new_departments.contains(path)
                {
                    new_departments.push(path.clone());
                }
                let action = match current {
                    None => RowAction::Add,
                    Some(e) => {
                        let changed = changed_fields(e, &record, &department);
                        if changed.is_empty() {
                            RowAction::Unchanged { id: e.id }
                        } else {
                            RowAction::Update { id: e.id, changed }
                        }
                    }
                };
                plan.rows.push(PlannedRow { row: row.row, action, record, department });
            }
            _ => plan.problems.extend(problems),
        }
    }

    unique_keys(&mut plan, roster, &column_of);
    plan.problems.sort_by_key(|p| (p.row, p.column.unwrap_or(usize::MAX)));
    if plan.problems.is_empty() {
        plan.new_departments = creation_order(new_departments, &departments.paths);
    } else {
        plan.rows.clear();
    }
    plan
}

/// PIN, card and ID number must each belong to one person after the import: the roster's
/// values, overlaid with the file's. A row that would give someone a value another person keeps
/// (on the roster, or in an earlier row) is a problem.
fn unique_keys(plan: &mut ImportPlan, roster: &Roster, column_of: &dyn Fn(Field) -> Option<usize>) {
    type Get = fn(&EmployeeRecord) -> Option<&String>;
    let keys: [(Field, Get); 3] = [
        (Field::Pin, |r| r.pin.as_ref()),
        (Field::CardNo, |r| r.card_no.as_ref()),
        (Field::IdNumber, |r| r.id_number.as_ref()),
    ];
    let in_file: HashMap<&str, &PlannedRow> =
        plan.rows.iter().map(|r| (r.record.employee_no.as_str(), r)).collect();
    let mut problems = Vec::new();
    for (field, get) in keys {
        // value → holder, for roster people the file does not touch.
        let mut holders: HashMap<&str, (Option<u32>, String)> = HashMap::new();
        for e in &roster.employees {
            if in_file.contains_key(e.record.employee_no.as_str()) {
                continue;
            }
            if let Some(v) = get(&e.record) {
                holders.insert(v, (None, format!("{} {}", e.record.employee_no, e.record.name)));
            }
        }
        for r in &plan.rows {
            let Some(v) = get(&r.record) else { continue };
            let who = format!("{} {}", r.record.employee_no, r.record.name);
            match holders.get(v.as_str()) {
                Some((row, holder)) => {
                    let problem = match row {
                        None => Problem::Duplicate { holder: holder.clone() },
                        Some(first) => {
                            Problem::DuplicateInFile { row: *first, holder: holder.clone() }
                        }
                    };
                    problems.push(RowProblem {
                        row: r.row,
                        column: column_of(field),
                        error: FieldError::new(field, problem, v.clone()),
                    });
                }
                None => {
                    holders.insert(v, (Some(r.row), who));
                }
            }
        }
    }
    if !problems.is_empty() {
        let bad: std::collections::HashSet<u32> = problems.iter().map(|p| p.row).collect();
        plan.rows.retain(|r| !bad.contains(&r.row));
        plan.problems.extend(problems);
    }
}

/// Paths to create with every missing parent first: `总部/生产部/一车间` needs `总部/生产部`
/// when that is new too. Parents that already exist are not listed (the caller finds them).
fn creation_order(paths: Vec<String>, existing: &HashMap<String, DepartmentId>) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for p in paths {
        let parts: Vec<&str> = p.split('/').collect();
        for n in 1..=parts.len() {
            let prefix = parts[..n].join("/");
            if !existing.contains_key(&prefix) && !all.contains(&prefix) {
                all.push(prefix);
            }
        }
    }
    all.sort_by_key(|p| p.matches('/').count());
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Cell {
        if s.is_empty() { Cell::Empty } else { Cell::Text(s.into()) }
    }

    fn sheet(rows: &[&[&str]]) -> Vec<SheetRow> {
        rows.iter()
            .enumerate()
            .map(|(i, r)| SheetRow {
                row: u32::try_from(i).unwrap_or(0) + 1,
                cells: r.iter().map(|c| text(c)).collect(),
            })
            .collect()
    }

    fn headers(rows: &[SheetRow]) -> Vec<String> {
        rows[0].cells.iter().map(header_text).collect()
    }

    fn roster() -> Roster {
        let record = employee::validate(&EmployeeForm {
            employee_no: "1001".into(),
            name: "张三".into(),
            hired_on: "2026-01-05".into(),
            pin: "1001".into(),
            ..EmployeeForm::default()
        })
        .expect("valid");
        Roster {
            employees: vec![ExistingEmployee { id: 7, department_id: Some(2), record }],
            departments: vec![
                DepartmentNode { id: 1, parent_id: None, name: "总部".into() },
                DepartmentNode { id: 2, parent_id: Some(1), name: "生产部".into() },
            ],
        }
    }

    fn plan(rows: &[&[&str]]) -> ImportPlan {
        let rows = sheet(rows);
        let mapping = map_columns(&headers(&rows), &[], &[]).expect("mapping");
        plan_import(&rows[1..], &mapping, &roster())
    }

    #[test]
    fn headers_are_recognised_in_either_language_and_with_marks() {
        let m = map_columns(
            &["工号*".into(), " 姓 名 ".into(), "所属部门".into(), "Card No".into(), "备注".into()],
            &[],
            &[],
        )
        .expect("mapping");
        assert_eq!(m.columns.get(&ImportField::EmployeeNo), Some(&0));
        assert_eq!(m.columns.get(&ImportField::Name), Some(&1));
        assert_eq!(m.columns.get(&ImportField::Department), Some(&2));
        assert_eq!(m.columns.get(&ImportField::CardNo), Some(&3));
        assert_eq!(m.ignored, vec![(4, "备注".to_owned())]);
    }

    #[test]
    fn mapping_problems_are_all_reported() {
        let got = map_columns(
            &["编号".into(), "工号".into(), "部门".into()],
            &[(ImportField::Phone, "联系方式".into())],
            &[],
        )
        .expect_err("problems");
        assert_eq!(
            got,
            vec![
                MappingProblem::NoSuchHeader {
                    field: ImportField::Phone,
                    header: "联系方式".into()
                },
                MappingProblem::Duplicate { field: ImportField::EmployeeNo, columns: vec![0, 1] },
                MappingProblem::Missing(ImportField::Name),
            ]
        );
        let m = map_columns(
            &["员工号".into(), "姓名".into()],
            &[(ImportField::EmployeeNo, "员工号".into())],
            &[],
        )
        .expect("an override maps an unknown header");
        assert_eq!(m.columns.get(&ImportField::EmployeeNo), Some(&0));
        let m = map_columns(&["工号".into(), "姓名".into(), "卡号".into()], &[], &["卡号".into()])
            .expect("a recognised column can be left out");
        assert_eq!(m.columns.get(&ImportField::CardNo), None, "卡号 is not imported");
        assert_eq!(m.ignored, vec![(2, "卡号".to_owned())]);
    }

    #[test]
    fn rows_become_adds_updates_and_unchanged() {
        let p = plan(&[
            &["工号", "姓名", "部门", "入职日期", "考勤号"],
            &["1001", "张三", "", "", ""],
            &["1002", "李四", "总部/生产部/一车间", "2026/3/1", "1002"],
            &[],
            &["1003", "王五", "生产部", "2026-03-02", ""],
            &["1004", "赵六", "销售部", "2026-03-02", ""],
        ]);
        assert!(p.problems.is_empty(), "{:#?}", p.problems);
        assert_eq!(p.blank_rows, 1);
        let actions: Vec<_> = p.rows.iter().map(|r| (r.row, r.action.clone())).collect();
        assert_eq!(
            actions,
            vec![
                (2, RowAction::Unchanged { id: 7 }),
                (3, RowAction::Add),
                (5, RowAction::Add),
                (6, RowAction::Add),
            ]
        );
        assert_eq!(p.rows[0].department, DepartmentRef::Existing(2), "an empty cell keeps it");
        assert_eq!(p.rows[2].department, DepartmentRef::Existing(2), "a unique name");
        assert_eq!(p.new_departments, vec!["销售部", "总部/生产部/一车间"]);
    }

    #[test]
    fn an_update_lists_what_changes() {
        let p =
            plan(&[&["工号", "姓名", "电话", "部门"], &["1001", "张三丰", "13800138000", "总部"]]);
        assert_eq!(
            p.rows[0].action,
            RowAction::Update {
                id: 7,
                changed: vec![Field::Name, Field::DepartmentId, Field::Phone]
            }
        );
    }

    #[test]
    fn every_problem_names_row_column_and_value() {
        let p = plan(&[
            &["工号", "姓名", "入职日期", "考勤号", "部门"],
            &["1002", "", "2026-02-30", "1001", "生产部"],
            &["1003", "王五", "2026-03-01", "0123", "总部//一车间"],
            &["1004", "赵六", "2026-03-01", "1004", "生产部"],
            &["1004", "赵六", "2026-03-01", "1005", "生产部"],
            &["1005", "钱七", "2026-03-01", "1004", "生产部"],
            &["1006", "孙八", "2026-03-01", "", ""],
        ]);
        let got: Vec<String> = p
            .problems
            .iter()
            .map(|q| {
                format!(
                    "{}{} {} {:?}",
                    q.column.map(column_letter).unwrap_or_default(),
                    q.row,
                    q.error.field.key(),
                    q.error.problem
                )
            })
            .collect();
        expect_test::expect![[r#"
            [
                "B2 name Required",
                "C2 hired_on BadDate",
                "D3 pin BadPin",
                "E3 department_id BadDepartmentPath",
                "A5 employee_no DuplicateInFile { row: 4, holder: \"1004 赵六\" }",
                "D6 pin DuplicateInFile { row: 4, holder: \"1004 赵六\" }",
                "E7 department_id Required",
            ]
        "#]]
        .assert_debug_eq(&got);
        assert!(p.rows.is_empty(), "nothing is planned when anything is wrong");
        // Row 2's PIN 1001 belongs to 张三 on the roster, but row 2 already failed: no extra noise.
    }

    #[test]
    fn a_pin_on_the_roster_cannot_be_taken_but_can_be_swapped() {
        let taken = plan(&[
            &["工号", "姓名", "入职日期", "考勤号", "部门"],
            &["1002", "李四", "2026-03-01", "1001", "生产部"],
        ]);
        assert_eq!(
            taken.problems[0].error.problem,
            Problem::Duplicate { holder: "1001 张三".into() }
        );
        let swapped = plan(&[
            &["工号", "姓名", "入职日期", "考勤号", "部门"],
            &["1002", "李四", "2026-03-01", "1001", "生产部"],
            &["1001", "张三", "", "1009", ""],
        ]);
        assert!(swapped.problems.is_empty(), "{:#?}", swapped.problems);
    }

    #[test]
    fn excel_cells_become_text_carefully() {
        assert_eq!(cell_text(&Cell::Number(1001.0), ImportField::EmployeeNo), Ok("1001".into()));
        assert_eq!(
            cell_text(&Cell::Number(13800138000.0), ImportField::Phone),
            Ok("13800138000".into())
        );
        assert_eq!(
            cell_text(&Cell::Number(110101199003070000.0), ImportField::IdNumber),
            Err(Problem::StoredAsNumber),
            "18 digits do not fit a double: the last ones are gone"
        );
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        assert_eq!(cell_text(&Cell::Date(d), ImportField::HiredOn), Ok("2026-03-01".into()));
        assert_eq!(
            cell_text(&Cell::Error("#N/A".into()), ImportField::Name),
            Err(Problem::CellError { value: "#N/A".into() })
        );
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}
