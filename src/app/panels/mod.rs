//! The window's panels, each with its state struct beside its `*_ui`
//! function: menus, label bar, status bar, document and span lists,
//! inspector, label editor, search bar, export dialog, modals.

pub mod agreement;
pub mod curation;
pub mod doc_info;
pub mod doc_list;
mod doc_order;
pub mod export_dialog;
pub mod guidelines;
pub mod inspector;
pub mod label_bar;
pub mod label_editor;
pub mod label_guidance;
pub mod menu_bar;
pub mod modals;
pub mod path_box;
pub mod safety;
pub mod search_bar;
pub mod span_list;
pub mod speaker;
pub mod statistics;
pub mod status_bar;
pub mod suggestions;
