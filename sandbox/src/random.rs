//! Unguessable tokens and client ids from the operating system's generator.

#[derive(Debug, thiserror::Error)]
#[error("the operating system's random generator failed: {0}")]
pub struct RandomError(getrandom::Error);

fn bytes<const N: usize>() -> Result<[u8; N], RandomError> {
    let mut buf = [0u8; N];
    getrandom::getrandom(&mut buf).map_err(RandomError)?;
    Ok(buf)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// 256 random bits as 64 hex digits: access, refresh, session and launch tokens.
pub fn token() -> Result<String, RandomError> {
    Ok(hex(&bytes::<32>()?))
}

/// A version-4 UUID, the form eMoney uses for its record ids.
pub fn uuid() -> Result<String, RandomError> {
    let mut b = bytes::<16>()?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    Ok(format!(
        "{}-{}-{}-{}-{}",
        hex(&b[0..4]),
        hex(&b[4..6]),
        hex(&b[6..8]),
        hex(&b[8..10]),
        hex(&b[10..16])
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn uuids_have_the_v4_shape() -> Result<(), super::RandomError> {
        let id = super::uuid()?;
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert_ne!(id, super::uuid()?);
        Ok(())
    }
}
