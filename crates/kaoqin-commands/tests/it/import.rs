//! Employee import through its use cases, on real files: xlsx written by rust_xlsxwriter and CSV
//! in UTF-8, UTF-8 with BOM and GBK; every problem reported by row and column with nothing
//! written; all rows or none; a second import of the same file changes nothing.

use kaoqin_commands::dto::{
    EmployeeQuery, EmployeeStatusFilter, ImportColumnChoice, ImportOptions,
};
use kaoqin_commands::{Error, Store, company, employees, import};
use kaoqin_testkit::roster_file::{CsvEncoding, MISTAKES, generate};
use kaoqin_testkit::snapshot;

use crate::{ctx, refused};

fn store() -> Store {
    let mut store = kaoqin_testkit::memory_store();
    company::initialize(&mut store, &ctx(), Some("示例电子厂"), None).expect("init");
    store
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn employee_count(store: &Store) -> u32 {
    let q = EmployeeQuery {
        status: Some(EmployeeStatusFilter::All),
        page_size: Some(1),
        ..EmployeeQuery::default()
    };
    employees::list_employees(store, &ctx(), q).expect("list").total
}

#[test]
fn three_hundred_rows_from_excel_and_from_gbk_csv() {
    let file = generate(300, false);
    for (what, bytes) in [("xlsx", file.xlsx()), ("gbk csv", file.csv(CsvEncoding::Gbk))] {
        let mut store = store();
        let c = ctx();
        let before = snapshot(&store);
        let preview = import::check_import(&store, &c, &bytes, &opts()).expect("check");
        assert_eq!(snapshot(&store), before, "{what}: a check writes nothing");
        assert_eq!(
            (preview.problem_count, preview.add_count),
            (0, 300),
            "{what}: {:#?}",
            preview.problems
        );
        assert_eq!(
            preview.new_departments,
            vec![
                "总部",
                "销售部",
                "总部/生产部",
                "总部/财务部",
                "总部/生产部/一车间",
                "总部/生产部/二车间"
            ]
        );
        let done =
            import::run_import(&mut store, &c, "roster.file", &bytes, &opts()).expect("import");
        assert!(done.written);
        assert_eq!(employee_count(&store), 300, "{what}");
        let first = employees::find_by_employee_no(&store, &c, "E00001").expect("E00001");
        let e = employees::get_employee(&mut store, &c, first).expect("get");
        assert_eq!(
            (e.name.as_str(), e.department_path.as_str(), e.pin.as_deref()),
            ("员工1", "总部/生产部/一车间", Some("10000"))
        );

        // The same file again: every row unchanged, nothing but the audit event written.
        let again =
            import::run_import(&mut store, &c, "roster.file", &bytes, &opts()).expect("again");
        assert_eq!(
            (again.add_count, again.update_count, again.unchanged_count),
            (0, 0, 300),
            "{what}"
        );
        assert!(again.new_departments.is_empty());
    }
}

#[test]
fn twenty_thousand_rows_with_ten_thousand_mistakes_report_exactly_those() {
    let file = generate(20_000, true);
    assert_eq!(file.expected.len(), 10_000);
    let kinds: std::collections::BTreeSet<(&str, &str)> =
        file.expected.iter().map(|(_, f, p)| (*f, *p)).collect();
    assert!(kinds.len() >= 12, "at least 12 kinds of mistake: {kinds:?}");
    assert_eq!(MISTAKES, 13);
    let mut store = store();
    let c = ctx();
    for (what, bytes) in [
        ("utf-8", file.csv(CsvEncoding::Utf8)),
        ("utf-8 bom", file.csv(CsvEncoding::Utf8Bom)),
        ("gbk", file.csv(CsvEncoding::Gbk)),
        ("xlsx", file.xlsx()),
    ] {
        let err = refused(&mut store, |s| import::run_import(s, &c, "big.csv", &bytes, &opts()));
        let Error::ImportRefused(report) = err else { panic!("{what}: {err:?}") };
        let got: Vec<(u32, &str, &str)> =
            report.problems.iter().map(|p| (p.row, p.field.as_str(), p.problem.as_str())).collect();
        let extra: Vec<_> = got.iter().filter(|g| !file.expected.contains(g)).take(5).collect();
        assert_eq!(got.len(), 10_000, "{what}: unexpected {extra:?}");
        assert_eq!(got, file.expected, "{what}: exactly the planted problems, in row order");
        assert!(
            report.problems.iter().all(|p| p.column.is_some()),
            "{what}: every problem has a column"
        );
        assert_eq!(report.problem_count, 10_000);
    }
    assert_eq!(employee_count(&store), 0);
}

#[test]
fn messages_name_row_column_and_value() {
    let mut file = generate(3, false);
    file.rows[1][4] = "2026-13-01".into();
    file.rows[2][6] = "110101199003071234".into();
    let store = store();
    let report =
        import::check_import(&store, &ctx(), &file.csv(CsvEncoding::Utf8), &opts()).expect("check");
    let messages: Vec<&str> = report.problems.iter().map(|p| p.message.zh.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].starts_with("第 3 行 E 列：入职日期「2026-13-01」"), "{}", messages[0]);
    assert!(messages[1].starts_with("第 4 行 G 列："), "{}", messages[1]);
    assert!(!messages[1].contains("199003071234"), "ID numbers stay masked: {}", messages[1]);
}

/// Two people typed into Excel as a clerk would: 工号 and phone as numbers, hire dates as date
/// cells, and 李四's ID number as a number. With `title`, a title row sits above the headers.
fn typed_workbook(title: bool) -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("花名册").expect("name");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let d = ExcelDateTime::from_ymd(2026, 3, 1).expect("date");
    let top: u32 = if title { 2 } else { 0 };
    if title {
        sheet.write_string(0, 0, "2026 年员工花名册").expect("title row");
    }
    for (c, h) in
        ["员工编号", "姓名", "所属部门", "入职时间", "手机", "身份证号"].iter().enumerate()
    {
        sheet.write_string(top, u16::try_from(c).expect("col"), *h).expect("header");
    }
    for (i, (no, name)) in [(1001, " 张三 "), (1002, "李四")].into_iter().enumerate() {
        let row = top + 1 + u32::try_from(i).expect("row");
        sheet.write_number(row, 0, no).expect("no");
        sheet.write_string(row, 1, name).expect("name");
        sheet.write_string(row, 2, "生产部").expect("dept");
        sheet.write_datetime_with_format(row, 3, &d, &date).expect("date");
    }
    sheet.write_number(top + 1, 4, 13_800_138_000_f64).expect("phone");
    sheet.write_number(top + 2, 5, 110_101_199_003_070_000_f64).expect("id as number");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn excel_numbers_and_dates_are_read_as_a_clerk_meant_them() {
    let store = store();
    let report =
        import::check_import(&store, &ctx(), &typed_workbook(true), &opts()).expect("check");
    // A title above the headers is taken for the header row, and the problem says which
    // columns are missing, so the clerk deletes the title row.
    assert_eq!(report.header_row, 1);
    assert!(report.problems.iter().any(|p| p.problem == "missing_column"));

    // A sheet whose first row is the header reads cleanly; numbers keep no ".0".
    let report =
        import::check_import(&store, &ctx(), &typed_workbook(false), &opts()).expect("check");
    let got: Vec<(u32, &str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.row, p.column.as_deref().unwrap_or(""), p.problem.as_str()))
        .collect();
    assert_eq!(got, vec![(3, "F", "stored_as_number")], "{:#?}", report.problems);
    assert_eq!(report.rows.len(), 0, "nothing is planned while a problem remains");
}

#[test]
fn the_clerk_maps_columns_the_importer_does_not_know() {
    let csv = "员工号,名称,科室,入职\nA01,张三,生产部,2026-03-01\n";
    let store = store();
    let report = import::check_import(&store, &ctx(), csv.as_bytes(), &opts()).expect("check");
    let kinds: Vec<&str> = report.problems.iter().map(|p| p.problem.as_str()).collect();
    assert_eq!(kinds, vec!["missing_column", "missing_column"], "工号 and 姓名 are missing");
    let mapped = ImportOptions {
        sheet: None,
        mapping: vec![
            ImportColumnChoice { field: "employee_no".into(), header: "员工号".into() },
            ImportColumnChoice { field: "name".into(), header: "名称".into() },
            ImportColumnChoice { field: "department".into(), header: "科室".into() },
        ],
    };
    let report = import::check_import(&store, &ctx(), csv.as_bytes(), &mapped).expect("check");
    assert_eq!((report.problem_count, report.add_count), (0, 1), "{:#?}", report.problems);
    assert_eq!(
        report.columns.iter().map(|c| c.field.as_deref()).collect::<Vec<_>>(),
        vec![Some("employee_no"), Some("name"), Some("department"), Some("hired_on")]
    );

    // A recognised column can be left out (不导入): 入职 is then not read, so it is missing.
    let mut without = mapped.clone();
    without.mapping.push(ImportColumnChoice { field: "ignore".into(), header: "入职".into() });
    let report = import::check_import(&store, &ctx(), csv.as_bytes(), &without).expect("check");
    assert_eq!(report.columns[3].field, None, "入职 is not imported");
    let kinds: Vec<&str> = report.problems.iter().map(|p| p.problem.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["required"],
        "a new person then has no 入职日期: {:#?}",
        report.problems
    );
}

#[test]
fn unreadable_files_say_why() {
    let mut store = store();
    let c = ctx();
    for (bytes, expect) in [
        (&b""[..], "文件是空的"),
        (&b"PK\x03\x04garbage"[..], "无法打开这个 Excel 文件"),
        (&[0x81, 0x20, 0xFF, 0xFE, 0x31][..], "既不是 Excel 工作簿"),
    ] {
        let err = refused(&mut store, |s| import::run_import(s, &c, "f", bytes, &opts()));
        assert!(err.to_dto().message.zh.contains(expect), "{expect}: {:?}", err.to_dto().message);
    }
}

#[test]
fn the_template_reads_back_as_an_empty_import() {
    let bytes = import::import_template(&ctx()).expect("template");
    let store = store();
    let report = import::check_import(&store, &ctx(), &bytes, &opts()).expect("check");
    assert_eq!(report.sheets, vec!["员工", "填写说明"]);
    assert!(
        report.columns.iter().all(|c| c.field.is_some()),
        "every template column is recognised"
    );
    assert_eq!((report.add_count, report.problem_count), (1, 0), "the example row is a valid row");
}
