//! The walk from markup to a snapshot, one markup habit at a time.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use smartoffice_snapshot::{Field, Snapshot};

fn read(body: &str) -> Snapshot {
    support::snapshot_of(
        &format!("<!doctype html><html><body>{body}</body></html>"),
        "https://a.example/x",
    )
}

fn fields(snapshot: &Snapshot, heading: &str) -> Vec<(String, String)> {
    snapshot
        .sections
        .iter()
        .filter(|s| s.heading.as_deref() == Some(heading))
        .flat_map(|s| s.fields.iter())
        .map(|Field { label, value }| (label.clone(), value.clone()))
        .collect()
}

fn pair(label: &str, value: &str) -> (String, String) {
    (label.to_string(), value.to_string())
}

#[test]
fn labels_find_their_values_every_way() {
    let page = read(
        "<h3>A</h3>\
         <label for='later'>One<span class='required'>*</span></label><p>noise</p>\
         <label>Two: <select><option>x</option><option selected>y</option></select></label>\
         <label>Three</label><span>3&nbsp;&nbsp;3</span>\
         <dl><dt>Four</dt><dd><input value='4'></dd></dl>\
         <label>Five <select><option>first</option><option>second</option></select></label>\
         <input id='later' value='1'>",
    );
    assert_eq!(
        fields(&page, "A"),
        vec![
            pair("One*", "1"),
            pair("Two:", "y"),
            pair("Three", "3 3"),
            pair("Four", "4"),
            pair("Five", "first")
        ]
    );
}

#[test]
fn table_rows_pair_labels_with_cells_and_fields() {
    let page = read(
        "<fieldset><legend>B</legend><table>\
         <tr><th>One:</th><td>1</td><td>Two</td><td><input value='2'></td></tr>\
         <tr><td><label>Three <textarea>line\nbreak</textarea></label></td></tr>\
         <tr><td>Four</td><td><input type='checkbox' checked></td></tr>\
         </table></fieldset>",
    );
    assert_eq!(
        fields(&page, "B"),
        vec![
            pair("One:", "1"),
            pair("Two", "2"),
            pair("Three", "line break"),
            pair("Four", "✓")
        ]
    );
}

#[test]
fn header_rows_make_data_tables() {
    let page = read(
        "<h2>C</h2><table><thead><tr><td>Name</td><td>Kind</td></tr></thead>\
         <tbody><tr class='x'><td><a href='r.htm?id=1'>Lee, Ann</a></td><td>Wife</td></tr></tbody></table>\
         <table><tr><th>Only</th></tr><tr><td>one</td></tr></table>",
    );
    let section = &page.sections[0];
    assert_eq!(section.tables.len(), 1);
    let table = &section.tables[0];
    assert_eq!(table.header, vec!["Name", "Kind"]);
    assert_eq!(table.rows[0].class, "x");
    assert_eq!(table.rows[0].cells[0].href.as_deref(), Some("r.htm?id=1"));
    // A one-column "header" is neither a table nor a label with a value.
    assert!(fields(&page, "C").is_empty());
}

#[test]
fn layout_tables_are_walked_inside() {
    let page = read(
        "<table class='layout'><tr><td>Top</td><td>t</td>\
         <td><h4>D</h4><table><tr><td>Inner</td><td>i</td></tr></table></td></tr></table>\
         <input type='hidden' name='rid' value='42'>",
    );
    assert_eq!(
        page.sections[0].fields,
        vec![Field {
            label: "Top".into(),
            value: "t".into()
        }]
    );
    assert_eq!(fields(&page, "D"), vec![pair("Inner", "i")]);
    assert_eq!(page.hidden_inputs[0].value, "42");
}

#[test]
fn scripts_and_styles_are_not_text() {
    let page = read("<h2>E</h2><table><tr><td>Name<script>var x = 1;</script><style>p{}</style></td><td>Ann<br>Lee</td></tr></table>");
    assert_eq!(fields(&page, "E"), vec![pair("Name", "Ann Lee")]);
}
