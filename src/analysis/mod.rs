//! Analysis over documents: search (and later statistics, agreement, suggestions).

pub mod search;
