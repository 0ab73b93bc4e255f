//! What every type-to-narrow list shares (the service picker, the views list, the bulk label
//! list): moving the selection and editing the query.

use crate::tui::action::Action;

/// Applies `action` to a list of `len` shown items with a query: next/previous wrap around,
/// editing the query starts the selection over. Returns whether the action was one of these.
pub(super) fn edit_list(
    action: Action,
    query: &mut String,
    selected: &mut usize,
    len: usize,
) -> bool {
    match action {
        Action::SelectNext | Action::MoveDown => {
            if len > 0 {
                *selected = (*selected + 1) % len;
            }
        }
        Action::SelectPrev | Action::MoveUp => {
            if len > 0 {
                *selected = (*selected + len - 1) % len;
            }
        }
        Action::DeleteBack => {
            query.pop();
            *selected = 0;
        }
        Action::ClearInput => {
            query.clear();
            *selected = 0;
        }
        _ => return false,
    }
    true
}
