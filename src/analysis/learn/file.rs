//! The model file: CBOR (serde), beginning with a magic string and the
//! format number, saved beside the project: `NAME.model` next to a
//! `NAME.ron` project, `model.bin` inside a `NAME.spanmark/` folder
//! project. Written atomically; a model never changes the project, and a
//! missing or outdated file is simply trained again.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::LearnError;
use super::model::{MODEL_FORMAT, Model};

/// What every model file begins with.
const MAGIC: &str = "spanmark-model";

#[derive(Serialize)]
struct Out<'a> {
    magic: &'a str,
    format: u32,
    model: &'a Model,
}

#[derive(Deserialize)]
struct Header {
    magic: String,
    format: u32,
}

#[derive(Deserialize)]
struct In {
    model: Model,
}

/// Where the model of the project at `project` lives (see
/// [`crate::store::model_path`]).
pub fn model_path(project: &Path) -> PathBuf {
    crate::store::model_path(project)
}

/// The model as bytes.
pub fn to_bytes(model: &Model) -> Result<Vec<u8>, LearnError> {
    let mut out = Vec::new();
    let file = Out {
        magic: MAGIC,
        format: MODEL_FORMAT,
        model,
    };
    ciborium::into_writer(&file, &mut out).map_err(|e| LearnError::Encode(e.to_string()))?;
    Ok(out)
}

/// A model from bytes (its format checked first).
pub fn from_bytes(bytes: &[u8]) -> Result<Model, LearnError> {
    let header: Header =
        ciborium::from_reader(bytes).map_err(|e| LearnError::Decode(e.to_string()))?;
    if header.magic != MAGIC {
        return Err(LearnError::Decode("not a Spanmark model".to_owned()));
    }
    if header.format != MODEL_FORMAT {
        return Err(LearnError::Format {
            found: header.format,
        });
    }
    let file: In = ciborium::from_reader(bytes).map_err(|e| LearnError::Decode(e.to_string()))?;
    let mut model = file.model;
    model.prepare();
    Ok(model)
}

/// Write `model` to `path` atomically.
pub fn save(model: &Model, path: &Path) -> Result<(), LearnError> {
    let bytes = to_bytes(model)?;
    crate::store::write_atomic(path, &bytes).map_err(|e| LearnError::Io {
        path: path.to_owned(),
        source: e,
    })
}

/// Read the model at `path`.
pub fn load(path: &Path) -> Result<Model, LearnError> {
    let bytes = std::fs::read(path).map_err(|e| LearnError::Io {
        path: path.to_owned(),
        source: e,
    })?;
    from_bytes(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_lives_beside_the_project() {
        assert_eq!(
            model_path(Path::new("/p/desk.ron")),
            Path::new("/p/desk.model")
        );
        assert_eq!(
            model_path(Path::new("/p/desk.spanmark")),
            Path::new("/p/desk.spanmark/model.bin")
        );
        assert_eq!(
            model_path(Path::new("/p/desk.spanmark/project.ron")),
            Path::new("/p/desk.spanmark/model.bin")
        );
    }

    #[test]
    fn garbage_and_other_formats_are_refused() {
        assert!(matches!(
            from_bytes(b"nonsense"),
            Err(LearnError::Decode(_))
        ));
        let mut bytes = Vec::new();
        #[derive(Serialize)]
        struct Future<'a> {
            magic: &'a str,
            format: u32,
        }
        ciborium::into_writer(
            &Future {
                magic: MAGIC,
                format: 99,
            },
            &mut bytes,
        )
        .unwrap_or_default();
        assert!(matches!(
            from_bytes(&bytes),
            Err(LearnError::Format { found: 99 })
        ));
    }
}
