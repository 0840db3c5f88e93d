//! What an unquoted YAML scalar means: the YAML 1.2 core schema, with two choices of ours.
//!
//! Only `true`/`false` (any of their three casings) are booleans, so `scope: y` or
//! `owner: no` stay text; dates stay text, because both YAML and TOML dates are read by the
//! validator, which gives a malformed one the same message in either format. Whatever the
//! resolution, the node keeps the scalar's raw text for callers that want an id.

use std::borrow::Cow;

use super::Value;

/// The value of the plain scalar `text`.
pub fn resolve_plain(text: Cow<'_, str>) -> Value<'_> {
    match text.as_ref() {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    match number(&text) {
        Some(value) => value,
        None => Value::Str(text),
    }
}

/// An integer or a float in one of the core schema's spellings, `None` for anything else.
fn number(s: &str) -> Option<Value<'static>> {
    let first = *s.as_bytes().first()?;
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        return None;
    }
    let (negative, unsigned) = match s.as_bytes()[0] {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if let Some(hex) = s.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(octal) = s.strip_prefix("0o") {
        return radix(octal, 8);
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => {
            return Some(Value::Float(if negative {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }));
        }
        ".nan" | ".NaN" | ".NAN" if s == unsigned => return Some(Value::Float(f64::NAN)),
        _ => {}
    }
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(unsigned) {
        // Past i64, an integer is kept as the nearest float, as JSON readers do.
        return Some(match s.parse::<i64>() {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(s.parse().ok()?),
        });
    }
    // [0-9]* ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?, with at least one digit before the exponent
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mantissa_ok = (int.is_empty() || digits(int))
        && (frac.is_empty() || digits(frac))
        && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e)));
    if mantissa_ok && exponent_ok && (mantissa.contains('.') || exponent.is_some()) {
        return s.parse().ok().map(Value::Float);
    }
    None
}

fn radix(digits: &str, radix: u32) -> Option<Value<'static>> {
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    Some(match i64::from_str_radix(digits, radix) {
        Ok(i) => Value::Int(i),
        Err(_) => Value::Float(f64::INFINITY),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Value<'_> {
        resolve_plain(Cow::Borrowed(s))
    }

    #[test]
    fn core_schema_spellings() {
        assert_eq!(v("~"), Value::Null);
        assert_eq!(v("True"), Value::Bool(true));
        assert_eq!(v("yes"), Value::Str("yes".into()));
        assert_eq!(v("-7"), Value::Int(-7));
        assert_eq!(v("+7"), Value::Int(7));
        assert_eq!(v("0x1F"), Value::Int(31));
        assert_eq!(v("0o17"), Value::Int(15));
        assert_eq!(v("1.20"), Value::Float(1.2));
        assert_eq!(v("1e3"), Value::Float(1000.0));
        assert_eq!(v(".5"), Value::Float(0.5));
        assert_eq!(v("-.inf"), Value::Float(f64::NEG_INFINITY));
        assert!(matches!(v(".nan"), Value::Float(f) if f.is_nan()));
        assert_eq!(v("9223372036854775808"), Value::Float(9.223372036854776e18));
    }

    #[test]
    fn ids_dates_and_words_stay_text() {
        for s in [
            "8.6.1",
            "4.1-1",
            "2026-11-20",
            "12:30",
            "1 000",
            "1_000",
            ".",
            "-",
            "+",
            "1.2.3",
            "e3",
            "1e",
            "0x",
            "nan",
            "inf",
            "-.nan",
            "x1",
        ] {
            assert_eq!(v(s), Value::Str(s.into()), "{s}");
        }
    }
}
