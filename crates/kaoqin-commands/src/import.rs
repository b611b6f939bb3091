//! Employee import from Excel (.xlsx, .xls) and CSV, and the import template.
//!
//! The file is read here (calamine for workbooks; CSV decoded as UTF-8, UTF-16 or GBK by
//! [`crate::text`], comma or tab separated), checked by `kaoqin_core::import` against the
//! roster, and written in one transaction: all rows or none. [`check_import`] never writes and
//! reports every problem by spreadsheet row, column and reason; [`run_import`] runs the same
//! check and writes only when there is no problem at all. Re-importing a file changes nothing.
//! Not here: the rules for each field (kaoqin-core) and SQL (kaoqin-store).

use std::io::Cursor;

use calamine::{Data, Reader};
use kaoqin_core::department::DepartmentNode;
use kaoqin_core::employee::EmployeeStatus;
use kaoqin_core::import::{
    self as core_import, Cell, ColumnMapping, DepartmentRef, ExistingEmployee, ImportField,
    ImportPlan, MappingProblem, Roster, RowAction, SheetRow,
};
use kaoqin_core::{FieldError, department};
use kaoqin_store::{Db, DepartmentRow, EmployeeFilter, EmployeeWrite, Store};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::Ctx;
use crate::actor::Action;
use crate::dto::{
    ImportColumnChoice, ImportColumnDto, ImportOptions, ImportProblemDto, ImportReport,
    ImportRowAction, ImportRowDto, Localized,
};
use crate::error::{Error, FileProblem, Result};
use crate::messages;
use crate::text;

/// Rows of the plan returned for the preview; the counts always cover the whole file.
pub const PREVIEW_ROWS: usize = 500;

/// What kind of file the bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xls,
    Csv,
}

impl Format {
    fn sniff(bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PK\x03\x04") {
            Format::Xlsx
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            Format::Xls
        } else {
            Format::Csv
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Csv => "csv",
        }
    }
}

/// A file read into rows.
struct Sheet {
    format: Format,
    encoding: Option<&'static str>,
    sheets: Vec<String>,
    sheet: Option<String>,
    rows: Vec<SheetRow>,
}

fn bad_file(problem: FileProblem) -> Error {
    Error::UnreadableFile(problem)
}

fn read_file(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet> {
    match Format::sniff(bytes) {
        Format::Csv => read_csv(bytes),
        format => read_workbook(bytes, format, sheet),
    }
}

fn read_workbook(bytes: &[u8], format: Format, wanted: Option<&str>) -> Result<Sheet> {
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| bad_file(FileProblem::NotWorkbook { detail: e.to_string() }))?;
    let sheets = book.sheet_names();
    let name = match wanted {
        Some(w) => sheets.iter().find(|s| s.as_str() == w).cloned().ok_or_else(|| {
            bad_file(FileProblem::NoSuchSheet { wanted: w.to_owned(), sheets: sheets.clone() })
        })?,
        None => sheets.first().cloned().ok_or_else(|| bad_file(FileProblem::NoSheets))?,
    };
    let range = book.worksheet_range(&name).map_err(|e| {
        bad_file(FileProblem::SheetUnreadable { sheet: name.clone(), detail: e.to_string() })
    })?;
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let lead = usize::try_from(first_col).unwrap_or(0);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| SheetRow {
            row: first_row + u32::try_from(i).unwrap_or(u32::MAX - first_row) + 1,
            cells: std::iter::repeat_n(Cell::Empty, lead).chain(cells.iter().map(cell)).collect(),
        })
        .collect();
    Ok(Sheet { format, encoding: None, sheets, sheet: Some(name), rows })
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if dt.is_datetime() => Cell::Date(t.date()),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn read_csv(bytes: &[u8]) -> Result<Sheet> {
    let decoded = text::decode(bytes);
    if decoded.had_errors {
        return Err(bad_file(FileProblem::NotText));
    }
    let first_line = decoded.text.lines().next().unwrap_or("");
    let delimiter =
        if first_line.contains('\t') && !first_line.contains(',') { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| bad_file(FileProblem::CsvSyntax { row: i + 1, detail: e.to_string() }))?;
        rows.push(SheetRow {
            row: u32::try_from(i + 1).unwrap_or(u32::MAX),
            cells: record
                .iter()
                .map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.to_owned()) })
                .collect(),
        });
    }
    Ok(Sheet {
        format: Format::Csv,
        encoding: Some(decoded.encoding),
        sheets: Vec::new(),
        sheet: None,
        rows,
    })
}

fn roster(db: &Db<'_>) -> Result<Roster> {
    let departments = db.list_departments()?;
    let (rows, _) = db.list_employees(&EmployeeFilter {
        search: None,
        departments: None,
        status: None,
        limit: u32::MAX,
        offset: 0,
    })?;
    let employees = rows
        .into_iter()
        .map(|r| ExistingEmployee {
            id: r.id,
            department_id: Some(r.department_id),
            record: kaoqin_core::employee::EmployeeRecord {
                employee_no: r.employee_no,
                name: r.name,
                position: r.position,
                hired_on: r.hired_on,
                left_on: r.left_on,
                id_number: r.id_number,
                phone: r.phone,
                pin: r.pin,
                card_no: r.card_no,
            },
        })
        .collect();
    let nodes: Vec<DepartmentNode> = departments.iter().map(DepartmentRow::node).collect();
    Ok(Roster { employees, departments: nodes })
}

/// The column choice that leaves a column out of the import (不导入).
pub const IGNORE: &str = "ignore";

fn overrides(choices: &[ImportColumnChoice]) -> Result<Vec<(ImportField, String)>> {
    choices
        .iter()
        .filter(|c| c.field != IGNORE)
        .map(|c| {
            ImportField::from_key(&c.field)
                .map(|f| (f, c.header.clone()))
                .ok_or_else(|| bad_file(FileProblem::UnknownField { field: c.field.clone() }))
        })
        .collect()
}

fn mapping_problem(p: &MappingProblem, headers: &[String], header_row: u32) -> ImportProblemDto {
    let label = |f: ImportField| messages::label(f.field());
    let (column, header, field, problem, message) = match p {
        MappingProblem::Missing(f) => {
            let l = label(*f);
            (
                None,
                None,
                *f,
                "missing_column",
                Localized::new(
                    format!(
                        "文件里没有「{}」列：在表头加上这一列，或在列对应里指定哪一列是{}",
                        l.zh, l.zh
                    ),
                    format!(
                        "the file has no \"{}\" column: add it to the header row, or map a column to it",
                        l.en
                    ),
                ),
            )
        }
        MappingProblem::Duplicate { field, columns } => {
            let l = label(*field);
            let cols: Vec<String> = columns
                .iter()
                .map(|c| format!("{}（{}）", core_import::column_letter(*c), headers[*c]))
                .collect();
            (
                Some(columns[0]),
                None,
                *field,
                "duplicate_column",
                Localized::new(
                    format!(
                        "{} 列都是「{}」：只保留一列，或在列对应里指定用哪一列",
                        cols.join("、"),
                        l.zh
                    ),
                    format!(
                        "columns {} are all \"{}\": keep one, or map the one to use",
                        cols.join(", "),
                        l.en
                    ),
                ),
            )
        }
        MappingProblem::NoSuchHeader { field, header } => {
            let l = label(*field);
            (
                None,
                Some(header.clone()),
                *field,
                "no_such_header",
                Localized::new(
                    format!("列对应里「{}」指定的表头「{header}」在文件里不存在", l.zh),
                    format!(
                        "the mapping gives \"{header}\" for \"{}\", but the file has no such header",
                        l.en
                    ),
                ),
            )
        }
    };
    ImportProblemDto {
        row: header_row,
        column: column.map(core_import::column_letter),
        header: header.or_else(|| column.map(|c| headers[c].clone())),
        field: field.key().to_owned(),
        problem: problem.to_owned(),
        value: String::new(),
        message,
    }
}

fn row_problem(p: &core_import::RowProblem, headers: &[String]) -> ImportProblemDto {
    let dto = messages::field_error(&p.error);
    let cell = p.column.map(core_import::column_letter);
    let message = match &cell {
        Some(c) => Localized::new(
            format!("第 {} 行 {c} 列：{}", p.row, dto.message.zh),
            format!("row {}, column {c}: {}", p.row, dto.message.en),
        ),
        None => Localized::new(
            format!("第 {} 行：{}", p.row, dto.message.zh),
            format!("row {}: {}", p.row, dto.message.en),
        ),
    };
    ImportProblemDto {
        row: p.row,
        column: cell,
        header: p.column.and_then(|c| headers.get(c).cloned()),
        field: dto.field,
        problem: dto.problem,
        value: dto.value,
        message,
    }
}

/// A checked file: the report, and the plan when the file could be planned.
struct Checked {
    report: ImportReport,
    plan: Option<ImportPlan>,
}

fn check(db: &Db<'_>, bytes: &[u8], options: &ImportOptions) -> Result<Checked> {
    let sheet = read_file(bytes, options.sheet.as_deref())?;
    let roster = roster(db)?;
    let header_index =
        core_import::header_row(&sheet.rows).ok_or_else(|| bad_file(FileProblem::Empty))?;
    let header_row = sheet.rows[header_index].row;
    let headers: Vec<String> =
        sheet.rows[header_index].cells.iter().map(core_import::header_text).collect();
    let mut report = ImportReport {
        file_format: sheet.format.name().to_owned(),
        encoding: sheet.encoding.map(str::to_owned),
        sheets: sheet.sheets.clone(),
        sheet: sheet.sheet.clone(),
        header_row,
        columns: Vec::new(),
        problems: Vec::new(),
        problem_count: 0,
        add_count: 0,
        update_count: 0,
        unchanged_count: 0,
        blank_rows: 0,
        new_departments: Vec::new(),
        rows: Vec::new(),
        written: false,
    };
    let skip: Vec<String> =
        options.mapping.iter().filter(|c| c.field == IGNORE).map(|c| c.header.clone()).collect();
    let mapping = match core_import::map_columns(&headers, &overrides(&options.mapping)?, &skip) {
        Ok(m) => m,
        Err(problems) => {
            report.columns = columns(&headers, &ColumnMapping::default());
            report.problems =
                problems.iter().map(|p| mapping_problem(p, &headers, header_row)).collect();
            report.problem_count = u32::try_from(report.problems.len()).unwrap_or(u32::MAX);
            return Ok(Checked { report, plan: None });
        }
    };
    report.columns = columns(&headers, &mapping);
    let plan = core_import::plan_import(&sheet.rows[header_index + 1..], &mapping, &roster);
    let paths = department::paths(&roster.departments);
    let count = |pred: fn(&RowAction) -> bool| u32::try_from(plan.count(pred)).unwrap_or(u32::MAX);
    report.add_count = count(|a| matches!(a, RowAction::Add));
    report.update_count = count(|a| matches!(a, RowAction::Update { .. }));
    report.unchanged_count = count(|a| matches!(a, RowAction::Unchanged { .. }));
    report.blank_rows = plan.blank_rows;
    report.new_departments = plan.new_departments.clone();
    report.problems = plan.problems.iter().map(|p| row_problem(p, &headers)).collect();
    report.problem_count = u32::try_from(report.problems.len()).unwrap_or(u32::MAX);
    report.rows = plan
        .rows
        .iter()
        .take(PREVIEW_ROWS)
        .map(|r| ImportRowDto {
            row: r.row,
            action: match r.action {
                RowAction::Add => ImportRowAction::Add,
                RowAction::Update { .. } => ImportRowAction::Update,
                RowAction::Unchanged { .. } => ImportRowAction::Unchanged,
            },
            employee_no: r.record.employee_no.clone(),
            name: r.record.name.clone(),
            department_path: match &r.department {
                DepartmentRef::Existing(id) => paths.get(id).cloned().unwrap_or_default(),
                DepartmentRef::New(p) => p.clone(),
                DepartmentRef::None => String::new(),
            },
            changed: match &r.action {
                RowAction::Update { changed, .. } => {
                    changed.iter().map(|f| f.key().to_owned()).collect()
                }
                _ => Vec::new(),
            },
        })
        .collect();
    Ok(Checked { report, plan: Some(plan) })
}

fn columns(headers: &[String], mapping: &ColumnMapping) -> Vec<ImportColumnDto> {
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| ImportColumnDto {
            index: u32::try_from(i).unwrap_or(u32::MAX),
            letter: core_import::column_letter(i),
            header: h.clone(),
            field: mapping.columns.iter().find(|(_, c)| **c == i).map(|(f, _)| f.key().to_owned()),
        })
        .collect()
}

/// Reads and checks a file without writing: the preview of the import wizard and `--dry-run`.
pub fn check_import(
    store: &Store,
    ctx: &Ctx,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport> {
    ctx.actor.require(Action::EditRoster)?;
    Ok(check(&store.read(), bytes, options)?.report)
}

/// Checks the file and, when there is no problem at all, writes every row in one transaction.
/// With problems it writes nothing and fails with [`Error::ImportRefused`], which carries the
/// report so every problem can be shown.
pub fn run_import(
    store: &mut Store,
    ctx: &Ctx,
    file_name: &str,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport> {
    ctx.actor.require(Action::EditRoster)?;
    store.write(|db| {
        let Checked { mut report, plan } = check(db, bytes, options)?;
        let plan = match plan {
            Some(plan) if report.problem_count == 0 => plan,
            _ => return Err(Error::ImportRefused(Box::new(report))),
        };
        write_plan(db, ctx, &plan)?;
        report.written = true;
        ctx.audit(
            db,
            "employee.import",
            "employee",
            None,
            json!({
                "file": file_name,
                "sha256": Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect::<String>(),
                "format": report.file_format,
                "added": report.add_count,
                "updated": report.update_count,
                "unchanged": report.unchanged_count,
                "departments_created": report.new_departments,
            }),
        )?;
        Ok(report)
    })
}

fn write_plan(db: &Db<'_>, ctx: &Ctx, plan: &ImportPlan) -> Result<()> {
    // Every new path (parents listed first) → its department id, found or created.
    let mut ids: std::collections::HashMap<&str, i64> = std::collections::HashMap::new();
    for path in &plan.new_departments {
        let (parent, name) = match path.rsplit_once('/') {
            None => (None, path.as_str()),
            Some((parent, name)) => (Some(planned_or_existing(db, &ids, parent)?), name),
        };
        let id = match db.find_department(parent, name)? {
            Some(id) => id,
            None => db.insert_department(parent, name, ctx.now)?,
        };
        ids.insert(path, id);
    }
    for r in &plan.rows {
        let department_id = match &r.department {
            DepartmentRef::Existing(id) => *id,
            DepartmentRef::New(path) => planned_or_existing(db, &ids, path)?,
            // The plan refuses a new employee without a department, and keeps an existing
            // employee's; a row that reaches here without one is a defect.
            DepartmentRef::None => {
                return Err(Error::Invalid(vec![FieldError::new(
                    kaoqin_core::Field::DepartmentId,
                    kaoqin_core::Problem::Required,
                    "",
                )]));
            }
        };
        let rec = &r.record;
        let write = EmployeeWrite {
            employee_no: rec.employee_no.clone(),
            name: rec.name.clone(),
            department_id,
            position: rec.position.clone(),
            hired_on: rec.hired_on,
            left_on: rec.left_on,
            id_number: rec.id_number.clone(),
            phone: rec.phone.clone(),
            pin: rec.pin.clone(),
            card_no: rec.card_no.clone(),
            status: if rec.left_on.is_some() {
                EmployeeStatus::Inactive
            } else {
                EmployeeStatus::Active
            },
        };
        match r.action {
            RowAction::Add => {
                db.insert_employee(&write, ctx.now)?;
            }
            RowAction::Update { id, .. } => db.update_employee(id, &write, ctx.now)?,
            RowAction::Unchanged { .. } => {}
        }
    }
    Ok(())
}

/// A department path's id: one created above, or one already in the tree. The plan lists
/// missing parents before their children, so a path found in neither is a defect.
fn planned_or_existing(
    db: &Db<'_>,
    ids: &std::collections::HashMap<&str, i64>,
    path: &str,
) -> Result<i64> {
    match ids.get(path) {
        Some(id) => Ok(*id),
        None => resolve_path(db, path)?.ok_or_else(|| {
            Error::Internal(format!("department {path} was planned but not created"))
        }),
    }
}

/// The id of an existing department path, or `None` when some level is missing.
fn resolve_path(db: &Db<'_>, path: &str) -> Result<Option<i64>> {
    let mut parent = None;
    for name in path.split('/') {
        parent = db.find_department(parent, name)?;
        if parent.is_none() {
            break;
        }
    }
    Ok(parent)
}

/// The import template: a workbook with the Chinese headers (required ones marked `*`), text
/// format on the columns Excel would otherwise turn into numbers, an example row, and a sheet of
/// instructions.
pub fn import_template(ctx: &Ctx) -> Result<Vec<u8>> {
    ctx.actor.require(Action::ViewRoster)?;
    use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};
    let xlsx = |e: rust_xlsxwriter::XlsxError| Error::Internal(format!("template: {e}"));
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xE6F4FF))
        .set_border(FormatBorder::Thin);
    let as_text = Format::new().set_num_format("@");
    let example = Format::new().set_num_format("@").set_font_color(Color::Gray);
    let sheet = book.add_worksheet().set_name("员工").map_err(xlsx)?;
    let examples = [
        "1001",
        "张三",
        "总部/生产部/一车间",
        "操作工",
        "2026-03-01",
        "",
        "",
        "13800138000",
        "1001",
        "",
    ];
    for (i, field) in ImportField::ALL.into_iter().enumerate() {
        let col = u16::try_from(i).unwrap_or(0);
        let title = if field.required()
            || field == ImportField::Department
            || field == ImportField::HiredOn
        {
            format!("{}*", field.template_header())
        } else {
            field.template_header().to_owned()
        };
        sheet.write_string_with_format(0, col, &title, &header).map_err(xlsx)?;
        sheet
            .set_column_width(col, if field == ImportField::Department { 24 } else { 14 })
            .map_err(xlsx)?;
        sheet.set_column_format(col, &as_text).map_err(xlsx)?;
        sheet.write_string_with_format(1, col, examples[i], &example).map_err(xlsx)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx)?;
    let help = book.add_worksheet().set_name("填写说明").map_err(xlsx)?;
    let lines = [
        "员工导入模板填写说明",
        "1. 第一行是表头，不要改动；带 * 的列必须填写（已有员工只更新填了的列）。第二行是示例，导入前请删除。",
        "2. 工号：字母、数字、- 和 _，最多 20 个字符；同一工号再次导入会更新该员工，不会重复添加。",
        "3. 部门：填完整路径，如 总部/生产部/一车间；不存在的部门会自动创建（预览里会列出）。",
        "4. 日期：2026-03-01、2026/3/1 或 2026年3月1日 均可；填写离职日期的员工导入为离职状态。",
        "5. 身份证号、电话、考勤机工号、卡号请保持“文本”格式，否则 Excel 会丢掉开头的 0 或末几位数字。",
        "6. 考勤机工号（PIN）是员工在考勤机上的编号：1–9 位数字，不以 0 开头，每人唯一。",
        "7. 导入前先预览：所有问题会按行号、列和原因列出；有任何问题时不会写入任何数据。",
    ];
    help.set_column_width(0, 110).map_err(xlsx)?;
    for (i, line) in lines.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0);
        if i == 0 {
            help.write_string_with_format(row, 0, *line, &Format::new().set_bold())
                .map_err(xlsx)?;
        } else {
            help.write_string(row, 0, *line).map_err(xlsx)?;
        }
    }
    book.save_to_buffer().map_err(xlsx)
}
