//! Property tests of the punch-file parsers: whatever the text, they never panic, and every
//! non-blank line of an attlog (every non-blank row of a CSV under a good header) comes back as
//! exactly one punch or one error on its own line number. Well-formed lines round-trip.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveDateTime};
use kaoqin_terminals::{ParsedPunches, PunchWho, detect_kind, parse_attlog, parse_punch_csv};
use proptest::prelude::*;

/// The parsers' idea of a blank line: whitespace and NULs only.
fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c.is_whitespace() || c == '\0')
}

/// Line numbers of the punches and errors, checking that no line gave two outcomes.
fn outcome_lines(parsed: &ParsedPunches) -> BTreeSet<usize> {
    let lines: Vec<usize> =
        parsed.punches.iter().map(|p| p.line).chain(parsed.errors.iter().map(|e| e.line)).collect();
    let set: BTreeSet<usize> = lines.iter().copied().collect();
    assert_eq!(set.len(), lines.len(), "a line gave more than one outcome: {parsed:?}");
    set
}

fn non_blank_lines(text: &str) -> BTreeSet<usize> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.lines().enumerate().filter(|(_, l)| !is_blank(l)).map(|(i, _)| i + 1).collect()
}

/// A field of an attlog-ish line: digits, letters, date punctuation, spaces, NULs, control
/// characters and some non-ASCII, but no tab or line break.
fn junk_field() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[0-9a-zA-Z :/.+\\-\\x00\\x01\\x7f\u{feff}é打卡 ]{0,24}")
        .expect("valid regex")
}

/// A date-time that may or may not be real: months, days, hours out of range, odd years.
fn maybe_datetime() -> impl Strategy<Value = String> {
    (1990u32..2110, 0u32..14, 0u32..33, 0u32..26, 0u32..61, 0u32..62)
        .prop_map(|(y, mo, d, h, mi, s)| format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
}

/// A real punch: PIN (padding), time, and any number of trailing fields.
#[derive(Debug, Clone)]
struct GoodLine {
    pad: usize,
    pin: String,
    local: NaiveDateTime,
    trailing: Vec<String>,
}

impl GoodLine {
    fn text(&self) -> String {
        let mut fields = vec![
            format!("{}{}", " ".repeat(self.pad), self.pin),
            self.local.format("%Y-%m-%d %H:%M:%S").to_string(),
        ];
        fields.extend(self.trailing.iter().cloned());
        fields.join("\t")
    }
}

fn good_line() -> impl Strategy<Value = GoodLine> {
    (
        0usize..6,
        "[0-9A-Za-z]{1,24}",
        (2000i32..2100, 1u32..13, 1u32..29, 0u32..24, 0u32..60, 0u32..60),
        proptest::collection::vec("[0-9]{1,3}", 0..5),
    )
        .prop_map(|(pad, pin, (y, mo, d, h, mi, s), numbers)| {
            let local = NaiveDate::from_ymd_opt(y, mo, d)
                .and_then(|day| day.and_hms_opt(h, mi, s))
                .expect("day 1–28 always exists");
            // Status and verify must fit a u8; keep the third and fourth fields small.
            let trailing = numbers
                .into_iter()
                .enumerate()
                .map(|(i, n)| {
                    if i == 1 || i == 2 {
                        (n.parse::<u32>().unwrap_or(0) % 256).to_string()
                    } else {
                        n
                    }
                })
                .collect();
            GoodLine { pad, pin, local, trailing }
        })
}

#[derive(Debug, Clone)]
enum AttlogLine {
    Good(GoodLine),
    Maybe(String, String, Vec<String>),
    Junk(Vec<String>),
    Blank(String),
}

impl AttlogLine {
    fn text(&self) -> String {
        match self {
            AttlogLine::Good(good) => good.text(),
            AttlogLine::Maybe(pin, time, rest) => {
                let mut fields = vec![pin.clone(), time.clone()];
                fields.extend(rest.iter().cloned());
                fields.join("\t")
            }
            AttlogLine::Junk(fields) => fields.join("\t"),
            AttlogLine::Blank(text) => text.clone(),
        }
    }
}

fn attlog_line() -> impl Strategy<Value = AttlogLine> {
    prop_oneof![
        3 => good_line().prop_map(AttlogLine::Good),
        2 => (" {0,4}[0-9]{1,9}", maybe_datetime(), proptest::collection::vec(junk_field(), 0..6))
            .prop_map(|(pin, time, rest)| AttlogLine::Maybe(pin, time, rest)),
        2 => proptest::collection::vec(junk_field(), 0..8).prop_map(AttlogLine::Junk),
        1 => "[ \t\\x00]{0,4}".prop_map(AttlogLine::Blank),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn attlog_any_string_one_outcome_per_non_blank_line(text in any::<String>()) {
        let parsed = parse_attlog(&text);
        prop_assert_eq!(outcome_lines(&parsed), non_blank_lines(&text));
        let _ = detect_kind("x_attlog.dat", &text);
        let _ = detect_kind(&text, &text);
    }

    #[test]
    fn attlog_lines_one_outcome_each_and_good_lines_round_trip(
        lines in proptest::collection::vec(attlog_line(), 0..40),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let ending = if crlf { "\r\n" } else { "\n" };
        let mut text: String = lines.iter().map(|l| l.text() + ending).collect();
        if bom {
            text.insert(0, '\u{feff}');
        }
        let parsed = parse_attlog(&text);
        prop_assert_eq!(
            parsed.punches.len() + parsed.errors.len(),
            lines.iter().filter(|l| !is_blank(&l.text())).count(),
            "count of punches + errors"
        );
        prop_assert_eq!(outcome_lines(&parsed), non_blank_lines(&text));
        for (index, line) in lines.iter().enumerate() {
            if let AttlogLine::Good(good) = line {
                let punch = parsed.punches.iter().find(|p| p.line == index + 1);
                let punch = punch
                    .unwrap_or_else(|| panic!("good line {} gave no punch: {parsed:?}", index + 1));
                prop_assert_eq!(&punch.who, &PunchWho::Pin(good.pin.clone()));
                prop_assert_eq!(punch.local, good.local);
                let trailing = |i: usize| good.trailing.get(i).map(String::as_str);
                prop_assert_eq!(punch.terminal.as_deref(), trailing(0));
                prop_assert_eq!(punch.state, good.trailing.get(1).and_then(|s| s.parse().ok()));
                prop_assert_eq!(punch.verify, good.trailing.get(2).and_then(|s| s.parse().ok()));
                prop_assert_eq!(punch.work_code.as_deref(), trailing(3));
            }
        }
    }

    #[test]
    fn csv_any_string_never_panics(text in any::<String>(), tabs in any::<bool>()) {
        let text = if tabs { text.replace(',', "\t") } else { text };
        let parsed = parse_punch_csv(&text);
        let last = text.lines().count().max(1);
        for line in outcome_lines(&parsed) {
            prop_assert!((1..=last).contains(&line), "line {} of {}", line, last);
        }
        if parsed.punches.is_empty() {
            prop_assert!(!parsed.errors.is_empty() || !non_blank_lines(&text).is_empty());
        }
    }

    #[test]
    fn csv_rows_one_outcome_each_under_a_good_header(
        header in proptest::sample::subsequence(
            vec!["姓名", "设备", "状态", "部门", "验证方式"],
            0..5,
        ),
        rows in proptest::collection::vec(
            proptest::collection::vec(
                prop_oneof![
                    2 => "[0-9A-Za-z_\\-]{0,8}",
                    2 => maybe_datetime(),
                    1 => "[ 0-9a-zé打卡:/\\x00\\x01-]{0,12}",
                ],
                0..7,
            ),
            0..30,
        ),
        tab in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let separator = if tab { "\t" } else { "," };
        let ending = if crlf { "\r\n" } else { "\n" };
        let mut columns = vec!["工号", "打卡时间"];
        columns.extend(header);
        let mut text = columns.join(separator) + ending;
        for row in &rows {
            text += &(row.join(separator) + ending);
        }
        let parsed = parse_punch_csv(&text);
        let expected: BTreeSet<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.iter().all(|cell| is_blank(cell)))
            .map(|(i, _)| i + 2)
            .collect();
        prop_assert_eq!(outcome_lines(&parsed), expected, "{:?}", parsed);
    }
}

mod user_dat {
    use kaoqin_terminals::parse_user_dat;
    use kaoqin_terminals::zk::{self, NameCodec, UserLayout, UserRecord};
    use proptest::prelude::*;

    fn person(uid: u16, pin: &str, name: &str, card: u32, layout: UserLayout) -> UserRecord {
        UserRecord {
            uid,
            privilege: 0,
            password: Vec::new(),
            name_raw: zk::encode_name(name, NameCodec::Gbk, layout.name_width()),
            card,
            group: 1,
            user_id: pin.to_owned(),
        }
    }

    /// The file a USB export writes: the records without the network read's size prefix.
    fn file_of(users: &[UserRecord], layout: UserLayout) -> Vec<u8> {
        zk::encode_users(users, layout)[4..].to_vec()
    }

    #[test]
    fn tft_and_black_and_white_files_are_read_with_gbk_names() {
        for layout in UserLayout::ALL {
            let users = vec![
                person(1, "1001", "张三", 0, layout),
                person(2, "1002", "李四", 12_345_678, layout),
                person(3, "1003", "Wang Wu", 0, layout),
            ];
            let (found, read) = parse_user_dat(&file_of(&users, layout)).unwrap();
            assert_eq!(found, layout);
            let names: Vec<String> = read.iter().map(|u| u.name(NameCodec::Gbk)).collect();
            assert_eq!(names, ["张三", "李四", "Wang Wu"], "{layout:?}");
            let pins: Vec<&str> = read.iter().map(|u| u.user_id.as_str()).collect();
            assert_eq!(pins, ["1001", "1002", "1003"], "{layout:?}");
            assert_eq!(read[1].card, 12_345_678);
        }
    }

    #[test]
    fn an_empty_file_holds_nobody_and_a_cut_file_is_refused() {
        assert_eq!(parse_user_dat(&[]).unwrap().1.len(), 0);
        let whole = file_of(&[person(1, "1", "张三", 0, UserLayout::B72)], UserLayout::B72);
        assert!(parse_user_dat(&whole[..71]).is_err(), "71 bytes are not a record");
        assert!(parse_user_dat(b"PIN\tName\r\n1\tZhang\r\n").is_err(), "text is not user.dat");
    }

    proptest! {
        #[test]
        fn any_bytes_give_users_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = parse_user_dat(&bytes);
        }
    }
}
