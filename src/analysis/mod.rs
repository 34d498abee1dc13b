//! Analysis over documents: search, statistics, agreement, merging and
//! curation, suggestions.

pub mod agree;
pub mod examples;
pub mod learn;
pub mod merge;
pub mod search;
pub mod stats;
pub mod suggest;
