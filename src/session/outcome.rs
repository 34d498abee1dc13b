//! What a rule answers: a [`Proposal`] (the change, what to say, what to
//! select), or a [`Refusal`] (nothing to do, said or not).

use crate::model::{Change, SpanId};

/// A change to apply, what to say when it worked, and what to select.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// The change.
    pub change: Change,
    /// Status message once applied.
    pub message: String,
    /// The span to select afterwards, if any.
    pub select: Option<SpanId>,
}

/// Why a rule proposes nothing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Nothing to do, and nothing worth saying (a handle let go where it
    /// was).
    Quiet,
    /// Nothing to do: the person is told why.
    Say(String),
}

impl Refusal {
    /// What to tell the person, if anything.
    pub fn message(&self) -> Option<&str> {
        match self {
            Refusal::Quiet => None,
            Refusal::Say(why) => Some(why),
        }
    }
}

impl From<String> for Refusal {
    fn from(why: String) -> Self {
        Refusal::Say(why)
    }
}

impl From<&str> for Refusal {
    fn from(why: &str) -> Self {
        Refusal::Say(why.to_owned())
    }
}

impl std::error::Error for Refusal {}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message().unwrap_or(""))
    }
}

/// A proposal, or why there is nothing to do.
pub type Outcome = Result<Proposal, Refusal>;
