//! PDFs written from the specification (ISO 32000) for the PDF tests:
//! objects, streams, pages with their own resources and rotation, form
//! XObjects, the standard Helvetica, and composite (Type 0) fonts whose
//! text comes from a `ToUnicode` map, a predefined CJK character map or a
//! character map embedded in the file.

/// A PDF under construction: its objects, numbered from 1.
#[derive(Default)]
pub(crate) struct Writer {
    objects: Vec<Vec<u8>>,
    pages: Vec<usize>,
}

/// A string as a PDF literal string, escaped.
pub(crate) fn literal(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('(', "\\(")
        .replace(')', "\\)");
    format!("({escaped})")
}

/// Bytes as a PDF hexadecimal string.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let digits: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("<{digits}>")
}

impl Writer {
    /// Add an object (its dictionary or value); its number.
    pub(crate) fn add(&mut self, body: impl AsRef<[u8]>) -> usize {
        self.objects.push(body.as_ref().to_vec());
        self.objects.len()
    }

    /// Add a stream with the entries of `dict` (without `/Length`).
    pub(crate) fn stream(&mut self, dict: &str, data: &[u8]) -> usize {
        let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// The standard Helvetica (WinAnsiEncoding, no widths: the reader's own).
    pub(crate) fn helvetica(&mut self) -> usize {
        self.add(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        )
    }

    /// A composite font: two-byte codes through `encoding` (a predefined
    /// CMap's name such as `/Identity-H`, or `N 0 R` for an embedded one),
    /// a CIDFont of `ordering` without an embedded program, every glyph
    /// 1000 units wide, and a `ToUnicode` map of `to_unicode` (code, text)
    /// if given.
    pub(crate) fn type0(
        &mut self,
        encoding: &str,
        ordering: &str,
        to_unicode: Option<&[(u16, &str)]>,
    ) -> usize {
        self.type0_with(encoding, ordering, to_unicode, "/DW 1000")
    }

    /// [`Writer::type0`] with the CIDFont's widths given by `widths` (its
    /// `/DW` and `/W` entries, or nothing: 1000 units by the default).
    pub(crate) fn type0_with(
        &mut self,
        encoding: &str,
        ordering: &str,
        to_unicode: Option<&[(u16, &str)]>,
        widths: &str,
    ) -> usize {
        let descriptor = self.add(
            "<< /Type /FontDescriptor /FontName /SpanmarkSans /Flags 4 /FontBBox [0 -200 1000 800] \
             /ItalicAngle 0 /Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
        );
        let cid = self.add(format!(
            "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SpanmarkSans \
             /CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 0 >> \
             /FontDescriptor {descriptor} 0 R {widths} >>"
        ));
        let unicode = to_unicode.map(|map| {
            let cmap = to_unicode_cmap(map);
            format!(" /ToUnicode {} 0 R", self.stream("", cmap.as_bytes()))
        });
        self.add(format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /SpanmarkSans /Encoding {encoding} \
             /DescendantFonts [{cid} 0 R]{} >>",
            unicode.unwrap_or_default()
        ))
    }

    /// Add a page of `width` × `height` points drawing `content`, with the
    /// fonts and form XObjects of `resources` (e.g. `/Font << /F1 3 0 R >>`)
    /// and the extra page entries of `extra` (e.g. `/Rotate 90`).
    pub(crate) fn page(&mut self, size: (f64, f64), resources: &str, extra: &str, content: &[u8]) {
        let contents = self.stream("", content);
        let page = self.add(format!(
            "<< /Type /Page /Parent PAGES /MediaBox [0 0 {} {}] /Resources << {resources} >> \
             /Contents {contents} 0 R {extra} >>",
            size.0, size.1
        ));
        self.pages.push(page);
    }

    /// The file, with a document information dictionary of `info` entries
    /// (e.g. `/Title (…)`) if given.
    pub(crate) fn finish(mut self, info: Option<&str>) -> Vec<u8> {
        let kids: Vec<String> = self.pages.iter().map(|p| format!("{p} 0 R")).collect();
        let pages = self.add(format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            kids.len()
        ));
        let parent = format!("{pages} 0 R");
        for p in &self.pages {
            let body = String::from_utf8_lossy(&self.objects[p - 1]).replace("PAGES", &parent);
            self.objects[p - 1] = body.into_bytes();
        }
        let root = self.add(format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
        let info = info.map(|i| self.add(format!("<< {i} >>")));
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (k, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", k + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        let info = info.map_or(String::new(), |i| format!(" /Info {i} 0 R"));
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R{info} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// A `ToUnicode` CMap of two-byte codes (ISO 32000-1, 9.10.3).
pub(crate) fn to_unicode_cmap(map: &[(u16, &str)]) -> String {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Spanmark-UCS def /CMapType 2 def\n\
         1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for chunk in map.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
            out.push_str(&format!("<{code:04X}> {}\n", hex(&utf16)));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
    out
}

/// Codes for the characters of `texts` (from 1, in order of first use),
/// and the map from code to character for a `ToUnicode` CMap.
pub(crate) fn codes(texts: &[&str]) -> (Vec<Vec<u16>>, Vec<(u16, String)>) {
    let mut map: Vec<(u16, String)> = Vec::new();
    let encoded = texts
        .iter()
        .map(|t| {
            t.chars()
                .map(|c| {
                    let s = c.to_string();
                    match map.iter().find(|(_, m)| *m == s) {
                        Some((code, _)) => *code,
                        None => {
                            let code = u16::try_from(map.len() + 1).unwrap_or(u16::MAX);
                            map.push((code, s));
                            code
                        }
                    }
                })
                .collect()
        })
        .collect();
    (encoded, map)
}

/// Two-byte codes as a hexadecimal string.
pub(crate) fn hex_codes(codes: &[u16]) -> String {
    let bytes: Vec<u8> = codes.iter().flat_map(|c| c.to_be_bytes()).collect();
    hex(&bytes)
}

/// US Letter.
pub(crate) const LETTER: (f64, f64) = (612.0, 792.0);
