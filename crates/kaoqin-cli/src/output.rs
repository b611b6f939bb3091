//! Printing results in the three formats: a table for people (localised headers, CJK-aware
//! widths), JSON for scripts (the DTOs as the desktop receives them), CSV for spreadsheets
//! (stable snake_case headers; cells that Excel would run as formulas are prefixed with `'`).

use std::path::Path;

use kaoqin_commands::Error;
use kaoqin_commands::dto::{CompanyDto, DepartmentDto, EmployeeDto, EmployeeStatus, Lang};
use serde::Serialize;

use crate::args::Format;

pub struct Out {
    pub format: Format,
    pub lang: Lang,
}

/// A column: its stable key (CSV header, JSON field) and its localised table header.
struct Col {
    key: &'static str,
    zh: &'static str,
    en: &'static str,
}

const fn col(key: &'static str, zh: &'static str, en: &'static str) -> Col {
    Col { key, zh, en }
}

const EMPLOYEE_COLS: &[Col] = &[
    col("employee_no", "工号", "No."),
    col("name", "姓名", "Name"),
    col("department_path", "部门", "Department"),
    col("position", "职位", "Position"),
    col("pin", "考勤机工号", "PIN"),
    col("card_no", "卡号", "Card"),
    col("hired_on", "入职日期", "Hired"),
    col("left_on", "离职日期", "Left"),
    col("status", "状态", "Status"),
    col("phone", "电话", "Phone"),
    col("id_number_masked", "身份证号", "ID number"),
];

const DEPARTMENT_COLS: &[Col] = &[
    col("path", "部门", "Department"),
    col("active_employee_count", "在职人数", "Active"),
    col("employee_count", "总人数", "Total"),
    col("child_count", "下级部门", "Sub-departments"),
];

fn status_text(s: EmployeeStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (EmployeeStatus::Active, Lang::Zh) => "在职",
        (EmployeeStatus::Inactive, Lang::Zh) => "离职",
        (EmployeeStatus::Active, Lang::En) => "active",
        (EmployeeStatus::Inactive, Lang::En) => "inactive",
    }
}

fn employee_cells(e: &EmployeeDto, lang: Lang, for_table: bool) -> Vec<String> {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let status = if for_table {
        status_text(e.status, lang).to_owned()
    } else {
        match e.status {
            EmployeeStatus::Active => "active".into(),
            EmployeeStatus::Inactive => "inactive".into(),
        }
    };
    vec![
        e.employee_no.clone(),
        e.name.clone(),
        e.department_path.clone(),
        o(&e.position),
        o(&e.pin),
        o(&e.card_no),
        e.hired_on.clone(),
        o(&e.left_on),
        status,
        o(&e.phone),
        o(&e.id_number_masked),
    ]
}

fn department_cells(d: &DepartmentDto, for_table: bool) -> Vec<String> {
    let name = if for_table {
        format!("{}{}", "  ".repeat(d.depth as usize), d.name)
    } else {
        d.path.clone()
    };
    vec![
        name,
        d.active_employee_count.to_string(),
        d.employee_count.to_string(),
        d.child_count.to_string(),
    ]
}

/// OWASP CSV-injection guidance: a cell starting with one of these is prefixed with `'`.
pub fn neutralise_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

impl Out {
    /// The format's name, as recorded in the audit log.
    pub fn format_name(&self) -> &'static str {
        match self.format {
            Format::Table => "table",
            Format::Json => "json",
            Format::Csv => "csv",
        }
    }

    fn header(&self, cols: &[Col]) -> Vec<String> {
        cols.iter().map(|c| if self.lang == Lang::Zh { c.zh } else { c.en }.to_owned()).collect()
    }

    fn table(&self, cols: &[Col], rows: Vec<Vec<String>>) {
        let mut t = comfy_table::Table::new();
        t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
        t.set_header(self.header(cols));
        for r in rows {
            t.add_row(r);
        }
        println!("{t}");
    }

    fn csv(&self, cols: &[Col], rows: Vec<Vec<String>>) {
        let mut w = csv::Writer::from_writer(std::io::stdout());
        let ok = w.write_record(cols.iter().map(|c| c.key)).is_ok()
            && rows.iter().all(|r| w.write_record(r.iter().map(|c| neutralise_formula(c))).is_ok())
            && w.flush().is_ok();
        if !ok {
            eprintln!("error: cannot write to standard output");
        }
    }

    fn json<T: Serialize>(&self, value: &T) {
        match serde_json::to_string_pretty(value) {
            Ok(s) => println!("{s}"),
            Err(e) => eprintln!("error: {e}"),
        }
    }

    fn say(&self, zh: &str, en: &str) -> String {
        if self.lang == Lang::Zh { zh.to_owned() } else { en.to_owned() }
    }

    /// A one-line confirmation (table format only; scripts get the record itself).
    pub fn note(&self, zh: &str, en: &str) {
        if self.format == Format::Table {
            println!("{}", self.say(zh, en));
        }
    }

    pub fn initialized(&self, path: &Path, company: &CompanyDto, created: bool) {
        match self.format {
            Format::Table => {
                let (zh, en) = if created {
                    (
                        format!("已初始化数据库 {}（公司：{}）", path.display(), company.name),
                        format!("initialised {} (company: {})", path.display(), company.name),
                    )
                } else {
                    (
                        format!(
                            "数据库 {} 已经初始化过（公司：{}），未做修改",
                            path.display(),
                            company.name
                        ),
                        format!(
                            "{} was already initialised (company: {}); nothing changed",
                            path.display(),
                            company.name
                        ),
                    )
                };
                println!("{}", self.say(&zh, &en));
            }
            _ => self.company(company),
        }
    }

    pub fn company(&self, c: &CompanyDto) {
        match self.format {
            Format::Json => self.json(c),
            Format::Csv => self.csv(
                &[col("name", "", ""), col("timezone", "", "")],
                vec![vec![c.name.clone(), c.timezone.clone()]],
            ),
            Format::Table => self.table(
                &[col("name", "公司名称", "Company"), col("timezone", "时区", "Time zone")],
                vec![vec![c.name.clone(), c.timezone.clone()]],
            ),
        }
    }

    pub fn departments(&self, list: &[DepartmentDto]) {
        match self.format {
            Format::Json => self.json(&list),
            Format::Csv => {
                self.csv(DEPARTMENT_COLS, list.iter().map(|d| department_cells(d, false)).collect())
            }
            Format::Table if list.is_empty() => {
                println!(
                    "{}",
                    self.say(
                        "还没有部门：用 kaoqin department add 名称 添加",
                        "no departments yet: add one with `kaoqin department add NAME`"
                    )
                );
            }
            Format::Table => self
                .table(DEPARTMENT_COLS, list.iter().map(|d| department_cells(d, true)).collect()),
        }
    }

    pub fn department_changed(&self, d: &DepartmentDto, zh: &str, en: &str) {
        match self.format {
            Format::Table => {
                println!("{}", self.say(&format!("{zh} {}", d.path), &format!("{en} {}", d.path)))
            }
            _ => self.departments(std::slice::from_ref(d)),
        }
    }

    pub fn employees(&self, list: &[EmployeeDto]) {
        match self.format {
            Format::Json => self.json(&list),
            Format::Csv => self.csv(
                EMPLOYEE_COLS,
                list.iter().map(|e| employee_cells(e, self.lang, false)).collect(),
            ),
            Format::Table if list.is_empty() => {
                println!("{}", self.say("没有符合条件的员工", "no matching employees"))
            }
            Format::Table => {
                self.table(
                    EMPLOYEE_COLS,
                    list.iter().map(|e| employee_cells(e, self.lang, true)).collect(),
                );
                println!(
                    "{}",
                    self.say(
                        &format!("共 {} 人", list.len()),
                        &format!("employees: {}", list.len())
                    )
                );
            }
        }
    }

    /// One employee as a two-column (field, value) table.
    pub fn employee(&self, e: &EmployeeDto) {
        match self.format {
            Format::Table => {
                let mut t = comfy_table::Table::new();
                t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
                for (c, v) in
                    self.header(EMPLOYEE_COLS).into_iter().zip(employee_cells(e, self.lang, true))
                {
                    t.add_row(vec![c, v]);
                }
                println!("{t}");
            }
            _ => self.employees(std::slice::from_ref(e)),
        }
    }

    pub fn employee_changed(&self, e: &EmployeeDto, zh: &str, en: &str) {
        match self.format {
            Format::Table => println!(
                "{}",
                self.say(
                    &format!("{zh} {} {}（{}）", e.employee_no, e.name, e.department_path),
                    &format!("{en} {} {} ({})", e.employee_no, e.name, e.department_path)
                )
            ),
            _ => self.employee(e),
        }
    }
}

/// Prints an error: the message, then one line per field problem.
pub fn print_error(e: &Error, lang: Lang) {
    let fields = e.field_errors();
    let prefix = if lang == Lang::Zh { "错误：" } else { "error: " };
    if fields.is_empty() {
        eprintln!("{prefix}{}", e.message_in(lang));
        return;
    }
    let head = if lang == Lang::Zh {
        "输入有误，未做任何修改："
    } else {
        "invalid input, nothing was changed:"
    };
    eprintln!("{prefix}{head}");
    for f in fields {
        eprintln!("  - [{}] {}", f.field, f.message.get(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for bad in ["=1+1", "+86", "-3", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise_formula(bad).starts_with('\''), "{bad:?} must be prefixed");
        }
        assert_eq!(neutralise_formula("张三"), "张三");
        assert_eq!(neutralise_formula("1001"), "1001");
    }
}
