// Receivers written the ways people write them, for `lpwh check`'s tests. Node's own http and
// crypto modules only. Usage: node receiver.js MODE SECRET; prints the port it listens on
// (127.0.0.1, a free port) on stdout.
//
// MODE:
//   guide        the Studio guide's verifier: HMAC-SHA256 of `${t}.${body}`, t in seconds
//   accept-all   answers 200 to anything, checks nothing
//   five-hundred verifies what Studio really sends, but answers a bad signature with 500
//   slow         verifies what Studio really sends, and takes 6 s to answer each delivery
const http = require('http');
const crypto = require('crypto');
const [mode, secret] = process.argv.slice(2);

function parts(header) {
  return Object.fromEntries((header || '').split(',').map((kv) => kv.split('=')));
}

function equal(a, b) {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

// What Studio sends: HMAC of the raw body, t in ms equal to the body's timestamp, fresh.
function realValid(header, raw) {
  const p = parts(header);
  if (!p.t || !p.v1) return false;
  const expected = crypto.createHmac('sha256', secret).update(raw).digest('hex');
  if (!equal(expected, p.v1)) return false;
  let body;
  try { body = JSON.parse(raw); } catch (e) { return false; }
  return body.timestamp === Number(p.t) && Math.abs(Date.now() - Number(p.t)) < 300000;
}

// The guide's verifier, as its readers write it.
function guideValid(header, raw) {
  const p = parts(header);
  if (!p.t || !p.v1) return false;
  const expected = crypto.createHmac('sha256', secret).update(`${p.t}.${raw}`).digest('hex');
  if (!equal(expected, p.v1)) return false;
  return Math.abs(Date.now() / 1000 - Number(p.t)) < 300;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks).toString('utf8');
    const header = req.headers['livepeer-signature'];
    const answer = (status) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status }));
    };
    switch (mode) {
      case 'accept-all':
        return answer(200);
      case 'guide':
        return answer(guideValid(header, raw) ? 200 : 401);
      case 'five-hundred':
        return answer(realValid(header, raw) ? 200 : 500);
      case 'slow':
        return setTimeout(() => answer(realValid(header, raw) ? 200 : 401), 6000);
      default:
        return answer(500);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
