//! The standard normal quantile function, for z-scores of confidence levels.

/// Φ⁻¹(p): the z with P(Z ≤ z) = p, for 0 < p < 1. Acklam's rational approximation (relative
/// error below 1.2e-9), enough for sample sizes and intervals printed to four decimals.
pub fn quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    if p < LOW {
        let q = (-2.0 * p.ln()).sqrt();
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -quantile(1.0 - p)
    }
}

/// The two-sided z-score of a confidence level: Φ⁻¹(1 − (1 − c)/2) (1.96 for 0.95).
pub fn z_two_sided(confidence: f64) -> f64 {
    quantile(1.0 - (1.0 - confidence) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_quantiles() {
        // Reference values (Python's statistics.NormalDist().inv_cdf).
        assert!((z_two_sided(0.95) - 1.959_963_984_540_054).abs() < 1e-8);
        assert!((z_two_sided(0.99) - 2.575_829_303_548_901).abs() < 1e-8);
        assert!((z_two_sided(0.90) - 1.644_853_626_951_472_2).abs() < 1e-8);
        assert!((quantile(0.01) + 2.326_347_874_040_841).abs() < 1e-8);
        assert!(quantile(0.5).abs() < 1e-12);
    }
}
