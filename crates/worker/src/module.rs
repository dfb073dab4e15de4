//! The page module, into the record frames that need it. Nothing of it is
//! web-accessible: the worker runs it in the frame as a content script
//! (`scripting.executeScript`), and hands it its WebAssembly as a message,
//! so that it loads on any office address the browser allows the extension
//! on, and no web page can fetch (or fingerprint) the extension's files.

use std::cell::RefCell;

use smartoffice_browser::{runtime, scripting};
use smartoffice_emoney::flow::Origin;
use smartoffice_snapshot::protocol::Reply;
use smartoffice_snapshot::text;

use crate::words::say;

/// The page module as a classic script (`cargo xtask dist` bundles it),
/// and its plain-JavaScript copy for pages that forbid WebAssembly.
pub const PAGE: &str = "pkg/page.js";
const PAGE_PLAIN_JS: &str = "pkg/page-plain.js";
const PAGE_WASM: &str = "pkg/page_bg.wasm";

thread_local! {
    static WASM: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn failed() -> Reply {
    Reply::Failed {
        said: say(&text!("pageLoadFailed")),
    }
}

pub async fn load(origin: &Origin, plain_js: bool) -> Reply {
    let file = if plain_js { PAGE_PLAIN_JS } else { PAGE };
    if scripting::inject(origin.tab, origin.frame, &[file.to_owned()]).await {
        Reply::Loaded
    } else {
        failed()
    }
}

pub async fn wasm() -> Reply {
    if let Some(base64) = WASM.with(|kept| kept.borrow().clone()) {
        return Reply::Wasm { base64 };
    }
    let answer = gloo_net::http::Request::get(&runtime::url(PAGE_WASM))
        .send()
        .await;
    let bytes = match answer {
        Ok(answer) if answer.ok() => answer.binary().await.ok(),
        _ => None,
    };
    let Some(bytes) = bytes else {
        return failed();
    };
    let base64 = encode(&bytes);
    WASM.with(|kept| *kept.borrow_mut() = Some(base64.clone()));
    Reply::Wasm { base64 }
}

/// Standard base64, with padding.
fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, byte)| n | (u32::from(*byte) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode;

    #[test]
    fn base64_is_the_standard_one() {
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"f"), "Zg==");
        assert_eq!(encode(b"fo"), "Zm8=");
        assert_eq!(encode(b"foo"), "Zm9v");
        assert_eq!(encode(b"foobar"), "Zm9vYmFy");
        assert_eq!(encode(&[0, 255, 128]), "AP+A");
    }
}
