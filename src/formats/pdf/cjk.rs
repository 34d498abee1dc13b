//! CJK text in a composite font that embeds its program but gives no
//! `ToUnicode` map: its character collection (Adobe-Japan1, GB1, CNS1 or
//! Korea1) maps its CIDs to Unicode through the collection's UCS2 CMap
//! (`hayro-cmap` carries them), as poppler does with poppler-data.

use std::collections::HashMap;
use std::ops::Deref;

use hayro_interpret::hayro_cmap::{self, BfString, CMap, CidFamily};
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::hayro_syntax::object::{Array, Dict, Name, Stream};

/// The UCS2 maps of a PDF's CJK fonts that lack a `ToUnicode` map, by
/// the font's name (its subset prefix dropped).
#[derive(Default)]
pub(super) struct Collections {
    fonts: HashMap<String, usize>,
    maps: Vec<CMap>,
    loaded: HashMap<Vec<u8>, usize>,
}

impl Collections {
    /// Look through the fonts of every page (and of the forms it draws).
    pub(super) fn of(pdf: &Pdf) -> Self {
        let mut out = Collections::default();
        for page in pdf.pages().iter() {
            let resources = page.resources();
            out.scan(&resources.fonts);
            for key in resources.x_objects.keys() {
                let form = resources.x_objects.get::<Stream<'_>>(key.deref());
                if let Some(fonts) = form
                    .and_then(|f| f.dict().get::<Dict<'_>>(b"Resources"))
                    .and_then(|r| r.get::<Dict<'_>>(b"Font"))
                {
                    out.scan(&fonts);
                }
            }
        }
        out
    }

    fn scan(&mut self, fonts: &Dict<'_>) {
        for key in fonts.keys() {
            let Some(font) = fonts.get::<Dict<'_>>(key.deref()) else {
                continue;
            };
            if self.fonts.len() > 1000 || font.contains_key(b"ToUnicode") {
                continue;
            }
            let identity = font
                .get::<Name<'_>>(b"Encoding")
                .is_some_and(|e| e.as_str().starts_with("Identity-"));
            let Some(name) = font.get::<Name<'_>>(b"BaseFont") else {
                continue;
            };
            let Some(info) = font
                .get::<Array<'_>>(b"DescendantFonts")
                .and_then(|d| d.iter::<Dict<'_>>().next())
                .and_then(|d| d.get::<Dict<'_>>(b"CIDSystemInfo"))
            else {
                continue;
            };
            let part = |k: &[u8]| {
                info.get::<hayro_interpret::hayro_syntax::object::String<'_>>(k)
                    .map(|s| s.as_bytes().to_vec())
            };
            let (Some(registry), Some(ordering)) = (part(b"Registry"), part(b"Ordering")) else {
                continue;
            };
            if !identity {
                continue;
            }
            if let Some(map) = self.load(&registry, &ordering) {
                let base = name.as_str();
                let base = base.split_once('+').map_or(base, |(_, b)| b);
                self.fonts.insert(base.to_owned(), map);
            }
        }
    }

    /// The collection's UCS2 map, parsed once.
    fn load(&mut self, registry: &[u8], ordering: &[u8]) -> Option<usize> {
        let key = [registry, b"-", ordering].concat();
        if let Some(k) = self.loaded.get(&key) {
            return Some(*k);
        }
        let family = CidFamily::from_registry_ordering(registry, ordering);
        let data = hayro_cmap::load_embedded(family.ucs2_cmap()?)?;
        let map = CMap::parse(data, hayro_cmap::load_embedded)?;
        self.maps.push(map);
        self.loaded.insert(key, self.maps.len() - 1);
        Some(self.maps.len() - 1)
    }

    /// The text of CID `cid` in the font named `font`, if it is one of them.
    pub(super) fn text(&self, font: &str, cid: u32) -> Option<String> {
        let map = self.maps.get(*self.fonts.get(font)?)?;
        match map.lookup_bf_string(cid)? {
            BfString::Char(c) => Some(c.to_string()),
            BfString::String(s) => Some(s),
        }
    }
}
