//! A loopback port that refuses connections for as long as a test needs it.
//!
//! Binding `127.0.0.1:0`, reading the port and dropping the listener is racy: in a parallel
//! test run another test's server may be given that port a moment later, and the "unreachable"
//! URL then answers (CI once saw `list` succeed against it). A socket that is bound but never
//! listens keeps the port taken, so no one else gets it, and the kernel answers every
//! connection to it with a reset: "connection refused", every time.

use socket2::{Domain, Protocol, Socket, Type};
use std::net::SocketAddr;

/// Holds a port on 127.0.0.1 on which every connection is refused. Keep it alive while the
/// URL is in use.
pub struct Refused {
    pub addr: SocketAddr,
    _held: Socket,
}

impl Refused {
    pub fn new() -> Refused {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, Some(Protocol::TCP)).expect("socket");
        let any_port: SocketAddr = "127.0.0.1:0".parse().unwrap();
        socket.bind(&any_port.into()).expect("bind 127.0.0.1:0");
        let addr = socket
            .local_addr()
            .expect("local address")
            .as_socket()
            .expect("an inet address");
        Refused {
            addr,
            _held: socket,
        }
    }

    /// Lets the port go, for a server under test that binds it at once. Until then it was
    /// refused and taken; the window in which another test could be given it is the server's
    /// start-up, not the whole test.
    pub fn hand_over(self) -> u16 {
        self.addr.port()
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

#[test]
fn a_held_port_refuses_connections_and_cannot_be_taken() {
    let refused = Refused::new();
    let err = std::net::TcpStream::connect(refused.addr).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::ConnectionRefused, "{err}");
    assert!(std::net::TcpListener::bind(refused.addr).is_err());
}
