//! Spanmark: annotate spans of text (quotes, claims, entities, events) in
//! news articles, save them as RON projects, export labelled datasets.
//!
//! Dependencies point one way: `app` and `cli` use `session`, which uses
//! `formats`, `store` and `analysis`, which use `model`; nothing but `app`
//! knows egui, and `model` knows nothing of files.

pub mod analysis;
pub mod cli;
pub mod formats;
pub mod fuzz;
pub mod model;
pub mod session;
pub mod store;
pub mod synth;

#[cfg(feature = "gui")]
pub mod app;
