//! Cohen's kappa: agreement between two raters beyond what chance would give.
//!
//! ```text
//! p_o = Σ n_ii / n                        observed agreement
//! p_e = Σ (row_i / n) · (column_i / n)    agreement expected by chance from the margins
//! κ   = (p_o − p_e) / (1 − p_e)
//! ```

/// κ of a square confusion matrix (`matrix[i][j]`: rater A said category i, rater B said j).
/// `None` for an empty matrix, a matrix that is not square, and when `p_e` is 1 (both raters
/// used one and the same category for everything: chance explains all agreement, κ is
/// undefined).
pub fn cohen_kappa(matrix: &[Vec<u64>]) -> Option<f64> {
    let k = matrix.len();
    if matrix.iter().any(|row| row.len() != k) {
        return None;
    }
    let n: u64 = matrix.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let observed = (0..k).map(|i| matrix[i][i] as f64).sum::<f64>() / n;
    let expected = (0..k)
        .map(|i| {
            let row: u64 = matrix[i].iter().sum();
            let column: u64 = matrix.iter().map(|r| r[i]).sum();
            (row as f64 / n) * (column as f64 / n)
        })
        .sum::<f64>();
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round4(x: f64) -> f64 {
        (x * 10_000.0).round() / 10_000.0
    }

    // The textbook 2×2 (50 items: both yes 20, A yes B no 5, A no B yes 10, both no 15):
    // p_o = 35/50 = 0.7; A says yes 25/50, B 30/50; p_e = 0.5·0.6 + 0.5·0.4 = 0.5;
    // κ = 0.2 / 0.5 = 0.4.
    #[test]
    fn two_by_two() {
        let k = cohen_kappa(&[vec![20, 5], vec![10, 15]]).unwrap();
        assert_eq!(round4(k), 0.4);
    }

    // 3×3, n = 100: diagonal 25 + 20 + 40 = 85 → p_o = 0.85; rows 30, 25, 45; columns 30, 26,
    // 44; p_e = (900 + 650 + 1980) / 10,000 = 0.353; κ = 0.497 / 0.647 = 0.768161.
    #[test]
    fn three_by_three() {
        let m = [vec![25, 2, 3], vec![4, 20, 1], vec![1, 4, 40]];
        assert_eq!(round4(cohen_kappa(&m).unwrap()), 0.7682);
    }

    #[test]
    fn perfect_chance_and_undefined() {
        assert_eq!(cohen_kappa(&[vec![5, 0], vec![0, 5]]), Some(1.0));
        // Agreement exactly at chance: p_o = 0.5, p_e = 0.5.
        assert_eq!(cohen_kappa(&[vec![5, 5], vec![5, 5]]), Some(0.0));
        assert_eq!(cohen_kappa(&[vec![7, 0], vec![0, 0]]), None);
        assert_eq!(cohen_kappa(&[]), None);
        assert_eq!(cohen_kappa(&[vec![1, 2]]), None);
    }
}
