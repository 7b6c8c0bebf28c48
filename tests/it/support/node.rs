//! The Node receivers in `tests/it/receivers/receiver.js` (the Studio guide's verifier and the
//! other ways people get it wrong), run with real Node on 127.0.0.1.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// A Node receiver in `mode`, verifying with `secret`; killed on drop.
pub struct NodeReceiver {
    child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    /// `http://127.0.0.1:PORT/webhooks`
    pub url: String,
}

impl NodeReceiver {
    pub fn start(mode: &str, secret: &str) -> NodeReceiver {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/receivers/receiver.js");
        let mut child = Command::new("node")
            .arg(script)
            .args([mode, secret])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node (.ci/test installs it)");
        // It prints its port once listening.
        let mut port = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut port)
            .unwrap();
        let addr = format!("127.0.0.1:{}", port.trim());
        NodeReceiver {
            child,
            url: format!("http://{addr}/webhooks"),
            addr,
        }
    }
}

impl Drop for NodeReceiver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
