//! The domain: taxonomy codes and names, cases, changes, amounts (and Korean money as people
//! write it), counts, the filter language and the selection of cases by it. No I/O here.

pub mod amount;
pub mod case;
pub mod case_set;
pub mod change;
pub mod counts;
pub mod filter;
pub mod money;
pub mod nearest;
pub mod preview;
pub mod published;
pub mod select;
pub mod suggestion;
pub mod suggestions;
pub mod taxonomy;

pub use amount::format_amount;
pub use case::{Case, Labels};
pub use case_set::CaseSet;
pub use change::{field_text, Change, ChangeError, Field};
pub use counts::{format_percent, format_share, share, Counts};
pub use filter::{Filter, FilterError};
pub use money::{parse_amount, parse_digits, AmountError};
pub use select::Selector;
pub use suggestion::{CaseSuggestion, Suggested, SuggestedAmount, CONFIDENT};
pub use suggestions::{Suggestions, SuggestionsById};
pub use taxonomy::{CodeInfo, Dimension, Status, UnknownCode, MAX_CODES};
