// Receivers written the ways people write them, for `lpwh check`'s tests. Node's own http and
// crypto modules only. Usage: node receiver.js MODE SECRET; prints the port it listens on
// (127.0.0.1, a free port) on stdout.
//
// MODE:
//   guide        the Studio guide's verifier: HMAC-SHA256 of `${t}.${body}`, t in seconds
//   accept-all   answers 200 to anything, checks nothing
//   five-hundred verifies what Studio really sends, but answers a bad signature with 500
//   slow         verifies what Studio really sends, and takes 6 s to answer each delivery
//   reserialize  parses the body and verifies the HMAC of JSON.stringify(parsed), as Studio's
//                own test receiver does: only bytes JavaScript writes verify
//   uuid         verifies, then refuses (400) an event whose id is not a UUID (`isUUID`)
//   crash        parses the body before verifying, without a try: a body that is not JSON
//                throws, and the process exits
//   status-body  answers every request 200, saying {"status":"401"} in the body when the
//                signature is wrong
//   rate-limit   verifies, and answers 429 from the 41st request on
//   no-freshness verifies the HMAC and nothing else (no timestamp check)
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
  if (!hmacValid(p, raw)) return false;
  let body;
  try { body = JSON.parse(raw); } catch (e) { return false; }
  return body.timestamp === Number(p.t) && Math.abs(Date.now() - Number(p.t)) < 300000;
}

function hmacValid(p, raw) {
  const expected = crypto.createHmac('sha256', secret).update(raw).digest('hex');
  return !!p.v1 && equal(expected, p.v1);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
let requests = 0;

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
      case 'reserialize': {
        let parsed;
        try { parsed = JSON.parse(raw); } catch (e) { return answer(400); }
        return answer(realValid(header, JSON.stringify(parsed)) ? 200 : 401);
      }
      case 'uuid': {
        if (!realValid(header, raw)) return answer(401);
        return answer(UUID.test(JSON.parse(raw).id) ? 200 : 400);
      }
      case 'crash': {
        const parsed = JSON.parse(raw); // throws on a body that is not JSON: the process exits
        return answer(realValid(header, raw) && parsed ? 200 : 401);
      }
      case 'status-body':
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end(JSON.stringify({ status: realValid(header, raw) ? 'ok' : '401' }));
      case 'rate-limit':
        requests += 1;
        if (requests > 40) return answer(429);
        return answer(realValid(header, raw) ? 200 : 401);
      case 'no-freshness':
        return answer(hmacValid(parts(header), raw) ? 200 : 401);
      default:
        return answer(500);
    }
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
