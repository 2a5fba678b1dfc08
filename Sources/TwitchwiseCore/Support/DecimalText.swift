/// Numbers as text, as printf's `%.Nf` writes them, without Foundation's formatter
/// (which costs more than answering a question).
public enum DecimalText {
    /// `value` with `decimals` decimals (at most 9): "0.28", "-1.50".
    public static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "\(value)" }
        var scale: Int64 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = rounded(abs(value), times: Double(scale))
        let fraction = String(scaled % scale)
        let sign = value.sign == .minus ? "-" : ""  // printf writes "-0.00" too
        guard decimals > 0 else { return sign + String(scaled) }
        return sign + String(scaled / scale) + "." + String(repeating: "0", count: decimals - fraction.count) + fraction
    }

    /// `value * scale` rounded as printf rounds the exact binary value: to the nearest, ties to even.
    /// For `value >= 0` and a product well inside `Int64`.
    public static func rounded(_ value: Double, times scale: Double) -> Int64 {
        let product = value * scale
        // The product's rounding error, exactly (fused multiply-add): product + error is value * scale.
        let error = (-product).addingProduct(value, scale)
        var whole = product.rounded(.down)
        let rest = product - whole  // exact
        // Only a rest of exactly one half is close enough to the middle for the error to decide.
        if rest > 0.5 || (rest == 0.5 && (error > 0 || (error == 0 && Int64(whole) % 2 == 1))) { whole += 1 }
        return Int64(whole)
    }
}
