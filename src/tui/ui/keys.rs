//! Key hints drawn from the active keymap (never written by hand).

use crate::domain::Dimension;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// The first key bound to `action` in normal mode, if any.
pub fn first_key(app: &App, action: Action) -> Option<String> {
    app.keymap.keys_for(Mode::Normal, action).into_iter().next()
}

/// The first key bound to `action` in `mode`, or `unbound` to say there is none.
pub fn mode_key(app: &App, mode: Mode, action: Action) -> String {
    app.keymap
        .keys_for(mode, action)
        .into_iter()
        .next()
        .unwrap_or_else(|| format!("(unbound: {action})"))
}

/// The keys that set the codes of a dimension in `mode`, in code order (`1-6`, `i b e`),
/// plus the keys of `extra` actions (the scope toggle, the service picker).
pub fn dimension_keys(app: &App, mode: Mode, dim: Dimension) -> String {
    let first = |action| app.keymap.keys_for(mode, action).into_iter().next();
    let mut keys: Vec<String> = (0..dim.codes().len() as u8)
        .filter_map(|code| first(Action::SetLabel(dim, code)))
        .collect();
    let extra = match dim {
        Dimension::Scope => Some(Action::ToggleScope),
        Dimension::Service => Some(Action::PickService),
        _ => None,
    };
    keys.extend(extra.and_then(first));
    compress(&keys)
}

/// Keys of several actions, each action's first key: `enter !`.
pub fn action_keys(app: &App, actions: &[Action]) -> String {
    let keys: Vec<String> = actions.iter().filter_map(|a| first_key(app, *a)).collect();
    compress(&keys)
}

/// `1 2 3 4 5 6` → `1-6`; anything else joined by spaces.
fn compress(keys: &[String]) -> String {
    let digits: Option<Vec<u32>> = keys
        .iter()
        .map(|k| {
            let mut chars = k.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => c.to_digit(10),
                _ => None,
            }
        })
        .collect();
    if let Some(d) = digits {
        if d.len() > 2 && d.windows(2).all(|w| w[1] == w[0] + 1) {
            return format!("{}-{}", d[0], d[d.len() - 1]);
        }
    }
    keys.join(" ")
}

#[cfg(test)]
mod tests {
    use super::compress;

    #[test]
    fn runs_of_digits_are_compressed() {
        let keys = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert_eq!(compress(&keys("1 2 3 4 5 6")), "1-6");
        assert_eq!(compress(&keys("i b e")), "i b e");
        assert_eq!(compress(&keys("1 3")), "1 3");
        assert_eq!(compress(&[]), "");
    }
}
