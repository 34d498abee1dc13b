//! Spanmark: annotate spans of text (quotes, claims, entities, events) in
//! news articles, save them as RON projects, export labelled datasets.
//!
//! Dependencies point one way: `app` and `cli` use `session`, which uses
//! `formats`, `store` and `analysis`, which use `model`; nothing but `app`
//! knows egui, and `model` knows nothing of files (`tests/layering.rs`
//! checks it). The test kits (synthetic projects, the fuzz driver) live in
//! their own crate, `testkit/`, outside the shipped library.

pub mod analysis;
pub mod cli;
pub mod formats;
pub mod model;
pub mod session;
pub mod store;

#[cfg(feature = "gui")]
pub mod app;
