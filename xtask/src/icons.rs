//! `cargo xtask icons`: every icon size the stores ask for, made from the one
//! drawn icon (`extension/icons/icon-128.png`) with no tool from outside:
//! a small PNG reader and writer (8-bit RGBA, as the icon is) and an
//! area-weighted resample (bilinear when enlarging).
//!
//! - shipped in every build (`extension/icons/`, named in the manifest):
//!   16, 32, 48 and 128 as drawn, and 96 made here (Firefox's add-on icon
//!   at twice 48);
//! - store listings only (`docs/store/`): Chrome Web Store icon 128x128,
//!   Microsoft Edge Add-ons logo 300x300, addons.mozilla.org icon 128x128.
//!
//! The same source gives the same bytes (no time or tool version is
//! written), so the files are kept in git and a test checks they are current.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::{Compression, Crc};

use crate::cmd::Result;
use crate::paths;

/// The drawn icon every other size is made from.
pub const SOURCE: &str = "extension/icons/icon-128.png";

/// The sizes made from it, and where each goes (relative to the root).
/// (16, 32 and 48 are drawn for their size and kept as they are.)
pub const MADE: [(u32, &str); 3] = [
    (96, "extension/icons/icon-96.png"),
    (128, "docs/store/store-icon-128.png"),
    (300, "docs/store/edge-logo-300.png"),
];

/// An RGBA image, 8 bits a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
}

pub fn run() -> Result<()> {
    let root = paths::root();
    let source = decode(&read(&root.join(SOURCE))?)?;
    for (size, path) in MADE {
        let bytes = encode(&resize(&source, size));
        let target: PathBuf = root.join(path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
        }
        std::fs::write(&target, &bytes)
            .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
        println!("{path}: {size}x{size}, {} bytes", bytes.len());
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|error| format!("cannot read {}: {error}", path.display()))
}

const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];

/// Reads a PNG of 8-bit RGBA, not interlaced (what the icon is).
pub fn decode(bytes: &[u8]) -> Result<Image> {
    let rest = bytes.strip_prefix(&SIGNATURE).ok_or("not a PNG")?;
    let (mut width, mut height) = (0u32, 0u32);
    let mut data = Vec::new();
    let mut at = 0;
    while at + 8 <= rest.len() {
        let length = u32::from_be_bytes(rest[at..at + 4].try_into().map_err(|_| "bad chunk")?);
        let kind = &rest[at + 4..at + 8];
        let body = rest
            .get(at + 8..at + 8 + length as usize)
            .ok_or("a chunk runs past the end")?;
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(body[0..4].try_into().map_err(|_| "bad IHDR")?);
                height = u32::from_be_bytes(body[4..8].try_into().map_err(|_| "bad IHDR")?);
                // bit depth 8, colour type 6 (RGBA), no interlace.
                if body[8] != 8 || body[9] != 6 || body[12] != 0 {
                    return Err("only 8-bit RGBA PNGs without interlace are read".into());
                }
            }
            b"IDAT" => data.extend_from_slice(body),
            b"IEND" => break,
            _ => {}
        }
        at += 12 + length as usize;
    }
    let mut raw = Vec::new();
    ZlibDecoder::new(&data[..])
        .read_to_end(&mut raw)
        .map_err(|error| format!("bad image data: {error}"))?;
    let stride = width as usize * 4;
    if raw.len() != (stride + 1) * height as usize {
        return Err("the image data has the wrong length".into());
    }
    let mut rgba = vec![0u8; stride * height as usize];
    for y in 0..height as usize {
        let filter = raw[y * (stride + 1)];
        let line = &raw[y * (stride + 1) + 1..(y + 1) * (stride + 1)];
        for x in 0..stride {
            let a = if x >= 4 { rgba[y * stride + x - 4] } else { 0 };
            let b = if y > 0 { rgba[(y - 1) * stride + x] } else { 0 };
            let c = if x >= 4 && y > 0 {
                rgba[(y - 1) * stride + x - 4]
            } else {
                0
            };
            let predicted = match filter {
                0 => 0,
                1 => a,
                2 => b,
                3 => ((a as u16 + b as u16) / 2) as u8,
                4 => paeth(a, b, c),
                _ => return Err(format!("unknown PNG filter {filter}")),
            };
            rgba[y * stride + x] = line[x].wrapping_add(predicted);
        }
    }
    Ok(Image {
        width,
        height,
        rgba,
    })
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = a as i16 + b as i16 - c as i16;
    let (pa, pb, pc) = (
        (p - a as i16).abs(),
        (p - b as i16).abs(),
        (p - c as i16).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// Writes an 8-bit RGBA PNG (filter "up" on every line, best compression).
pub fn encode(image: &Image) -> Vec<u8> {
    let stride = image.width as usize * 4;
    let mut raw = Vec::with_capacity((stride + 1) * image.height as usize);
    for y in 0..image.height as usize {
        raw.push(2);
        for x in 0..stride {
            let above = if y > 0 {
                image.rgba[(y - 1) * stride + x]
            } else {
                0
            };
            raw.push(image.rgba[y * stride + x].wrapping_sub(above));
        }
    }
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    encoder.write_all(&raw).expect("writing to memory");
    let data = encoder.finish().expect("writing to memory");
    let mut header = Vec::new();
    header.extend_from_slice(&image.width.to_be_bytes());
    header.extend_from_slice(&image.height.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    let mut png = SIGNATURE.to_vec();
    for (kind, body) in [(b"IHDR", header), (b"IDAT", data), (b"IEND", Vec::new())] {
        png.extend_from_slice(&(body.len() as u32).to_be_bytes());
        let mut crc = Crc::new();
        crc.update(kind);
        crc.update(&body);
        png.extend_from_slice(kind);
        png.extend_from_slice(&body);
        png.extend_from_slice(&crc.sum().to_be_bytes());
    }
    png
}

/// The image at `size` x `size`: each target pixel the area-weighted mean of
/// the source pixels it covers (bilinear when enlarging), colours weighted
/// by their alpha so that transparent corners do not darken the edges.
pub fn resize(source: &Image, size: u32) -> Image {
    if source.width == size && source.height == size {
        return source.clone();
    }
    let scale_x = source.width as f64 / size as f64;
    let scale_y = source.height as f64 / size as f64;
    let pixel = |x: i64, y: i64| -> [f64; 4] {
        let x = x.clamp(0, source.width as i64 - 1) as usize;
        let y = y.clamp(0, source.height as i64 - 1) as usize;
        let at = (y * source.width as usize + x) * 4;
        let alpha = source.rgba[at + 3] as f64 / 255.0;
        [
            source.rgba[at] as f64 * alpha,
            source.rgba[at + 1] as f64 * alpha,
            source.rgba[at + 2] as f64 * alpha,
            alpha,
        ]
    };
    let mut rgba = Vec::with_capacity(size as usize * size as usize * 4);
    for ty in 0..size {
        for tx in 0..size {
            let mut sum = [0.0f64; 4];
            if scale_x >= 1.0 {
                // Shrinking: the source area under the target pixel.
                let (x0, x1) = (tx as f64 * scale_x, (tx + 1) as f64 * scale_x);
                let (y0, y1) = (ty as f64 * scale_y, (ty + 1) as f64 * scale_y);
                let mut total = 0.0;
                let mut sy = y0.floor() as i64;
                while (sy as f64) < y1 {
                    let wy = (y1.min(sy as f64 + 1.0) - y0.max(sy as f64)).max(0.0);
                    let mut sx = x0.floor() as i64;
                    while (sx as f64) < x1 {
                        let wx = (x1.min(sx as f64 + 1.0) - x0.max(sx as f64)).max(0.0);
                        let p = pixel(sx, sy);
                        for (s, v) in sum.iter_mut().zip(p) {
                            *s += v * wx * wy;
                        }
                        total += wx * wy;
                        sx += 1;
                    }
                    sy += 1;
                }
                for s in &mut sum {
                    *s /= total;
                }
            } else {
                // Enlarging: bilinear between the four nearest centres.
                let fx = (tx as f64 + 0.5) * scale_x - 0.5;
                let fy = (ty as f64 + 0.5) * scale_y - 0.5;
                let (x0, y0) = (fx.floor(), fy.floor());
                let (dx, dy) = (fx - x0, fy - y0);
                for (ox, oy, w) in [
                    (0, 0, (1.0 - dx) * (1.0 - dy)),
                    (1, 0, dx * (1.0 - dy)),
                    (0, 1, (1.0 - dx) * dy),
                    (1, 1, dx * dy),
                ] {
                    let p = pixel(x0 as i64 + ox, y0 as i64 + oy);
                    for (s, v) in sum.iter_mut().zip(p) {
                        *s += v * w;
                    }
                }
            }
            let alpha = sum[3];
            for channel in &sum[..3] {
                let value = if alpha > 0.0 { channel / alpha } else { 0.0 };
                rgba.push(value.round().clamp(0.0, 255.0) as u8);
            }
            rgba.push((alpha * 255.0).round().clamp(0.0, 255.0) as u8);
        }
    }
    Image {
        width: size,
        height: size,
        rgba,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Image {
        decode(&read(&paths::root().join(SOURCE)).expect("the icon")).expect("a PNG")
    }

    #[test]
    fn the_icon_reads_back_as_it_is_written() {
        let icon = source();
        assert_eq!((icon.width, icon.height), (128, 128));
        assert_eq!(decode(&encode(&icon)).expect("a PNG"), icon);
    }

    #[test]
    fn every_size_is_made_and_current() {
        // `cargo xtask icons` after a change of the drawn icon.
        let icon = source();
        for (size, path) in MADE {
            let made = encode(&resize(&icon, size));
            let kept = read(&paths::root().join(path)).expect(path);
            let image = decode(&kept).expect(path);
            assert_eq!((image.width, image.height), (size, size), "{path}");
            assert!(made == kept, "{path} is not current: run cargo xtask icons");
        }
    }

    #[test]
    fn a_flat_colour_stays_that_colour_at_every_size() {
        let flat = Image {
            width: 8,
            height: 8,
            rgba: [30, 60, 90, 255].repeat(64),
        };
        for size in [3, 4, 8, 20] {
            let resized = resize(&flat, size);
            assert_eq!(
                resized.rgba,
                [30, 60, 90, 255].repeat((size * size) as usize)
            );
        }
    }
}
