//! "What the extension sees on this page": a report of one record frame for
//! the advisor to copy for support. It says whether the frame is recognised
//! as a record and by which rule of the profile, what was found of the
//! window's Menu, each field the profile looks for and whether it was found,
//! and the tables with their columns. No client data: every value is
//! replaced by its shape (`date`, `money`, `phone`, `text(12)`, `empty`),
//! and the frame's address loses its query and any number in its path.
//! Nothing of it is sent anywhere; the worker builds it from the masked
//! snapshot the page module gives and the Menu the worker's probe found.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use smartoffice_snapshot::clean::label_is;
use smartoffice_snapshot::profile::record::RecordProfile;
use smartoffice_snapshot::text;
use smartoffice_snapshot::words::Text;
use smartoffice_snapshot::{Field, Section, Snapshot, Table};

use crate::parse::date::parse_date;
use crate::parse::money::parse_money;
use crate::record::RecordKind;

/// What the worker's probe (`extension/background.js`, `soEmoneyProbe`)
/// found of the record windows and their Menus in the frame, by the page
/// profile's selectors.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct MenuProbe {
    /// The frame's element matched the profile's `recordFrames` (false for
    /// a record opened on its own, at the top of its tab).
    pub framed: bool,
    /// Elements that the profile's `recordWindow` finds (windows, and
    /// perhaps parts of them).
    pub record_windows: usize,
    /// Elements that the loader's `menuButtons` finds.
    pub menu_buttons: usize,
    pub windows: Vec<WindowProbe>,
}

/// One element that the profile's `recordWindow` finds with a Menu button.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct WindowProbe {
    pub id: String,
    /// Its Menu button (`menuButton`) is there.
    pub menu_button: bool,
    /// The selector that found its Menu's list (`menuLists`, or the list
    /// right after the button).
    pub menu_list: Option<String>,
    /// The label of its Integrations entry (`integrationsLabels`).
    pub integrations: Option<String>,
    /// The extension's eMoney entry is in its Menu.
    pub entry: bool,
}

/// Why the extension can do nothing on this page, said once to the advisor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Problem {
    /// The frame shows a record, but no Menu the profile knows.
    NoMenu,
    /// A Menu, but nothing the profile knows of a record.
    NotRecord,
}

impl Problem {
    pub fn text(self) -> Text {
        match self {
            Problem::NoMenu => text!("pageNoMenu"),
            Problem::NotRecord => text!("pageNotRecord"),
        }
    }

    /// Its name in the once-only list.
    pub fn name(self) -> &'static str {
        match self {
            Problem::NoMenu => "noMenu",
            Problem::NotRecord => "notRecord",
        }
    }
}

/// The report: its lines (rendered in the advisor's language by the worker,
/// copied as they show) and what it concludes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub lines: Vec<Text>,
    /// The record kind and the rule that recognised it, if one did.
    pub recognised: Option<(RecordKind, String)>,
    pub problem: Option<Problem>,
}

/// The report of `page` (as the page module read it, policy numbers masked)
/// with the Menu that `probe` found, seen through `profile`. `added`: how
/// many words the firm's overrides added to the profile.
pub fn report(page: &Snapshot, probe: &MenuProbe, profile: &RecordProfile, added: usize) -> Report {
    let mut lines = vec![text!("reportTitle"), text!("reportProfile", &profile.name)];
    if added > 0 {
        lines.push(text!("reportOverrides", added));
    }
    lines.push(text!("reportFrame", address_shape(&page.address)));
    lines.push(if probe.framed {
        text!("reportFramed")
    } else {
        text!("reportTopLevel")
    });
    let recognised = recognise(page, profile);
    lines.push(match &recognised {
        Some((RecordKind::Contact, rule)) => text!("reportContact", rule),
        Some((RecordKind::Household, rule)) => text!("reportHousehold", rule),
        None => text!("reportNoRecord"),
    });
    menu_lines(probe, &mut lines);
    lines.push(text!("reportSections"));
    for section in &page.sections {
        let heading = heading_of(section);
        lines.push(
            match matching(&profile.sections, section.heading.as_deref()) {
                Some(keys) => text!("reportSection", heading, keys),
                None => text!("reportSectionUnknown", heading),
            },
        );
    }
    lines.push(text!("reportFields"));
    let fields: Vec<(&Section, &Field)> = page
        .sections
        .iter()
        .flat_map(|s| s.fields.iter().map(move |f| (s, f)))
        .collect();
    for (key, synonyms) in groups(&profile.labels) {
        let found = fields
            .iter()
            .find(|(_, f)| label_is(&f.label, &synonyms) && !f.value.is_empty())
            .or_else(|| fields.iter().find(|(_, f)| label_is(&f.label, &synonyms)));
        lines.push(match found {
            Some((section, field)) => text!(
                "reportFieldFound",
                format!("labels.{key}"),
                heading_of(section),
                &field.label,
                shape(&field.value)
            ),
            None => text!(
                "reportFieldMissing",
                format!("labels.{key}"),
                synonyms.join(", ")
            ),
        });
    }
    for (section, field) in &fields {
        if matching(&profile.labels, Some(&field.label)).is_none() {
            lines.push(text!(
                "reportFieldUnknown",
                heading_of(section),
                &field.label,
                shape(&field.value)
            ));
        }
    }
    lines.push(text!("reportTables"));
    let mut tables = 0;
    for section in &page.sections {
        for table in &section.tables {
            tables += 1;
            lines.push(text!("reportTable", heading_of(section), table.rows.len()));
            for (at, header) in table.header.iter().enumerate() {
                let shapes = column_shapes(table, at);
                lines.push(match matching(&profile.columns, Some(header)) {
                    Some(keys) => text!("reportColumn", header, keys, shapes),
                    None => text!("reportColumnUnknown", header, shapes),
                });
            }
        }
    }
    if tables == 0 {
        lines.push(text!("reportNoTables"));
    }
    let problem = problem(recognised.is_some(), probe);
    if let Some(problem) = problem {
        lines.push(problem.text());
    }
    Report {
        lines,
        recognised,
        problem,
    }
}

/// What stops the extension on this page, if anything: a record without a
/// Menu, or a Menu without a record.
pub fn problem(recognised: bool, probe: &MenuProbe) -> Option<Problem> {
    let menu = probe.menu_buttons > 0 || probe.windows.iter().any(|w| w.menu_button);
    match (recognised, menu) {
        (true, false) => Some(Problem::NoMenu),
        (false, true) => Some(Problem::NotRecord),
        _ => None,
    }
}

fn menu_lines(probe: &MenuProbe, lines: &mut Vec<Text>) {
    if probe.windows.is_empty() {
        lines.push(text!(
            "reportNoWindow",
            probe.record_windows,
            probe.menu_buttons
        ));
    }
    for window in &probe.windows {
        lines.push(if window.menu_button {
            text!("reportWindowMenu", &window.id)
        } else {
            text!("reportWindowNoMenu", &window.id)
        });
        if !window.menu_button {
            continue;
        }
        lines.push(match &window.menu_list {
            Some(selector) => text!("reportMenuList", selector),
            None => text!("reportMenuNoList"),
        });
        lines.push(match &window.integrations {
            Some(label) => text!("reportIntegrations", label),
            None => text!("reportNoIntegrations"),
        });
        lines.push(if window.entry {
            text!("reportEntry")
        } else {
            text!("reportNoEntry")
        });
    }
}

/// Which record the page shows, and the rule of the profile that says so.
pub fn recognise(page: &Snapshot, profile: &RecordProfile) -> Option<(RecordKind, String)> {
    let ids = &profile.record_id;
    let (path, query) = split_address(&page.address);
    let file = path.rsplit('/').next().unwrap_or_default();
    let params: Vec<&str> = query
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .collect();
    let segments: Vec<&str> = path.split('/').collect();
    let household = |rule: &str, word: &str| {
        Some((RecordKind::Household, format!("recordId.{rule} \"{word}\"")))
    };
    if let Some(word) = ids
        .household_pages
        .iter()
        .find(|p| file.eq_ignore_ascii_case(p))
    {
        return household("householdPages", word);
    }
    if let Some(word) = ids
        .household_parameters
        .iter()
        .find(|p| params.iter().any(|q| q.eq_ignore_ascii_case(p)))
    {
        return household("householdParameters", word);
    }
    if let Some(word) = ids.household_path_segments.iter().find(|p| {
        segments
            .windows(2)
            .any(|w| w[0].eq_ignore_ascii_case(p) && !w[1].is_empty())
    }) {
        return household("householdPathSegments", word);
    }
    if let Some(word) = ids.household_hidden_inputs.iter().find(|p| {
        page.hidden_inputs
            .iter()
            .any(|i| i.name.eq_ignore_ascii_case(p) && !i.value.is_empty())
    }) {
        return household("householdHiddenInputs", word);
    }
    let heading = |synonyms: &[String]| {
        page.sections
            .iter()
            .filter_map(|s| s.heading.as_deref())
            .find(|h| label_is(h, synonyms))
            .map(str::to_owned)
    };
    if let (Some(members), None) = (
        heading(&profile.sections.members),
        heading(&profile.sections.personal),
    ) {
        return Some((
            RecordKind::Household,
            format!("sections.members \"{members}\""),
        ));
    }
    if let Some(personal) = heading(&profile.sections.personal) {
        return Some((
            RecordKind::Contact,
            format!("sections.personal \"{personal}\""),
        ));
    }
    let labels = &profile.labels;
    for (rule, synonyms) in [
        ("labels.firstName", &labels.first_name),
        ("labels.lastName", &labels.last_name),
    ] {
        let field = page
            .sections
            .iter()
            .flat_map(|s| &s.fields)
            .find(|f| label_is(&f.label, synonyms));
        if let Some(field) = field {
            return Some((RecordKind::Contact, format!("{rule} \"{}\"", field.label)));
        }
    }
    None
}

/// A value's shape, never the value: `empty`, `date`, `money`, `phone`,
/// `email`, `number` or `text(n)` (n characters).
pub fn shape(value: &str) -> String {
    let value = value.trim();
    if value.is_empty() {
        return "empty".into();
    }
    if matches!(parse_date(value), Ok(Some(_))) {
        return "date".into();
    }
    if value.contains('$') && matches!(parse_money(value), Ok(Some(_))) {
        return "money".into();
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if digits == value.chars().count() {
        return "number".into();
    }
    let phone_like = value
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-.+x".contains(c));
    if phone_like && (7..=15).contains(&digits) {
        return "phone".into();
    }
    if let Some((user, host)) = value.split_once('@') {
        if !user.is_empty() && host.contains('.') && !value.contains(' ') {
            return "email".into();
        }
    }
    format!("text({})", value.chars().count())
}

/// The distinct shapes of a column's cells, at most three.
fn column_shapes(table: &Table, at: usize) -> String {
    let mut shapes: Vec<String> = Vec::new();
    let mut more = false;
    for row in &table.rows {
        let shape = shape(row.cells.get(at).map_or("", |c| c.text.as_str()));
        if shapes.contains(&shape) {
            continue;
        }
        if shapes.len() == 3 {
            more = true;
            break;
        }
        shapes.push(shape);
    }
    if shapes.is_empty() {
        return "-".into();
    }
    let mut out = shapes.join(", ");
    if more {
        out.push_str(", …");
    }
    out
}

/// The profile's lists in a group (`labels`, `columns`, …) by their names
/// as written in the profile's JSON (`cellPhone`).
fn groups<T: Serialize>(group: &T) -> Vec<(String, Vec<String>)> {
    let Ok(Value::Object(object)) = serde_json::to_value(group) else {
        return Vec::new();
    };
    object
        .into_iter()
        .filter_map(|(key, value)| {
            let words: Vec<String> = serde_json::from_value(value).ok()?;
            Some((key, words))
        })
        .collect()
}

/// The names of the group's lists that `label` matches (`columns.kind`).
fn matching<T: Serialize>(group: &T, label: Option<&str>) -> Option<String> {
    let label = label?;
    let prefix = group_name(group);
    let keys: Vec<String> = groups(group)
        .into_iter()
        .filter(|(_, words)| label_is(label, words))
        .map(|(key, _)| format!("{prefix}.{key}"))
        .collect();
    (!keys.is_empty()).then(|| keys.join(" / "))
}

/// `labels`, `sections` or `columns`, told by a field only that group has.
fn group_name<T: Serialize>(group: &T) -> &'static str {
    let names: Vec<String> = groups(group).into_iter().map(|(k, _)| k).collect();
    if names.iter().any(|k| k == "cellPhone") {
        "labels"
    } else if names.iter().any(|k| k == "personal") {
        "sections"
    } else {
        "columns"
    }
}

fn heading_of(section: &Section) -> String {
    section
        .heading
        .clone()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "-".into())
}

/// `(path, query)` of an address, without its fragment.
fn split_address(address: &str) -> (&str, &str) {
    let address = address.split('#').next().unwrap_or_default();
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let path = path.find('/').map_or("", |at| &path[at..]);
    (path, query)
}

/// The frame's address without what could name the client: its host and
/// path, numbers in the path replaced by `{id}`, the query left out.
pub fn address_shape(address: &str) -> String {
    let address = address.split(['?', '#']).next().unwrap_or_default();
    let (scheme, rest) = address.split_once("://").unwrap_or(("", address));
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let path: Vec<String> = path
        .split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.chars().any(|c| c.is_ascii_digit()) {
                "{id}".to_owned()
            } else {
                segment.to_owned()
            }
        })
        .collect();
    let scheme = if scheme.is_empty() {
        String::new()
    } else {
        format!("{scheme}://")
    };
    format!("{scheme}{host}{}", path.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_tell_no_value() {
        assert_eq!(shape(""), "empty");
        assert_eq!(shape("04/12/1961"), "date");
        assert_eq!(shape("$1,234.56"), "money");
        assert_eq!(shape("(217) 555-0100"), "phone");
        assert_eq!(shape("ann@example.com"), "email");
        assert_eq!(shape("1001"), "number");
        assert_eq!(shape("Margaret"), "text(8)");
    }

    #[test]
    fn addresses_lose_their_query_and_ids() {
        assert_eq!(
            address_shape("https://acme.ez-data.com/ms/contact.htm?contactId=1001#x"),
            "https://acme.ez-data.com/ms/contact.htm"
        );
        assert_eq!(
            address_shape("https://wwwdr.ebixcrm.com/ms/contacts/1008"),
            "https://wwwdr.ebixcrm.com/ms/contacts/{id}"
        );
    }

    #[test]
    fn a_record_without_a_menu_and_a_menu_without_a_record_are_problems() {
        let menu = MenuProbe {
            menu_buttons: 1,
            ..MenuProbe::default()
        };
        assert_eq!(problem(true, &MenuProbe::default()), Some(Problem::NoMenu));
        assert_eq!(problem(false, &menu), Some(Problem::NotRecord));
        assert_eq!(problem(true, &menu), None);
        assert_eq!(problem(false, &MenuProbe::default()), None);
    }
}
