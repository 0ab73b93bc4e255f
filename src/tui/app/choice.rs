//! What every list with a selection shares (the pickers, the views, the menus): moving the
//! selection with wrap-around.

use crate::tui::action::Action;

/// Applies `action` to the selection of a list of `len` items: next/previous wrap around.
/// Returns whether the action was one of these.
pub(super) fn move_selection(action: Action, selected: &mut usize, len: usize) -> bool {
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
        Action::First => *selected = 0,
        Action::Last => *selected = len.saturating_sub(1),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_around() {
        let mut selected = 0;
        assert!(move_selection(Action::SelectPrev, &mut selected, 3));
        assert_eq!(selected, 2);
        assert!(move_selection(Action::SelectNext, &mut selected, 3));
        assert_eq!(selected, 0);
        assert!(move_selection(Action::Last, &mut selected, 3));
        assert_eq!(selected, 2);
        assert!(!move_selection(Action::Accept, &mut selected, 3));
        assert!(move_selection(Action::SelectNext, &mut selected, 0));
        assert_eq!(selected, 2, "an empty list keeps the selection");
    }
}
