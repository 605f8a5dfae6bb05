// Statement-batch ingest rate of POST /xapi/statements (docs/performance.md "xAPI statement batches").
// Usage: node bench/xapi/ingest.mjs URL KEYID SECRET [statements=5000] [batch=100] [clients=1] [people=200]
// Every statement is an ADL `completed` of a mapped course by a mapped actor, so each becomes a course_completed in the
// same transaction (the mapping must already be set: mapping.json printed with --mapping). Prints one JSON line.
const [url, user, secret, total = '5000', batch = '100', clients = '1', people = '200'] = process.argv.slice(2);
const P = +people;
if (user === '--mapping') {
  const actors = Array.from({ length: P }, (_, i) => ({ personId: `X${i}`, mbox: `mailto:p${i}@bench.example` }));
  console.log(JSON.stringify({ actors, courses: [{ activity: 'https://bench.example/course', courseId: 'bench-course', programId: 'bench', hours: 2 }] }));
  process.exit(0);
}
const auth = 'Basic ' + Buffer.from(`${user}:${secret}`).toString('base64');
const statement = (n) => ({
  id: crypto.randomUUID(),
  actor: { mbox: `mailto:p${n % P}@bench.example` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: 'https://bench.example/course' },
  result: { completion: true, duration: 'PT1H30M' },
  timestamp: new Date(Date.UTC(2025, 0, 1) + (n % 400_000) * 60000).toISOString(), // all in the past
});
const batches = [];
for (let i = 0; i < +total; i += +batch) batches.push(JSON.stringify(Array.from({ length: Math.min(+batch, +total - i) }, (_, k) => statement(i + k))));
const post = async (body) => {
  const r = await fetch(url + '/statements', { method: 'POST', body, headers: { authorization: auth, 'content-type': 'application/json', 'x-experience-api-version': '1.0.3' } });
  if (r.status !== 200) throw new Error(`${r.status} ${await r.text()}`);
  await r.arrayBuffer();
};
// warm-up (not counted): one batch of other statements
await post(JSON.stringify(Array.from({ length: +batch }, (_, k) => statement(10_000_000 + k))));
let next = 0;
const started = performance.now();
await Promise.all(Array.from({ length: +clients }, async () => { while (next < batches.length) await post(batches[next++]); }));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ statements: +total, batch: +batch, clients: +clients, seconds: +seconds.toFixed(2), statementsPerSecond: Math.round(+total / seconds) }));
