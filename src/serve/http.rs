//! The preview's HTTP layer: a small HTTP/1.1 server on loopback, bounded in everything a
//! client can send.
//!
//! Why not `tiny_http` (used before): it has no limit on a header line, reads a body of
//! whatever size a request announces into a buffer of that size, and unwraps on accept, so a
//! local process could take gigabytes or close the port. The preview needs only `GET` of a few
//! pages and one event stream, so the server is small enough to hold in one file with its
//! limits in one place ([`Limits`]):
//!
//! - a request head (request line and headers) of at most [`Limits::head_bytes`], read within
//!   [`Limits::head_time`]; no request body (a `Content-Length` other than 0 or any
//!   `Transfer-Encoding` is refused unread with 413); header names are tokens and a `Host` is
//!   required (400 otherwise);
//! - at most [`Limits::connections`] connections at once (the next is answered 503 and
//!   closed), each on its own thread, one request per connection (`Connection: close`);
//! - page bodies shared between connections ([`Arc`]), so slow readers of a large page hold
//!   a reference each, not a copy; writes time out after [`Limits::write_time`];
//! - at most [`Limits::listeners`] event streams: a new one ends the oldest, so a process that
//!   takes every slot cannot keep the browser's own page from following saves;
//! - only the machine's own host names (`Host:`), against DNS rebinding: 421 otherwise.
//!
//! A local process that opens connections without end can still keep the preview busy (any
//! server on a machine can be flooded from that machine); what it cannot do is make the server
//! hold memory beyond these bounds, stop it, or leave a page showing an old report: a page
//! whose event stream was ended fetches itself again when it reconnects.
//!
//! Every answer carries the site's content-security policy (see [`Reply`]).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a client may send and hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The request line and headers together, in bytes.
    pub head_bytes: usize,
    /// How long the request head may take to arrive.
    pub head_time: Duration,
    /// How long one write of the answer may wait for the client to read.
    pub write_time: Duration,
    /// Connections open at once.
    pub connections: usize,
    /// Event streams open at once (each also counts as a connection).
    pub listeners: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            head_bytes: 8 * 1024,
            head_time: Duration::from_secs(2),
            write_time: Duration::from_secs(30),
            connections: 256,
            listeners: 32,
        }
    }
}

/// A request the server lets through to the site: a `GET` of `path` on an allowed host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The path with its query, as sent (`/u/0/?x`).
    pub path: String,
}

/// What the site answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// An HTML page (shared: never copied per connection).
    Page(Arc<str>),
    /// The event stream: the server sends `data: N` each time [`Events::wait`] returns a new
    /// version.
    Events,
    /// Not found.
    NotFound,
}

/// The change counter event streams follow.
pub trait Events: Send + Sync {
    /// The current version.
    fn version(&self) -> u64;
    /// Waits until the version moves past `seen` or `timeout` passes; the version then.
    fn wait(&self, seen: u64, timeout: Duration) -> u64;
}

/// The site behind the server.
pub trait Site: Events {
    /// The answer to a request.
    fn answer(&self, request: &Request) -> Reply;
    /// The content-security policy sent with every answer.
    fn policy(&self) -> &str;
}

/// A listening server.
pub struct Server {
    listener: TcpListener,
    limits: Limits,
}

impl Server {
    /// Listens on 127.0.0.1 at `port` (0: a free port).
    pub fn bind(port: u16, limits: Limits) -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", port))?;
        Ok(Server { listener, limits })
    }

    /// The port listened on.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map_or(0, |a| a.port())
    }

    /// Answers connections until the process ends. A failed accept (too many open files, a
    /// connection reset before it was taken) is waited out, never a reason to stop.
    pub fn run<S: Site + 'static>(self, site: Arc<S>) {
        let open = Arc::new(AtomicUsize::new(0));
        let streams = Arc::new(Streams::default());
        for stream in self.listener.incoming() {
            let Ok(stream) = stream else {
                std::thread::sleep(Duration::from_millis(20));
                continue;
            };
            if open.load(Ordering::SeqCst) >= self.limits.connections {
                // Answered on the spot, without waiting for what the client sends.
                let mut stream = stream;
                refuse(&mut stream, 503);
                let _ = stream.shutdown(std::net::Shutdown::Both);
                continue;
            }
            open.fetch_add(1, Ordering::SeqCst);
            let slot = Slot(Arc::clone(&open));
            let (site, streams, limits) = (Arc::clone(&site), Arc::clone(&streams), self.limits);
            let spawned = std::thread::Builder::new()
                .stack_size(128 * 1024)
                .spawn(move || {
                    let _slot = slot;
                    serve_connection(stream, &*site, &streams, limits);
                });
            // A thread that could not start drops its slot with the closure.
            drop(spawned);
        }
    }
}

/// A connection's place in the count, given back when the connection ends however it ends.
struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The event streams open, oldest first, by number.
#[derive(Default)]
struct Streams {
    next: AtomicU64,
    open: Mutex<std::collections::VecDeque<u64>>,
}

impl Streams {
    /// Opens a stream, ending the oldest when `limit` are open; returns its number.
    fn open(&self, limit: usize) -> u64 {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let mut open = lock(&self.open);
        while open.len() >= limit.max(1) {
            open.pop_front();
        }
        open.push_back(id);
        id
    }

    fn is_open(&self, id: u64) -> bool {
        lock(&self.open).contains(&id)
    }

    fn close(&self, id: u64) {
        lock(&self.open).retain(|&i| i != id);
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Why a request head is not answered by the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Malformed (400).
    BadRequest,
    /// Not a name of this machine (421).
    Host,
    /// Not `GET`/`HEAD` (405).
    Method,
    /// It announces a body (413).
    Body,
    /// The head is longer than the limit (431).
    TooLarge,
}

impl Refusal {
    fn status(self) -> u16 {
        match self {
            Refusal::BadRequest => 400,
            Refusal::Host => 421,
            Refusal::Method => 405,
            Refusal::Body => 413,
            Refusal::TooLarge => 431,
        }
    }
}

/// A parsed request head: the request, and whether only the head of the answer is wanted.
#[derive(Debug, PartialEq, Eq)]
pub struct Head {
    /// The request.
    pub request: Request,
    /// `HEAD`: the answer without its body.
    pub head_only: bool,
}

/// Parses a request head (without its final blank line): the checks every request passes.
pub fn parse_head(head: &[u8]) -> Result<Head, Refusal> {
    let text = std::str::from_utf8(head).map_err(|_| Refusal::BadRequest)?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next().unwrap_or("").split(' ');
    let (Some(method), Some(path), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Refusal::BadRequest);
    };
    if !version.starts_with("HTTP/1.") || !path.starts_with('/') {
        return Err(Refusal::BadRequest);
    }
    let mut host = false;
    for line in lines {
        // A bare CR or LF inside a line could hide a header from this reading and not from
        // another's: refused.
        if line.contains(['\r', '\n']) {
            return Err(Refusal::BadRequest);
        }
        let (name, value) = line.split_once(':').ok_or(Refusal::BadRequest)?;
        // A field name is a token (RFC 9110 5.6.2): `Host : x` or `Host/1: x` is not a Host
        // header to let through unchecked.
        let tchar = |b: u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b);
        if name.is_empty() || !name.bytes().all(tchar) {
            return Err(Refusal::BadRequest);
        }
        let value = value.trim();
        if name.eq_ignore_ascii_case("host") {
            if !own_host(value) {
                return Err(Refusal::Host);
            }
            host = true;
        }
        let body = (name.eq_ignore_ascii_case("content-length") && value != "0")
            || name.eq_ignore_ascii_case("transfer-encoding");
        if body {
            return Err(Refusal::Body);
        }
    }
    // Every browser names the host; a request without one is not let through.
    if !host {
        return Err(Refusal::BadRequest);
    }
    let head_only = match method {
        "GET" => false,
        "HEAD" => true,
        _ => return Err(Refusal::Method),
    };
    Ok(Head {
        request: Request {
            path: path.to_string(),
        },
        head_only,
    })
}

/// Whether a `Host` header names this machine: a page of another site that a DNS answer points
/// at 127.0.0.1 (DNS rebinding) must not read the draft.
fn own_host(host: &str) -> bool {
    let name = match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

/// Reads a request head: up to the blank line, at most `limits.head_bytes`, within
/// `limits.head_time`.
fn read_head(stream: &mut TcpStream, limits: Limits) -> Result<Vec<u8>, Option<Refusal>> {
    let began = Instant::now();
    let mut head = Vec::with_capacity(1024);
    let mut buf = [0u8; 1024];
    loop {
        let left = limits.head_time.saturating_sub(began.elapsed());
        if left.is_zero() {
            return Err(None);
        }
        let _ = stream.set_read_timeout(Some(left));
        let n = match stream.read(&mut buf) {
            Ok(0) | Err(_) => return Err(None),
            Ok(n) => n,
        };
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&buf[..n]);
        if let Some(end) = memchr::memmem::find(&head[from..], b"\r\n\r\n") {
            head.truncate(from + end);
            return Ok(head);
        }
        if head.len() > limits.head_bytes {
            return Err(Some(Refusal::TooLarge));
        }
    }
}

/// Closes after the answer without losing it: the client's side is read (a little, briefly)
/// before the socket goes, since closing with unread bytes makes the system reset the
/// connection, which can drop the answer before the client reads it.
fn close_gently(mut stream: TcpStream) {
    const LINGER: Duration = Duration::from_millis(500);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let began = Instant::now();
    let mut rest = [0u8; 4096];
    let mut drained = 0usize;
    while drained < 256 * 1024 {
        let left = LINGER.saturating_sub(began.elapsed());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut rest) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

fn serve_connection(stream: TcpStream, site: &dyn Site, streams: &Streams, limits: Limits) {
    let mut stream = stream;
    answer_connection(&mut stream, site, streams, limits);
    close_gently(stream);
}

fn answer_connection(stream: &mut TcpStream, site: &dyn Site, streams: &Streams, limits: Limits) {
    let _ = stream.set_write_timeout(Some(limits.write_time));
    let head = match read_head(stream, limits) {
        Ok(head) => head,
        Err(Some(refusal)) => return refuse(stream, refusal.status()),
        Err(None) => return,
    };
    if head.len() > limits.head_bytes {
        return refuse(stream, Refusal::TooLarge.status());
    }
    let head = match parse_head(&head) {
        Ok(head) => head,
        Err(refusal) => return refuse(stream, refusal.status()),
    };
    let policy = site.policy();
    match site.answer(&head.request) {
        Reply::Page(body) => {
            let _ = write_answer(stream, 200, policy, Some(&body), head.head_only);
        }
        Reply::NotFound => {
            let _ = write_answer(stream, 404, policy, Some("404"), head.head_only);
        }
        Reply::Events if head.head_only => {
            let _ = write_answer(stream, 200, policy, None, true);
        }
        Reply::Events => events(stream, site, streams, limits),
    }
}

/// The reason phrase of the statuses the server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        _ => "Service Unavailable",
    }
}

fn write_answer(
    stream: &mut TcpStream,
    status: u16,
    policy: &str,
    body: Option<&str>,
    head_only: bool,
) -> std::io::Result<()> {
    let body = body.unwrap_or("");
    let head = format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nContent-Security-Policy: {policy}\r\n\
         Connection: close\r\n\r\n",
        reason(status),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body.as_bytes())?;
    }
    stream.flush()
}

/// Answers with a bare status (the connection is then closed).
fn refuse(stream: &mut TcpStream, status: u16) {
    let _ = stream.set_write_timeout(Some(Duration::from_secs(1)));
    let _ = write!(
        stream,
        "HTTP/1.1 {status} {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        reason(status)
    );
}

/// Server-sent events: a message each time the version moves, a comment now and then so a
/// closed page is noticed; ends when a newer stream takes its slot.
fn events(stream: &mut TcpStream, site: &dyn Site, streams: &Streams, limits: Limits) {
    const BEAT: Duration = Duration::from_secs(15);
    const LOOK: Duration = Duration::from_secs(1);
    let id = streams.open(limits.listeners);
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Content-Security-Policy: {}\r\nConnection: close\r\n\r\n",
        site.policy()
    );
    let mut ok = stream.write_all(head.as_bytes()).is_ok();
    let mut seen = site.version();
    let mut quiet = Duration::ZERO;
    while ok && streams.is_open(id) {
        let now = site.wait(seen, LOOK);
        let message = if now == seen {
            quiet += LOOK;
            if quiet < BEAT {
                continue;
            }
            quiet = Duration::ZERO;
            ": still here\n\n".to_string()
        } else {
            seen = now;
            quiet = Duration::ZERO;
            format!("data: {now}\n\n")
        };
        ok = stream.write_all(message.as_bytes()).is_ok() && stream.flush().is_ok();
    }
    streams.close(id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_checked_before_the_site_sees_them() {
        let ok = parse_head(b"GET /u/0/ HTTP/1.1\r\nHost: 127.0.0.1:8080").unwrap();
        assert_eq!(ok.request.path, "/u/0/");
        assert!(!ok.head_only);
        let cases: [(&[u8], Refusal); 11] = [
            (
                b"GET / HTTP/1.1\r\nX: a\nHost: evil.example\r\nHost: localhost",
                Refusal::BadRequest,
            ),
            (
                b"GET / HTTP/1.1\r\nHost/1: evil\r\nHost: localhost",
                Refusal::BadRequest,
            ),
            (b"GET / HTTP/1.1", Refusal::BadRequest),
            (
                b"GET / HTTP/1.1\r\nHost : evil.example",
                Refusal::BadRequest,
            ),
            (
                b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length : 5",
                Refusal::BadRequest,
            ),
            (b"GET / HTTP/1.1\r\nHost: evil.example", Refusal::Host),
            (b"GET / HTTP/1.1\r\nHost: 127.0.0.1.evil:80", Refusal::Host),
            (b"POST / HTTP/1.1\r\nHost: localhost", Refusal::Method),
            (
                b"GET / HTTP/1.1\r\nContent-Length: 1000000000",
                Refusal::Body,
            ),
            (
                b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked",
                Refusal::Body,
            ),
            (b"GET /\r\n", Refusal::BadRequest),
        ];
        for (head, refusal) in cases {
            assert_eq!(
                parse_head(head),
                Err(refusal),
                "{}",
                String::from_utf8_lossy(head)
            );
        }
    }

    #[test]
    fn a_new_stream_ends_the_oldest_past_the_limit() {
        let streams = Streams::default();
        let first = streams.open(2);
        let second = streams.open(2);
        let third = streams.open(2);
        assert!(!streams.is_open(first));
        assert!(streams.is_open(second) && streams.is_open(third));
    }
}
