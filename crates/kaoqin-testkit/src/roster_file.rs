//! Generated employee import files: `n` rows of which every other one (or none) carries exactly
//! one mistake, cycling through thirteen kinds, with the problem each bad row must produce; and
//! writers for the same rows as CSV (UTF-8, UTF-8 with BOM, GBK) and as a real .xlsx workbook.

/// A generated sheet: headers, data rows, and for each bad row (row number as the spreadsheet
/// shows it, header = row 1) the field key and problem key the importer must report.
pub struct RosterFile {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub expected: Vec<(u32, &'static str, &'static str)>,
}

/// The kinds of mistake, each giving exactly one problem in an otherwise good row.
pub const MISTAKES: usize = 13;

/// `n` data rows; with `with_mistakes`, every even-numbered data row carries one mistake.
pub fn generate(n: usize, with_mistakes: bool) -> RosterFile {
    let headers = vec![
        "工号",
        "姓名",
        "部门",
        "职位",
        "入职日期",
        "离职日期",
        "身份证号",
        "电话",
        "考勤号",
        "卡号",
    ];
    let mut rows = Vec::with_capacity(n);
    let mut expected = Vec::new();
    let mut last_good: Option<(String, String)> = None; // (工号, PIN) of the latest good row
    for i in 0..n {
        let row_no = u32::try_from(i + 2).unwrap_or(u32::MAX);
        let no = format!("E{:05}", i + 1);
        let pin = format!("{}", 10_000 + i);
        let dept = ["总部/生产部/一车间", "总部/生产部/二车间", "总部/财务部", "销售部"][i % 4];
        let mut r: Vec<String> = vec![
            no.clone(),
            format!("员工{}", i + 1),
            dept.into(),
            "操作工".into(),
            "2026-03-01".into(),
            String::new(),
            String::new(),
            format!("138{:08}", i),
            pin.clone(),
            format!("{}", 500_000 + i),
        ];
        let bad = with_mistakes && i % 2 == 1;
        if bad {
            let (col, value, field, problem): (usize, String, &str, &str) = match (i / 2) % MISTAKES
            {
                0 => (0, String::new(), "employee_no", "required"),
                1 => (0, "E#1".into(), "employee_no", "bad_characters"),
                2 => (1, String::new(), "name", "required"),
                3 => (1, "长".repeat(51), "name", "too_long"),
                4 => (4, "2026-02-30".into(), "hired_on", "bad_date"),
                5 => (5, "2026-02-01".into(), "left_on", "date_before"),
                6 => (8, "0123".into(), "pin", "bad_pin"),
                7 => (9, "12345678901".into(), "card_no", "bad_card_no"),
                8 => (6, "11010119900307000X".into(), "id_number", "bad_id_number_checksum"),
                9 => (7, "12345".into(), "phone", "bad_phone"),
                10 => {
                    let (dup, _) = last_good.clone().unwrap_or_default();
                    (0, dup, "employee_no", "duplicate_in_file")
                }
                11 => {
                    let (_, dup) = last_good.clone().unwrap_or_default();
                    (8, dup, "pin", "duplicate_in_file")
                }
                _ => (2, "总部//一车间".into(), "department_id", "bad_department_path"),
            };
            r[col] = value;
            expected.push((row_no, field, problem));
        } else {
            last_good = Some((no, pin));
        }
        rows.push(r);
    }
    RosterFile { headers, rows, expected }
}

/// How a CSV is saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    Utf8,
    Utf8Bom,
    Gbk,
}

impl RosterFile {
    pub fn csv(&self, encoding: CsvEncoding) -> Vec<u8> {
        let quote = |c: &str| {
            if c.contains([',', '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_owned()
            }
        };
        let mut text = self.headers.join(",");
        text.push_str("\r\n");
        for r in &self.rows {
            text.push_str(&r.iter().map(|c| quote(c)).collect::<Vec<_>>().join(","));
            text.push_str("\r\n");
        }
        match encoding {
            CsvEncoding::Utf8 => text.into_bytes(),
            CsvEncoding::Utf8Bom => [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
            CsvEncoding::Gbk => encoding_rs::GBK.encode(&text).0.into_owned(),
        }
    }

    /// A real .xlsx workbook, every cell a text cell (as a roster typed in Excel would be).
    pub fn xlsx(&self) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let mut write = || -> Result<(), rust_xlsxwriter::XlsxError> {
            for (c, h) in self.headers.iter().enumerate() {
                sheet.write_string(0, u16::try_from(c).unwrap_or(0), *h)?;
            }
            for (r, row) in self.rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    if !v.is_empty() {
                        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
                        sheet.write_string(r, u16::try_from(c).unwrap_or(0), v)?;
                    }
                }
            }
            Ok(())
        };
        if let Err(e) = write() {
            panic!("cannot build the test workbook: {e}");
        }
        match book.save_to_buffer() {
            Ok(b) => b,
            Err(e) => panic!("cannot save the test workbook: {e}"),
        }
    }
}
