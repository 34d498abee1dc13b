//! Roles: what a label is for. The suggesters, the speaker picker and the
//! learned model read a label's role, never its id, so a project whose
//! labels are renamed or in another language (`Zitat`, `Sprecher`) gets
//! the same suggestions. A label saved without a role takes today's
//! default from its id (`quote`, `claim`, `entity`, `event`, and the
//! common entity-kind names) when it is read.

use serde::{Deserialize, Serialize};

use super::label::{LabelDef, LabelSet};

/// What spans of a label are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Someone's words in quotation marks, marks included.
    Quote,
    /// A statement that can be checked.
    Claim,
    /// The mention where a quote or claim is attributed (`he`, `the
    /// report`, `Mr. Reeves`), where a project keeps speakers apart from
    /// other entities.
    Speaker,
    /// A named thing of any kind (its kind in the `kind` attribute).
    Entity,
    /// A person.
    Person,
    /// An organisation.
    Organisation,
    /// A place.
    Place,
    /// Something that happened.
    Event,
    /// A date or time.
    Date,
    /// None of these: the suggesters leave the label alone.
    Other,
}

impl Role {
    /// Every role, in the order the label editor lists them.
    pub const ALL: [Role; 10] = [
        Role::Quote,
        Role::Claim,
        Role::Speaker,
        Role::Entity,
        Role::Person,
        Role::Organisation,
        Role::Place,
        Role::Event,
        Role::Date,
        Role::Other,
    ];

    /// The role in words, for the label editor.
    pub fn name(self) -> &'static str {
        match self {
            Role::Quote => "quote",
            Role::Claim => "claim",
            Role::Speaker => "speaker",
            Role::Entity => "entity (any kind)",
            Role::Person => "person",
            Role::Organisation => "organisation",
            Role::Place => "place",
            Role::Event => "event",
            Role::Date => "date or time",
            Role::Other => "other (no suggestions)",
        }
    }

    /// The role a label without one takes from its id: today's defaults
    /// and the names corpora commonly give entity kinds (`PER`, `ORG`,
    /// `LOC`, `GPE`, `DATE`).
    pub fn default_for(id: &str) -> Role {
        match id.to_lowercase().as_str() {
            "quote" | "quotation" | "direct_quote" => Role::Quote,
            "claim" => Role::Claim,
            "speaker" | "source" | "cue_source" => Role::Speaker,
            "entity" | "ent" | "mention" => Role::Entity,
            "person" | "per" | "pers" => Role::Person,
            "organisation" | "organization" | "org" => Role::Organisation,
            "place" | "location" | "loc" | "gpe" => Role::Place,
            "event" | "evt" => Role::Event,
            "date" | "time" | "timex" => Role::Date,
            _ => Role::Other,
        }
    }

    /// Whether spans of this role name someone or something a quote can
    /// be attributed to (the speaker picker's candidates).
    pub fn is_mention(self) -> bool {
        matches!(
            self,
            Role::Speaker | Role::Entity | Role::Person | Role::Organisation | Role::Place
        )
    }

    /// The relation a span of this role makes to its source when linked,
    /// and the source's name in the inspector's picker.
    pub fn source_link(self) -> Option<(&'static str, &'static str)> {
        match self {
            Role::Quote => Some(("said_by", "Speaker")),
            Role::Claim => Some(("claimed_by", "Claimant")),
            _ => None,
        }
    }
}

impl LabelDef {
    /// What the label is for: its own role, else the default for its id.
    pub fn role(&self) -> Role {
        self.role.unwrap_or_else(|| Role::default_for(&self.id))
    }

    /// The relation kind a span of this label makes when linked to its
    /// source (`said_by` for a quote, `claimed_by` for a claim), else
    /// `about`.
    pub fn link_kind(&self) -> &str {
        match (&self.link, self.role().source_link()) {
            (Some(kind), _) => kind,
            (None, Some((kind, _))) => kind,
            (None, None) => "about",
        }
    }
}

impl LabelSet {
    /// The role of the label with this id (`Other` for an unknown id).
    pub fn role_of(&self, id: &str) -> Role {
        self.get(id).map_or(Role::Other, LabelDef::role)
    }

    /// The first label with this role, in display order.
    pub fn with_role(&self, role: Role) -> Option<&LabelDef> {
        self.iter().find(|l| l.role() == role)
    }

    /// The id of the first label with this role.
    pub fn id_for(&self, role: Role) -> Option<&str> {
        self.with_role(role).map(|l| l.id.as_str())
    }

    /// Whether spans of the label with this id name someone or something.
    pub fn is_mention(&self, id: &str) -> bool {
        self.role_of(id).is_mention()
    }

    /// The label a mention of this kind (`person`, `organisation`,
    /// `location`, or none) is tagged with: the entity label if the project
    /// has one, else the label of that kind.
    pub fn mention_label(&self, kind: Option<&str>) -> Option<&str> {
        let of_kind = match kind {
            Some("person") => Some(Role::Person),
            Some("organisation" | "organization") => Some(Role::Organisation),
            Some("location" | "place") => Some(Role::Place),
            _ => None,
        };
        self.id_for(Role::Entity)
            .or_else(|| of_kind.and_then(|r| self.id_for(r)))
    }

    /// The label a speaker's mention is tagged with: the speaker label,
    /// else the entity label, else the person label.
    pub fn speaker_label(&self) -> Option<&str> {
        self.id_for(Role::Speaker)
            .or_else(|| self.id_for(Role::Entity))
            .or_else(|| self.id_for(Role::Person))
    }

    /// The relation kind that attributes a quote to its speaker: the quote
    /// label's link (`said_by` by default).
    pub fn attribution_kind(&self) -> &str {
        self.with_role(Role::Quote)
            .map_or("said_by", LabelDef::link_kind)
    }

    /// The relation kind spans of this label link with (`about` for an
    /// unknown label).
    pub fn link_kind_of(&self, id: &str) -> &str {
        self.get(id).map_or("about", LabelDef::link_kind)
    }

    /// Whether a span has at most one relation of `kind` (a quote one
    /// speaker, a claim one claimant).
    pub fn is_single_source(&self, kind: &str) -> bool {
        self.iter()
            .any(|l| l.role().source_link().is_some() && l.link_kind() == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Rgb;

    #[test]
    fn labels_saved_without_roles_take_todays_defaults() {
        let set = LabelSet::default();
        let roles: Vec<Role> = set.iter().map(LabelDef::role).collect();
        assert_eq!(roles, [Role::Quote, Role::Claim, Role::Entity, Role::Event]);
        assert_eq!(set.attribution_kind(), "said_by");
        assert_eq!(set.link_kind_of("claim"), "claimed_by");
        assert_eq!(set.link_kind_of("event"), "about");
        assert!(set.is_single_source("said_by") && !set.is_single_source("about"));
    }

    #[test]
    fn renamed_labels_keep_their_part() {
        let mut zitat = LabelDef::new("zitat", "Zitat", Rgb(1, 2, 3));
        zitat.role = Some(Role::Quote);
        zitat.link = Some("gesagt_von".into());
        let mut sprecher = LabelDef::new("sprecher", "Sprecher", Rgb(1, 2, 3));
        sprecher.role = Some(Role::Speaker);
        let set = LabelSet(vec![
            zitat,
            sprecher,
            LabelDef::new("ort", "Ort", Rgb(0, 0, 0)),
        ]);
        assert_eq!(set.id_for(Role::Quote), Some("zitat"));
        assert_eq!(set.speaker_label(), Some("sprecher"));
        assert_eq!(set.attribution_kind(), "gesagt_von");
        assert!(set.is_mention("sprecher") && !set.is_mention("ort"));
        assert_eq!(set.mention_label(Some("person")), None);
    }
}
