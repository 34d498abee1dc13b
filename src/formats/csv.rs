//! CSV: a header row, then one row per span (RFC 4180: CRLF line ends,
//! fields quoted where they need it), written with the `csv` crate.
//!
//! Columns: `document, span_id, start, end, label, text, attributes, note,
//! annotator`. `label` is the label's name as it came (see
//! [`crate::model::LabelDef::export_name`]); `attributes` is a JSON object
//! (`{}` when none); `annotator` lists everyone who made the span (`, `
//! between names). What a row cannot hold is counted by
//! [`super::lost::count`].

use crate::model::LabelSet;

use super::ExportDoc;

/// The header row.
const HEADER: [&str; 9] = [
    "document",
    "span_id",
    "start",
    "end",
    "label",
    "text",
    "attributes",
    "note",
    "annotator",
];

/// Write one row per span.
pub fn write_csv(docs: &[ExportDoc<'_>], labels: &LabelSet) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a row that somehow did would be the
    // only thing missing, so the rest is still written.
    let _ = writer.write_record(HEADER);
    for d in docs {
        let chars = crate::model::text::CharMap::new(&d.doc.text);
        for s in &d.spans {
            let text = chars.slice(&d.doc.text, s.start, s.end).unwrap_or("");
            let attrs = serde_json::to_string(&s.attrs).unwrap_or_else(|_| "{}".to_owned());
            let label = labels
                .get(&s.label)
                .map_or(s.label.as_str(), |l| l.export_name());
            let makers = s.makers().join(", ");
            let _ = writer.write_record([
                d.doc.id.as_str(),
                &s.id.0.to_string(),
                &s.start.to_string(),
                &s.end.to_string(),
                label,
                text,
                &attrs,
                s.note().unwrap_or(""),
                &makers,
            ]);
        }
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
