//! Spanmark: annotate spans of text (quotes, claims, entities, events) in
//! news articles, save them as RON projects, export labelled datasets.
//!
//! Dependencies point one way: `app` and `cli` use `store` and `model`;
//! `model` knows nothing of files or egui.

pub mod analysis;
pub mod cli;
pub mod formats;
pub mod model;
pub mod store;
pub mod synth;

#[cfg(feature = "gui")]
pub mod app;
