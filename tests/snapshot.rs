//! The walk from markup to a snapshot, one markup habit at a time.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use smartoffice_snapshot::{Field, Snapshot, TableCells};

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

/// The page module reads a table from its serialization (`outerHTML`) and
/// its fields' values: on every fixture's tables, and on markup that tries
/// the reading's corners, it reads what the element walk reads.
#[test]
fn tables_read_from_their_serialization_as_from_their_elements() {
    use smartoffice_snapshot::serialized::{decode_quick, decode_table};
    let corners = "<table>\
        <tfoot><tr><td>foot</td></tr></tfoot>\
        <thead><tr class=\"a &amp; b\"><th>Name</th><th>Type</th></tr></thead>\
        <tbody><tr><td><a name=\"x\">no link</a><b><a href=\"p.htm?a=1&amp;b=&quot;2&quot;\" title=\"x > y\">Lee,&nbsp;Ann</a></b>\
        <a href=\"second\">x</a></td><td>1 &lt; 2 &amp;&amp; 3 &gt; 2<br>next<!-- a <td>comment</td> --></td></tr>\
        <tr><td>before<script>var s = '</td><td>'; </script>after<style>td{}</style></td>\
        <td><select><option>one</option><option selected>two</option></select> <input value=\"later\"></td></tr>\
        <tr><td><input type=\"checkbox\" checked> yes</td><td><textarea>a &lt;b&gt;</textarea>\
        <input type=\"HIDDEN\" name=\"recNo\" value=\"1001\"><input type=\"hidden\" id=\"k\">\
        <input type=\"hidden\"></td><td>é ü \u{202e} 𝄞</td></tr></tbody>\
        <tr><td>a row of the table itself</td></tr>\
        </table>";
    let (mut read, mut quick) = (0, 0);
    let pages = std::fs::read_dir(support::fixtures_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .filter_map(|path| std::fs::read_to_string(path).ok())
        .chain([format!("<!doctype html><body>{corners}</body>")]);
    for page in pages {
        for table in support::tables_and_their_serializations(&page) {
            let whole = decode_table(&table.whole, usize::MAX);
            if table.cells.is_layout {
                assert!(whole.is_layout, "{}", table.whole);
            } else {
                assert_eq!(whole, table.cells, "{}", table.whole);
                let first_two = TableCells {
                    rows: table.cells.rows.iter().take(2).cloned().collect(),
                    ..table.cells.clone()
                };
                assert_eq!(decode_table(&table.whole, 2), first_two);
            }
            // The quick form reads the same, or asks for the whole.
            if let Some(cells) = decode_quick(&table.quick, usize::MAX) {
                if table.cells.is_layout {
                    assert!(cells.is_layout, "{}", table.quick);
                } else {
                    assert_eq!(cells, table.cells, "{}", table.quick);
                }
                quick += 1;
            }
            read += 1;
        }
    }
    assert!(
        read >= 40 && quick >= 20,
        "{read} tables, {quick} read quick"
    );
    let corners = support::tables_and_their_serializations(corners);
    let cells = &corners[0].cells;
    // The corners are there to be read: a few of them, as expected.
    assert_eq!(cells.rows[0].class, "a & b");
    assert_eq!(
        cells.rows[1].cells[0].href.as_deref(),
        Some("p.htm?a=1&b=\"2\"")
    );
    assert_eq!(
        cells.rows.last().map(|r| r.cells[0].text.as_str()),
        Some("foot")
    );
    assert_eq!(cells.hidden_inputs.len(), 2);
    assert_eq!(
        decode_quick(&corners[0].quick, usize::MAX),
        None,
        "it has fields"
    );
}

/// The quick form asks for the whole one at what it cannot tell, and tells
/// page layout itself.
#[test]
fn the_quick_form_reads_text_and_links_only() {
    use smartoffice_snapshot::serialized::decode_quick;
    let table = |inside: &str| {
        format!("<table><tbody><tr><td>a</td><td>{inside}</td></tr></tbody></table>")
    };
    for inside in [
        "<input value=\"x\">",
        "<select><option>one</option></select>",
        "<template><b>t</b></template>",
        "<!-- c -->",
        "<script>var x;</script>",
        "<noscript>n</noscript>",
    ] {
        assert_eq!(decode_quick(&table(inside), usize::MAX), None, "{inside}");
    }
    for inside in [
        "<h3>Heading</h3>",
        "<fieldset><legend>L</legend></fieldset>",
    ] {
        let read = decode_quick(&table(inside), usize::MAX);
        assert!(read.is_some_and(|cells| cells.is_layout), "{inside}");
    }
    let read = decode_quick(&table("<a href=\"x.htm\">b</a><br>c"), usize::MAX);
    let cell = read.as_ref().map(|cells| &cells.rows[0].cells[1]);
    assert_eq!(
        cell.map(|c| (c.text.as_str(), c.href.as_deref())),
        Some(("b c", Some("x.htm")))
    );
}

#[test]
fn a_layout_table_and_a_cut_serialization_read_safely() {
    use smartoffice_snapshot::serialized::decode_table;
    assert!(decode_table("L", usize::MAX).is_layout);
    assert_eq!(decode_table("", usize::MAX), TableCells::default());
    let cut = decode_table(
        "\u{1e}<table><tbody><tr class=\"x\"><td>Ann<a href=\"y",
        usize::MAX,
    );
    assert_eq!(cut.rows.len(), 1);
    assert_eq!(cut.rows[0].cells[0].text, "Ann");
    let odd = decode_table(
        "\u{1e}<table><tr =\"\" x=y><td>1</td></tr><tr><td>2</td><td>3",
        9,
    );
    assert_eq!(odd.rows.len(), 2);
}
