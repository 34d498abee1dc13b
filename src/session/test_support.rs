//! What the session's unit tests share: a one-document session and a way
//! to apply what a rule proposes.

use super::{Outcome, Proposal, Session};
use crate::model::{Document, Project};

/// The one document's text: a quote, its speaker, and more mentions.
pub const TEXT: &str = "“We are satisfied,” said Peskov. Peskov left. Peskov";

/// A session on one document holding [`TEXT`].
pub fn session() -> Session {
    let mut p = Project::new("t");
    p.documents.push(Document::new("d", "D", TEXT));
    Session::new(p, None)
}

/// Apply what `rule` proposes (a refusal or a failure fails the test).
pub fn apply(s: &mut Session, rule: impl Fn(&Session) -> Outcome) -> Proposal {
    let proposal = rule(s).unwrap_or_else(|e| panic!("refused: {e}"));
    if let Err(e) = s.apply(proposal.change.clone()) {
        panic!("{e}");
    }
    proposal
}
