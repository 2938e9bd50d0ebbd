// The ingest ceiling: a bare node:http server that reads and parses the same JSON bodies and answers
// 202, with nothing stored. Started as its own process by the ingest benchmark.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    } catch {
      res.writeHead(400).end();
    }
  });
});
server.listen(Number(process.argv[2]), '127.0.0.1');
