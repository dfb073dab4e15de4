//! The full policy number never leaves the page. Before snapshots are sent
//! anywhere, the numbers written under a Policy # column (of the record or
//! any linked record read with it) are collected, and each is replaced by
//! `***` and its last four characters wherever the pages show it: cells of
//! any column, links, form fields hidden or not, labels, headings, row
//! classes and the pages' own addresses. A number too short to mask (four
//! characters or fewer) becomes `***` where it stands alone.

use crate::clean::{label_is, replace_all};
use crate::profile::record::RecordProfile;
use crate::Snapshot;

/// `***` and the last four characters of a policy number as written, or
/// `None` when it is blank or so short (four characters or fewer) that its
/// last four would show it whole.
pub fn masked_policy_number(full: &str) -> Option<String> {
    // One pass, the last four kept in a ring: a household masks a thousand
    // numbers.
    let mut last_four = ['\0'; 4];
    let mut count = 0;
    for c in full.chars().filter(|c| !c.is_whitespace()) {
        last_four[count % 4] = c;
        count += 1;
    }
    if count <= 4 {
        return None;
    }
    let mut masked = String::from("***");
    for i in 0..4 {
        masked.push(last_four[(count + i) % 4]);
    }
    Some(masked)
}

/// A policy number found on a page, and what replaces it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PolicyNumber {
    /// The spellings to find: as written, and without its spaces.
    spellings: Vec<String>,
    /// `***1234`, or `***` for a number too short to mask.
    masked: String,
    /// Short numbers ("Z9") would match inside ordinary words: they are
    /// replaced only where a whole value is the number.
    whole_values_only: bool,
}

/// The policy numbers `page` writes under a Policy # column, each once,
/// longest first.
fn policy_numbers(page: &Snapshot, profile: &RecordProfile) -> Vec<PolicyNumber> {
    let mut found: Vec<PolicyNumber> = Vec::new();
    for table in page.sections.iter().flat_map(|section| &section.tables) {
        let columns: Vec<usize> = table
            .header
            .iter()
            .enumerate()
            .filter(|(_, header)| label_is(header, &profile.columns.policy_number))
            .map(|(index, _)| index)
            .collect();
        for row in &table.rows {
            for cell in columns.iter().filter_map(|&column| row.cells.get(column)) {
                let written = cell.text.trim();
                if written.chars().count() < 2 {
                    continue;
                }
                let compact: String = written.chars().filter(|c| !c.is_whitespace()).collect();
                let number = match masked_policy_number(written) {
                    Some(masked) => PolicyNumber {
                        spellings: dedup(vec![written.to_owned(), compact]),
                        masked,
                        whole_values_only: false,
                    },
                    None => PolicyNumber {
                        spellings: dedup(vec![written.to_owned(), compact]),
                        masked: "***".to_owned(),
                        whole_values_only: true,
                    },
                };
                insert_number(&mut found, number);
            }
        }
    }
    found
}

/// Adds `number` to `numbers` unless it is there: longer numbers first, so
/// that one containing another is masked whole. A binary search places it
/// (a household writes a thousand numbers: a linear look for each grew with
/// their square) without the slice sorts, which would cost the page module
/// kilobytes.
/// Whether it was not there.
fn insert_number(numbers: &mut Vec<PolicyNumber>, number: PolicyNumber) -> bool {
    fn order(n: &PolicyNumber) -> (std::cmp::Reverse<usize>, &[String], bool) {
        let length = n.spellings.first().map_or(0, String::len);
        (std::cmp::Reverse(length), &n.spellings, n.whole_values_only)
    }
    let at = numbers.partition_point(|kept| order(kept) < order(&number));
    let new = numbers.get(at) != Some(&number);
    if new {
        numbers.insert(at, number);
    }
    new
}

fn dedup(mut list: Vec<String>) -> Vec<String> {
    list.dedup();
    list
}

/// Replaces every number of `numbers` wherever `page` shows it.
fn redact(page: &mut Snapshot, numbers: &[PolicyNumber]) {
    if numbers.is_empty() {
        return;
    }
    let index = Index::of(numbers);
    let mut candidates = Vec::new();
    let mut fix = |text: &mut String| {
        index.candidates(text, &mut candidates);
        for &at in &candidates {
            if let Some(number) = numbers.get(at) {
                if number.may_appear_in(text) {
                    *text = number.replace_in(text);
                }
            }
        }
    };
    fix(&mut page.address);
    for input in &mut page.hidden_inputs {
        fix(&mut input.name);
        fix(&mut input.value);
    }
    for section in &mut page.sections {
        if let Some(heading) = &mut section.heading {
            fix(heading);
        }
        for field in &mut section.fields {
            fix(&mut field.label);
            fix(&mut field.value);
        }
        for table in &mut section.tables {
            table.header.iter_mut().for_each(&mut fix);
            for row in &mut table.rows {
                fix(&mut row.class);
                for cell in &mut row.cells {
                    fix(&mut cell.text);
                    if let Some(href) = &mut cell.href {
                        fix(href);
                    }
                }
            }
        }
    }
}

/// Which numbers a text may show, found in one pass over the text: a
/// household's thousand numbers meet its twelve thousand cells, and trying
/// each number on each text grew with their product (seconds in the page).
/// A number is keyed by the last four bytes of its last run of non-spaces,
/// ASCII lower-cased: every spelling (encoded or not) ends with those, so a
/// text holding the number holds its key. A short number, matched only as a
/// whole value, is keyed by its whole spelling.
struct Index {
    /// (key, position in the numbers), ordered by key.
    keyed: Vec<(u32, usize)>,
    /// The short numbers' spellings, the same way.
    short: Vec<(u32, usize)>,
    /// One bit per hash of a key: most windows of a text are told apart
    /// with one lookup.
    seen: Vec<u64>,
    /// Numbers that fit neither (a last run under four bytes), tried on
    /// every text.
    always: Vec<usize>,
}

const KEY: usize = 4;
const SEEN_BITS: u32 = 16;

fn key_of(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0, |key, byte| {
        (key << 8) | u32::from(byte.to_ascii_lowercase())
    })
}

fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - SEEN_BITS)) as usize
}

/// Adds `(key, at)` in key order (a binary search places it).
fn insert_keyed(list: &mut Vec<(u32, usize)>, key: u32, at: usize) {
    let place = list.partition_point(|&(kept, _)| kept < key);
    list.insert(place, (key, at));
}

/// The positions listed under `key`, added to `out` once each.
fn push_keyed(list: &[(u32, usize)], key: u32, out: &mut Vec<usize>) {
    let from = list.partition_point(|&(kept, _)| kept < key);
    for &(_, at) in list[from..].iter().take_while(|(kept, _)| *kept == key) {
        if !out.contains(&at) {
            out.push(at);
        }
    }
}

/// The values of a link's query (`?no=Z9&x=1` → `Z9`, `1`), without copying.
fn query_values(text: &str) -> impl Iterator<Item = &str> {
    let query = text.split_once('?').map_or("", |(_, query)| query);
    let query = query.split_once('#').map_or(query, |(query, _)| query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('=').map(|(_, value)| value))
}

impl Index {
    fn of(numbers: &[PolicyNumber]) -> Self {
        let mut index = Index {
            keyed: Vec::new(),
            short: Vec::new(),
            seen: vec![0; (1 << SEEN_BITS) / 64],
            always: Vec::new(),
        };
        for (at, number) in numbers.iter().enumerate() {
            if number.whole_values_only {
                if number.spellings.iter().all(|s| s.len() <= KEY) {
                    for spelling in &number.spellings {
                        insert_keyed(&mut index.short, key_of(spelling.as_bytes()), at);
                    }
                } else {
                    index.always.push(at);
                }
                continue;
            }
            match number.tail().filter(|tail| tail.len() >= KEY) {
                Some(tail) => {
                    let key = key_of(&tail.as_bytes()[tail.len() - KEY..]);
                    insert_keyed(&mut index.keyed, key, at);
                    if let Some(word) = index.seen.get_mut(slot(key) / 64) {
                        *word |= 1 << (slot(key) % 64);
                    }
                }
                None => index.always.push(at),
            }
        }
        index
    }

    /// The positions of the numbers `text` may show, in the numbers' order
    /// (longest first), into `out`.
    fn candidates(&self, text: &str, out: &mut Vec<usize>) {
        out.clear();
        out.extend_from_slice(&self.always);
        if !self.keyed.is_empty() {
            // The key of each window rolls in one byte at a time (the
            // oldest shifts out of the u32): as `key_of` of the window,
            // for a fifth of the work. Computing each window's key anew
            // was most of a household's masking.
            let mut key = 0u32;
            for (read, byte) in text.bytes().enumerate() {
                key = (key << 8) | u32::from(byte.to_ascii_lowercase());
                if read + 1 < KEY {
                    continue;
                }
                let bit = slot(key);
                let seen = self
                    .seen
                    .get(bit / 64)
                    .is_some_and(|word| word & (1 << (bit % 64)) != 0);
                if seen {
                    push_keyed(&self.keyed, key, out);
                }
            }
        }
        if !self.short.is_empty() {
            let whole = text.trim();
            for value in std::iter::once(whole).chain(query_values(text)) {
                if !value.is_empty() && value.len() <= KEY {
                    push_keyed(&self.short, key_of(value.as_bytes()), out);
                }
            }
        }
        // A few at most: sorted in place, without the slice sorts' code.
        for i in 1..out.len() {
            let mut j = i;
            while j > 0 && out[j - 1] > out[j] {
                out.swap(j - 1, j);
                j -= 1;
            }
        }
    }
}

impl PolicyNumber {
    /// The written number's last run of non-spaces.
    fn tail(&self) -> Option<&str> {
        let written = self.spellings.first()?;
        // By hand: `rsplit` with a predicate was a tenth of a household's masking.
        let start = written
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8());
        written.get(start..)
    }

    /// Whether `text` may show the number: every spelling (encoded or not)
    /// ends with the written number's last run of non-spaces. Checked
    /// without allocating.
    fn may_appear_in(&self, text: &str) -> bool {
        if self.whole_values_only {
            // Compared before anything is allocated: the whole value as
            // written, or a link's query value in any case.
            let whole = text.trim();
            return self.spellings.iter().any(|s| whole == s)
                || query_values(text)
                    .any(|value| self.spellings.iter().any(|s| s.eq_ignore_ascii_case(value)));
        }
        let Some(tail) = self.tail() else {
            return false;
        };
        tail.is_empty()
            || text
                .as_bytes()
                .windows(tail.len())
                .any(|window| window.eq_ignore_ascii_case(tail.as_bytes()))
    }

    fn replace_in(&self, text: &str) -> String {
        if self.whole_values_only {
            return if self.spellings.iter().any(|s| text.trim() == s) {
                self.masked.clone()
            } else {
                replace_in_query_values(text, &self.spellings, &self.masked)
            };
        }
        let mut out = text.to_owned();
        for spelling in &self.spellings {
            out = replace_all(&out, spelling, &self.masked, true);
            // As a link's query writes it.
            for encoded in [spelling.replace(' ', "%20"), spelling.replace(' ', "+")] {
                if &encoded != spelling {
                    out = replace_all(&out, &encoded, &self.masked, true);
                }
            }
        }
        out
    }
}

/// A short number is replaced in a link only as a whole query value
/// (`?no=Z9&x=1`), never inside other words.
fn replace_in_query_values(text: &str, spellings: &[String], with: &str) -> String {
    let Some((before, query)) = text.split_once('?') else {
        return text.to_owned();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (query, None),
    };
    // Built by hand: `format!` would bring `core::fmt`'s machinery into
    // the page module (700 B gzipped).
    let mut out = String::with_capacity(text.len());
    out.push_str(before);
    for (at, pair) in query.split('&').enumerate() {
        out.push(if at == 0 { '?' } else { '&' });
        match pair.split_once('=') {
            Some((name, value)) if spellings.iter().any(|s| s.eq_ignore_ascii_case(value)) => {
                out.push_str(name);
                out.push('=');
                out.push_str(with);
            }
            _ => out.push_str(pair),
        }
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    out
}

/// Masks the pages read together (the record and its linked records): every
/// number any of them writes under Policy # is masked in all of them, and the
/// Policy # cells themselves keep only the masked number and lose their links,
/// whose addresses could carry the number in other forms too.
pub fn mask_policy_numbers(pages: &mut [&mut Snapshot], profile: &RecordProfile) {
    let mut numbers: Vec<PolicyNumber> = Vec::new();
    for page in pages.iter() {
        for number in policy_numbers(page, profile) {
            insert_number(&mut numbers, number);
        }
    }
    for page in pages.iter_mut() {
        mask_with(page, &numbers, profile);
    }
}

/// Masks `page`'s Policy # cells, and `numbers` wherever it shows them.
fn mask_with(page: &mut Snapshot, numbers: &[PolicyNumber], profile: &RecordProfile) {
    mask_policy_cells(page, profile);
    redact(page, numbers);
}

/// A page's policy numbers, taken before it was masked, for the linked
/// records read after it (a masked page shows only `***1234`).
pub struct PageNumbers(Vec<PolicyNumber>);

/// Masks a page read alone so far ([`mask_policy_numbers`] of one page)
/// and keeps its numbers for [`mask_linked`].
pub fn mask_page(page: &mut Snapshot, profile: &RecordProfile) -> PageNumbers {
    // Each once, longest first, as `policy_numbers` gives them.
    let numbers = policy_numbers(page, profile);
    mask_with(page, &numbers, profile);
    PageNumbers(numbers)
}

/// Masks the linked records read after `page` (masked by [`mask_page`],
/// which gave `own`) as [`mask_policy_numbers`] masks pages read together:
/// every number any of them shows, in all. The page is gone over again only
/// for numbers its own did not hold (a household of a thousand policies is
/// not masked twice).
pub fn mask_linked(
    page: &mut Snapshot,
    own: PageNumbers,
    linked: &mut [&mut Snapshot],
    profile: &RecordProfile,
) {
    let mut all = own.0;
    let mut not_own = Vec::new();
    for number in linked.iter().flat_map(|one| policy_numbers(one, profile)) {
        if insert_number(&mut all, number.clone()) {
            insert_number(&mut not_own, number);
        }
    }
    for one in linked.iter_mut() {
        mask_with(one, &all, profile);
    }
    redact(page, &not_own);
}

fn mask_policy_cells(page: &mut Snapshot, profile: &RecordProfile) {
    for table in page
        .sections
        .iter_mut()
        .flat_map(|section| &mut section.tables)
    {
        let columns: Vec<usize> = table
            .header
            .iter()
            .enumerate()
            .filter(|(_, header)| label_is(header, &profile.columns.policy_number))
            .map(|(index, _)| index)
            .collect();
        for row in &mut table.rows {
            for &column in &columns {
                if let Some(cell) = row.cells.get_mut(column) {
                    cell.text = match masked_policy_number(&cell.text) {
                        Some(masked) => masked,
                        None if cell.text.trim().is_empty() => String::new(),
                        None => "***".to_owned(),
                    };
                    cell.href = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::record::smartoffice;
    use crate::{Cell, Field, HiddenInput, Row, Section, Table};

    fn cell(text: &str, href: Option<&str>) -> Cell {
        Cell {
            text: text.into(),
            href: href.map(Into::into),
        }
    }

    fn table(header: &[&str], rows: &[&[(&str, Option<&str>)]]) -> Table {
        Table {
            header: header.iter().map(|h| (*h).into()).collect(),
            rows: rows
                .iter()
                .map(|cells| Row {
                    class: String::new(),
                    cells: cells.iter().map(|(text, href)| cell(text, *href)).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn policy_numbers_keep_their_last_four_only() {
        let columns = &smartoffice().columns;
        let number_header = format!("{}:", columns.policy_number[0]);
        let mut page = Snapshot {
            sections: vec![Section {
                heading: None,
                fields: Vec::new(),
                tables: vec![
                    table(
                        &[&columns.carrier[0], &number_header, &columns.owner[0]],
                        &[
                            &[
                                ("Transamerica", None),
                                ("UL-2045-A7", Some("policy.htm?no=UL-2045-A7")),
                                ("Clarence", None),
                            ],
                            &[("Pacific Life", None), ("Z9", None), ("Clarence", None)],
                            &[("Genworth", None), ("  ", None), ("Clarence", None)],
                        ],
                    ),
                    table(
                        &[&columns.account_name[0], &columns.account_value[0]],
                        &[&[("UL-2045-A7 brokerage", None), ("$1.00", None)]],
                    ),
                ],
            }],
            ..Snapshot::default()
        };
        mask_policy_numbers(&mut [&mut page], smartoffice());
        let policies = &page.sections[0].tables[0];
        let numbers: Vec<(&str, Option<&str>)> = policies
            .rows
            .iter()
            .map(|row| (row.cells[1].text.as_str(), row.cells[1].href.as_deref()))
            .collect();
        assert_eq!(numbers, [("***5-A7", None), ("***", None), ("", None)]);
        assert_eq!(policies.rows[0].cells[0].text, "Transamerica");
        // Wherever else the number shows, it is masked too.
        assert_eq!(
            page.sections[0].tables[1].rows[0].cells[0].text,
            "***5-A7 brokerage"
        );
    }

    #[test]
    fn every_place_a_number_shows_is_masked() {
        let columns = &smartoffice().columns;
        let full = "0001-2345-6789-XYZW";
        let mut page = Snapshot {
            address: format!("https://x.ez-data.com/ms/contact.htm?cid=1&policy={full}"),
            hidden_inputs: vec![HiddenInput {
                name: format!("policy-{full}"),
                value: full.to_lowercase(),
            }],
            sections: vec![Section {
                heading: Some(format!("Policy {full}")),
                fields: vec![Field {
                    label: "Note".into(),
                    value: format!("see 0001 2345 6789 XYZW and {full}"),
                }],
                tables: vec![table(
                    &[&columns.policy_number[0], "Notes"],
                    &[&[
                        (full, None),
                        ("renewal", Some(&format!("p.htm?n={full}#top"))),
                    ]],
                )],
            }],
        };
        let mut linked = Snapshot {
            address: format!("https://x.ez-data.com/ms/policy.htm?no={full}"),
            ..Snapshot::default()
        };
        mask_policy_numbers(&mut [&mut page, &mut linked], smartoffice());
        let text = format!("{page:?}{linked:?}");
        assert!(
            !text.to_lowercase().contains(&full.to_lowercase()),
            "{text}"
        );
        assert!(text.contains("***XYZW"), "{text}");
    }

    /// The reader masks the record first and the linked records read after
    /// it: a linked record that shows the record's number (already masked
    /// there) still has it masked, and a number only the linked record
    /// lists is masked in the record too.
    #[test]
    fn linked_records_read_later_are_masked_with_the_records_numbers() {
        let columns = &smartoffice().columns;
        let number_header = format!("{}:", columns.policy_number[0]);
        let policies = |number: &str| Section {
            heading: Some("Policies".into()),
            fields: vec![],
            tables: vec![table(
                &[&number_header, "Note"],
                &[&[(number, None), ("", None)]],
            )],
        };
        let mut page = Snapshot {
            sections: vec![
                policies("VUL-100234"),
                Section {
                    heading: Some("Notes".into()),
                    fields: vec![Field {
                        label: "Spouse's policy".into(),
                        value: "TERM 88 7766".into(),
                    }],
                    tables: vec![],
                },
            ],
            ..Snapshot::default()
        };
        let own = mask_page(&mut page, smartoffice());
        let mut linked = Snapshot {
            sections: vec![
                policies("TERM 88 7766"),
                Section {
                    heading: Some("Household".into()),
                    fields: vec![Field {
                        label: "Joint policy".into(),
                        value: "see VUL-100234".into(),
                    }],
                    tables: vec![],
                },
            ],
            ..Snapshot::default()
        };
        mask_linked(&mut page, own, &mut [&mut linked], smartoffice());
        let text = format!("{page:?}{linked:?}");
        for full in ["VUL-100234", "TERM 88 7766", "887766"] {
            assert!(!text.contains(full), "{full} in {text}");
        }
        assert!(text.contains("see ***0234"), "{text}");
        assert!(text.contains("***7766"), "{text}");
    }

    #[test]
    fn short_numbers_are_masked_only_where_they_stand_alone() {
        let columns = &smartoffice().columns;
        let mut page = Snapshot {
            hidden_inputs: vec![HiddenInput {
                name: "policyNo".into(),
                value: "Z9".into(),
            }],
            sections: vec![Section {
                heading: None,
                fields: vec![Field {
                    label: "Plan".into(),
                    value: "Z9 Plus".into(),
                }],
                tables: vec![table(
                    &[&columns.policy_number[0], "Link"],
                    &[&[("Z9", None), ("view", Some("p.htm?no=Z9&x=Z9a"))]],
                )],
            }],
            ..Snapshot::default()
        };
        mask_policy_numbers(&mut [&mut page], smartoffice());
        assert_eq!(page.hidden_inputs[0].value, "***");
        assert_eq!(page.sections[0].fields[0].value, "Z9 Plus");
        let row = &page.sections[0].tables[0].rows[0];
        assert_eq!(row.cells[0].text, "***");
        assert_eq!(row.cells[1].href.as_deref(), Some("p.htm?no=***&x=Z9a"));
    }

    #[test]
    fn a_short_number_in_a_query_is_masked_with_the_rest_of_the_link_as_it_was() {
        let spellings = ["Z9".to_owned()];
        for (link, masked) in [
            ("p.htm?no=Z9#top", "p.htm?no=***#top"),
            ("p.htm?&no=z9&&flag", "p.htm?&no=***&&flag"),
            ("p.htm?", "p.htm?"),
            ("p.htm?flag#no=Z9", "p.htm?flag#no=Z9"),
            ("p.htm", "p.htm"),
        ] {
            assert_eq!(
                replace_in_query_values(link, &spellings, "***"),
                masked,
                "{link}"
            );
        }
    }

    #[test]
    fn the_index_names_only_the_numbers_a_text_holds() {
        let numbers: Vec<PolicyNumber> = (0..1000)
            .map(|n| {
                let written = format!("PN-{:06}-{}", 700_000 + n * 17, n % 10);
                PolicyNumber {
                    masked: masked_policy_number(&written).unwrap_or_default(),
                    spellings: vec![written],
                    whole_values_only: false,
                }
            })
            .chain(["Z9", "q 1"].map(|short| PolicyNumber {
                spellings: vec![short.to_owned(), short.replace(' ', "")],
                masked: "***".to_owned(),
                whole_values_only: true,
            }))
            .collect();
        let index = Index::of(&numbers);
        let mut out = Vec::new();
        index.candidates("Carrier 7, Plan 0012, $1,000.00 and Z9 somewhere", &mut out);
        assert!(out.is_empty(), "{out:?}");
        index.candidates("see pn-711900-0 and PN-700085-5 ", &mut out);
        assert!(out.contains(&5) && out.contains(&700), "{out:?}");
        assert!(
            out.windows(2).all(|pair| pair[0] < pair[1]),
            "in order: {out:?}"
        );
        // A number that is the whole text: its key is the text's last window.
        // (Candidates share its key, "17-1": the numbers are tried after.)
        index.candidates("PN-700017-1", &mut out);
        assert!(out.contains(&1) && !out.contains(&0), "{out:?}");
        index.candidates("-1", &mut out);
        assert!(out.is_empty(), "{out:?}");
        index.candidates(" z9 ", &mut out);
        assert_eq!(out, vec![1000]);
        index.candidates("policy.htm?no=q1&x=Z9#top", &mut out);
        assert_eq!(out, vec![1000, 1001]);
    }
}
