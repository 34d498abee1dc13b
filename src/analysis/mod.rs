//! Analysis over documents: search (and later statistics, agreement, suggestions).

pub mod agree;
pub mod merge;
pub mod search;
pub mod suggest;
