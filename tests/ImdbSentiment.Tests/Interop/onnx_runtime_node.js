// Scores token ids with an exported model in ONNX Runtime's Node.js binding: each text alone, then all of them in one
// batch padded to the longest. Usage: node onnx_runtime_node.js MODEL.onnx IDS.json PAD_ID
// IDS.json: [[id, ...], ...]. Prints {"alone": [[p, ...], ...], "padded": [[p, ...], ...]}, every class's
// probability per text ([1 - p, p] for a binary model).
const path = require('path');
const ort = require(path.join(process.env.IMDB_SENTIMENT_ORT_NODE, 'node_modules', 'onnxruntime-node'));
const fs = require('fs');

function tensors(ids, pad) {
  const steps = Math.max(...ids.map(x => x.length));
  const tokens = new BigInt64Array(ids.length * steps).fill(BigInt(pad));
  ids.forEach((x, b) => x.forEach((id, t) => { tokens[b * steps + t] = BigInt(id); }));
  return {
    tokens: new ort.Tensor('int64', tokens, [ids.length, steps]),
    lengths: new ort.Tensor('int64', BigInt64Array.from(ids.map(x => BigInt(x.length))), [ids.length]),
  };
}

function rows(output, count) {
  const data = Array.from(output.data);
  if (output.dims.length === 1) return data.map(p => [1 - p, p]);
  const width = output.dims[1];
  return Array.from({ length: count }, (_, b) => data.slice(b * width, (b + 1) * width));
}

(async () => {
  const [model, idsPath, pad] = process.argv.slice(2);
  const ids = JSON.parse(fs.readFileSync(idsPath, 'utf8'));
  const session = await ort.InferenceSession.create(model);
  const alone = [];
  for (const x of ids) alone.push(rows((await session.run(tensors([x], pad))).probabilities, 1)[0]);
  const padded = rows((await session.run(tensors(ids, pad))).probabilities, ids.length);
  process.stdout.write(JSON.stringify({ alone, padded }));
})().catch(error => { console.error(error.stack || String(error)); process.exit(1); });
