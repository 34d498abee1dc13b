//! The test suite in one binary: every test file but the image snapshots is
//! a module here. Linked one per file, each was a ~480 MB executable (the
//! whole window and its libraries), which filled CI's disk and cost a link
//! per file; as one binary the libraries are linked once.
//!
//! Run one file's tests with its module name: `cargo test --test suite gui_depth::`.

mod cli_support;
mod common;
mod git_support;

mod agree;
mod assign;
mod cli;
mod export_filters;
mod folder;
mod folder_import;
mod formats;
mod full_disk;
mod fuzz;
mod guidelines;
mod import;
mod interop;
mod interop_files;
mod interop_tasks;
mod journal_golden;
mod layering;
mod learn;
mod merge;
mod parking;
mod pdf;
mod pdf_layouts;
mod pdf_writer;
mod properties;
mod roles;
mod safety_cli;
mod sample;
mod save_faults;
mod suggest;
mod summary_cache;
mod synth;
mod trust_cli;
mod web;

mod gui;
mod gui_bidi;
mod gui_clusters;
mod gui_comfort;
mod gui_day;
mod gui_depth;
mod gui_folder;
mod gui_history;
mod gui_interop;
mod gui_keyboard;
mod gui_learn;
mod gui_one_path;
mod gui_parking;
mod gui_precision;
mod gui_projects;
mod gui_reading;
mod gui_relations;
mod gui_safety;
mod gui_suggest;
mod gui_team;
mod gui_trust;
