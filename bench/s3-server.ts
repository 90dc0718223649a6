/**
 * The bench's S3-compatible server: s3rver as the tests start it (test/fakes/s3rver.ts), on a
 * loopback port, run under tsx by bench/run.mjs. Prints `{"port": N}` once listening, stops
 * on SIGTERM or when its parent closes stdin.
 */
import { startS3rver } from "../test/fakes/s3rver";

const server = await startS3rver();
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();
