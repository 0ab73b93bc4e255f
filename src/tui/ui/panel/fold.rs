//! Which sections of the counts panel are open when the panel is too short for all of them:
//! the section holding the selected count first, then the others from the top, as many as fit;
//! the rest fold to one summary line each, so that every section stays on screen.

use crate::tui::app::PanelRow;

/// A section of the panel: rows `start..end`, the first its heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub start: usize,
    pub end: usize,
}

impl Section {
    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn contains(self, row: usize) -> bool {
        (self.start..self.end).contains(&row)
    }
}

/// The panel's rows cut into sections at every heading.
pub fn sections(rows: &[PanelRow]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let heading = matches!(row, PanelRow::Heading(..) | PanelRow::OutcomesHeading);
        match out.last_mut() {
            Some(last) if !heading => last.end = i + 1,
            _ => out.push(Section {
                start: i,
                end: i + 1,
            }),
        }
    }
    out
}

/// Which sections are open in `capacity` lines: all when they fit; else the one with the
/// `selected` row first, then the others top to bottom while they fit, every other section
/// folded to its one line.
pub fn open_sections(sections: &[Section], capacity: usize, selected: Option<usize>) -> Vec<bool> {
    let all: usize = sections.iter().map(|s| s.len()).sum();
    if all <= capacity {
        return vec![true; sections.len()];
    }
    let mut open = vec![false; sections.len()];
    let mut used = sections.len();
    let first = selected.and_then(|row| sections.iter().position(|s| s.contains(row)));
    let order = first.into_iter().chain(0..sections.len());
    for i in order {
        let more = sections[i].len() - 1;
        if !open[i] && used + more <= capacity {
            open[i] = true;
            used += more;
        }
    }
    // The selected section opens even when it alone is too long: the panel then shows the
    // part around the selection.
    if let Some(i) = first {
        open[i] = true;
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Dimension;
    use crate::tui::app::PanelItem;

    fn rows() -> Vec<PanelRow> {
        let label = |d, c| PanelRow::Item(PanelItem::Label(d, Some(c)));
        vec![
            PanelRow::Heading(Some(Dimension::Scope), false),
            label(Dimension::Scope, 0),
            label(Dimension::Scope, 1),
            PanelRow::Heading(Some(Dimension::Reporter), true),
            label(Dimension::Reporter, 0),
            label(Dimension::Reporter, 1),
            label(Dimension::Reporter, 2),
            PanelRow::Heading(Some(Dimension::Substitute), false),
            label(Dimension::Substitute, 0),
        ]
    }

    #[test]
    fn sections_start_at_headings() {
        let s = sections(&rows());
        assert_eq!(
            s.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
            [(0, 3), (3, 7), (7, 9)]
        );
    }

    #[test]
    fn folding_keeps_every_section_on_screen_and_opens_the_selected_one() {
        let s = sections(&rows());
        assert_eq!(open_sections(&s, 9, None), [true, true, true]);
        assert_eq!(open_sections(&s, 8, None), [true, true, false]);
        // 7 lines: scope (3) and substitute (2) open, reporter folded to 1.
        assert_eq!(open_sections(&s, 7, None), [true, false, true]);
        // With a reporter row selected, reporter opens first.
        assert_eq!(open_sections(&s, 7, Some(5)), [false, true, true]);
        assert_eq!(open_sections(&s, 3, None), [false, false, false]);
        assert_eq!(open_sections(&s, 2, Some(8)), [false, false, true]);
    }
}
