//! Compiled clauses: what [`super::Filter::parse`] turns each `FIELD OP VALUE` into, and what
//! `eval.rs` matches and `sets.rs` reasons about.

use super::derived::{DerivedField, Suggestable};
use super::eval;
use super::fields::FieldKind;
use crate::domain::taxonomy::{Dimension, MAX_CODES};

/// `<`, `<=`, `>`, `>=`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// The string fields matched exactly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TextField {
    Id,
    UpdatedBy,
    Channel,
}

/// `received_at` as compared: its first ten bytes as a number (see [`eval::day_key`]).
pub(super) type Day = u128;

/// A compiled clause. `negate` turns "any of" (`=`) into "none of" (`!=`); `none` says whether
/// "not set" is in the list.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Clause {
    /// Bit `i` of `set` is code index `i`; [`eval::NONE_BIT`] is "unlabelled".
    Label {
        dim: Dimension,
        set: u32,
        negate: bool,
    },
    /// Bit `i` is `Status::ALL[i]`.
    Status {
        set: u8,
        negate: bool,
    },
    AmountIn {
        values: Box<[i64]>,
        none: bool,
        negate: bool,
    },
    AmountCmp {
        cmp: Cmp,
        value: i64,
    },
    Text {
        field: TextField,
        values: Box<[Box<str>]>,
        none: bool,
        negate: bool,
    },
    DayIn {
        values: Box<[Day]>,
        none: bool,
        negate: bool,
    },
    DayCmp {
        cmp: Cmp,
        day: Day,
    },
    /// `outcome` or `rule`: holds only when the derived value is known.
    Derived {
        field: DerivedField,
        values: Box<[Box<str>]>,
        negate: bool,
    },
    /// `changed`: bit 0 is `no`, bit 1 `yes`; holds only when the comparison is known.
    Changed {
        set: u8,
        negate: bool,
    },
    /// `suggested_FIELD` of a label, as [`Clause::Label`] over the suggested code ("none":
    /// nothing suggested). This and the other suggestion clauses hold only when the
    /// suggestions are known.
    SuggestedLabel {
        dim: Dimension,
        set: u32,
        negate: bool,
    },
    SuggestedAmountIn {
        values: Box<[i64]>,
        none: bool,
        negate: bool,
    },
    SuggestedAmountCmp {
        cmp: Cmp,
        value: i64,
    },
    /// `FIELD_confidence<0.5`: never holds where nothing is suggested.
    ConfidenceCmp {
        of: Suggestable,
        cmp: Cmp,
        /// In [0, 1], never NaN.
        value: f32,
    },
    /// `FIELD_confidence=none` (nothing suggested), `!=none` (something is).
    ConfidenceNone {
        of: Suggestable,
        negate: bool,
    },
    /// `agrees`: bit 0 is `no`, bit 1 `yes`, bit 2 `none` (nothing suggested).
    Agrees {
        set: u8,
        negate: bool,
    },
}

// The one float in a clause, a confidence, is never NaN (see `compile.rs`), so equality is an
// equivalence.
impl Eq for Clause {}

impl Clause {
    /// The canonical name of the clause's field.
    pub(super) fn field_name(&self) -> &'static str {
        let kind = match self {
            Clause::Label { dim, .. } => FieldKind::Label(*dim),
            Clause::Status { .. } => FieldKind::Status,
            Clause::AmountIn { .. } | Clause::AmountCmp { .. } => FieldKind::Amount,
            Clause::Text { field, .. } => match field {
                TextField::Id => FieldKind::Id,
                TextField::UpdatedBy => FieldKind::UpdatedBy,
                TextField::Channel => FieldKind::Channel,
            },
            Clause::DayIn { .. } | Clause::DayCmp { .. } => FieldKind::ReceivedAt,
            Clause::Derived { field, .. } => match field {
                DerivedField::Outcome => FieldKind::Outcome,
                DerivedField::Rule => FieldKind::Rule,
            },
            Clause::Changed { .. } => FieldKind::Changed,
            Clause::SuggestedLabel { dim, .. } => FieldKind::Suggested(*dim),
            Clause::SuggestedAmountIn { .. } | Clause::SuggestedAmountCmp { .. } => {
                FieldKind::SuggestedAmount
            }
            Clause::ConfidenceCmp { of, .. } | Clause::ConfidenceNone { of, .. } => match of {
                Suggestable::Label(dim) => FieldKind::LabelConfidence(*dim),
                Suggestable::Amount => FieldKind::AmountConfidence,
            },
            Clause::Agrees { .. } => FieldKind::Agrees,
        };
        kind.name()
    }

    /// Whether the clause reads the case's suggestions.
    pub(super) fn uses_suggestions(&self) -> bool {
        matches!(
            self,
            Clause::SuggestedLabel { .. }
                | Clause::SuggestedAmountIn { .. }
                | Clause::SuggestedAmountCmp { .. }
                | Clause::ConfidenceCmp { .. }
                | Clause::ConfidenceNone { .. }
                | Clause::Agrees { .. }
        )
    }
}

// Label sets are bitmasks over code indices with one spare bit for "none".
const _: () = assert!(MAX_CODES < eval::NONE_BIT as usize);
