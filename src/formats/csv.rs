//! CSV: a header row, then one row per span (RFC 4180 quoting).
//!
//! Columns: `document, span_id, start, end, label, text, attributes, note,
//! annotator`. `attributes` is a JSON object (`{}` when none).

use super::ExportDoc;

/// Quote a field if it needs it (comma, quote, CR or LF), doubling quotes.
fn field(out: &mut String, value: &str) {
    if value.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Write one row per span.
pub fn write_csv(docs: &[ExportDoc<'_>]) -> String {
    let mut out =
        String::from("document,span_id,start,end,label,text,attributes,note,annotator\r\n");
    for d in docs {
        let chars = crate::model::text::CharMap::new(&d.doc.text);
        for s in &d.spans {
            let text = chars.slice(&d.doc.text, s.start, s.end).unwrap_or("");
            let attrs = serde_json::to_string(&s.attrs).unwrap_or_else(|_| "{}".to_owned());
            let start = s.start.to_string();
            let end = s.end.to_string();
            let id = s.id.0.to_string();
            let row: [&str; 9] = [
                &d.doc.id,
                &id,
                &start,
                &end,
                &s.label,
                text,
                &attrs,
                s.note.as_deref().unwrap_or(""),
                s.annotator.as_deref().unwrap_or(""),
            ];
            for (i, v) in row.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                field(&mut out, v);
            }
            out.push_str("\r\n");
        }
    }
    out
}
